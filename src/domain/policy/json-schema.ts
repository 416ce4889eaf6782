/**
 * The JSON Schema of policy files (draft 2020-12), generated from the zod schema so the two cannot
 * disagree. Editors use it for completion and inline errors, e.g. with the YAML language server:
 *   # yaml-language-server: $schema=../../docs/policy.schema.json
 * It describes the input (defaults make fields optional); cross-reference rules stay in `policy check`.
 */
import { z } from 'zod';
import { PolicySchema } from './schema.js';

/** A URN, not a URL: the schema is identified, never fetched (nobody should depend on a host being up). */
export const POLICY_SCHEMA_ID = 'urn:steward:schema:policy:1';

let cached: Record<string, unknown> | undefined;

export function policyJsonSchema(): Record<string, unknown> {
  cached ??= {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: POLICY_SCHEMA_ID,
    title: 'Steward policy file',
    ...z.toJSONSchema(PolicySchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
  };
  // A copy, so a caller that edits the result cannot change what the next caller gets.
  return structuredClone(cached);
}
