import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { canonicalise, type IdentityInput } from '../../domain/identity/identity.js';
import type { Policy } from '../../domain/policy/schema.js';
import { AppError } from '../../errors/app-error.js';
import type { ConsentService } from '../consent/consent.service.js';
import type { RateLimiter } from '../requests/rate-limit.js';
import { findSubjectIdsByIdentities } from '../subjects/subjects.repo.js';
import { isGpcPurpose } from './banner.config.js';
import { latestEvents } from './banner.repo.js';
import { type Decision, decideChoice, decideGpcPurpose, type LatestEvent } from './banner.rules.js';
import type { SiteConsentBody, SiteConsentState, ToggleCategory } from './banner.schemas.js';
import { TOGGLE_CATEGORIES } from './banner.schemas.js';
import { GPC_HONORED } from './gpc.js';

/** The consent-based purposes the banner records: website ones by category, and any sale/share purpose. */
export interface SitePurpose {
  readonly id: string;
  /** The toggle category; null for a sale/share purpose without cookies (only the signal reaches it). */
  readonly category: ToggleCategory | null;
  readonly gpc: boolean;
}

export function sitePurposes(policy: Policy): SitePurpose[] {
  const toggles: readonly string[] = TOGGLE_CATEGORIES;
  return policy.purposes
    .filter((p) => p.legalBasis === 'consent' && (p.website || isGpcPurpose(p)))
    .map((p) => {
      const category = p.website?.cookieCategory;
      return {
        id: p.id,
        category: category && toggles.includes(category) ? (category as ToggleCategory) : null,
        gpc: isGpcPurpose(p),
      };
    });
}

export interface SiteConsentInput {
  readonly body: SiteConsentBody;
  readonly gpcHeader: boolean;
  readonly ip: string;
  readonly userAgent: string | undefined;
  /** `public` for the site's visitors. */
  readonly actor: string;
}

/** A visitor of the company's site recording limits: per IP, generous enough for an office behind one NAT. */
const LIMIT = { hits: 120, windowMs: 60_000 };
/** Subjects made from banner visitors carry this identity namespace: a random id, never a person's name. */
export const VISITOR_NAMESPACE = 'visitor';

export function createBannerService(deps: {
  db: Kysely<DB>;
  consent: Pick<ConsentService, 'record' | 'resolveSubject'>;
  limiter: Pick<RateLimiter, 'hit'>;
  revision: string;
  purposes: readonly SitePurpose[];
}) {
  const categories = [...new Set(deps.purposes.flatMap((p) => (p.category ? [p.category] : [])))];

  function present(
    visitor: string,
    state: ReadonlyMap<string, string>,
    recorded: number,
    signal: boolean,
  ): SiteConsentState {
    const choices: Record<string, boolean> = {};
    for (const category of categories)
      choices[category] = deps.purposes
        .filter((p) => p.category === category)
        .every((p) => state.get(p.id) === 'given');
    const honored = signal && deps.purposes.filter((p) => p.gpc).every((p) => state.get(p.id) !== 'given');
    return {
      visitor,
      revision: deps.revision,
      choices,
      purposes: deps.purposes.map((p) => ({
        id: p.id,
        category: p.category ?? 'none',
        state: (state.get(p.id) as 'given' | 'withdrawn' | undefined) ?? 'none',
      })),
      recorded,
      gpc: { signal, honored, ...(honored ? { message: GPC_HONORED } : {}) },
    };
  }

  /** What this request decides for each purpose, from the visitor's latest events (banner.rules.ts). */
  function decide(latest: ReadonlyMap<string, LatestEvent>, body: SiteConsentBody, signal: boolean) {
    const current = body.revision === undefined || body.revision === deps.revision;
    const decisions: { purpose: string; decision: Decision }[] = [];
    for (const p of deps.purposes) {
      const choice = p.category ? body.choices?.[p.category] : undefined;
      const request = { choice, signal, optIn: body.gpcOptIn, current };
      const decision = p.gpc ? decideGpcPurpose(latest.get(p.id), request) : decideChoice(request);
      if (decision) decisions.push({ purpose: p.id, decision });
    }
    return decisions;
  }

  return {
    /**
     * Records a visitor's banner choice and any GPC signal, one ledger event per purpose whose state the
     * request decides, and answers the visitor's state. A request that decides nothing creates nothing.
     */
    async record(input: SiteConsentInput): Promise<SiteConsentState> {
      if (!(await deps.limiter.hit('banner-ip', input.ip, LIMIT.hits, LIMIT.windowMs)))
        throw new AppError(
          'rate_limited',
          'too many consent requests from this client; try again in a minute',
        );
      const { body } = input;
      const identity: IdentityInput = { type: 'external', namespace: VISITOR_NAMESPACE, value: body.visitor };
      const canonical = canonicalise(identity);
      if ('error' in canonical) throw new AppError('request.invalid', 'the visitor id is not valid');
      const [known] = await findSubjectIdsByIdentities(deps.db, [canonical]);
      const ids = deps.purposes.map((p) => p.id);
      const latest = known ? await latestEvents(deps.db, known, ids) : new Map<string, LatestEvent>();
      const signal = input.gpcHeader || body.gpc;
      const decisions = decide(latest, body, signal);
      const state = new Map([...latest].map(([purpose, e]) => [purpose, e.action]));
      if (decisions.length > 0) {
        const subject = {
          subjectId: known ?? (await deps.consent.resolveSubject({ identity }, input.actor, true)),
        };
        const evidence = {
          noticeId: `banner:${body.revision ?? deps.revision}`,
          ...(input.userAgent ? { userAgent: input.userAgent } : {}),
          ip: input.ip,
          ...(body.language ? { language: body.language } : {}),
        };
        // One event per purpose; the ledger's group commit writes events that arrive together in one
        // transaction, and each promise resolves only once its event is committed.
        const entries = await Promise.all(
          decisions.map(({ purpose, decision: { action, channel, formId } }) =>
            deps.consent.record(
              { subject, purpose, action, channel, evidence: { ...evidence, formId } },
              input.actor,
            ),
          ),
        );
        for (const entry of entries) state.set(entry.purpose, entry.action);
      }
      return present(body.visitor, state, decisions.length, signal);
    },
  };
}

export type BannerService = ReturnType<typeof createBannerService>;
