/**
 * A `policy check` rule: a small pure function from the parsed policy to findings, each with the path of
 * the offending value (the loader turns paths into line:col). Rules never throw and never see YAML.
 */
import type { DiagnosticPath, Severity } from '../diagnostics.js';
import type { Policy } from '../schema.js';
import type { RuleContext } from './context.js';

export interface Finding {
  readonly path: DiagnosticPath;
  /** Names the offending purpose/processor/dataset by id, and says what to change. */
  readonly message: string;
  /** Point at the key of the last path segment instead of its value. */
  readonly atKey?: boolean;
}

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  /** What the rule prevents, in one sentence (shown in docs/policy-reference.md). */
  readonly description: string;
  check(policy: Policy, ctx: RuleContext): Iterable<Finding>;
}

export interface RuleFinding extends Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly atKey: boolean;
}
