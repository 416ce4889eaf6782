import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ConsentService } from '../consent/consent.service.js';
import type { LoadedPolicy } from '../policy/policy.loader.js';
import type { RateLimiter } from '../requests/rate-limit.js';
import { createBannerAsset, loadBannerCode } from './banner.asset.js';
import { buildBannerConfig, gpcLastUpdate } from './banner.config.js';
import { registerBannerRoutes } from './banner.routes.js';
import { createBannerService, sitePurposes } from './banner.service.js';

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * The cookie banner (clause 1.7.1) and Global Privacy Control (clause 1.2): `/consent.js` built from the
 * policy's website purposes, the public recording route into the consent ledger, `/.well-known/gpc.json`.
 */
export async function createBannerModule(deps: {
  http: FastifyInstance;
  db: Kysely<DB>;
  policy: LoadedPolicy;
  consent: Pick<ConsentService, 'record' | 'resolveSubject'>;
  limiter: RateLimiter;
  publicUrl: string;
  clock?: () => number;
}) {
  const { policy } = deps.policy;
  const config = buildBannerConfig(policy);
  const asset = createBannerAsset(await loadBannerCode(), config);
  const service = createBannerService({
    db: deps.db,
    consent: deps.consent,
    // The app's one limiter; the kind (`banner-ip`) keeps its counts apart.
    limiter: deps.limiter,
    revision: config.revision,
    purposes: sitePurposes(policy),
  });
  const origins = new Set(
    [policy.controller.website, deps.publicUrl].map(originOf).filter((o): o is string => o !== null),
  );
  registerBannerRoutes(deps.http, { asset, service, origins, gpcLastUpdate: gpcLastUpdate(policy) });
  return { config, service };
}
