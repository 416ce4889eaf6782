import { newId } from '../../domain/identity/ids.js';
import type { Policy } from '../../domain/policy/schema.js';
import { AppError } from '../../errors/app-error.js';
import { enqueueEmail } from '../../mail/outbox.js';
import type { ConsentService } from '../consent/consent.service.js';
import { ALL_MARKETING } from '../consent/ledger.types.js';
import { type RequestRow, updateRequest } from './requests.repo.js';
import { newToken, type RequestsDeps, sha256, transition } from './requests.service.js';

/** Where the subject's data are found and changed: the connectors' fan-out, wired in by the module. */
export interface DataExecutor {
  /** A ZIP with every row of this subject and the Art. 15 summary, and what it holds per table. */
  exportAccess(
    request: RequestRow,
  ): Promise<{ archive: Buffer; tables: { dataset: string; table: string; rows: number }[] }>;
  /** Erases per table strategy; rows a legal obligation keeps are restricted, not erased (Art. 17(3)(b)). */
  erase(request: RequestRow): Promise<Record<string, unknown>>;
  /** Applies approved corrections; returns what changed. */
  correct(request: RequestRow, changes: readonly CorrectionChange[]): Promise<Record<string, unknown>>;
}

export interface CorrectionChange {
  readonly dataset: string;
  readonly table: string;
  readonly pk: string | number;
  readonly column: string;
  readonly value: string | null;
}

/**
 * Carries out a verified request. Objection and withdrawal take effect at once (eligibility says no from
 * the next check); access and erasure run through the connectors; a correction waits for an agent.
 */
export function createRequestActions(
  deps: RequestsDeps & {
    consent: ConsentService;
    executor: DataExecutor;
    exportTtlMs: number;
    policy: Policy;
  },
) {
  const clock = deps.clock ?? Date.now;
  const controller = deps.policy.controller.name;

  async function subjectOf(request: RequestRow, actor: string): Promise<string> {
    if (request.subjectId) return request.subjectId;
    return deps.consent.resolveSubject({ identity: { type: 'email', value: request.email } }, actor, true);
  }

  async function complete(
    request: RequestRow,
    actor: string,
    result: Record<string, unknown>,
    email: Record<string, string> = {},
  ): Promise<RequestRow> {
    const now = clock();
    const done = await transition(deps, request.id, 'completed', actor, now, {
      result: JSON.stringify(result),
    });
    await enqueueEmail(
      deps.db,
      { to: request.email, template: 'request.completed', payload: { controller, ...email } },
      now,
    );
    return done;
  }

  return {
    async run(request: RequestRow, actor: string): Promise<RequestRow> {
      switch (request.type) {
        case 'objection': {
          // Art. 21(2)–(3): objection to direct marketing is absolute; the flag wins over every basis.
          const subjectId = await subjectOf(request, actor);
          const entry = await deps.consent.suppress(
            subjectId,
            ALL_MARKETING,
            'objected',
            'privacy_center',
            actor,
          );
          return complete(request, actor, { suppressed: ALL_MARKETING, ledgerSeq: entry.seq });
        }
        case 'withdrawal': {
          const subjectId = await subjectOf(request, actor);
          const purposes = deps.policy.purposes.filter(
            (p) =>
              p.legalBasis === 'consent' &&
              (!request.details.purposes || request.details.purposes.includes(p.id)),
          );
          const seqs: number[] = [];
          for (const p of purposes) {
            const entry = await deps.consent.record(
              { subject: { subjectId }, purpose: p.id, action: 'withdrawn', channel: 'privacy_center' },
              actor,
            );
            seqs.push(entry.seq);
          }
          return complete(request, actor, { withdrawn: purposes.map((p) => p.id), ledgerSeqs: seqs });
        }
        case 'access': {
          const started =
            request.state === 'in_progress'
              ? request
              : await transition(deps, request.id, 'in_progress', actor, clock());
          const { archive, tables } = await deps.executor.exportAccess(started);
          const token = newToken();
          const now = clock();
          const expiresAt = now + deps.exportTtlMs;
          await deps.db
            .insertInto('dsr_exports')
            .values({
              token_hash: sha256(token),
              request_id: request.id,
              expires_at: expiresAt,
              created_at: now,
              archive: archive.toString('base64'),
            })
            .execute();
          return complete(
            started,
            actor,
            { tables, exportExpiresAt: new Date(expiresAt).toISOString() },
            {
              link: `${deps.publicUrl}/v1/exports/${token}`,
              note: `Your data are ready to download until ${new Date(expiresAt).toISOString().slice(0, 10)}.`,
            },
          );
        }
        case 'erasure': {
          const started =
            request.state === 'in_progress'
              ? request
              : await transition(deps, request.id, 'in_progress', actor, clock());
          const report = await deps.executor.erase(started);
          if (report.complete === false) {
            // A store failed: what could be erased is, and re-running is harmless (Art. 17 "without undue delay").
            await updateRequest(
              deps.db,
              request.id,
              { result: JSON.stringify({ erasure: report }) },
              clock(),
            );
            throw new AppError(
              'request.datasets_unavailable',
              'a store could not be erased; the request stays in progress',
            );
          }
          return complete(
            started,
            actor,
            { erasure: report },
            {
              note: 'What we were allowed to erase is erased; what the law requires us to keep is kept, restricted to that use.',
            },
          );
        }
        case 'correction': {
          // Art. 16: an agent reviews the proposed values before anything is changed.
          if (request.state === 'awaiting_approval') return request;
          const started =
            request.state === 'in_progress'
              ? request
              : await transition(deps, request.id, 'in_progress', actor, clock());
          return transition(deps, started.id, 'awaiting_approval', actor, clock());
        }
      }
    },

    async approveCorrections(
      request: RequestRow,
      changes: readonly CorrectionChange[],
      actor: string,
    ): Promise<RequestRow> {
      if (request.type !== 'correction' || request.state !== 'awaiting_approval') {
        throw new AppError(
          'request.invalid_transition',
          'only a correction awaiting approval can be approved',
        );
      }
      // Applied first: a refused change (another person's row, an undeclared column) leaves the request
      // awaiting approval as it was; the connectors check every change before writing any.
      const applied = await deps.executor.correct(request, changes);
      return complete(request, actor, { corrections: applied });
    },

    /** The ZIP behind an export link, while the link lives; anything else looks like nothing. */
    async download(token: string): Promise<Buffer> {
      const row = await deps.db
        .selectFrom('dsr_exports')
        .select(['archive', 'expires_at'])
        .where('token_hash', '=', sha256(token))
        .executeTakeFirst();
      if (!row || Number(row.expires_at) < clock())
        throw new AppError('resource.not_found', 'this download link is not valid or has expired');
      return Buffer.from(row.archive, 'base64');
    },

    newDisclosureId: () => newId('disc', clock()),
  };
}

export type RequestActions = ReturnType<typeof createRequestActions>;
