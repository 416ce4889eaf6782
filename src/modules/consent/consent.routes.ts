import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { ConsentReceiptInput } from '../../domain/consent/receipt.js';
import { buildConsentReceipt } from '../../domain/consent/receipt.js';
import { AppError } from '../../errors/app-error.js';
import { API_KEY_SECURITY, actorOf } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import type { AuditService } from '../audit/audit.service.js';
import { requireSubject } from '../subjects/subjects.repo.js';
import { SubjectParamsSchema } from '../subjects/subjects.schemas.js';
import { ConsentEventSchema, ConsentParamsSchema, RecordConsentBodySchema } from './consent.schemas.js';
import type { ConsentService } from './consent.service.js';
import { findEvent, listSubjectEvents } from './ledger.repo.js';
import type { LedgerEntry } from './ledger.types.js';

const iso = (ms: number) => new Date(ms).toISOString();
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export function presentEvent(e: LedgerEntry) {
  return {
    id: e.id,
    seq: e.seq,
    subjectId: e.subjectId,
    purpose: e.purpose,
    action: e.action,
    channel: e.channel,
    occurredAt: iso(e.occurredAt),
    recordedAt: iso(e.recordedAt),
    policyHash: e.policyHash,
    evidence: {
      ...(e.evidence.formId ? { formId: e.evidence.formId } : {}),
      ...(e.evidence.noticeId ? { noticeId: e.evidence.noticeId } : {}),
      ...(e.evidence.userAgent ? { userAgent: e.evidence.userAgent } : {}),
      ...(e.evidence.ipPrefix ? { ipPrefix: e.evidence.ipPrefix } : {}),
      ...(e.evidence.language ? { language: e.evidence.language } : {}),
    },
    prevHash: e.prevHash,
    hash: e.hash,
    receiptUrl: `/v1/consents/${e.id}/receipt`,
  };
}

export function registerConsentRoutes(
  app: FastifyInstance,
  deps: {
    consent: ConsentService;
    db: Kysely<DB>;
    audit: AuditService;
    /** `versionId`: the published version the consent was given under, when there is one. */
    receiptInput: (entry: LedgerEntry, versionId?: string) => ConsentReceiptInput | null;
  },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/v1/consents',
    {
      config: { roles: ['admin', 'agent', 'service'] },
      schema: {
        operationId: 'recordConsent',
        tags: ['consent'],
        security: API_KEY_SECURITY,
        summary: 'Record consent given or withdrawn; answered only once the event is committed to the ledger',
        body: RecordConsentBodySchema,
        response: { 201: ConsentEventSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const entry = await deps.consent.record(
        {
          subject: b.subject,
          purpose: b.purpose,
          action: b.action,
          channel: b.channel,
          occurredAt: b.occurredAt ? Date.parse(b.occurredAt) : undefined,
          evidence: b.evidence,
        },
        actorOf(request),
      );
      return reply.code(201).send(presentEvent(entry));
    },
  );

  r.get(
    '/v1/consents/:id/receipt',
    {
      config: { roles: ['admin', 'agent', 'service', 'auditor'] },
      schema: {
        operationId: 'getConsentReceipt',
        tags: ['consent'],
        security: API_KEY_SECURITY,
        summary:
          'The consent receipt of one ledger event (ISO/IEC TS 27560 fields, DPV receipt-full profile)',
        params: ConsentParamsSchema,
        response: { 200: z.record(z.string(), z.unknown()), ...errors },
      },
    },
    async (request) => {
      const entry = await findEvent(deps.db, request.params.id);
      // The receipt points at the text the person saw (Kantara: the notice as it was), when it was published.
      const version = entry
        ? await deps.db
            .selectFrom('policy_versions')
            .select('id')
            .where('policy_hash', '=', entry.policyHash)
            .orderBy('seq', 'desc')
            .executeTakeFirst()
        : undefined;
      const input = entry ? deps.receiptInput(entry, version?.id) : null;
      if (!input) throw new AppError('resource.not_found', 'no consent event with this id');
      return buildConsentReceipt(input) as Record<string, unknown>;
    },
  );

  r.get(
    '/v1/subjects/:id/consents',
    {
      config: { roles: ['admin', 'agent', 'auditor'] },
      schema: {
        operationId: 'listSubjectConsents',
        tags: ['consent'],
        security: API_KEY_SECURITY,
        summary: "A subject's consent timeline, each entry with its ledger proof (seq, hash, prevHash)",
        params: SubjectParamsSchema,
        response: { 200: z.object({ events: z.array(ConsentEventSchema) }), ...errors },
      },
    },
    async (request) => {
      const subject = { id: await requireSubject(deps.db, request.params.id) };
      const events = await listSubjectEvents(deps.db, subject.id);
      await deps.audit.record({
        actor: actorOf(request),
        action: 'consent.timeline_read',
        subjectId: subject.id,
      });
      return { events: events.map(presentEvent) };
    },
  );
}
