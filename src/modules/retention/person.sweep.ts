/**
 * Per-person retention (`retention: { from: purposes }`, domain/retention/person.ts): finds the people
 * whose relationship ended or consent was withdrawn long enough ago, judges each from Steward's records,
 * and erases their rows of the table as an erasure request would (legal holds kept, rows that the
 * person's other rows still reference kept). Each person done is marked, so later sweeps skip them until
 * something new happens to them.
 */
import { type Kysely, sql } from 'kysely';
import { decideErasure } from '../../connectors/erasure-plan.js';
import { asKey, keyedHash } from '../../connectors/erasure-values.js';
import { applyOperations, connectorOf, findIn } from '../../connectors/traverse.js';
import type { Connector, Key } from '../../connectors/types.js';
import type { DB } from '../../db/schema.js';
import type { Policy } from '../../domain/policy/schema.js';
import { type DatasetPlan, planTraversal } from '../../domain/requests/plan.js';
import { retentionCutoff } from '../../domain/retention/cutoff.js';
import { type PersonFacts, type PersonRule, personExpired } from '../../domain/retention/person.js';
import { identitiesOfSubject } from '../subjects/subjects.repo.js';

/** People judged per rule and sweep; the rest wait for the next sweep. */
export const PERSONS_PER_SWEEP = 2_000;

export interface PersonSweepResult {
  readonly rows: number;
  readonly subjects: number;
  readonly blocked: number;
  readonly held: number;
}

/**
 * People who may have run out: a relationship of the rule's kinds ended, or consent to its purpose was
 * withdrawn, before the clock's cut-off, and not already swept since.
 */
async function candidates(db: Kysely<DB>, rule: PersonRule, now: Date): Promise<string[]> {
  const ids = new Set<string>();
  for (const clock of rule.clocks) {
    const before = retentionCutoff(now, clock.duration).getTime();
    const rows =
      clock.anchor === 'relationship_ended'
        ? clock.kinds.length === 0
          ? []
          : await db
              .selectFrom('relationships as r')
              .select('r.subject_id')
              .where('r.kind', 'in', [...clock.kinds])
              .where('r.ended_at', '<', before)
              .where(({ not, exists, selectFrom }) =>
                not(
                  exists(
                    selectFrom('retention_subjects as m')
                      .select(sql`1`.as('one'))
                      .whereRef('m.subject_id', '=', 'r.subject_id')
                      .where('m.rule', '=', rule.id)
                      .whereRef('m.done_at', '>=', 'r.ended_at'),
                  ),
                ),
              )
              .distinct()
              .limit(PERSONS_PER_SWEEP)
              .execute()
        : await db
            .selectFrom('consent_state as c')
            .select('c.subject_id')
            .where('c.purpose', '=', clock.purpose)
            .where('c.status', '=', 'withdrawn')
            .where('c.since', '<', before)
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('retention_subjects as m')
                    .select(sql`1`.as('one'))
                    .whereRef('m.subject_id', '=', 'c.subject_id')
                    .where('m.rule', '=', rule.id)
                    .whereRef('m.done_at', '>=', 'c.since'),
                ),
              ),
            )
            .limit(PERSONS_PER_SWEEP)
            .execute();
    for (const r of rows) ids.add(r.subject_id);
  }
  return [...ids].slice(0, PERSONS_PER_SWEEP);
}

async function factsOf(db: Kysely<DB>, subjectId: string): Promise<PersonFacts> {
  const relationships = await db
    .selectFrom('relationships')
    .select(['kind', 'ended_at'])
    .where('subject_id', '=', subjectId)
    .execute();
  const consents = await db
    .selectFrom('consent_state')
    .select(['purpose', 'status', 'since'])
    .where('subject_id', '=', subjectId)
    .execute();
  return {
    relationships: relationships.map((r) => ({
      kind: r.kind,
      endedAt: r.ended_at === null ? null : Number(r.ended_at),
    })),
    consents: new Map(consents.map((c) => [c.purpose, { status: c.status, since: Number(c.since) }])),
  };
}

async function markDone(db: Kysely<DB>, rule: string, subjectId: string, now: number): Promise<void> {
  await db
    .insertInto('retention_subjects')
    .values({ rule, subject_id: subjectId, done_at: now })
    .onConflict((oc) => oc.columns(['rule', 'subject_id']).doUpdateSet({ done_at: now }))
    .execute();
}

export async function sweepPersonRule(deps: {
  db: Kysely<DB>;
  policy: Policy;
  rule: PersonRule;
  connectors: ReadonlyMap<string, Connector>;
  hashKey: Buffer;
  now: number;
  dryRun: boolean;
  heldSubjects: ReadonlySet<string>;
  heldKeys: readonly Key[];
  signal?: AbortSignal | undefined;
}): Promise<PersonSweepResult> {
  const { rule } = deps;
  const plan: DatasetPlan | undefined = planTraversal(deps.policy).find((p) => p.dataset.id === rule.dataset);
  if (!plan) throw new Error(`dataset '${rule.dataset}' is not in the policy`);
  const step = plan.steps.find((s) => s.table.name === rule.table)!;
  const now = new Date(deps.now);
  const hash = keyedHash(deps.hashKey);
  const heldKeys = new Set(deps.heldKeys.map(String));
  let rows = 0;
  let subjects = 0;
  let blocked = 0;
  let held = 0;
  for (const subjectId of await candidates(deps.db, rule, now)) {
    if (deps.signal?.aborted)
      throw new Error('interrupted: the server is stopping; the next sweep continues');
    if (deps.heldSubjects.has(subjectId)) {
      held++;
      continue;
    }
    if (!personExpired(rule, await factsOf(deps.db, subjectId), now)) continue;
    const identities = await identitiesOfSubject(deps.db, subjectId);
    const found = await findIn(plan, deps.connectors, identities, deps.hashKey);
    const mine = (found.get(rule.table) ?? []).filter(
      (row) => !heldKeys.has(String(row[step.table.primaryKey])),
    );
    // The person's rows of other tables stay: a row they reference is kept, not deleted.
    const referenced = new Set(
      step.children.flatMap((link) =>
        (found.get(link.from) ?? []).map((child) => `${link.references}\u0000${String(child[link.column])}`),
      ),
    );
    const [decision] = decideErasure(plan, new Map([[rule.table, mine]]), { now, hash }).filter(
      (d) => d.step.table.name === rule.table,
    );
    if (!decision) continue;
    const keep = (pk: Key) => {
      const row = mine.find((r) => asKey(r[step.table.primaryKey]) === pk);
      return step.children.some(
        (l) => row && referenced.has(`${l.references}\u0000${String(row[l.references])}`),
      );
    };
    const operations = {
      ...decision.operations,
      delete: decision.operations.delete.filter((pk) => !keep(pk)),
    };
    blocked += decision.operations.delete.length - operations.delete.length;
    const count = operations.delete.length + operations.update.length;
    subjects++;
    if (deps.dryRun) {
      rows += count;
      continue;
    }
    if (count > 0) {
      const outcome = (
        await applyOperations(plan, connectorOf(deps.connectors, plan), identities, [operations], 'erase')
      ).get(rule.table);
      if (outcome && 'error' in outcome) throw new Error(outcome.error);
      rows += outcome?.count ?? 0;
    }
    await markDone(deps.db, rule.id, subjectId, deps.now);
  }
  return { rows, subjects, blocked, held };
}
