/**
 * The data map drawn as SVG: five columns of nodes joined by curves. Pointing at or focusing a node lights
 * what it connects to and dims the rest; Enter or a click pins it. One node is in the tab order at a time
 * (roving tabindex): arrows move within a column and across to the nearest linked node, Home and End jump
 * to a column's ends, Escape unpins. Positions are SVG attributes; every colour comes from styles.css.
 */
import { type KeyboardEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import { COLUMNS, connectedTo, type DataMapGraph, type MapNode } from './dataMapGraph.js';

const COL_STEP = 214;
const NODE_W = 170;
const VIEW_W = 4 * COL_STEP + NODE_W;
const NODE_H = 26;
const ROW = 32;
const HEAD = 44;
const MAX_CHARS = 23;

const clip = (label: string) =>
  label.length > MAX_CHARS ? `${label.slice(0, MAX_CHARS - 1).trimEnd()}…` : label;

interface Placed {
  readonly node: MapNode;
  readonly x: number;
  readonly y: number;
  readonly row: number;
}

export interface DataMapDiagramProps {
  readonly graph: DataMapGraph;
  readonly columnTitles: readonly string[];
  /** The picture's name, and the ids of the heading and the help text around it. */
  readonly title: string;
  readonly labelledBy: string;
  readonly describedBy: string;
  /** The accessible name of a node: its kind, its full label, what it connects to. */
  readonly describeNode: (node: MapNode, lit: ReadonlySet<string>) => string;
  readonly renderDetail: (node: MapNode, lit: ReadonlySet<string>, pinned: boolean) => ReactNode;
  readonly idleDetail: ReactNode;
}

export function DataMapDiagram(props: DataMapDiagramProps) {
  const { graph } = props;
  const maxRows = Math.max(1, ...graph.columns.map((c) => c.length));
  const height = HEAD + maxRows * ROW + 8;
  const placed = useMemo(() => {
    const map = new Map<string, Placed>();
    graph.columns.forEach((column, c) => {
      const top = HEAD + ((maxRows - column.length) * ROW) / 2;
      for (const [row, node] of column.entries())
        map.set(node.key, { node, x: c * COL_STEP, y: top + row * ROW, row });
    });
    return map;
  }, [graph, maxRows]);
  const connections = useMemo(() => {
    const cache = new Map<string, ReturnType<typeof connectedTo>>();
    return (key: string) => {
      let hit = cache.get(key);
      if (!hit) {
        hit = connectedTo(graph, key);
        cache.set(key, hit);
      }
      return hit;
    };
  }, [graph]);

  const firstKey = (graph.columns[2]?.[0] ?? graph.columns.find((c) => c.length > 0)?.[0])?.key ?? null;
  const [focusKey, setFocusKey] = useState<string | null>(firstKey);
  const [hovered, setHovered] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const [pinned, setPinned] = useState<string | null>(null);
  const refs = useRef(new Map<string, SVGGElement>());
  const active = hovered ?? focused ?? pinned;
  const lit = active ? connections(active) : null;

  const moveTo = (key: string | undefined) => {
    if (!key) return;
    setFocusKey(key);
    refs.current.get(key)?.focus();
  };

  /** The node to go to from `from` in the column `step` away: a linked one if any, the nearest otherwise. */
  const across = (from: Placed, step: -1 | 1): string | undefined => {
    for (let c = from.node.column + step; c >= 0 && c < COLUMNS.length; c += step) {
      const column = graph.columns[c] ?? [];
      if (column.length === 0) continue;
      const linked = connections(from.node.key).nodes;
      const candidates = column.filter((n) => linked.has(n.key));
      const pool = candidates.length > 0 ? candidates : column;
      return pool.reduce((best, n) =>
        Math.abs(placed.get(n.key)!.y - from.y) < Math.abs(placed.get(best.key)!.y - from.y) ? n : best,
      ).key;
    }
    return undefined;
  };

  const onKeyDown = (event: KeyboardEvent<SVGGElement>, at: Placed) => {
    const column = graph.columns[at.node.column] ?? [];
    const togglePin = () => setPinned((p) => (p === at.node.key ? null : at.node.key));
    switch (event.key) {
      case 'ArrowDown':
        moveTo(column[Math.min(column.length - 1, at.row + 1)]?.key);
        break;
      case 'ArrowUp':
        moveTo(column[Math.max(0, at.row - 1)]?.key);
        break;
      case 'ArrowRight':
        moveTo(across(at, 1));
        break;
      case 'ArrowLeft':
        moveTo(across(at, -1));
        break;
      case 'Home':
        moveTo(column[0]?.key);
        break;
      case 'End':
        moveTo(column.at(-1)?.key);
        break;
      case 'Enter':
      case ' ':
        togglePin();
        break;
      case 'Escape':
        setPinned(null);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const activeNode = active ? graph.nodes.get(active) : undefined;
  return (
    <>
      <figure className="map-scroll" aria-labelledby={props.labelledBy} aria-describedby={props.describedBy}>
        <svg className={`map${lit ? ' has-active' : ''}`} viewBox={`0 0 ${VIEW_W} ${height}`}>
          <title>{props.title}</title>
          <defs>
            {/* A long label never spills out of its box, whatever the font. */}
            <clipPath id="map-label-clip">
              <rect x={4} width={NODE_W - 8} height={NODE_H} />
            </clipPath>
          </defs>
          <g>
            {props.columnTitles.map((title, c) => (
              <text key={title} className="map-head" x={c * COL_STEP} y={18}>
                {title}
              </text>
            ))}
            {graph.edges.map((e) => {
              const a = placed.get(e.left);
              const b = placed.get(e.right);
              if (!a || !b) return null;
              const x1 = a.x + NODE_W;
              const y1 = a.y + NODE_H / 2;
              const x2 = b.x;
              const y2 = b.y + NODE_H / 2;
              const bend = (x2 - x1) / 2;
              return (
                <path
                  key={e.key}
                  className={`map-edge${lit?.edges.has(e.key) ? ' lit' : ''}`}
                  d={`M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`}
                />
              );
            })}
          </g>
          {[...placed.values()].map((at) => {
            const { node } = at;
            const isLit = lit?.nodes.has(node.key) ?? false;
            const classes = [
              'map-node',
              `map-${node.kind}`,
              node.mark ? `mark-${node.mark}` : '',
              isLit ? 'lit' : '',
              node.key === active ? 'current' : '',
            ].filter(Boolean);
            return (
              // biome-ignore lint/a11y/useSemanticElements: an SVG node cannot be a <button>; it behaves as one
              <g
                key={node.key}
                ref={(el) => {
                  if (el) refs.current.set(node.key, el);
                  else refs.current.delete(node.key);
                }}
                className={classes.join(' ')}
                transform={`translate(${at.x},${at.y})`}
                role="button"
                tabIndex={node.key === focusKey ? 0 : -1}
                aria-pressed={pinned === node.key}
                aria-label={props.describeNode(node, connections(node.key).nodes)}
                data-key={node.key}
                onMouseEnter={() => setHovered(node.key)}
                onMouseLeave={() => setHovered(null)}
                onFocus={() => {
                  setFocused(node.key);
                  setFocusKey(node.key);
                }}
                onBlur={() => setFocused(null)}
                onClick={() => setPinned((p) => (p === node.key ? null : node.key))}
                onKeyDown={(event) => onKeyDown(event, at)}
              >
                <rect width={NODE_W} height={NODE_H} rx={5} />
                <text x={8} y={NODE_H / 2 + 4} clipPath="url(#map-label-clip)">
                  {clip(node.label)}
                </text>
              </g>
            );
          })}
        </svg>
      </figure>
      <div className="map-detail" aria-live="polite">
        {activeNode && lit
          ? props.renderDetail(activeNode, lit.nodes, pinned === activeNode.key)
          : props.idleDetail}
      </div>
    </>
  );
}
