/**
 * GDPR Art. 27 (and UK GDPR Art. 27): a controller established outside the EU (or UK) that offers
 * services to people there designates a representative, unless its processing is occasional and low-risk.
 * A warning because that exception exists; the published policy should then say why none is named.
 */
import { EEA_COUNTRIES } from '../taxonomy.js';
import type { Finding, Rule } from './types.js';

export const representativeMissing: Rule = {
  id: 'representative-missing',
  severity: 'warning',
  description:
    'A controller outside the EU/UK serving that jurisdiction without naming an Art. 27 representative.',
  *check(policy) {
    const { controller } = policy;
    const findings: Finding[] = [];
    if (
      controller.jurisdictions.includes('eu') &&
      !EEA_COUNTRIES.includes(controller.country) &&
      !controller.euRepresentative
    ) {
      findings.push({
        path: ['controller', 'country'],
        message: `controller '${controller.name}' is established in ${controller.country} and serves the EU but names no euRepresentative (Art. 27)`,
      });
    }
    if (
      controller.jurisdictions.includes('uk') &&
      controller.country !== 'GB' &&
      !controller.ukRepresentative
    ) {
      findings.push({
        path: ['controller', 'country'],
        message: `controller '${controller.name}' is established in ${controller.country} and serves the UK but names no ukRepresentative (UK GDPR Art. 27)`,
      });
    }
    yield* findings;
  },
};
