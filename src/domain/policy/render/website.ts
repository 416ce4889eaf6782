/**
 * Clause 1.7 of the seed: the website. Security logs with the periods from `securityLogs` (full IP, then
 * truncated, then deleted), and the purposes that set cookies, grouped by cookie category (ePrivacy
 * Art. 5(3): prior consent except for what is strictly necessary; Planet49: duration and third-party access).
 */
import type { Purpose } from '../schema.js';
import { facts, numbered, type RenderContext, section } from './context.js';
import { type Block, paragraph, type Section } from './model.js';
import { type Fact, purposeBlocks } from './purpose.js';
import { COOKIE_CATEGORY, describeDurationText } from './words.js';

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function logBlocks(ctx: RenderContext): Block[] {
  const logs = ctx.policy.securityLogs;
  if (!logs) return [];
  const purpose = ctx.policy.purposes.find((p) => p.id === logs.purpose);
  return [
    ...(purpose ? purposeBlocks(ctx, purpose) : []),
    paragraph('How our logs handle your IP address:'),
    facts([
      ['Full IP address', `kept for ${describeDurationText(logs.fullIpFor)}, to defend against attacks.`],
      [
        'Then',
        `shortened to its first ${logs.truncate.ipv4} bits (IPv4) or ${logs.truncate.ipv6} bits (IPv6), so that it no longer points to one connection.`,
      ],
      ['Log lines', `deleted ${describeDurationText(logs.deleteAfter)} after they are written.`],
    ]),
  ];
}

function cookieFacts(purpose: Purpose): Fact[] {
  const w = purpose.website;
  if (!w) return [];
  const consent =
    w.cookieCategory === 'necessary'
      ? 'no consent is asked: these are strictly necessary for the service you request (ePrivacy Directive Art. 5(3)).'
      : 'set only after you agree in our cookie settings, where you can also refuse or withdraw at any time.';
  return [
    [
      'Cookie category',
      `${COOKIE_CATEGORY[w.cookieCategory]}, ${w.thirdParty ? 'including third-party cookies' : 'first-party cookies only'}.`,
    ],
    ['Cookie consent', consent],
  ];
}

function cookieTable(purposes: readonly Purpose[]): Section | undefined {
  const rows = purposes.flatMap((p) =>
    (p.website?.cookies ?? []).map((c) => [
      [c.name],
      [c.provider ?? 'us'],
      [p.title],
      [COOKIE_CATEGORY[p.website!.cookieCategory]],
      [c.duration === 'session' ? 'until you close your browser' : describeDurationText(c.duration)],
      [c.description ?? ''],
    ]),
  );
  if (rows.length === 0) return undefined;
  return section('', 'Cookies we use', 'cookies', [
    {
      kind: 'table',
      caption: 'Cookies and similar technologies',
      head: ['Name', 'Set by', 'Purpose', 'Category', 'Duration', 'What it does'],
      rows,
    },
  ]);
}

/** 1.7, or `undefined` when the policy neither keeps logs nor sets cookies. */
export function websiteSection(ctx: RenderContext): Section | undefined {
  const logs = ctx.policy.securityLogs;
  const cookiePurposes = ctx.policy.purposes.filter((p) => p.website !== undefined && p.id !== logs?.purpose);
  if (!logs && cookiePurposes.length === 0) return undefined;
  const items = [
    ...(logs ? [{ title: 'Security logs', key: 'security-logs', blocks: logBlocks(ctx) }] : []),
    ...cookiePurposes.map((p) => ({
      title: p.title,
      key: `purpose-${p.id}`,
      blocks: purposeBlocks(ctx, p, cookieFacts(p)),
    })),
  ];
  const subsections = numbered('1.7', items);
  const table = cookieTable(cookiePurposes);
  if (table) subsections.push({ ...table, number: `1.7.${subsections.length + 1}` });
  return section('1.7', `You use our website (${host(ctx.policy.controller.website)})`, 'website', [
    paragraph(
      'When you use our website, we process technical information and personal data as described below. ' +
        'What we process depends on how you use our services and which features you use.',
    ),
    ...subsections,
  ]);
}
