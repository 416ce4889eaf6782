/**
 * Every registered rule has a fixture pair: bad.yaml must yield that rule (and only it) at the line
 * marked `# expect: <rule-id>`; good.yaml, the same policy repaired, must yield nothing at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from './load.js';
import { RULES } from './rules/index.js';
import { PolicySchema } from './schema.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/policy');

function expectedLine(file: string, rule: string): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(`# expect: ${rule}`));
  if (index < 0) throw new Error(`${file} has no "# expect: ${rule}" marker`);
  return index + 1;
}

describe.each(RULES.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  const dir = path.join(FIXTURES, id);

  it('fails on bad.yaml at the marked line, with no other finding', () => {
    const file = path.join(dir, 'bad.yaml');
    const { policy, diagnostics } = loadPolicyFile(file);
    expect(policy, 'bad.yaml must pass the schema so the rule runs').toBeDefined();
    expect(diagnostics.map((d) => d.rule)).toEqual(diagnostics.map(() => id));
    const hit = diagnostics.find((d) => d.line === expectedLine(file, id));
    expect(hit, JSON.stringify(diagnostics, null, 2)).toMatchObject({
      rule: id,
      severity: rule.severity,
      file,
    });
    expect(hit?.message.length).toBeGreaterThan(10);
  });

  it('passes on good.yaml', () => {
    const { policy, diagnostics } = loadPolicyFile(path.join(dir, 'good.yaml'));
    expect(policy).toBeDefined();
    expect(diagnostics).toEqual([]);
  });
});

describe('fixture directories', () => {
  it('has one directory per registered rule and no stale ones', () => {
    const dirs = fs.readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(dirs.map((d) => d.name).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('rule ids are unique and kebab-case', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
  });
});

describe('docs/policy-reference.md', () => {
  const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/policy-reference.md'), 'utf8');

  it('lists every rule with its severity', () => {
    for (const rule of RULES)
      expect(doc).toMatch(new RegExp(`\\| \`${rule.id}\` +\\| ${rule.severity} +\\|`));
  });

  it('describes every top-level field', () => {
    for (const key of Object.keys(PolicySchema.shape)) expect(doc).toMatch(new RegExp(`\\| \`${key}\` +\\|`));
  });
});
