import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import { type BannerAsset, pickEncoding } from './banner.asset.js';
import {
  GpcSupportSchema,
  MAX_SITE_CONSENT_BODY,
  SiteConsentBodySchema,
  SiteConsentStateSchema,
} from './banner.schemas.js';
import type { BannerService } from './banner.service.js';
import { hasGpcHeader } from './gpc.js';

/**
 * `/consent.js` has a fixed URL that sites embed, and carries the policy's banner config: a day of
 * freshness (then a 304 revalidation by ETag) bounds how long a visitor can see a replaced policy's banner.
 * `immutable` would need a versioned URL in every site's HTML.
 */
const SCRIPT_CACHE = 'public, max-age=86400';

function ifNoneMatch(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

function sendScript(request: FastifyRequest, reply: FastifyReply, asset: BannerAsset): FastifyReply {
  reply
    .header('cache-control', SCRIPT_CACHE)
    .header('etag', asset.etag)
    .header('vary', 'Accept-Encoding')
    // Sites load it from another origin; `crossorigin` + Subresource Integrity needs CORS too.
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('access-control-allow-origin', '*');
  if (ifNoneMatch(request, asset.etag)) return reply.code(304).send();
  const encoding = pickEncoding(request.headers['accept-encoding']);
  reply.type('text/javascript; charset=utf-8');
  if (encoding === 'identity') return reply.send(asset.identity);
  reply.header('content-encoding', encoding);
  return reply.send(encoding === 'br' ? asset.brotli : asset.gzip);
}

export interface BannerRouteDeps {
  readonly asset: BannerAsset;
  readonly service: BannerService;
  /** Origins whose pages may record through the banner (CORS): the company's site and Steward's own. */
  readonly origins: ReadonlySet<string>;
  readonly gpcLastUpdate: string | undefined;
}

export function registerBannerRoutes(app: FastifyInstance, deps: BannerRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/consent.js',
    {
      schema: {
        operationId: 'getConsentScript',
        tags: ['banner'],
        summary:
          'The cookie banner for the company site, with its categories from the policy (gzip/brotli, ETag)',
        produces: ['text/javascript'],
      },
    },
    async (request, reply) => sendScript(request, reply, deps.asset),
  );

  r.get(
    '/.well-known/gpc.json',
    {
      schema: {
        operationId: 'getGpcSupport',
        tags: ['banner'],
        summary: 'Global Privacy Control support resource: this site honours the signal',
        response: { 200: GpcSupportSchema },
      },
      // The GPC spec (§6) names the media type `application/json`; Fastify would append a charset.
      onSend: async (_request, reply) => {
        reply.header('content-type', 'application/json');
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=86400').header('access-control-allow-origin', '*');
      return { gpc: true as const, ...(deps.gpcLastUpdate ? { lastUpdate: deps.gpcLastUpdate } : {}) };
    },
  );

  // The recording route answers browsers on the company's site: CORS for its origins only, on every
  // answer of this scope (errors and 429 included), so the page can read what went wrong.
  app.register(async (scope) => {
    scope.addHook('onSend', async (request, reply) => {
      const origin = request.headers.origin;
      reply.header('vary', 'Origin');
      if (typeof origin === 'string' && deps.origins.has(origin)) {
        reply.header('access-control-allow-origin', origin);
      }
    });
    const s = scope.withTypeProvider<ZodTypeProvider>();

    s.options('/v1/site/consent', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .code(204)
        .header('access-control-allow-methods', 'POST')
        // Sec-GPC is set by the browser, not the page; listed for clients that add it themselves.
        .header('access-control-allow-headers', 'content-type, sec-gpc')
        .header('access-control-max-age', '86400')
        .send(),
    );

    s.post(
      '/v1/site/consent',
      {
        bodyLimit: MAX_SITE_CONSENT_BODY,
        schema: {
          operationId: 'recordSiteConsent',
          tags: ['banner'],
          summary:
            "Record a site visitor's cookie choice and Global Privacy Control signal (public, rate limited per IP); answers the visitor's state",
          description:
            'Sec-GPC: 1 (exactly "1") or `gpc: true` turns sale, share and advertising purposes off, recorded with channel `gpc`; a later request without the signal never turns them back on. Without `choices` nothing but the signal is recorded.',
          body: SiteConsentBodySchema,
          response: {
            200: SiteConsentStateSchema,
            400: ProblemSchema,
            413: ProblemSchema,
            415: ProblemSchema,
            429: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const state = await deps.service.record({
          body: request.body,
          gpcHeader: hasGpcHeader(request.raw.rawHeaders),
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          actor: actorOf(request),
        });
        reply.header('cache-control', 'no-store');
        return state;
      },
    );
  });
}
