/** The policy diff of processors and recipients: who, where, under which transfer safeguard, which data. */

import type { ChangeType } from '../policy/diff.js';
import { countryName, transferName } from '../policy/render/words.js';
import type { Recipient, Transfer } from '../policy/schema.js';
import { type Context, type Draft, json, listDrafts, usersOf } from './diff-context.js';

export function partyChanges(ctx: Context, kind: 'processor' | 'recipient'): Draft[] {
  const out: Draft[] = [];
  const maps = kind === 'processor' ? ctx.processors : ctx.recipients;
  const key = kind === 'processor' ? 'processors' : 'recipients';
  const noun = kind === 'processor' ? 'service provider' : 'recipient';
  for (const [id, x] of maps.after) {
    if (maps.before.has(id)) continue;
    const where = x.countries.length > 0 ? ` in ${x.countries.map(countryName).join(', ')}` : '';
    out.push({
      area: kind,
      type: 'added',
      path: key,
      item: id,
      before: null,
      after: json({ name: x.name, countries: x.countries, transfer: x.transfer?.mechanism ?? null }),
      purposes: usersOf(ctx, kind, id),
      rule: 'new_processor',
      summary: `New ${noun}: ${x.name}${where}.`,
    });
  }
  for (const [id, x] of maps.before) {
    if (maps.after.has(id)) continue;
    out.push({
      area: kind,
      type: 'removed',
      path: key,
      item: id,
      before: json({ name: x.name, countries: x.countries }),
      after: null,
      purposes: usersOf(ctx, kind, id),
      rule: null,
      summary: `We no longer use ${x.name}.`,
    });
  }
  for (const [id, b] of maps.before) {
    const a = maps.after.get(id);
    if (!a) continue;
    const base = { purposes: usersOf(ctx, kind, id) };
    const at = `${key}.${id}`;
    out.push(
      ...listDrafts(base.purposes, b.countries, a.countries, {
        area: 'country',
        path: `${at}.countries`,
        rule: 'new_country',
        added: (c) => `${a.name} now also processes your data in ${countryName(c)}.`,
        removed: (c) => `${a.name} no longer processes your data in ${countryName(c)}.`,
      }),
    );
    const transfer = transferChange(b.transfer, a.transfer, `${at}.transfer`, a.name);
    if (transfer) out.push({ ...base, ...transfer });
    if (kind === 'recipient') {
      const rb = b as Recipient;
      const ra = a as Recipient;
      out.push(
        ...listDrafts(base.purposes, rb.categories ?? [], ra.categories ?? [], {
          area: 'data_category',
          path: `${at}.categories`,
          rule: 'new_category',
          added: (c) => `${a.name} now also receives your ${ctx.category(c)}.`,
          removed: (c) => `${a.name} no longer receives your ${ctx.category(c)}.`,
        }),
      );
    }
  }
  return out;
}

/** A transfer introduced, or its safeguard changed (Art. 44–49), is material under `new_country`. */
function transferChange(
  b: Transfer | undefined,
  a: Transfer | undefined,
  path: string,
  name: string,
): Omit<Draft, 'purposes'> | null {
  const mb = b?.mechanism ?? null;
  const ma = a?.mechanism ?? null;
  if (mb === ma) return null; // module, reference or measures alone: reported as wording
  const type: ChangeType = mb === null ? 'added' : ma === null ? 'removed' : 'changed';
  const summary =
    type === 'added'
      ? `${name}: your data are now transferred outside your country under ${transferName(ma!)}.`
      : type === 'removed'
        ? `${name}: no international transfer safeguard is needed any more.`
        : `${name}: transfers now rely on ${transferName(ma!)} instead of ${transferName(mb!)}.`;
  return {
    area: 'transfer',
    type,
    path,
    item: 'mechanism',
    before: mb,
    after: ma,
    rule: type === 'removed' ? null : 'new_country',
    summary,
  };
}
