import { parseCombinedLine } from './combined.js';
import type { LineResult } from './fields.js';
import { parseJsonLine } from './json-line.js';

export type { AccessEntry, LineResult, RejectReason } from './fields.js';

/**
 * One line of a web-server access log, in whichever format it is written: a line whose first non-blank
 * character is `{` is JSON, any other is the combined (or common) format. Never throws.
 */
export function parseAccessLine(line: string): LineResult {
  let i = 0;
  while (line.charCodeAt(i) === 0x20 || line.charCodeAt(i) === 0x09) i++;
  return line.charCodeAt(i) === 0x7b ? parseJsonLine(line) : parseCombinedLine(line);
}
