/**
 * The example policy must express every numbered clause of the published text: each row of
 * ../shared/spec/clauses.md is cited by at least one entry's `clauses:`, and every citation names a real
 * clause. The example must also check without errors (its only warnings are the two Art. 27 gaps of the
 * text, documented in the file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from './load.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const CLAUSES_MD = path.resolve(repoRoot, '../shared/spec/clauses.md');
const EXAMPLE = path.join(repoRoot, 'examples/apisecurity/policy.yaml');

function numberedClauses(markdown: string): string[] {
  return [...markdown.matchAll(/^\|\s*(\d+(?:\.\d+)*)\s*\|/gm)].map((m) => m[1]!);
}

/** Every `clauses:` list anywhere in the parsed policy. */
function citedClauses(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) citedClauses(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'clauses' && Array.isArray(child)) for (const c of child) into.add(String(c));
      else citedClauses(child, into);
    }
  }
  return into;
}

describe('examples/apisecurity/policy.yaml', () => {
  const result = loadPolicyFile(EXAMPLE);

  it('checks without errors; its warnings are only the documented Art. 27 gaps', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.diagnostics.map((d) => d.rule)).toEqual([
      'representative-missing',
      'representative-missing',
    ]);
    expect(result.policy).toBeDefined();
  });

  it('cites every numbered clause of the published text', () => {
    const clauses = numberedClauses(fs.readFileSync(CLAUSES_MD, 'utf8'));
    expect(clauses.length).toBeGreaterThan(40);
    expect(clauses).toContain('1.7.2');
    expect(clauses).toContain('6');
    const cited = citedClauses(result.policy);
    const missing = clauses.filter((c) => !cited.has(c));
    expect(missing, `clauses no entry cites: ${missing.join(', ')}`).toEqual([]);
  });

  it('cites only clauses that exist', () => {
    const known = new Set(numberedClauses(fs.readFileSync(CLAUSES_MD, 'utf8')));
    const unknown = [...citedClauses(result.policy)].filter((c) => !known.has(c));
    expect(unknown, `cited but not in clauses.md: ${unknown.join(', ')}`).toEqual([]);
  });
});
