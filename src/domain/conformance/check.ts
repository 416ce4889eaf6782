/**
 * The conformance report: each promise of the policy, with a verdict computed from live data and the
 * evidence behind it. A failed promise names what breaks it; a check that could not be computed (a store
 * that does not answer) is an error, never a pass.
 */
export type CheckStatus = 'pass' | 'fail' | 'error';

export type Evidence = Record<string, string | number | boolean | null | string[]>;

export interface ConformanceCheck {
  /** Stable id, e.g. `retention.demo_store.invoices`, `security_logs.deletion`. */
  readonly id: string;
  /** The promise in words. */
  readonly promise: string;
  /** Clauses of the published policy the promise comes from. */
  readonly clauses: string[];
  readonly status: CheckStatus;
  readonly evidence: Evidence;
  /** What breaks the promise (empty when it is kept). */
  readonly breaks: string[];
}

export interface ConformanceReport {
  readonly generatedAt: string;
  readonly policy: {
    readonly controller: string;
    readonly version: string | null;
    readonly contentHash: string;
  };
  readonly summary: { readonly pass: number; readonly fail: number; readonly error: number };
  readonly checks: ConformanceCheck[];
}

export function check(
  fields: Omit<ConformanceCheck, 'status' | 'breaks'> & { breaks?: string[] },
): ConformanceCheck {
  const breaks = fields.breaks ?? [];
  return { ...fields, breaks, status: breaks.length === 0 ? 'pass' : 'fail' };
}

export function failedCheck(
  fields: Omit<ConformanceCheck, 'status' | 'breaks' | 'evidence'>,
  error: string,
): ConformanceCheck {
  return { ...fields, status: 'error', evidence: {}, breaks: [error] };
}

export function summarise(checks: readonly ConformanceCheck[]): ConformanceReport['summary'] {
  return {
    pass: checks.filter((c) => c.status === 'pass').length,
    fail: checks.filter((c) => c.status === 'fail').length,
    error: checks.filter((c) => c.status === 'error').length,
  };
}
