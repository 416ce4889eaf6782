/**
 * The public sub-processor list (clauses 2.2 and 3.1; GDPR Art. 28(2) and 13(1)(e)–(f)): every processor
 * by service, where it processes data, the safeguard of each transfer and the contract it works under.
 * One view model serves the page (through the shared document model, so it is escaped like the policy)
 * and the JSON form; nothing here knows a particular company.
 */
import type { Policy } from '../schema.js';
import { allServiceCategories, purposesByProcessor } from '../taxonomy.js';
import { createContext } from './context.js';
import { type Block, type Inlines, link, type PolicyDocument, paragraph, strong } from './model.js';
import { countryName, describeTransfer, joinWords } from './words.js';

export interface ProcessorEntry {
  readonly id: string;
  readonly name: string;
  readonly website: string | null;
  readonly services: readonly { readonly id: string; readonly title: string }[];
  readonly countries: readonly { readonly code: string; readonly name: string; readonly adequate: boolean }[];
  /** The safeguard of transfers outside the adequate area; null when every country is adequate. */
  readonly transfer: {
    readonly mechanism: string;
    readonly description: string;
    readonly reference: string | null;
  } | null;
  readonly dpa: {
    readonly reference: string;
    readonly signedAt: string | null;
    readonly url: string | null;
  } | null;
  /** Purposes (ids and titles) for which the processor receives data. */
  readonly purposes: readonly { readonly id: string; readonly title: string }[];
}

export interface ProcessorsView {
  readonly controller: string;
  readonly version: string | null;
  readonly processors: readonly ProcessorEntry[];
}

export function processorsView(policy: Policy): ProcessorsView {
  const ctx = createContext(policy);
  const services = new Map(allServiceCategories(policy).map((s) => [s.id, s.title]));
  const byProcessor = purposesByProcessor(policy);
  const titles = new Map(policy.purposes.map((p) => [p.id, p.title]));
  return {
    controller: policy.controller.name,
    version: policy.version ?? null,
    processors: policy.processors.map((p): ProcessorEntry => {
      const countries = p.countries.map((code) => ({
        code,
        name: countryName(code),
        adequate: ctx.adequate.has(code),
      }));
      const needsSafeguard = countries.some((c) => !c.adequate);
      return {
        id: p.id,
        name: p.name,
        website: p.website ?? null,
        services: p.services.map((id) => ({ id, title: services.get(id) ?? id })),
        countries,
        transfer:
          needsSafeguard && p.transfer
            ? {
                mechanism: p.transfer.mechanism,
                description: describeTransfer(p.transfer),
                reference: p.transfer.reference ?? null,
              }
            : null,
        dpa: p.dpa
          ? { reference: p.dpa.reference, signedAt: p.dpa.signedAt ?? null, url: p.dpa.url ?? null }
          : null,
        purposes: (byProcessor.get(p.id) ?? []).map((id) => ({ id, title: titles.get(id) ?? id })),
      };
    }),
  };
}

function row(p: ProcessorEntry): Inlines[] {
  const name: Inlines = [p.website ? link(p.name, p.website) : p.name];
  const where: Inlines = [joinWords(p.countries.map((c) => c.name))];
  const safeguard: Inlines = [
    p.transfer ? p.transfer.description : 'None needed: every country is adequate or home',
  ];
  const contract: Inlines = p.dpa
    ? [p.dpa.url ? link(p.dpa.reference, p.dpa.url) : p.dpa.reference]
    : ['No data processing agreement on file'];
  const purposes: Inlines = [p.purposes.map((x) => x.title).join('; ') || '—'];
  return [name, where, safeguard, contract, purposes];
}

/** The page: one table per service, in the order of the service categories. */
export function buildProcessorsDocument(policy: Policy): PolicyDocument {
  const view = processorsView(policy);
  const blocks: Block[] = [
    paragraph(
      `${view.controller} uses these data processors (sub-processors). They process personal data only on our behalf, under a data processing agreement (GDPR Art. 28). Where a country is not recognised as protecting personal data adequately, the safeguard of the transfer is named.`,
    ),
    paragraph(
      'Also available as ',
      link('JSON', '/privacy/processors.json'),
      ' and as an ',
      link('Atom feed of changes', '/privacy/processors.atom'),
      '.',
    ),
  ];
  if (view.processors.length === 0) blocks.push(paragraph('We use no data processors.'));
  for (const service of allServiceCategories(policy)) {
    const members = view.processors.filter((p) => p.services.some((s) => s.id === service.id));
    if (members.length === 0) continue;
    blocks.push({
      kind: 'table',
      caption: service.title,
      head: ['Processor', 'Where', 'Transfer safeguard', 'Contract', 'For'],
      rows: members.map(row),
    });
  }
  if (view.version) blocks.push(paragraph(strong('Policy version:'), ` ${view.version}`));
  return { title: 'Data processors', blocks };
}
