/**
 * Maps a path in the parsed policy (`['purposes', 2, 'retention', 'duration']`) back to the line and
 * column of the YAML node it came from, so every diagnostic points at the text the author must change.
 * When the path does not exist in the text (a missing key, a default), the nearest existing parent is used.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
import type { DiagnosticPath } from './diagnostics.js';

export interface Position {
  readonly line: number;
  readonly col: number;
}

export interface LocateOptions {
  /** Point at the key of the last segment (for an unknown key) instead of its value. */
  readonly key?: boolean;
}

function findPair(map: { items: Pair[] }, segment: string | number): Pair | undefined {
  return map.items.find((pair) => {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    return key !== null && key !== undefined && String(key) === String(segment);
  });
}

function start(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** Offset of the node at `path`, or of its nearest existing ancestor. */
function locateOffset(doc: Document, path: DiagnosticPath, options: LocateOptions): number {
  let node: unknown = doc.contents;
  let offset = start(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    // Aliases are followed so a finding inside anchored content still gets a position.
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = findPair(node, segment);
      next = pair?.value;
      keyNode = pair?.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    const last = i === path.length - 1;
    const keyOffset = start(keyNode);
    if (last && options.key && keyOffset !== undefined) return keyOffset;
    const nextOffset = start(next);
    if (nextOffset === undefined) return keyOffset ?? offset;
    node = next as Node;
    offset = nextOffset;
  }
  return offset;
}

export function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: DiagnosticPath,
  options: LocateOptions = {},
): Position {
  const { line, col } = lineCounter.linePos(locateOffset(doc, path, options));
  return { line: Math.max(1, line), col: Math.max(1, col) };
}

/** Position of a raw text offset (YAML syntax errors carry offsets). */
export function positionOf(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(Math.max(0, offset));
  return { line: Math.max(1, line), col: Math.max(1, col) };
}
