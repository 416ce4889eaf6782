/**
 * The registry of `policy check` rules: add a rule here, with its fixture pair under
 * test/fixtures/policy/<rule-id>/ (rules.test.ts fails for a rule without one).
 */

import type { Policy } from '../schema.js';
import { anonymousFormPersonalField } from './anonymous-form-personal-field.js';
import { consentWithoutWithdrawal } from './consent-without-withdrawal.js';
import { buildContext } from './context.js';
import { cookieWithoutConsent } from './cookie-without-consent.js';
import { duplicateId } from './duplicate-id.js';
import { formConsentPurpose } from './form-consent-purpose.js';
import { invalidDuration } from './invalid-duration.js';
import { legitimateInterestUndescribed } from './legitimate-interest-undescribed.js';
import { marketingBasisMismatch } from './marketing-basis-mismatch.js';
import { marketingWithoutOptOut } from './marketing-without-opt-out.js';
import { processorWithoutDpa } from './processor-without-dpa.js';
import { purposeRetentionAnchor } from './purpose-retention-anchor.js';
import { relationCycle } from './relation-cycle.js';
import { representativeMissing } from './representative-missing.js';
import { retentionExceedsPurpose } from './retention-exceeds-purpose.js';
import { retentionMissing } from './retention-missing.js';
import { rightsDeadlineMissing } from './rights-deadline-missing.js';
import { rightsIncomplete } from './rights-incomplete.js';
import { saleContradiction } from './sale-contradiction.js';
import { securityLogsRetention } from './security-logs-retention.js';
import { specialCategoryCondition } from './special-category-condition.js';
import { transferWithoutMechanism } from './transfer-without-mechanism.js';
import type { Rule, RuleFinding } from './types.js';
import { undeclaredFieldCategory } from './undeclared-field-category.js';
import { undefinedReference } from './undefined-reference.js';
import { unusedEntry } from './unused-entry.js';

export const RULES: readonly Rule[] = [
  duplicateId,
  undefinedReference,
  retentionMissing,
  invalidDuration,
  consentWithoutWithdrawal,
  marketingWithoutOptOut,
  marketingBasisMismatch,
  specialCategoryCondition,
  legitimateInterestUndescribed,
  transferWithoutMechanism,
  saleContradiction,
  undeclaredFieldCategory,
  retentionExceedsPurpose,
  purposeRetentionAnchor,
  relationCycle,
  anonymousFormPersonalField,
  formConsentPurpose,
  cookieWithoutConsent,
  securityLogsRetention,
  rightsDeadlineMissing,
  rightsIncomplete,
  representativeMissing,
  processorWithoutDpa,
  unusedEntry,
];

/** Runs every rule; a rule that throws (a bug) becomes a finding instead of hiding the others. */
export function runRules(policy: Policy, rules: readonly Rule[] = RULES): RuleFinding[] {
  const ctx = buildContext(policy);
  const findings: RuleFinding[] = [];
  for (const rule of rules) {
    try {
      for (const f of rule.check(policy, ctx)) {
        findings.push({ ...f, rule: rule.id, severity: rule.severity, atKey: f.atKey ?? false });
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      findings.push({
        path: [],
        message: `rule failed: ${reason}`,
        rule: rule.id,
        severity: 'error',
        atKey: false,
      });
    }
  }
  return findings;
}

export type { Finding, Rule, RuleFinding } from './types.js';
