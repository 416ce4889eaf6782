/**
 * The information GDPR Art. 15(1)–(2) owes a person who asks for access, computed from the policy and
 * from what the search found about them: confirmation, purposes, categories, recipients (with third
 * countries and their safeguards), storage periods, rights including the complaint, sources and automated
 * decisions. The summary is plain JSON (it goes into the export as summary.json); the HTML page is
 * rendered from it and from the policy's wording helpers, never from separate text.
 */

import {
  categoryTitle,
  createContext,
  purposeRelationships,
  type RenderContext,
} from '../policy/render/context.js';
import {
  countryName,
  describeRetention,
  describeTransfer,
  inSentence,
  LEGAL_BASIS_NAME,
  RIGHT,
  SOURCE,
  SPECIAL_CATEGORY_CONDITION,
  TRANSFER_EXPLAINED,
  transferName,
} from '../policy/render/words.js';
import {
  type LegalBasis,
  type Policy,
  type Processor,
  type Purpose,
  type Recipient,
  type Right,
  TRANSFER_MECHANISMS,
  type Transfer,
} from '../policy/schema.js';
import { homeRegion, TRANSFER_REGIMES } from '../policy/taxonomy.js';

/** One table of a company store where rows about the person were found. */
export interface FoundTable {
  readonly dataset: string;
  readonly table: string;
  readonly purposes: readonly string[];
  readonly categories: readonly string[];
  readonly rowCount: number;
}

/** An entry of the disclosures register (clause 2.1.3) about this person. */
export interface DisclosureEntry {
  readonly recipient: string;
  readonly categories: readonly string[];
  /** ISO 8601 time of the disclosure. */
  readonly at: string;
  readonly basis: string;
}

export interface AccessSummaryExtra {
  readonly recipientsDisclosed?: readonly DisclosureEntry[];
  /** Purposes that concern the person without rows in a store: consents in the ledger, relationships. */
  readonly relatedPurposes?: readonly string[];
  readonly generatedAt: Date;
  readonly requestId: string;
}

export interface CategoryRef {
  readonly id: string;
  readonly title: string;
}

export interface TransferInfo {
  readonly country: string;
  readonly countryName: string;
  readonly mechanism: Transfer['mechanism'] | null;
  readonly safeguard: string;
  /** Where the safeguard is documented / how to get a copy (Art. 13(1)(f), 15(2)). */
  readonly reference: string | null;
}

export interface PartyInfo {
  readonly id: string;
  readonly name: string;
  readonly kind: 'processor' | Recipient['kind'];
  readonly description: string | null;
  readonly countries: readonly { readonly code: string; readonly name: string }[];
  readonly transfers: readonly TransferInfo[];
}

export interface PurposeInfo {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** true: rows serving it were found; false: it concerns the person through consent or relationship. */
  readonly dataFound: boolean;
  readonly legalBasis: {
    readonly code: LegalBasis;
    readonly text: string;
    readonly legitimateInterest: string | null;
    readonly specialCategoryCondition: string | null;
  };
  readonly categories: readonly CategoryRef[];
  /** Art. 15(1)(d): the storage period in words, and the criteria the file gives for it. */
  readonly retention: string;
  readonly retentionCriteria: string | null;
  readonly legalHolds: readonly string[];
  readonly sources: readonly string[];
  readonly processors: readonly PartyInfo[];
  readonly recipients: readonly PartyInfo[];
  readonly automatedDecisions: string | null;
}

export interface AccessSummary {
  readonly format: 'steward.access-summary.v1';
  readonly requestId: string;
  readonly generatedAt: string;
  readonly controller: {
    readonly name: string;
    readonly legalName: string | null;
    readonly address: readonly string[];
    readonly email: string;
    readonly phone: string | null;
    readonly website: string;
    readonly dpo: { readonly name: string | null; readonly email: string } | null;
  };
  /** Art. 15(1): whether personal data about the person are processed. */
  readonly processing: boolean;
  readonly confirmation: string;
  readonly data: readonly {
    readonly dataset: string;
    readonly datasetTitle: string;
    readonly table: string;
    readonly rowCount: number;
    readonly categories: readonly CategoryRef[];
  }[];
  readonly purposes: readonly PurposeInfo[];
  readonly disclosures: readonly {
    readonly recipient: string;
    readonly recipientName: string;
    readonly categories: readonly CategoryRef[];
    readonly at: string;
    readonly basis: string;
  }[];
  /** Art. 15(2): what each safeguard used by a transfer above means. */
  readonly safeguards: readonly {
    readonly mechanism: Transfer['mechanism'];
    readonly name: string;
    readonly explanation: string;
  }[];
  readonly rights: readonly { readonly right: Right; readonly name: string; readonly text: string }[];
  readonly complaint: {
    readonly text: string;
    readonly authority: { readonly name: string; readonly url: string } | null;
  };
  readonly howToExercise: string;
}

const category = (ctx: RenderContext, id: string): CategoryRef => ({ id, title: categoryTitle(ctx, id) });

/** Where data stay home: the transfer regimes' territory, else the controller's country (as sharing.ts). */
function homeCountries(policy: Policy): Set<string> {
  const regimes = policy.controller.jurisdictions.filter((j) => TRANSFER_REGIMES.includes(j));
  return new Set(regimes.length > 0 ? regimes.flatMap(homeRegion) : [policy.controller.country]);
}

function partyInfo(ctx: RenderContext, home: ReadonlySet<string>, party: Processor | Recipient): PartyInfo {
  const transfers = party.countries
    .filter((c) => !home.has(c))
    .map((c): TransferInfo => {
      // An adequate country needs no other safeguard (Art. 45), whatever the party declares elsewhere.
      const adequate = ctx.adequate.has(c);
      return {
        country: c,
        countryName: countryName(c),
        mechanism: adequate ? 'adequacy' : (party.transfer?.mechanism ?? null),
        safeguard: adequate ? transferName('adequacy') : describeTransfer(party.transfer),
        reference: adequate ? null : (party.transfer?.reference ?? null),
      };
    });
  return {
    id: party.id,
    name: party.name,
    kind: 'kind' in party ? party.kind : 'processor',
    description: party.description ?? null,
    countries: party.countries.map((code) => ({ code, name: countryName(code) })),
    transfers,
  };
}

function purposeInfo(
  ctx: RenderContext,
  home: ReadonlySet<string>,
  p: Purpose,
  dataFound: boolean,
): PurposeInfo {
  const parties = (ids: readonly string[], map: ReadonlyMap<string, Processor | Recipient>) =>
    ids.flatMap((id) => {
      const party = map.get(id);
      return party ? [partyInfo(ctx, home, party)] : [];
    });
  const sources = (p.sources ?? []).map((s) => SOURCE[s]);
  if (p.sourceDescription) sources.push(inSentence(p.sourceDescription));
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    dataFound,
    legalBasis: {
      code: p.legalBasis,
      text: LEGAL_BASIS_NAME[p.legalBasis],
      legitimateInterest: p.legitimateInterest ?? null,
      specialCategoryCondition: p.specialCategoryCondition
        ? SPECIAL_CATEGORY_CONDITION[p.specialCategoryCondition]
        : null,
    },
    categories: p.categories.map((c) => category(ctx, c)),
    retention: describeRetention(p.retention, purposeRelationships(ctx, p)),
    retentionCriteria: p.retention.description ?? null,
    legalHolds: p.legalHolds.flatMap((id) => {
      const o = ctx.obligations.get(id);
      return o
        ? [`${o.title}: ${describeRetention(o)}, used only for ${inSentence(o.restrictedTo)} (${o.law})`]
        : [];
    }),
    sources,
    processors: parties(p.processors, ctx.processors),
    recipients: parties(p.recipients, ctx.recipients),
    automatedDecisions: p.automatedDecisions ?? null,
  };
}

/** GDPR Art. 15(1)–(2) for one person, from the policy and what was found about them. */
export function buildAccessSummary(
  policy: Policy,
  found: readonly FoundTable[],
  extra: AccessSummaryExtra,
): AccessSummary {
  const ctx = createContext(policy);
  const home = homeCountries(policy);
  const withRows = found.filter((f) => f.rowCount > 0);
  const fromData = new Set(withRows.flatMap((f) => f.purposes));
  const related = new Set(extra.relatedPurposes ?? []);
  const purposes = policy.purposes
    .filter((p) => fromData.has(p.id) || related.has(p.id))
    .map((p) => purposeInfo(ctx, home, p, fromData.has(p.id)));
  const disclosed = extra.recipientsDisclosed ?? [];
  const parties = purposes.flatMap((p) => [...p.processors, ...p.recipients]);
  const mechanisms = new Set(parties.flatMap((p) => p.transfers.map((t) => t.mechanism)));
  const processing = withRows.length > 0 || purposes.length > 0 || disclosed.length > 0;
  const c = policy.controller;
  const authority = c.supervisoryAuthority;
  return {
    format: 'steward.access-summary.v1',
    requestId: extra.requestId,
    generatedAt: extra.generatedAt.toISOString(),
    controller: {
      name: c.name,
      legalName: c.legalName ?? null,
      address: c.address,
      email: c.email,
      phone: c.phone ?? null,
      website: c.website,
      dpo: c.dpo ? { name: c.dpo.name ?? null, email: c.dpo.email } : null,
    },
    processing,
    confirmation: processing
      ? `Yes: ${c.name} processes personal data about you. This summary says which, why, for how long and who receives them.`
      : `No: ${c.name} found no personal data about you in the systems named in its privacy policy.`,
    data: withRows.map((f) => ({
      dataset: f.dataset,
      datasetTitle: policy.datasets.find((d) => d.id === f.dataset)?.title ?? f.dataset,
      table: f.table,
      rowCount: f.rowCount,
      categories: f.categories.map((id) => category(ctx, id)),
    })),
    purposes,
    disclosures: disclosed.map((d) => ({
      recipient: d.recipient,
      recipientName:
        ctx.recipients.get(d.recipient)?.name ?? ctx.processors.get(d.recipient)?.name ?? d.recipient,
      categories: d.categories.map((id) => category(ctx, id)),
      at: d.at,
      basis: d.basis,
    })),
    safeguards: TRANSFER_MECHANISMS.filter((m) => mechanisms.has(m)).map((m) => ({
      mechanism: m,
      name: transferName(m),
      explanation: TRANSFER_EXPLAINED[m],
    })),
    rights: policy.rights.offered
      .filter((r) => r !== 'complaint')
      .map((r) => ({ right: r, name: RIGHT[r].name, text: RIGHT[r].text })),
    // Art. 15(1)(f) owes the complaint right whether or not the file lists it among the offered rights.
    complaint: {
      text: RIGHT.complaint.text,
      authority: authority ? { name: authority.name, url: authority.url } : null,
    },
    howToExercise:
      policy.rights.howToExercise ??
      `To exercise any of these rights, write to us at ${c.email}. Requests are free of charge.`,
  };
}

// ---- HTML: the same summary as a page, through the policy's document model (toHtml escapes every string).
