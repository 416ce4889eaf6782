/**
 * Promises kept by the policy file itself: every processor under a data processing agreement, every
 * transfer with a mechanism, anonymous forms asking for nothing personal, every consent withdrawable,
 * every marketing email with an opt-out. The verdicts reuse `policy check`'s rules, so the report and the
 * linter can never disagree; the evidence lists what the file declares.
 */

import { anonymousFormPersonalField } from '../policy/rules/anonymous-form-personal-field.js';
import { consentWithoutWithdrawal } from '../policy/rules/consent-without-withdrawal.js';
import { buildContext } from '../policy/rules/context.js';
import { marketingWithoutOptOut } from '../policy/rules/marketing-without-opt-out.js';
import { processorWithoutDpa } from '../policy/rules/processor-without-dpa.js';
import { transferWithoutMechanism } from '../policy/rules/transfer-without-mechanism.js';
import type { Rule } from '../policy/rules/types.js';
import type { Policy } from '../policy/schema.js';
import { type ConformanceCheck, check } from './check.js';

function findings(rule: Rule, policy: Policy): string[] {
  return [...rule.check(policy, buildContext(policy))].map((f) => f.message);
}

const clausesOf = (entries: readonly { clauses?: readonly string[] }[]) => [
  ...new Set(entries.flatMap((e) => e.clauses ?? [])),
];

export function policyChecks(policy: Policy): ConformanceCheck[] {
  const consentPurposes = policy.purposes.filter((p) => p.legalBasis === 'consent');
  const marketing = policy.purposes.filter((p) => p.marketing);
  const anonymous = policy.forms.filter((f) => f.anonymous);
  return [
    check({
      id: 'processors.dpa',
      promise: 'Every processor works under a data processing agreement',
      clauses: clausesOf(policy.processors).filter((c) => c.startsWith('2') || c.startsWith('3')),
      evidence: {
        processors: policy.processors.length,
        withDpa: policy.processors.filter((p) => p.dpa).length,
      },
      breaks: findings(processorWithoutDpa, policy),
    }),
    check({
      id: 'transfers.mechanism',
      promise: 'Personal data leave the adequate countries only with a transfer mechanism',
      clauses: ['3', '3.1'],
      evidence: {
        transfers: [...policy.processors, ...policy.recipients]
          .filter((x) => x.transfer)
          .map((x) => `${x.id}: ${x.countries.join('/')} by ${x.transfer?.mechanism}`),
      },
      breaks: findings(transferWithoutMechanism, policy),
    }),
    check({
      id: 'consent.withdrawal',
      promise: 'Consent can be withdrawn at any time, as easily as it was given',
      clauses: ['1.1', '1.6.4'],
      evidence: {
        consentPurposes: consentPurposes.map((p) => `${p.id}: ${p.consent?.withdrawal.join(', ')}`),
      },
      breaks: findings(consentWithoutWithdrawal, policy),
    }),
    check({
      id: 'marketing.opt_out',
      promise: 'Every marketing message offers a way to opt out',
      clauses: ['1.6.3.2', '1.6.4.2'],
      evidence: { marketingPurposes: marketing.map((p) => `${p.id}: ${p.marketing?.optOut.join(', ')}`) },
      breaks: findings(marketingWithoutOptOut, policy),
    }),
    check({
      id: 'forms.anonymous',
      promise: 'Anonymous surveys and forms process no personal data',
      clauses: ['1.6.5.1'],
      evidence: { anonymousForms: anonymous.map((f) => f.id) },
      breaks: findings(anonymousFormPersonalField, policy),
    }),
  ];
}
