/**
 * The emitted JSON Schema is valid draft 2020-12, accepts both example policies, refuses a misspelt key,
 * and the committed copy in docs/ is not stale (regenerate: see the failure message).
 */
import fs from 'node:fs';
import path from 'node:path';
// ajv is present through fastify; TODO(lead): declare it as a devDependency.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { POLICY_SCHEMA_ID, policyJsonSchema } from './json-schema.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const COMMITTED = path.join(repoRoot, 'docs/policy.schema.json');

describe('policyJsonSchema', () => {
  const schema = policyJsonSchema();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);

  it('is draft 2020-12 with an $id and field descriptions', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(POLICY_SCHEMA_ID);
    expect(JSON.stringify(schema)).toContain('Art. 6(1) basis; exactly one per purpose');
  });

  it.each(['examples/apisecurity/policy.yaml', 'examples/minimal/policy.yaml'])('accepts %s', (file) => {
    const valid = validate(parse(fs.readFileSync(path.join(repoRoot, file), 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('refuses an unknown key, as the zod schema does', () => {
    const policy = parse(fs.readFileSync(path.join(repoRoot, 'examples/minimal/policy.yaml'), 'utf8'));
    expect(validate({ ...policy, purpose: [] })).toBe(false);
  });

  it('matches the committed docs/policy.schema.json', () => {
    const committed = fs.existsSync(COMMITTED) ? fs.readFileSync(COMMITTED, 'utf8') : '';
    expect(
      committed,
      'regenerate: npm run build && node bin/steward.js policy schema > docs/policy.schema.json',
    ).toBe(`${JSON.stringify(schema, null, 2)}\n`);
  });
});
