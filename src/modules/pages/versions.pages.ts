/**
 * The policy's history for everyone (clause 6; WP260 rev.01: changes communicated so people can assess
 * them): `/privacy/versions` lists each published version with its effective date and its changes in plain
 * sentences, material ones marked; `/privacy/versions/{id}` shows that version's full text and changes;
 * `/privacy/processors.atom` is an Atom feed (RFC 4287) of the changes to processors, countries and
 * transfers, for those who watch the sub-processor list.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PolicyChange } from '../../domain/policy/diff.js';
import { escapeHtml } from '../../domain/policy/render/html.js';
import { renderPolicy } from '../../domain/policy/render/index.js';
import type { Policy } from '../../domain/policy/schema.js';
import { getVersion, listVersions, type VersionSummary } from '../versions/versions.repo.js';
import { PAGE_CSP, renderPage } from './layout.js';

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const day = (ms: number) => LONG_DATE.format(new Date(ms));
const PROCESSOR_AREAS = new Set(['processor', 'country', 'transfer', 'recipient']);
const VERSION_ID = /^ver_[0-9a-z]{26}$/;
const LIST_LIMIT = 200;

function changeList(changes: readonly PolicyChange[]): string {
  if (changes.length === 0) return '<p>No change in what we do with personal data.</p>';
  const ordered = [...changes].sort((a, b) => Number(b.material) - Number(a.material));
  return `<ul>${ordered
    .map((c) => `<li>${c.material ? '<strong>Material change:</strong> ' : ''}${escapeHtml(c.summary)}</li>`)
    .join('')}</ul>`;
}

function state(v: VersionSummary, now: number, current: string | undefined): string {
  if (v.effectiveAt > now) return `takes effect on ${day(v.effectiveAt)}`;
  return v.id === current
    ? `in effect since ${day(v.effectiveAt)} (current)`
    : `in effect from ${day(v.effectiveAt)}`;
}

function send(reply: FastifyReply, type: string, body: string): FastifyReply {
  return reply
    .header('content-security-policy', PAGE_CSP)
    .header('cache-control', 'no-cache')
    .type(type)
    .send(body);
}

/** XML escaping for the Atom feed: the HTML escaper's entities are all XML's own (or numeric). */
const xml = escapeHtml;

export function registerVersionPages(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; policy: Policy; publicUrl: string; clock?: () => number },
): void {
  const clock = deps.clock ?? Date.now;
  const { controller } = deps.policy;
  const page = (title: string, bodyHtml: string) =>
    renderPage({ title, bodyHtml, controller, lang: deps.policy.language, currentPath: '/privacy/versions' });

  app.get(
    '/privacy/versions',
    {
      schema: {
        operationId: 'getPolicyVersionsPage',
        tags: ['pages'],
        produces: ['text/html'],
        summary: 'Every published version of the policy, with its effective date and its changes',
      },
    },
    async (_request, reply) => {
      const now = clock();
      const versions = await listVersions(deps.db, { limit: LIST_LIMIT });
      const current = versions.find((v) => v.effectiveAt <= now)?.id;
      const upcoming = versions.filter((v) => v.effectiveAt > now);
      const items = versions.map(
        (v) => `<section aria-labelledby="${v.id}-h">
<h2 id="${v.id}-h"><a href="/privacy/versions/${v.id}">${escapeHtml(v.label ?? `Version ${v.seq}`)}</a></h2>
<p>Published ${day(v.publishedAt)}; ${state(v, now, current)}.${v.diff.material ? ' <strong>Contains material changes.</strong>' : ''}</p>
${v.previousId ? changeList(v.diff.changes) : '<p>The first published version.</p>'}
</section>`,
      );
      const intro = [
        `<h1>Versions of this policy</h1>`,
        `<p>When we change this policy we publish a new version here. We tell every account holder by email about material changes (new purposes, data, processors, countries, longer retention or another legal basis) before they take effect, and we ask again for consent where a change affects something you consented to. Continuing to use our services never counts as consent.</p>`,
        upcoming.length > 0
          ? `<p><strong>A new version takes effect on ${day(upcoming.at(-1)!.effectiveAt)}.</strong></p>`
          : '',
        `<p>Changes to our processors are also available as an <a href="/privacy/processors.atom">Atom feed</a>.</p>`,
      ];
      const body =
        versions.length === 0
          ? [
              ...intro.slice(0, 2),
              '<p>No version has been published yet: the <a href="/privacy">current policy</a> is the only one.</p>',
            ]
          : [...intro, ...items];
      return send(reply, 'text/html; charset=utf-8', page('Policy versions', body.join('\n')));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/privacy/versions/:id',
    {
      schema: {
        operationId: 'getPolicyVersionPage',
        tags: ['pages'],
        produces: ['text/html'],
        summary: 'One published version of the policy: its full text and what changed',
      },
    },
    async (request, reply) => {
      const version = VERSION_ID.test(request.params.id)
        ? await getVersion(deps.db, request.params.id)
        : null;
      if (!version)
        return send(
          reply.code(404),
          'text/html; charset=utf-8',
          page(
            'Version not found',
            '<h1>Version not found</h1><p>See the <a href="/privacy/versions">list of versions</a>.</p>',
          ),
        );
      const now = clock();
      const title = version.label ?? `Version ${version.seq}`;
      const body = [
        `<p><a href="/privacy/versions">All versions</a></p>`,
        `<p><strong>${escapeHtml(title)}</strong>: published ${day(version.publishedAt)}, ${version.effectiveAt > now ? 'takes effect on' : 'in effect from'} ${day(version.effectiveAt)}. Content hash ${version.contentHash}.</p>`,
        version.previousId ? `<h2>What changed</h2>${changeList(version.diff.changes)}` : '',
        renderPolicy(version.policy, 'html', { contentHash: version.contentHash }),
      ];
      return send(reply, 'text/html; charset=utf-8', page(`Privacy Policy, ${title}`, body.join('\n')));
    },
  );

  app.get(
    '/privacy/processors.atom',
    {
      schema: {
        operationId: 'getProcessorsFeed',
        tags: ['pages'],
        produces: ['application/atom+xml'],
        summary: 'Atom feed of changes to processors, countries and transfers, one entry per version',
      },
    },
    async (_request, reply) => {
      const versions = (await listVersions(deps.db, { limit: LIST_LIMIT })).filter((v) =>
        v.diff.changes.some((c) => PROCESSOR_AREAS.has(c.area)),
      );
      const base = deps.publicUrl;
      const updated = new Date(versions[0]?.publishedAt ?? 0).toISOString();
      const entries = versions.map((v) => {
        const changes = v.diff.changes.filter((c) => PROCESSOR_AREAS.has(c.area));
        return `  <entry>
    <id>${xml(`${base}/privacy/versions/${v.id}#processors`)}</id>
    <title>${xml(`${v.label ?? `Version ${v.seq}`}: ${changes.length} change${changes.length === 1 ? '' : 's'} to processors, takes effect ${day(v.effectiveAt)}`)}</title>
    <updated>${new Date(v.publishedAt).toISOString()}</updated>
    <link rel="alternate" type="text/html" href="${xml(`${base}/privacy/versions/${v.id}`)}"/>
    <content type="text">${xml(changes.map((c) => c.summary).join('\n'))}</content>
  </entry>`;
      });
      const feed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(`${base}/privacy/processors`)}</id>
  <title>${xml(`${controller.name}: changes to data processors`)}</title>
  <updated>${updated}</updated>
  <author><name>${xml(controller.name)}</name><email>${xml(controller.email)}</email></author>
  <link rel="self" type="application/atom+xml" href="${xml(`${base}/privacy/processors.atom`)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${base}/privacy/processors`)}"/>
${entries.join('\n')}
</feed>
`;
      return reply.header('cache-control', 'no-cache').type('application/atom+xml; charset=utf-8').send(feed);
    },
  );
}
