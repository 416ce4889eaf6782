import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  createUnsubscribeToken,
  type HmacKeyring,
  verifyUnsubscribeToken,
} from '../../domain/consent/unsubscribe-token.js';
import { AppError } from '../../errors/app-error.js';
import type { ConsentService } from '../consent/consent.service.js';
import { ALL_MARKETING } from '../consent/ledger.types.js';
import { findSubjectId } from '../subjects/subjects.repo.js';

export interface UnsubscribeLink {
  readonly url: string;
  /** Ready to put in the email (RFC 2369 / RFC 8058 §3.1); DKIM must cover both (RFC 8058 §4). */
  readonly headers: {
    readonly 'List-Unsubscribe': string;
    readonly 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click';
  };
}

export interface ResolvedToken {
  readonly subjectId: string;
  /** A purpose id, or `*` for all marketing. */
  readonly scope: string;
}

export function createUnsubscribeService(deps: {
  db: Kysely<DB>;
  keyring: HmacKeyring;
  publicUrl: string;
  consent: ConsentService;
  isMarketingPurpose: (purpose: string) => boolean;
  clock?: () => number;
}) {
  const clock = deps.clock ?? Date.now;

  async function subjectExists(id: string): Promise<boolean> {
    return Boolean(await findSubjectId(deps.db, id));
  }

  return {
    async createLink(subjectId: string, purpose: string | null): Promise<UnsubscribeLink> {
      if (purpose !== null && !deps.isMarketingPurpose(purpose)) {
        throw new AppError('eligibility.not_marketing', 'unsubscribe links are for marketing purposes', [
          { field: 'purpose', message: 'not a marketing purpose of the policy' },
        ]);
      }
      if (!(await subjectExists(subjectId))) throw new AppError('resource.not_found', 'no such subject');
      const token = createUnsubscribeToken(
        {
          sub: subjectId,
          scope: purpose === null ? 'all_marketing' : { purpose },
          iat: Math.floor(clock() / 1000),
        },
        deps.keyring,
      );
      const url = `${deps.publicUrl}/u/${token}`;
      return {
        url,
        headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      };
    },

    /** The subject and scope a token names, or null for anything forged, altered, unknown or stale. */
    async resolve(token: string): Promise<ResolvedToken | null> {
      const verdict = verifyUnsubscribeToken(token, deps.keyring);
      if (!verdict.ok) return null;
      const { sub, scope } = verdict.payload;
      if (!(await subjectExists(sub))) return null;
      return { subjectId: sub, scope: scope === 'all_marketing' ? ALL_MARKETING : scope.purpose };
    },

    /**
     * Sets the suppression flag before the caller answers (RFC 8058: the POST itself unsubscribes).
     * Idempotent: a second POST finds the flag set and records nothing new.
     */
    async unsubscribe(token: string): Promise<ResolvedToken | null> {
      const target = await this.resolve(token);
      if (!target) return null;
      const current = await deps.db
        .selectFrom('suppressions')
        .select('active')
        .where('subject_id', '=', target.subjectId)
        .where('scope', '=', target.scope)
        .executeTakeFirst();
      if (current?.active !== 1)
        await deps.consent.suppress(
          target.subjectId,
          target.scope,
          'unsubscribed',
          'email_link',
          'public:unsubscribe-link',
        );
      return target;
    },
  };
}

export type UnsubscribeService = ReturnType<typeof createUnsubscribeService>;
