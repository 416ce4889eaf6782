/**
 * The loaded policy's structure as the console shows it (data map, processors): purposes with their legal
 * basis and retention, the data categories the file uses, processors and recipients with countries and
 * transfer safeguards, and the datasets with each table's fields → categories. An allowlist built from
 * the policy, never the parsed file as is; it holds no personal data (the policy names none).
 */
import { z } from 'zod';
import { createContext } from '../../domain/policy/render/context.js';
import { countryName, describeTransfer } from '../../domain/policy/render/words.js';
import { LEGAL_BASES, type Policy, TRANSFER_MECHANISMS, type Transfer } from '../../domain/policy/schema.js';
import { allServiceCategories, purposesByProcessor } from '../../domain/policy/taxonomy.js';
import type { LoadedPolicy } from '../policy/policy.loader.js';

const CountrySchema = z.object({
  code: z.string(),
  name: z.string(),
  adequate: z.boolean().describe('In the EU/EEA or covered by an adequacy decision (GDPR Art. 45)'),
});

const TransferViewSchema = z.object({
  mechanism: z.enum(TRANSFER_MECHANISMS),
  sccModule: z.number().int().nullable(),
  description: z.string().describe('The safeguard in words'),
  reference: z.string().nullable(),
});

export const PolicyViewSchema = z
  .object({
    controller: z.string(),
    version: z.string().nullable(),
    contentHash: z.string(),
    purposes: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        legalBasis: z.enum(LEGAL_BASES),
        categories: z.array(z.string()),
        processors: z.array(z.string()),
        recipients: z.array(z.string()),
        subjects: z.array(z.string()),
        retention: z.object({ anchor: z.string(), duration: z.string(), description: z.string().nullable() }),
        legalHolds: z.array(z.string()).describe('Legal obligations that keep data after the purpose'),
      }),
    ),
    categories: z
      .array(
        z.object({
          id: z.string(),
          title: z.string(),
          parent: z.string().nullable(),
          special: z.boolean().describe('GDPR Art. 9 special category'),
          personal: z.boolean(),
        }),
      )
      .describe('The data categories the policy uses, with the ancestors of each'),
    processors: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        website: z.string().nullable(),
        services: z.array(z.object({ id: z.string(), title: z.string() })),
        countries: z.array(CountrySchema),
        transfer: TransferViewSchema.nullable().describe('As declared; null when none is'),
        transferNeeded: z.boolean().describe('Some country is not adequate: a safeguard is required'),
        dpa: z
          .object({ reference: z.string(), signedAt: z.string().nullable(), url: z.string().nullable() })
          .nullable(),
        purposes: z.array(z.string()),
      }),
    ),
    recipients: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: z.string().describe('contractor, authority, affiliate or other'),
        categories: z.array(z.string()),
        countries: z.array(CountrySchema),
        transfer: TransferViewSchema.nullable(),
        purposes: z.array(z.string()),
      }),
    ),
    datasets: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: z.string(),
        tables: z.array(
          z.object({
            name: z.string(),
            purposes: z.array(z.string()),
            fields: z.array(z.object({ column: z.string(), category: z.string() })),
            retention: z
              .object({
                from: z.enum(['column', 'purposes']),
                anchor: z.string().nullable(),
                duration: z.string().nullable(),
              })
              .nullable(),
            legalHold: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'PolicyView' });

export type PolicyView = z.infer<typeof PolicyViewSchema>;

const transferView = (t: Transfer | undefined) =>
  t
    ? {
        mechanism: t.mechanism,
        sccModule: t.sccModule ?? null,
        description: describeTransfer(t),
        reference: t.reference ?? null,
      }
    : null;

/** Every category id the policy names, and the ancestors of each (so the hierarchy can be drawn). */
function usedCategories(policy: Policy): string[] {
  return [
    ...new Set([
      ...policy.purposes.flatMap((p) => p.categories),
      ...policy.datasets.flatMap((d) => d.tables.flatMap((t) => Object.values(t.fields))),
      ...policy.recipients.flatMap((r) => r.categories),
    ]),
  ];
}

export function buildPolicyView(loaded: LoadedPolicy): PolicyView {
  const { policy } = loaded;
  const ctx = createContext(policy);
  const country = (code: string) => ({ code, name: countryName(code), adequate: ctx.adequate.has(code) });
  const services = new Map(allServiceCategories(policy).map((s) => [s.id, s.title]));
  const byProcessor = purposesByProcessor(policy);
  const categories: PolicyView['categories'] = [];
  const seen = new Set<string>();
  const addCategory = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const c = ctx.categories.get(id);
    if (c?.parent) addCategory(c.parent);
    categories.push({
      id,
      title: c?.title ?? id,
      parent: c?.parent ?? null,
      special: c?.special ?? false,
      personal: c?.personal ?? true,
    });
  };
  for (const id of usedCategories(policy)) addCategory(id);

  return {
    controller: policy.controller.name,
    version: policy.version ?? null,
    contentHash: loaded.contentHash,
    purposes: policy.purposes.map((p) => ({
      id: p.id,
      title: p.title,
      legalBasis: p.legalBasis,
      categories: [...p.categories],
      processors: [...p.processors],
      recipients: [...p.recipients],
      subjects: [...p.subjects],
      retention: {
        anchor: p.retention.anchor,
        duration: p.retention.duration,
        description: p.retention.description ?? null,
      },
      legalHolds: [...p.legalHolds],
    })),
    categories,
    processors: policy.processors.map((p) => {
      const countries = p.countries.map(country);
      return {
        id: p.id,
        name: p.name,
        website: p.website ?? null,
        services: p.services.map((id) => ({ id, title: services.get(id) ?? id })),
        countries,
        transfer: transferView(p.transfer),
        transferNeeded: countries.some((c) => !c.adequate),
        dpa: p.dpa
          ? { reference: p.dpa.reference, signedAt: p.dpa.signedAt ?? null, url: p.dpa.url ?? null }
          : null,
        purposes: byProcessor.get(p.id) ?? [],
      };
    }),
    recipients: policy.recipients.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      categories: [...r.categories],
      countries: r.countries.map(country),
      transfer: transferView(r.transfer),
      purposes: policy.purposes.filter((p) => p.recipients.includes(r.id)).map((p) => p.id),
    })),
    datasets: policy.datasets.map((d) => ({
      id: d.id,
      title: d.title,
      kind: d.kind,
      tables: d.tables.map((t) => ({
        name: t.name,
        purposes: [...t.purposes],
        fields: Object.entries(t.fields).map(([column, category]) => ({ column, category })),
        retention: !t.retention
          ? null
          : 'anchor' in t.retention
            ? { from: 'column' as const, anchor: t.retention.anchor, duration: t.retention.duration }
            : { from: 'purposes' as const, anchor: null, duration: null },
        legalHold: t.legalHold ?? null,
      })),
    })),
  };
}
