/**
 * Forms and surveys (clause 1.6.5): the definition a page renders, submissions checked against the policy,
 * and the agents' listing. An anonymous form processes no personal data (1.6.5.1): its submission is
 * stored with no subject, no IP address, no user agent, no cookie and the day only, and nothing about it
 * is audited (an audit entry's instant would date it to the millisecond).
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import { FORM_TOKEN_RULES, issueFormToken, verifyFormToken } from '../../domain/forms/token.js';
import {
  honeypotName,
  RATING,
  submissionTime,
  type ValidSubmission,
  validateSubmission,
} from '../../domain/forms/validate.js';
import { newId } from '../../domain/identity/ids.js';
import type { Form, Policy } from '../../domain/policy/schema.js';
import { AppError } from '../../errors/app-error.js';
import { appendAudit } from '../audit/audit.repo.js';
import type { ConsentService } from '../consent/consent.service.js';
import type { RateLimiter } from '../requests/rate-limit.js';
import type { SubjectsService } from '../subjects/subjects.service.js';
import { insertSubmission, listSubmissions, type SubmissionRow } from './forms.repo.js';
import type { FormDefinition, SubmissionBody } from './forms.schemas.js';

/**
 * Per hour: 30 submissions from one client (a shared office address still answers a survey), 5 naming
 * one address (nobody is signed up for anything 50 times by someone else).
 */
export const FORM_LIMITS = { perIp: 30, perAddress: 5, windowMs: 3_600_000 };

export interface FormsDeps {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  readonly policy: Pick<Policy, 'forms' | 'purposes'>;
  readonly publicUrl: string;
  readonly limiter: RateLimiter;
  /** Signs form tokens (domain/forms/token.ts). */
  readonly tokenKey: Buffer;
  readonly subjects: Pick<SubjectsService, 'upsert'>;
  readonly consent: Pick<ConsentService, 'record'>;
  readonly clock?: () => number;
}

const PUBLIC = 'public';

export function createFormsService(deps: FormsDeps) {
  const clock = deps.clock ?? Date.now;
  const forms = new Map(deps.policy.forms.map((f) => [f.id, f]));
  const purposes = new Map(deps.policy.purposes.map((p) => [p.id, p]));

  function formOf(formId: string): Form {
    const form = forms.get(formId);
    if (!form) throw new AppError('resource.not_found', 'the policy declares no such form');
    return form;
  }

  function checkToken(form: Form, token: string, now: number): void {
    const verdict = verifyFormToken(deps.tokenKey, form.id, token, now);
    if (verdict.ok) return;
    if (verdict.reason === 'too_fast')
      throw new AppError(
        'form.too_fast',
        `the form was sent too soon after it was opened; send it again in ${Math.ceil(verdict.waitMs / 1000)} s`,
        [{ field: 'token', message: 'too soon' }],
      );
    throw new AppError(
      'form.token_invalid',
      'the form token is not valid or has expired; open the form again',
      [{ field: 'token', message: verdict.reason === 'expired' ? 'expired' : 'not valid' }],
    );
  }

  function validate(form: Form, body: SubmissionBody): ValidSubmission {
    const result = validateSubmission(form, { answers: body.answers, consents: body.consents });
    if (!result.ok)
      throw new AppError('request.invalid', 'the answers do not match the form', result.problems);
    return result.value;
  }

  async function storeNamed(form: Form, valid: ValidSubmission, now: number): Promise<void> {
    // A submission is not a relationship: only the identity is recorded, so the person can be found
    // for access and erasure (Art. 15, 17) and their ticked consents bound to them.
    const subjectId = valid.email
      ? (await deps.subjects.upsert({ identities: [{ type: 'email', value: valid.email }] }, PUBLIC)).row.id
      : null;
    const id = newId('frm', now);
    await deps.db.transaction().execute(async (tx) => {
      await insertSubmission(tx, {
        id,
        form_id: form.id,
        purpose: form.purpose,
        anonymous: 0,
        answers: JSON.stringify(valid.answers),
        submitted_at: now,
        subject_id: subjectId,
      });
      await appendAudit(
        tx,
        deps.dialect,
        [
          {
            actor: PUBLIC,
            action: 'form.submitted',
            subjectId,
            target: id,
            detail: { form: form.id, fields: Object.keys(valid.answers), consents: valid.consents },
          },
        ],
        now,
      );
    });
    // The ledger commits in groups of its own, so consents follow the stored submission: a crash between
    // the two loses a consent (nobody is mailed without it), never invents one.
    // validateSubmission refuses a ticked consent without an address, so there is a subject here.
    if (!subjectId) return;
    for (const purpose of valid.consents) {
      await deps.consent.record(
        {
          subject: { subjectId },
          purpose,
          action: 'given',
          channel: 'web_form',
          occurredAt: now,
          evidence: { formId: form.id },
        },
        PUBLIC,
      );
    }
  }

  return {
    formOf,

    /** What a page needs to render the form: fields, consent wording, and a fresh spam token. */
    definition(formId: string): FormDefinition {
      const form = formOf(formId);
      const now = clock();
      const purpose = purposes.get(form.purpose);
      return {
        id: form.id,
        title: form.title,
        kind: form.kind,
        anonymous: form.anonymous,
        purpose: {
          id: form.purpose,
          title: purpose?.title ?? form.purpose,
          description: purpose?.description ?? '',
        },
        privacyPolicy: `${deps.publicUrl}/privacy`,
        fields: form.fields.map((f) => ({
          name: f.name,
          label: f.label,
          type: f.type,
          required: f.required,
          maxLength: f.maxLength ?? null,
          options: f.options ?? null,
          min: f.type === 'rating' ? RATING.min : null,
          max: f.type === 'rating' ? RATING.max : null,
        })),
        consents: form.consents.map((id) => {
          const p = purposes.get(id);
          return { purpose: id, text: p?.consent?.requested ?? `I agree: ${p?.title ?? id}` };
        }),
        spam: {
          token: issueFormToken(deps.tokenKey, form.id, now),
          honeypot: honeypotName(form),
          minSeconds: FORM_TOKEN_RULES.minFillMs / 1000,
          expiresAt: new Date(now + FORM_TOKEN_RULES.maxAgeMs).toISOString(),
        },
      };
    },

    /**
     * Checks and stores a submission. A filled honeypot is answered like a success and nothing is stored
     * (a bot learns nothing); `stored` tells the caller which, for tests and metrics, never the client.
     */
    async submit(formId: string, body: SubmissionBody, clientIp: string): Promise<{ stored: boolean }> {
      const form = formOf(formId);
      // The limiter keys a keyed hash of the address; the address itself goes nowhere.
      if (!(await deps.limiter.hit('form-ip', clientIp, FORM_LIMITS.perIp, FORM_LIMITS.windowMs)))
        throw new AppError('rate_limited', 'too many submissions from this client; try again in an hour');
      if (body.honeypot !== undefined && body.honeypot.trim() !== '') return { stored: false };
      const now = clock();
      checkToken(form, body.token, now);
      const valid = validate(form, body);
      if (form.anonymous) {
        const at = submissionTime(form, now);
        await insertSubmission(deps.db, {
          id: newId('frm', at),
          form_id: form.id,
          purpose: form.purpose,
          anonymous: 1,
          answers: JSON.stringify(valid.answers),
          submitted_at: at,
          subject_id: null,
        });
        return { stored: true };
      }
      if (
        valid.email &&
        !(await deps.limiter.hit('form-address', valid.email, FORM_LIMITS.perAddress, FORM_LIMITS.windowMs))
      )
        throw new AppError('rate_limited', 'too many submissions naming this address; try again in an hour');
      await storeNamed(form, valid, now);
      return { stored: true };
    },

    /** A page of a form's submissions for agents; the read is audited, per person it touches. */
    async list(
      formId: string,
      query: { limit: number; before?: string },
      actor: string,
    ): Promise<{ rows: SubmissionRow[]; next: string | null }> {
      const form = formOf(formId);
      const rows = await listSubmissions(deps.db, {
        formId: form.id,
        before: query.before,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const subjects = [...new Set(page.flatMap((r) => (r.subjectId ? [r.subjectId] : [])))];
      await deps.db.transaction().execute((tx) =>
        appendAudit(
          tx,
          deps.dialect,
          [
            { actor, action: 'form.submissions.listed', target: form.id, detail: { rows: page.length } },
            ...subjects.map((subjectId) => ({
              actor,
              action: 'form.submissions.read',
              subjectId,
              target: form.id,
            })),
          ],
          clock(),
        ),
      );
      return { rows: page, next: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
    },
  };
}

export type FormsService = ReturnType<typeof createFormsService>;
