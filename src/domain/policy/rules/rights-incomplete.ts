/**
 * The rights a regime grants must be offered and published: GDPR Art. 13(2)(b)–(d) (access, rectification,
 * erasure, restriction, objection, portability; withdrawal where consent is used; complaint to a
 * supervisory authority) and CCPA (know, delete, correct; opt-out where data are sold or shared).
 */
import type { Right } from '../schema.js';
import type { Rule } from './types.js';

const GDPR: readonly Right[] = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'complaint',
];
const CCPA: readonly Right[] = ['access', 'erasure', 'rectification'];

export const rightsIncomplete: Rule = {
  id: 'rights-incomplete',
  severity: 'error',
  description:
    'A right the served jurisdictions grant that rights.offered leaves out (Art. 13(2)(b)–(d), CCPA).',
  *check(policy) {
    const jurisdictions = new Set(policy.controller.jurisdictions);
    const required = new Set<Right>();
    if ((['eu', 'uk', 'ch'] as const).some((j) => jurisdictions.has(j))) {
      for (const r of GDPR) required.add(r);
      if (policy.purposes.some((p) => p.legalBasis === 'consent')) required.add('withdraw_consent');
    }
    if (jurisdictions.has('us-ca')) {
      for (const r of CCPA) required.add(r);
      const sells =
        policy.purposes.some((p) => p.sale || p.share) || policy.recipients.some((r) => r.sale || r.share);
      if (sells) required.add('opt_out_sale');
    }
    const missing = [...required].filter((r) => !policy.rights.offered.includes(r));
    if (missing.length === 0) return;
    yield {
      path: ['rights', 'offered'],
      message: `rights.offered lacks ${missing.join(', ')}, which ${[...jurisdictions].join(', ')} law grants`,
    };
  },
};
