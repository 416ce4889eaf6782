import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import { normaliseEmail } from '../../domain/identity/email.js';
import type { Policy } from '../../domain/policy/schema.js';
import { AppError } from '../../errors/app-error.js';
import { enqueueEmail } from '../../mail/outbox.js';
import { appendAudit } from '../audit/audit.repo.js';
import type { ConsentService } from '../consent/consent.service.js';
import { ALL_MARKETING } from '../consent/ledger.types.js';
import type { RateLimiter } from '../requests/rate-limit.js';
import { newToken, sha256 } from '../requests/requests.service.js';
import {
  consumeLink,
  deleteSpentLinks,
  findLink,
  findSession,
  findSubjectByEmail,
  insertPreferenceLink,
  readConsentState,
  readSuppressions,
} from './center.repo.js';
import type { PreferenceChange } from './center.schemas.js';

/** How long an emailed link can be opened, and how long the page it opens accepts changes. */
export const PREFERENCE_LINK_TTL_MS = 60 * 60_000;
export const PREFERENCE_SESSION_TTL_MS = 30 * 60_000;
/** As the request intake (docs/requests.md): per client IP, then (silently) per address. */
const LIMITS = { perIp: 10, perAddress: 3, windowMs: 3_600_000 };
const ACTOR = 'public:privacy-center';

export interface PreferencesDeps {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  readonly policy: Policy;
  readonly publicUrl: string;
  readonly limiter: RateLimiter;
  readonly consent: Pick<ConsentService, 'record' | 'suppress'>;
  readonly clock?: () => number;
}

export interface ConsentChoice {
  readonly purpose: string;
  readonly title: string;
  readonly description: string;
  readonly status: 'given' | 'withdrawn' | null;
  readonly since: number | null;
}

export interface MarketingChoice {
  readonly purpose: string;
  readonly title: string;
  readonly description: string;
  readonly audience: 'consent' | 'relationship';
  /** When this purpose (not all marketing) was unsubscribed from, if it is. */
  readonly unsubscribedSince: number | null;
}

export interface PreferencesView {
  readonly consents: readonly ConsentChoice[];
  readonly marketing: readonly MarketingChoice[];
  readonly allMarketingSince: number | null;
}

/**
 * The preferences half of the privacy center (clause 1.1, 1.6.3.2; GDPR Art. 7(3), 21(3)): a magic link
 * emailed to a known address opens a page of the person's choices. The link works once: the first change
 * uses it up and opens a short session whose token the page carries in its forms (no cookie).
 */
export function createPreferencesService(deps: PreferencesDeps) {
  const clock = deps.clock ?? Date.now;
  const purposes = deps.policy.purposes;

  return {
    /**
     * Emails a link if, and only if, the address belongs to a subject. The caller answers the same either
     * way, and past the per-address limit nothing more is sent, silently (no enumeration, no mail bombing).
     */
    async sendLink(emailInput: string, clientIp: string): Promise<void> {
      if (!(await deps.limiter.hit('pref-ip', clientIp, LIMITS.perIp, LIMITS.windowMs)))
        throw new AppError('rate_limited', 'too many requests from this client; try again in an hour');
      const email = normaliseEmail(emailInput);
      if (!email.ok)
        throw new AppError('request.invalid', 'the email address is not valid', [
          { field: 'email', message: `email ${email.reason}` },
        ]);
      if (!(await deps.limiter.hit('pref-address', email.value, LIMITS.perAddress, LIMITS.windowMs))) return;
      const subjectId = await findSubjectByEmail(deps.db, email.value);
      if (!subjectId) return;
      const token = newToken();
      const now = clock();
      await deps.db.transaction().execute(async (tx) => {
        await deleteSpentLinks(tx, now);
        await insertPreferenceLink(tx, {
          tokenHash: sha256(token),
          subjectId,
          now,
          expiresAt: now + PREFERENCE_LINK_TTL_MS,
        });
        await enqueueEmail(
          tx,
          {
            to: email.value,
            template: 'preferences.link',
            payload: {
              controller: deps.policy.controller.name,
              validFor: `${Math.round(PREFERENCE_LINK_TTL_MS / 60_000)} minutes`,
              link: `${deps.publicUrl}/privacy/center/preferences/manage?token=${token}`,
            },
          },
          now,
        );
        await appendAudit(
          tx,
          deps.dialect,
          [{ actor: ACTOR, action: 'preferences.link_sent', subjectId }],
          now,
        );
      });
    },

    /** The subject of an emailed link not yet used nor expired; null otherwise. Changes nothing. */
    async openLink(token: string): Promise<string | null> {
      const link = await findLink(deps.db, sha256(token));
      if (!link || link.usedAt !== null || link.expiresAt < clock()) return null;
      return link.subjectId;
    },

    /** The subject of a live session; null once it ended. Changes nothing. */
    openSession,

    async view(subjectId: string): Promise<PreferencesView> {
      const [state, suppressions] = await Promise.all([
        readConsentState(deps.db, subjectId),
        readSuppressions(deps.db, subjectId),
      ]);
      const stateOf = new Map(state.map((s) => [s.purpose, s]));
      const suppressedSince = new Map(suppressions.map((s) => [s.scope, s.since]));
      return {
        consents: purposes
          .filter((p) => p.legalBasis === 'consent')
          .map((p) => {
            const s = stateOf.get(p.id);
            return {
              purpose: p.id,
              title: p.title,
              description: p.description,
              status: s?.status === 'given' || s?.status === 'withdrawn' ? s.status : null,
              since: s?.since ?? null,
            };
          }),
        marketing: purposes.flatMap((p) =>
          p.marketing
            ? [
                {
                  purpose: p.id,
                  title: p.title,
                  description: p.description,
                  audience: p.marketing.audience.kind,
                  unsubscribedSince: suppressedSince.get(p.id) ?? null,
                },
              ]
            : [],
        ),
        allMarketingSince: suppressedSince.get(ALL_MARKETING) ?? null,
      };
    },

    /**
     * Applies one change, with the emailed link (its first use, which opens the session) or the session.
     * Returns the session to carry on with, or null when neither is valid (nothing is then written).
     */
    async change(
      credential: { readonly link?: string; readonly session?: string },
      change: PreferenceChange,
      clientIp: string,
    ): Promise<{ session: string; subjectId: string } | null> {
      assertChangeAllowed(change);
      let session = credential.session;
      let subjectId = session ? await openSession(session) : null;
      if (!subjectId && !session && credential.link) {
        session = newToken();
        const now = clock();
        const tokenHash = sha256(credential.link);
        const link = await findLink(deps.db, tokenHash);
        const consumed =
          link !== null &&
          (await consumeLink(deps.db, {
            tokenHash,
            sessionHash: sha256(session),
            sessionExpiresAt: now + PREFERENCE_SESSION_TTL_MS,
            now,
          }));
        subjectId = consumed ? link.subjectId : null;
      }
      if (!subjectId || !session) return null;
      await apply(subjectId, change, clientIp);
      return { session, subjectId };
    },
  };

  async function openSession(session: string): Promise<string | null> {
    const link = await findSession(deps.db, sha256(session));
    if (!link || link.sessionExpiresAt === null || link.sessionExpiresAt < clock()) return null;
    return link.subjectId;
  }

  function assertChangeAllowed(change: PreferenceChange): void {
    if (change.action === 'unsubscribe_all') return;
    const purpose = purposes.find((p) => p.id === change.purpose);
    const allowed =
      change.action === 'unsubscribe' ? Boolean(purpose?.marketing) : purpose?.legalBasis === 'consent';
    if (!allowed)
      throw new AppError('consent.unknown_purpose', 'not a purpose this choice applies to', [
        {
          field: 'purpose',
          message: `not a ${change.action === 'unsubscribe' ? 'marketing' : 'consent'} purpose`,
        },
      ]);
  }

  async function apply(subjectId: string, change: PreferenceChange, ip: string): Promise<void> {
    if (change.action === 'give' || change.action === 'withdraw') {
      await deps.consent.record(
        {
          subject: { subjectId },
          purpose: change.purpose,
          action: change.action === 'give' ? 'given' : 'withdrawn',
          channel: 'privacy_center',
          evidence: { ip },
        },
        ACTOR,
      );
      return;
    }
    const scope = change.action === 'unsubscribe_all' ? ALL_MARKETING : change.purpose;
    // Idempotent as the one-click unsubscribe is: a flag already set records nothing new.
    const active = await readSuppressions(deps.db, subjectId);
    if (active.some((s) => s.scope === scope)) return;
    await deps.consent.suppress(subjectId, scope, 'unsubscribed', 'privacy_center', ACTOR);
  }
}

export type PreferencesService = ReturnType<typeof createPreferencesService>;
