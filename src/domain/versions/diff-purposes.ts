/** The policy diff of purposes: added or removed, their basis, categories, parties and periods. */
import { compareDurations, describeDuration } from '../policy/duration.js';
import { LEGAL_BASIS_NAME } from '../policy/render/words.js';
import type { LegalBasis, Purpose } from '../policy/schema.js';
import { byId, type Context, type Draft, json, listDrafts } from './diff-context.js';

export function purposeChanges(ctx: Context): Draft[] {
  const out: Draft[] = [];
  for (const [id, p] of ctx.purposes.after) {
    if (ctx.purposes.before.has(id)) continue;
    out.push({
      area: 'purpose',
      type: 'added',
      path: 'purposes',
      item: id,
      before: null,
      after: json({ title: p.title, legalBasis: p.legalBasis, categories: p.categories }),
      purposes: [id],
      rule: 'new_purpose',
      summary: `New purpose: “${p.title}”, based on ${LEGAL_BASIS_NAME[p.legalBasis]}.`,
    });
  }
  for (const [id, p] of ctx.purposes.before) {
    if (ctx.purposes.after.has(id)) continue;
    out.push({
      area: 'purpose',
      type: 'removed',
      path: 'purposes',
      item: id,
      before: json({ title: p.title, legalBasis: p.legalBasis }),
      after: null,
      purposes: [id],
      rule: null,
      summary: `We no longer process your data for “${p.title}”.`,
    });
  }
  for (const [id, b] of ctx.purposes.before) {
    const a = ctx.purposes.after.get(id);
    if (a) out.push(...samePurposeChanges(ctx, b, a));
  }
  return out;
}

function samePurposeChanges(ctx: Context, b: Purpose, a: Purpose): Draft[] {
  const out: Draft[] = [];
  const at = `purposes.${a.id}`;
  const title = `“${a.title}”`;
  const base = { purposes: [a.id] };
  if (b.legalBasis !== a.legalBasis)
    out.push({
      ...base,
      area: 'legal_basis',
      type: 'changed',
      path: `${at}.legalBasis`,
      item: 'legalBasis',
      before: b.legalBasis,
      after: a.legalBasis,
      rule: 'changed_legal_basis',
      summary: `${title} now rests on ${basis(a.legalBasis)} instead of ${basis(b.legalBasis)}.`,
    });
  out.push(
    ...listDrafts(base.purposes, b.categories, a.categories, {
      area: 'data_category',
      path: `${at}.categories`,
      rule: 'new_category',
      added: (c) => `${title} now also uses your ${ctx.category(c)}.`,
      removed: (c) => `${title} no longer uses your ${ctx.category(c)}.`,
    }),
  );
  for (const kind of ['processor', 'recipient'] as const) {
    const key = kind === 'processor' ? 'processors' : 'recipients';
    const known = kind === 'processor' ? ctx.processors.before : ctx.recipients.before;
    const names = kind === 'processor' ? ctx.processors : ctx.recipients;
    const name = (x: string) => names.after.get(x)?.name ?? names.before.get(x)?.name ?? x;
    out.push(
      ...listDrafts(base.purposes, b[key] ?? [], a[key] ?? [], {
        area: kind,
        path: `${at}.${key}`,
        rule: 'new_processor',
        // A party new to the whole policy is reported once, as a new processor or recipient.
        skipAdded: (x) => !known.has(x),
        added: (x) => `${title}: your data are now also shared with ${name(x)}.`,
        removed: (x) => `${title}: your data are no longer shared with ${name(x)}.`,
      }),
    );
  }
  out.push(
    ...listDrafts(base.purposes, b.legalHolds ?? [], a.legalHolds ?? [], {
      area: 'retention',
      path: `${at}.legalHolds`,
      rule: 'longer_retention',
      added: (x) => `${title}: some data are now kept longer where the law requires it (${x}).`,
    }),
  );
  const retention = retentionChange(b.retention, a.retention, `${at}.retention`, title);
  if (retention) out.push({ ...base, ...retention });
  return out;
}

const basis = (b: LegalBasis) => LEGAL_BASIS_NAME[b] ?? b;

type Period = { readonly anchor: string; readonly duration: string };

/**
 * Longer or not: `compareDurations` from every start date. A period that may be longer (P1M vs P30D) or
 * starts from another event counts as longer: nobody can promise it is not.
 */
function retentionChange(b: Period, a: Period, path: string, what: string): Omit<Draft, 'purposes'> | null {
  if (b.anchor === a.anchor && b.duration === a.duration) return null;
  let order: -1 | 0 | 1 | null = null;
  try {
    order = b.anchor === a.anchor ? compareDurations(a.duration, b.duration) : null;
  } catch {
    order = null;
  }
  if (order === 0) return null; // P1Y and P12M: the same period, written differently
  const longer = order !== -1;
  const words = (p: Period) => {
    try {
      return `${describeDuration(p.duration)} from ${p.anchor.replace(/_/g, ' ')}`;
    } catch {
      return `${p.duration} from ${p.anchor}`;
    }
  };
  return {
    area: 'retention',
    type: 'changed',
    path,
    item: 'retention',
    before: json({ anchor: b.anchor, duration: b.duration }),
    after: json({ anchor: a.anchor, duration: a.duration }),
    rule: longer ? 'longer_retention' : null,
    summary: `${what}: data are now kept ${words(a)} (before: ${words(b)})${longer ? '' : ', a shorter period'}.`,
  };
}

/** Periods of the laws that keep data after a purpose (Art. 17(3)(b)). */
export function obligationChanges(ctx: Context): Draft[] {
  const out: Draft[] = [];
  const after = byId(ctx.after.legalObligations);
  for (const b of ctx.before.legalObligations ?? []) {
    const a = after.get(b.id);
    if (!a) continue;
    const change = retentionChange(b, a, `legalObligations.${b.id}`, `“${a.title}”`);
    if (!change) continue;
    const purposes = [...ctx.purposes.after.values()]
      .filter((p) => (p.legalHolds ?? []).includes(b.id))
      .map((p) => p.id);
    out.push({ ...change, purposes });
  }
  return out;
}
