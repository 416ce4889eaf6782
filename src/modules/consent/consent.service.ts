import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { MarketingRule } from '../../domain/consent/eligibility.js';
import { canonicalise, type IdentityInput } from '../../domain/identity/identity.js';
import { truncateIp } from '../../domain/identity/ip.js';
import { AppError } from '../../errors/app-error.js';
import { findSubjectIdsByIdentities, requireSubject } from '../subjects/subjects.repo.js';
import type { SubjectsService } from '../subjects/subjects.service.js';
import { ALL_MARKETING, type ConsentAction, type ConsentChannel, type LedgerEntry } from './ledger.types.js';
import type { LedgerWriter } from './ledger.writer.js';

/** What the consent module needs to know of the policy's purposes. */
export interface ConsentPolicyView {
  readonly contentHash: string;
  readonly purposes: ReadonlyMap<
    string,
    { readonly legalBasis: string; readonly marketing: MarketingRule | null }
  >;
  readonly ipPrefixes: { readonly ipv4: number; readonly ipv6: number };
}

export type SubjectRef = { readonly subjectId: string } | { readonly identity: IdentityInput };

export interface RecordConsentInput {
  readonly subject: SubjectRef;
  readonly purpose: string;
  readonly action: Extract<ConsentAction, 'given' | 'withdrawn'>;
  readonly channel: ConsentChannel;
  readonly occurredAt?: number;
  readonly evidence?: {
    formId?: string;
    noticeId?: string;
    policyHash?: string;
    userAgent?: string;
    ip?: string;
    language?: string;
  };
}

/** Events may be recorded a little after they happened (queues, offline forms), never in the future. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export function createConsentService(deps: {
  db: Kysely<DB>;
  writer: LedgerWriter;
  subjects: SubjectsService;
  policy: ConsentPolicyView;
  clock?: () => number;
}) {
  const clock = deps.clock ?? Date.now;

  async function resolveSubject(ref: SubjectRef, actor: string, create: boolean): Promise<string> {
    if ('subjectId' in ref) return requireSubject(deps.db, ref.subjectId);
    const canonical = canonicalise(ref.identity);
    if ('error' in canonical)
      throw new AppError('subject.identity_invalid', 'the identity could not be normalised', [
        { field: 'subject.identity.value', message: `${ref.identity.type} ${canonical.error}` },
      ]);
    const [found] = await findSubjectIdsByIdentities(deps.db, [canonical]);
    if (found) return found;
    if (!create) throw new AppError('resource.not_found', 'no subject has this identity');
    return (await deps.subjects.upsert({ identities: [ref.identity] }, actor)).row.id;
  }

  return {
    resolveSubject,

    /** Records consent given or withdrawn (GDPR Art. 7(1): demonstrable; 7(3): withdrawal as easy as giving). */
    async record(input: RecordConsentInput, actor: string): Promise<LedgerEntry> {
      const purpose = deps.policy.purposes.get(input.purpose);
      if (!purpose)
        throw new AppError('consent.unknown_purpose', 'the policy has no such purpose', [
          { field: 'purpose', message: 'not a purpose of the policy' },
        ]);
      if (purpose.legalBasis !== 'consent') {
        throw new AppError(
          'consent.not_consent_based',
          `purpose ${input.purpose} rests on ${purpose.legalBasis}, not consent`,
          [{ field: 'purpose', message: 'legal basis is not consent' }],
        );
      }
      const now = clock();
      const occurredAt = input.occurredAt ?? now;
      if (occurredAt > now + MAX_CLOCK_SKEW_MS)
        throw new AppError('request.invalid', 'occurredAt is in the future', [
          { field: 'occurredAt', message: 'must not be in the future' },
        ]);
      // A withdrawal from someone not yet known is recorded too: it must bind any later processing.
      const subjectId = await resolveSubject(input.subject, actor, true);
      const evidence = input.evidence ?? {};
      const ipPrefix = evidence.ip ? truncateIp(evidence.ip, deps.policy.ipPrefixes) : undefined;
      if (evidence.ip && !ipPrefix)
        throw new AppError('request.invalid', 'evidence.ip is not an IP address', [
          { field: 'evidence.ip', message: 'not an IP address' },
        ]);
      return deps.writer.append({
        subjectId,
        purpose: input.purpose,
        action: input.action,
        channel: input.channel,
        occurredAt,
        actor,
        policyHash: evidence.policyHash ?? deps.policy.contentHash,
        evidence: {
          formId: evidence.formId,
          noticeId: evidence.noticeId,
          userAgent: evidence.userAgent?.slice(0, 512),
          ipPrefix: ipPrefix ?? undefined,
          language: evidence.language,
        },
      });
    },

    /** Sets the "unsubscribed from marketing" flag (clause 1.6.3.2) for one purpose or all marketing. */
    async suppress(
      subjectId: string,
      scope: string,
      reason: Extract<ConsentAction, 'unsubscribed' | 'objected'>,
      channel: ConsentChannel,
      actor: string,
    ): Promise<LedgerEntry> {
      if (scope !== ALL_MARKETING && !deps.policy.purposes.get(scope)?.marketing) {
        throw new AppError('consent.unknown_purpose', 'not a marketing purpose of the policy', [
          { field: 'purpose', message: 'not a marketing purpose' },
        ]);
      }
      const now = clock();
      return deps.writer.append({
        subjectId,
        purpose: scope,
        action: reason,
        channel,
        occurredAt: now,
        actor,
        policyHash: deps.policy.contentHash,
        evidence: {},
      });
    },
  };
}

export type ConsentService = ReturnType<typeof createConsentService>;
