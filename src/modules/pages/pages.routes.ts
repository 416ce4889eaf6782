import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toHtml } from '../../domain/policy/render/html.js';
import { renderPolicy } from '../../domain/policy/render/index.js';
import { buildProcessorsDocument, processorsView } from '../../domain/policy/render/processors.js';
import type { LoadedPolicy } from '../policy/policy.loader.js';
import { PAGE_CSP, renderPage } from './layout.js';

interface Representation {
  readonly body: string;
  readonly contentType: string;
  readonly etag: string;
}

/**
 * A strong validator (RFC 9110 §8.8.3) for one rendered page: the policy's content hash, plus a digest of
 * the bytes, so that a new Steward release rendering the same policy differently is not answered 304.
 */
function represent(body: string, contentType: string, contentHash: string): Representation {
  const digest = createHash('sha256').update(body, 'utf8').digest('hex').slice(0, 16);
  return { body, contentType, etag: `"${contentHash}-${digest}"` };
}

/** RFC 9110 §13.1.2: If-None-Match uses the weak comparison, and `*` matches any current representation. */
function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

function send(request: FastifyRequest, reply: FastifyReply, page: Representation): FastifyReply {
  reply
    .header('content-security-policy', PAGE_CSP)
    .header('cache-control', 'no-cache')
    .header('etag', page.etag);
  if (notModified(request, page.etag)) return reply.code(304).send();
  return reply.type(page.contentType).send(page.body);
}

/**
 * The published policy (clauses 1–6 of the seed, generated from the file): `/privacy` as a page and
 * `/privacy.md` as Markdown. The policy is immutable while the process runs, so both are rendered once,
 * here, and each request only compares validators.
 */
export function registerPolicyPages(app: FastifyInstance, deps: { policy: LoadedPolicy }): void {
  const { policy, contentHash } = deps.policy;
  const html = represent(
    renderPage({
      title: 'Privacy Policy',
      bodyHtml: renderPolicy(policy, 'html', { contentHash }),
      controller: policy.controller,
      lang: policy.language,
      currentPath: '/privacy',
    }),
    'text/html; charset=utf-8',
    contentHash,
  );
  const markdown = represent(
    renderPolicy(policy, 'md', { contentHash }),
    'text/markdown; charset=utf-8',
    contentHash,
  );

  app.get(
    '/privacy',
    {
      schema: {
        operationId: 'getPrivacyPolicy',
        tags: ['pages'],
        produces: ['text/html'],
        summary: 'The privacy policy, as a web page',
      },
    },
    async (request, reply) => send(request, reply, html),
  );
  const processorsHtml = represent(
    renderPage({
      title: 'Data processors',
      bodyHtml: toHtml(buildProcessorsDocument(policy)),
      controller: policy.controller,
      lang: policy.language,
      currentPath: '/privacy/processors',
    }),
    'text/html; charset=utf-8',
    contentHash,
  );
  const processorsJson = represent(
    `${JSON.stringify(processorsView(policy), null, 2)}\n`,
    'application/json; charset=utf-8',
    contentHash,
  );
  app.get(
    '/privacy/processors',
    {
      schema: {
        operationId: 'getProcessorsPage',
        tags: ['pages'],
        produces: ['text/html'],
        summary: 'The sub-processors by service, with countries, transfer safeguards and contracts',
      },
    },
    async (request, reply) => send(request, reply, processorsHtml),
  );
  app.get(
    '/privacy/processors.json',
    {
      schema: {
        operationId: 'getProcessorsJson',
        tags: ['pages'],
        summary: 'The sub-processors, machine-readable',
      },
    },
    async (request, reply) => send(request, reply, processorsJson),
  );
  app.get(
    '/privacy.md',
    {
      schema: {
        operationId: 'getPrivacyPolicyMarkdown',
        tags: ['pages'],
        produces: ['text/markdown'],
        summary: 'The privacy policy, as Markdown',
      },
    },
    async (request, reply) => send(request, reply, markdown),
  );
}
