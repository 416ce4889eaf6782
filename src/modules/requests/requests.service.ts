import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import { normaliseEmail } from '../../domain/identity/email.js';
import { newId } from '../../domain/identity/ids.js';
import type { Policy } from '../../domain/policy/schema.js';
import { dueDate } from '../../domain/requests/deadline.js';
import { canTransition, type RequestState, type RequestType } from '../../domain/requests/state.js';
import { AppError } from '../../errors/app-error.js';
import { enqueueEmail } from '../../mail/outbox.js';
import { appendAudit } from '../audit/audit.repo.js';
import type { RateLimiter } from './rate-limit.js';
import { findRequest, type RequestDetails, type RequestRow, updateRequest } from './requests.repo.js';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

/** Equal-time comparison of a presented token with a stored hash: a wrong token and a missing row look alike. */
export function tokenMatches(token: string, hash: string | null): boolean {
  if (!hash || token.length > 200) return false;
  return timingSafeEqual(Buffer.from(sha256(token), 'hex'), Buffer.from(hash, 'hex'));
}

export interface RequestsDeps {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  readonly policy: Policy;
  readonly publicUrl: string;
  readonly limiter: RateLimiter;
  readonly verificationTtlMs: number;
  readonly clock?: () => number;
}

export interface OpenRequestInput {
  readonly type: RequestType;
  readonly email: string;
  readonly jurisdiction?: string;
  readonly details?: RequestDetails;
}

const LIMITS = { perIp: 10, perAddress: 3, windowMs: 3_600_000 };

/** Intake and verification (Art. 12(2), 12(6)): the public half of data subject requests. */
export function createRequestIntake(deps: RequestsDeps) {
  const clock = deps.clock ?? Date.now;
  const deadlines = deps.policy.rights.deadlines;

  function jurisdictionFor(asked: string | undefined): string {
    const known = Object.keys(deadlines);
    if (asked && known.includes(asked)) return asked;
    if (asked)
      throw new AppError('request.invalid', 'the policy sets no deadline for this jurisdiction', [
        { field: 'jurisdiction', message: `one of: ${known.join(', ')}` },
      ]);
    // Default: the strictest regime the controller serves that has a deadline (EU before others).
    return deps.policy.controller.jurisdictions.find((j) => known.includes(j)) ?? known[0] ?? 'eu';
  }

  return {
    /**
     * Opens a request. The answer is the same whether or not Steward knows the address (no enumeration);
     * past the per-address limit nothing more is sent to that address (no mail bombing), still silently.
     */
    async open(input: OpenRequestInput, clientIp: string): Promise<{ id: string }> {
      if (!(await deps.limiter.hit('dsr-ip', clientIp, LIMITS.perIp, LIMITS.windowMs)))
        throw new AppError('rate_limited', 'too many requests from this client; try again in an hour');
      const email = normaliseEmail(input.email);
      if (!email.ok)
        throw new AppError('request.invalid', 'the email address is not valid', [
          { field: 'email', message: `email ${email.reason}` },
        ]);
      const jurisdiction = jurisdictionFor(input.jurisdiction);
      const rule = deadlines[jurisdiction as keyof typeof deadlines];
      if (!rule)
        throw new AppError('request.invalid', 'no deadline for this jurisdiction', [
          { field: 'jurisdiction', message: 'unknown' },
        ]);
      const now = clock();
      const id = newId('dsr', now);
      if (!(await deps.limiter.hit('dsr-address', email.value, LIMITS.perAddress, LIMITS.windowMs)))
        return { id };
      const token = newToken();
      await deps.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('dsr_requests')
          .values({
            id,
            type: input.type,
            state: 'received',
            email: email.value,
            subject_id: null,
            jurisdiction,
            received_at: now,
            due_at: dueDate(new Date(now), rule).getTime(),
            extended: 0,
            extension_reason: null,
            verified_at: null,
            closed_at: null,
            closing_reason: null,
            details: JSON.stringify(input.details ?? {}),
            result: null,
            status_token_hash: null,
            updated_at: now,
          })
          .execute();
        await tx
          .insertInto('dsr_verifications')
          .values({
            token_hash: sha256(token),
            request_id: id,
            expires_at: now + deps.verificationTtlMs,
            used_at: null,
          })
          .execute();
        const hours = Math.round(deps.verificationTtlMs / 3_600_000);
        await enqueueEmail(
          tx,
          {
            to: email.value,
            template: 'request.verify',
            payload: {
              type: input.type,
              controller: deps.policy.controller.name,
              validFor: `${hours} hours`,
              link: `${deps.publicUrl}/privacy/center/verify?request=${id}&token=${token}`,
            },
          },
          now,
        );
        await appendAudit(
          tx,
          deps.dialect,
          [
            {
              actor: 'public',
              action: 'dsr.received',
              target: id,
              detail: { type: input.type, jurisdiction },
            },
          ],
          now,
        );
      });
      return { id };
    },

    /** Checks the emailed single-use token; returns a token the person uses to follow the request. */
    async verify(id: string, token: string): Promise<{ request: RequestRow; statusToken: string }> {
      const now = clock();
      const statusToken = newToken();
      const request = await deps.db.transaction().execute(async (tx) => {
        const row = await tx
          .selectFrom('dsr_verifications')
          .selectAll()
          .where('token_hash', '=', sha256(token))
          .where('request_id', '=', id)
          .executeTakeFirst();
        const current = await findRequest(tx, id);
        if (
          !row ||
          !current ||
          row.used_at !== null ||
          Number(row.expires_at) < now ||
          current.state !== 'received'
        ) {
          throw new AppError(
            'resource.not_found',
            'this link is not valid or has expired; open a new request',
          );
        }
        await tx
          .updateTable('dsr_verifications')
          .set({ used_at: now })
          .where('token_hash', '=', row.token_hash)
          .execute();
        const subject = await tx
          .selectFrom('subject_identities')
          .select('subject_id')
          .where('type', '=', 'email')
          .where('namespace', '=', '')
          .where('value', '=', current.email)
          .executeTakeFirst();
        await updateRequest(
          tx,
          id,
          {
            state: 'verified',
            verified_at: now,
            subject_id: subject?.subject_id ?? null,
            status_token_hash: sha256(statusToken),
          },
          now,
        );
        await appendAudit(
          tx,
          deps.dialect,
          [{ actor: 'public', action: 'dsr.verified', subjectId: subject?.subject_id ?? null, target: id }],
          now,
        );
        return (await findRequest(tx, id))!;
      });
      return { request, statusToken };
    },

    /** The request as its author may see it; a wrong token answers exactly like a missing request. */
    async status(id: string, statusToken: string): Promise<RequestRow> {
      const request = await findRequest(deps.db, id);
      if (!request || !tokenMatches(statusToken, request.statusTokenHash))
        throw new AppError('resource.not_found', 'no such request');
      return request;
    },
  };
}

export type RequestIntake = ReturnType<typeof createRequestIntake>;

/** Applies a state change with its audit entry, refusing transitions the state machine does not allow. */
export async function transition(
  deps: Pick<RequestsDeps, 'db' | 'dialect'>,
  id: string,
  to: RequestState,
  actor: string,
  now: number,
  patch: Partial<DB['dsr_requests']> = {},
  detail: Record<string, string | number | boolean | null> = {},
): Promise<RequestRow> {
  return deps.db.transaction().execute(async (tx) => {
    const current = await findRequest(tx, id);
    if (!current) throw new AppError('resource.not_found', 'no such request');
    if (!canTransition(current.state, to))
      throw new AppError('request.invalid_transition', `a ${current.state} request cannot become ${to}`, [
        { field: 'to', message: `allowed from ${current.state}: see the request's transitions` },
      ]);
    const closing = to === 'completed' || to === 'rejected' ? { closed_at: now } : {};
    await updateRequest(tx, id, { state: to, ...closing, ...patch }, now);
    await appendAudit(
      tx,
      deps.dialect,
      [
        {
          actor,
          action: `dsr.${to}`,
          subjectId: current.subjectId,
          target: id,
          detail: { from: current.state, ...detail },
        },
      ],
      now,
    );
    return (await findRequest(tx, id))!;
  });
}
