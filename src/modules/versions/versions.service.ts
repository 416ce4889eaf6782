/**
 * Publishing policy versions (clause 6): store each edition immutably, classify its changes, fix when it
 * takes effect, and owe each account holder one email about a material change (WP260 rev.01 § 30: told
 * explicitly, well in advance). The email is written to the outbox and sent by the outbox worker.
 *
 * Exactly once, whatever runs twice: versions form one linear history (`seq` is unique, so of two
 * concurrent publishers one wins and the other re-reads the head: same text → nothing to do, other text →
 * diffed against the winner); notices are queued in batches, each batch one transaction inserting
 * (version, person) rows whose primary key admits one, and an outbox email only for the rows it inserted.
 * A publication interrupted half-way is finished by re-running it or by the `policy.notices` job.
 */

import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/connect.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../domain/identity/ids.js';
import { diffPolicies, type PolicyDiff } from '../../domain/policy/diff.js';
import { loadPolicyText } from '../../domain/policy/load.js';
import type { Policy } from '../../domain/policy/schema.js';
import { relationshipKinds } from '../../domain/policy/taxonomy.js';
import {
  buildMaterialChangeIndex,
  type MaterialChangeIndex,
  type MaterialChangeRef,
  planEffectiveDate,
} from '../../domain/versions/material.js';
import { noticePayload } from '../../domain/versions/notice.js';
import { AppError } from '../../errors/app-error.js';
import { enqueueEmailRows } from '../../mail/outbox.js';
import { appendAudit } from '../audit/audit.repo.js';
import {
  advanceNoticeCursor,
  finishNotices,
  getVersion,
  insertNotices,
  insertVersion,
  latestVersion,
  listVersionFacts,
  nextAccountHolders,
  type VersionRecord,
  versionsQueuingNotices,
} from './versions.repo.js';

export interface PublishInput {
  readonly yaml: string;
  /** When the version takes effect; default: now, or now + the notice period for a material change. */
  readonly effectiveAt?: number;
  readonly actor: string;
  /** Shown in diagnostics (`policy.yaml:12:3`). */
  readonly fileName?: string;
}

export interface PublishResult {
  /** false: this very text is already the latest version; nothing was stored. */
  readonly published: boolean;
  readonly version: VersionRecord;
  /** Notices queued by this call (0 when nothing was material or they were queued before). */
  readonly noticesQueued: number;
}

export interface VersionsDeps {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  readonly publicUrl: string;
  readonly clock?: () => number;
  /** Account holders per notice transaction (tests use small batches). */
  readonly noticeBatch?: number;
  /** How long eligibility may reuse the index of material changes (ms of real time). */
  readonly indexTtlMs?: number;
}

/** SHA-256 of the file's bytes: the identity of a published text. */
export const hashText = (yaml: string): string => createHash('sha256').update(yaml, 'utf8').digest('hex');

/** Parses and checks a policy text; refuses it with every error as `line:col rule message`. */
export function parsePublishable(
  yaml: string,
  fileName = 'policy.yaml',
): { policy: Policy; policyHash: string } {
  const loaded = loadPolicyText(yaml, fileName);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.policy || errors.length > 0)
    throw new AppError(
      'policy.invalid',
      `the policy has ${errors.length} error(s); nothing was published`,
      errors
        .slice(0, 100)
        .map((d) => ({ field: 'yaml', message: `${d.line}:${d.col} ${d.rule} ${d.message}` })),
    );
  return { policy: loaded.policy, policyHash: loaded.contentHash };
}

export function createVersionsService(deps: VersionsDeps) {
  const clock = deps.clock ?? Date.now;
  const batch = deps.noticeBatch ?? 500;
  const ttl = deps.indexTtlMs ?? 5_000;
  let index: { built: number; value: Promise<MaterialChangeIndex> } | null = null;

  async function publishOnce(input: PublishInput, parsed: ReturnType<typeof parsePublishable>) {
    const contentHash = hashText(input.yaml);
    const head = await latestVersion(deps.db);
    if (head?.contentHash === contentHash) return { published: false, version: head };
    const now = clock();
    const diff: PolicyDiff = head
      ? diffPolicies(head.policy, parsed.policy)
      : { material: false, changes: [] };
    const plan = planEffectiveDate({
      now,
      material: diff.material,
      noticePeriods: [head?.policy.amendments.noticePeriod, parsed.policy.amendments.noticePeriod].filter(
        (p): p is string => typeof p === 'string',
      ),
      predecessorEffectiveAt: head?.effectiveAt ?? null,
      requested: input.effectiveAt,
    });
    if (!plan.ok)
      throw new AppError('policy.effective_too_soon', plan.reason, [
        { field: 'effectiveAt', message: `no earlier than ${new Date(plan.earliest).toISOString()}` },
      ]);
    // The promise to email account holders is the one people were told (either edition's `notify`).
    const byEmail = [head?.policy, parsed.policy].some((p) =>
      p?.amendments.notify.includes('email_account_holders'),
    );
    const id = newId('ver', now);
    await deps.db.transaction().execute(async (tx) => {
      await insertVersion(tx, {
        id,
        seq: (head?.seq ?? 0) + 1,
        content_hash: contentHash,
        policy_hash: parsed.policyHash,
        label: parsed.policy.version ?? null,
        yaml: input.yaml,
        policy: JSON.stringify(parsed.policy),
        previous_id: head?.id ?? null,
        changes: JSON.stringify(diff),
        material: diff.material ? 1 : 0,
        effective_at: plan.effectiveAt,
        published_at: now,
        published_by: input.actor,
        notices_state: diff.material && byEmail ? 'queuing' : 'none',
        notices_cursor: null,
        notices_queued_at: null,
      });
      await appendAudit(
        tx,
        deps.dialect,
        [
          {
            actor: input.actor,
            action: 'policy.version_published',
            target: id,
            detail: {
              contentHash,
              material: diff.material,
              changes: diff.changes.length,
              effectiveAt: new Date(plan.effectiveAt).toISOString(),
            },
          },
        ],
        now,
      );
    });
    return { published: true, version: (await getVersion(deps.db, id))! };
  }

  /** Queues the notices still owed for one version, batch by batch; returns how many this call queued. */
  async function queueNotices(version: VersionRecord): Promise<number> {
    if (version.noticesState !== 'queuing') return 0;
    const previous = version.previousId ? await getVersion(deps.db, version.previousId) : null;
    const kinds = [
      ...new Set([
        ...relationshipKinds(version.policy),
        ...(previous ? relationshipKinds(previous.policy) : []),
      ]),
    ];
    const payload = noticePayload({
      policy: version.policy,
      previous: previous?.policy ?? null,
      diff: version.diff,
      effectiveAt: version.effectiveAt,
      link: `${deps.publicUrl}/privacy/versions`,
    });
    // Every holder up to the cursor has a notice (the cursor moves in the batch's own transaction).
    let cursor = version.noticesCursor ?? '';
    let queued = 0;
    for (;;) {
      const holders = await nextAccountHolders(deps.db, {
        kinds,
        at: version.publishedAt,
        cursor,
        limit: batch,
      });
      if (holders.length === 0) break;
      const now = clock();
      const rows = holders.map((h) => ({ ...h, outboxId: newId('out', now) }));
      await deps.db.transaction().execute(async (tx) => {
        const fresh = await insertNotices(tx, version.id, rows, now);
        await enqueueEmailRows(
          tx,
          rows.filter((r) => fresh.has(r.subjectId)).map((r) => ({ id: r.outboxId, to: r.email })),
          'policy.changed',
          payload,
          now,
        );
        await advanceNoticeCursor(tx, version.id, holders.at(-1)!.subjectId);
        queued += fresh.size;
      });
      cursor = holders.at(-1)!.subjectId;
      if (holders.length < batch) break;
    }
    await finishNotices(deps.db, version.id, clock());
    return queued;
  }

  /** The index of material changes, rebuilt at most every `ttl` ms of real time (or after a publication here). */
  function currentIndex(): Promise<MaterialChangeIndex> {
    const t = performance.now();
    if (!index || t - index.built > ttl) {
      const value = listVersionFacts(deps.db).then(buildMaterialChangeIndex);
      index = { built: t, value };
      value.catch(() => {
        index = null;
      });
    }
    return index.value;
  }

  return {
    /**
     * Publishes a policy text. The same text as the latest version is a no-op that says so; a text with
     * errors is refused with each error's line. Safe to call twice at once, from any instances.
     */
    async publish(input: PublishInput): Promise<PublishResult> {
      const parsed = parsePublishable(input.yaml, input.fileName);
      for (let attempt = 0; ; attempt++) {
        try {
          const result = await publishOnce(input, parsed);
          index = null;
          // Re-running a publication also finishes notices a crash left half-queued.
          const noticesQueued = await queueNotices(result.version);
          const version =
            noticesQueued > 0 || result.published
              ? (await getVersion(deps.db, result.version.id))!
              : result.version;
          return { ...result, version, noticesQueued };
        } catch (error) {
          // Another publisher took this `seq`: read the new head and try again.
          if (!isUniqueViolation(error) || attempt >= 4) throw error;
        }
      }
    },

    /** Finishes every version whose notices are still being queued (the `policy.notices` job). */
    async resumeNotices(): Promise<number> {
      let queued = 0;
      for (const version of await versionsQueuingNotices(deps.db)) queued += await queueNotices(version);
      return queued;
    },

    /**
     * Latest material change per purpose, for eligibility and any module that must ask consent again.
     * Cached for a few seconds of real time (a change published on another instance is seen within it);
     * a publication on this instance clears it at once.
     */
    materialChanges: {
      index: currentIndex,
      async latestFor(purpose: string, at: number): Promise<MaterialChangeRef | null> {
        return (await currentIndex()).latestFor(purpose, at);
      },
    },
  };
}

export type VersionsService = ReturnType<typeof createVersionsService>;
