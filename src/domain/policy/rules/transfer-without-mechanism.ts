/**
 * GDPR Art. 44–46 and clause 3.1: personal data leave the adequate area only with a safeguard. For each
 * processor and recipient country outside the adequacy list, a mechanism must be declared and must fit:
 * DPF covers only the United States, "adequacy" only listed countries, SCCs name their module
 * (Decision 2021/914; module 2 for controller→processor). Applies when the controller answers to a
 * regime with transfer rules (EU, UK, Switzerland).
 */
import type { DiagnosticPath } from '../diagnostics.js';
import type { Transfer } from '../schema.js';
import { TRANSFER_REGIMES } from '../taxonomy.js';
import type { RuleContext } from './context.js';
import type { Finding, Rule } from './types.js';

function* checkParty(
  owner: string,
  base: DiagnosticPath,
  countries: readonly string[],
  transfer: Transfer | undefined,
  ctx: RuleContext,
): Iterable<Finding> {
  const outside = countries.map((c, i) => ({ c, i })).filter(({ c }) => !ctx.adequate.has(c));
  if (outside.length === 0) return;
  const first = outside[0]!;
  const mechanism = transfer?.mechanism;
  if (!mechanism || mechanism === 'none') {
    yield {
      path: [...base, 'countries', first.i],
      message: `${owner} processes data in ${outside.map((o) => o.c).join(', ')}, outside the adequacy list, with no transfer mechanism (transfer.mechanism: scc, dpf, bcr…)`,
    };
    return;
  }
  const uncovered =
    mechanism === 'adequacy' ? outside : mechanism === 'dpf' ? outside.filter(({ c }) => c !== 'US') : [];
  for (const { c, i } of uncovered) {
    const why =
      mechanism === 'dpf'
        ? 'the Data Privacy Framework covers only the United States'
        : `${c} is not in the adequacy list`;
    yield {
      path: [...base, 'countries', i],
      message: `${owner}: transfer to ${c} is not covered by '${mechanism}': ${why}`,
    };
  }
  if (mechanism === 'scc' && transfer?.sccModule === undefined) {
    yield {
      path: [...base, 'transfer', 'mechanism'],
      message: `${owner}: name the SCC module (transfer.sccModule: 2 for controller to processor)`,
    };
  }
}

export const transferWithoutMechanism: Rule = {
  id: 'transfer-without-mechanism',
  severity: 'error',
  description:
    'A processor or recipient in a country without adequacy and without a fitting transfer mechanism (Art. 44–46).',
  *check(policy, ctx) {
    if (!policy.controller.jurisdictions.some((j) => TRANSFER_REGIMES.includes(j))) return;
    for (const [i, x] of policy.processors.entries()) {
      yield* checkParty(`processor '${x.id}'`, ['processors', i], x.countries, x.transfer, ctx);
    }
    for (const [i, x] of policy.recipients.entries()) {
      yield* checkParty(`recipient '${x.id}'`, ['recipients', i], x.countries, x.transfer, ctx);
    }
  },
};
