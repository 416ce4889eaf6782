import { formatDiagnostics } from '../../domain/policy/diagnostics.js';
import { loadPolicyFile } from '../../domain/policy/load.js';
import type { Policy } from '../../domain/policy/schema.js';
import { relationshipKinds } from '../../domain/policy/taxonomy.js';

/** The policy the server runs with: validated, hashed, with the lookups other modules need. */
export interface LoadedPolicy {
  readonly file: string;
  readonly policy: Policy;
  readonly contentHash: string;
  /** Subject kinds kept as relationships with a start and an end (customer, prospect, vendor, partner, …). */
  readonly relationshipKinds: ReadonlySet<string>;
}

export class PolicyInvalidError extends Error {
  constructor(readonly report: string) {
    super(`the policy has errors:\n${report}`);
    this.name = 'PolicyInvalidError';
  }
}

/** Loads and checks a policy file; refuses (throws with compiler-style diagnostics) if it has any error. */
export function loadPolicyOrThrow(file: string): LoadedPolicy {
  const result = loadPolicyFile(file);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.policy || errors.length > 0) throw new PolicyInvalidError(formatDiagnostics(errors, 'text'));
  return {
    file,
    policy: result.policy,
    contentHash: result.contentHash,
    relationshipKinds: new Set(relationshipKinds(result.policy)),
  };
}
