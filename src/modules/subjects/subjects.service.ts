import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/connect.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { DB } from '../../db/schema.js';
import { type CanonicalIdentity, canonicalise, type IdentityInput } from '../../domain/identity/identity.js';
import { newId } from '../../domain/identity/ids.js';
import { AppError, type FieldProblem } from '../../errors/app-error.js';
import { appendAudit } from '../audit/audit.repo.js';
import * as repo from './subjects.repo.js';

export interface UpsertSubjectInput {
  readonly identities: readonly IdentityInput[];
  readonly relationships?: readonly {
    kind: string;
    startedAt?: number;
    endedAt?: number;
    reference?: string;
  }[];
  readonly defaultCountry?: string;
}

export interface SubjectsDeps {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  /** Relationship kinds the policy knows (its subject kinds). */
  readonly relationshipKinds: ReadonlySet<string>;
  readonly clock?: () => number;
}

function canonicaliseAll(identities: readonly IdentityInput[], defaultCountry?: string): CanonicalIdentity[] {
  const problems: FieldProblem[] = [];
  const out = new Map<string, CanonicalIdentity>();
  identities.forEach((input, index) => {
    const result = canonicalise(input, defaultCountry);
    if ('error' in result)
      problems.push({ field: `identities.${index}.value`, message: `${input.type} ${result.error}` });
    else out.set(`${result.type}\u0000${result.namespace}\u0000${result.value}`, result);
  });
  if (problems.length > 0)
    throw new AppError('subject.identity_invalid', 'an identity could not be normalised', problems);
  return [...out.values()];
}

/** Subjects: find-or-create by identity, link identities, relationships; every access audited. */
export function createSubjectsService(deps: SubjectsDeps) {
  const clock = deps.clock ?? Date.now;

  function checkRelationships(input: UpsertSubjectInput['relationships'] = []): void {
    const problems: FieldProblem[] = [];
    input.forEach((r, index) => {
      if (!deps.relationshipKinds.has(r.kind)) {
        problems.push({
          field: `relationships.${index}.kind`,
          message: `unknown subject kind; the policy declares: ${[...deps.relationshipKinds].join(', ')}`,
        });
      }
      if (r.endedAt !== undefined && r.startedAt !== undefined && r.endedAt < r.startedAt) {
        problems.push({ field: `relationships.${index}.endedAt`, message: 'must not be before startedAt' });
      }
    });
    if (problems.length > 0)
      throw new AppError('subject.relationship_invalid', 'a relationship is not valid', problems);
  }

  async function upsertOnce(
    input: UpsertSubjectInput,
    actor: string,
  ): Promise<{ id: string; created: boolean }> {
    const identities = canonicaliseAll(input.identities, input.defaultCountry);
    checkRelationships(input.relationships);
    const now = clock();
    return deps.db.transaction().execute(async (tx) => {
      const owners = await repo.findSubjectIdsByIdentities(tx, identities);
      if (owners.length > 1) {
        throw new AppError(
          'subject.identity_conflict',
          'these identities belong to different subjects; link them explicitly',
        );
      }
      const created = owners.length === 0;
      const id = owners[0] ?? newId('sub', now);
      if (created) await repo.insertSubject(tx, id, now);
      else await repo.touchSubject(tx, id, now);
      const known = created ? [] : ((await repo.getSubject(tx, id))?.identities ?? []);
      const fresh = identities.filter(
        (i) => !known.some((k) => k.type === i.type && k.namespace === i.namespace && k.value === i.value),
      );
      await repo.insertIdentities(
        tx,
        fresh.map((identity) => ({ id: newId('sid', now), subjectId: id, identity, now })),
      );
      const relationshipIds: string[] = [];
      for (const r of input.relationships ?? []) {
        const relId = newId('rel', now);
        relationshipIds.push(relId);
        await repo.insertRelationship(tx, {
          id: relId,
          subjectId: id,
          kind: r.kind,
          startedAt: r.startedAt ?? now,
          endedAt: r.endedAt ?? null,
          reference: r.reference ?? null,
          now,
        });
      }
      await appendAudit(
        tx,
        deps.dialect,
        [
          {
            actor,
            action: created ? 'subject.created' : 'subject.updated',
            subjectId: id,
            detail: { identitiesAdded: fresh.map((i) => i.type), relationshipsAdded: relationshipIds },
          },
        ],
        now,
      );
      return { id, created };
    });
  }

  return {
    /** Finds the subject owning any of the identities, or creates one; adds new identities and relationships. */
    async upsert(
      input: UpsertSubjectInput,
      actor: string,
    ): Promise<{ row: repo.SubjectRow; created: boolean }> {
      let result: { id: string; created: boolean };
      try {
        result = await upsertOnce(input, actor);
      } catch (error) {
        // Two writers created the same identity at once: the loser retries and finds the winner's subject.
        if (!isUniqueViolation(error)) throw error;
        result = await upsertOnce(input, actor);
      }
      return { row: (await repo.getSubject(deps.db, result.id))!, created: result.created };
    },

    async lookup(identity: IdentityInput, actor: string, defaultCountry?: string): Promise<repo.SubjectRow> {
      const [canonical] = canonicaliseAll([identity], defaultCountry);
      const [id] = await repo.findSubjectIdsByIdentities(deps.db, canonical ? [canonical] : []);
      if (!id) throw new AppError('resource.not_found', 'no subject has this identity');
      return this.get(id, actor);
    },

    async get(id: string, actor: string): Promise<repo.SubjectRow> {
      const subject = await repo.getSubject(deps.db, id);
      if (!subject) throw new AppError('resource.not_found', 'no such subject');
      await deps.db
        .transaction()
        .execute((tx) =>
          appendAudit(tx, deps.dialect, [{ actor, action: 'subject.read', subjectId: id }], clock()),
        );
      return subject;
    },

    async addIdentities(
      id: string,
      identities: readonly IdentityInput[],
      actor: string,
      defaultCountry?: string,
    ): Promise<repo.SubjectRow> {
      const canonical = canonicaliseAll(identities, defaultCountry);
      const now = clock();
      await deps.db.transaction().execute(async (tx) => {
        const subject = await repo.getSubject(tx, id);
        if (!subject) throw new AppError('resource.not_found', 'no such subject');
        const owners = await repo.findSubjectIdsByIdentities(tx, canonical);
        if (owners.some((owner) => owner !== id))
          throw new AppError('subject.identity_conflict', 'an identity belongs to another subject');
        const fresh = canonical.filter(
          (i) =>
            !subject.identities.some(
              (k) => k.type === i.type && k.namespace === i.namespace && k.value === i.value,
            ),
        );
        await repo.insertIdentities(
          tx,
          fresh.map((identity) => ({ id: newId('sid', now), subjectId: id, identity, now })),
        );
        await repo.touchSubject(tx, id, now);
        await appendAudit(
          tx,
          deps.dialect,
          [
            {
              actor,
              action: 'subject.identities_linked',
              subjectId: id,
              detail: { identitiesAdded: fresh.map((i) => i.type) },
            },
          ],
          now,
        );
      });
      return (await repo.getSubject(deps.db, id))!;
    },

    async addRelationship(
      id: string,
      input: NonNullable<UpsertSubjectInput['relationships']>[number],
      actor: string,
    ): Promise<repo.SubjectRow> {
      checkRelationships([input]);
      const now = clock();
      await deps.db.transaction().execute(async (tx) => {
        if (!(await repo.getSubject(tx, id))) throw new AppError('resource.not_found', 'no such subject');
        const relId = newId('rel', now);
        await repo.insertRelationship(tx, {
          id: relId,
          subjectId: id,
          kind: input.kind,
          startedAt: input.startedAt ?? now,
          endedAt: input.endedAt ?? null,
          reference: input.reference ?? null,
          now,
        });
        await repo.touchSubject(tx, id, now);
        await appendAudit(
          tx,
          deps.dialect,
          [
            {
              actor,
              action: 'relationship.started',
              subjectId: id,
              target: relId,
              detail: { kind: input.kind },
            },
          ],
          now,
        );
      });
      return (await repo.getSubject(deps.db, id))!;
    },

    /** Ends a relationship (e.g. a customer leaves): soft opt-in and relationship-anchored retention start from here. */
    async endRelationship(
      id: string,
      relationshipId: string,
      endedAt: number | undefined,
      actor: string,
    ): Promise<repo.SubjectRow> {
      const now = clock();
      await deps.db.transaction().execute(async (tx) => {
        const subject = await repo.getSubject(tx, id);
        const rel = subject?.relationships.find((r) => r.id === relationshipId);
        if (!subject || !rel) throw new AppError('resource.not_found', 'no such relationship');
        const at = endedAt ?? now;
        if (at < rel.startedAt)
          throw new AppError('subject.relationship_invalid', 'a relationship cannot end before it started', [
            { field: 'endedAt', message: 'must not be before startedAt' },
          ]);
        await repo.endRelationship(tx, id, relationshipId, at, now);
        await repo.touchSubject(tx, id, now);
        await appendAudit(
          tx,
          deps.dialect,
          [
            {
              actor,
              action: 'relationship.ended',
              subjectId: id,
              target: relationshipId,
              detail: { kind: rel.kind },
            },
          ],
          now,
        );
      });
      return (await repo.getSubject(deps.db, id))!;
    },
  };
}

export type SubjectsService = ReturnType<typeof createSubjectsService>;
