import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Policy } from '../../domain/policy/schema.js';
import { buildAccessExport } from '../../domain/requests/access-export.js';
import { AppError } from '../../errors/app-error.js';
import { presentEvent } from '../consent/consent.routes.js';
import { listSubjectEvents } from '../consent/ledger.repo.js';
import { listDisclosures } from '../disclosures/disclosures.routes.js';
import type { CorrectionChange, DataExecutor } from './requests.actions.js';
import type { RequestRow } from './requests.repo.js';

export interface Identities {
  emails: string[];
  phones: string[];
  externalIds: string[];
}

/** What was found of one person in one table of a company store. */
export interface FoundRows {
  readonly dataset: string;
  readonly table: string;
  readonly purposes: string[];
  readonly rows: Record<string, unknown>[];
}

/** The reach into the company's own stores (the connectors of the policy's datasets). */
export interface DatasetFanout {
  collect(identities: Identities): Promise<FoundRows[]>;
  erase(identities: Identities, requestId: string): Promise<Record<string, unknown>>;
  correct(identities: Identities, changes: readonly CorrectionChange[]): Promise<Record<string, unknown>>;
}

/** Every identity Steward knows for the request's person: the address that asked, and the subject's. */
async function identitiesOf(db: Kysely<DB>, request: RequestRow): Promise<Identities> {
  const ids: Identities = { emails: [request.email], phones: [], externalIds: [] };
  if (!request.subjectId) return ids;
  const rows = await db
    .selectFrom('subject_identities')
    .select(['type', 'value'])
    .where('subject_id', '=', request.subjectId)
    .execute();
  for (const r of rows) {
    if (r.type === 'email' && !ids.emails.includes(r.value)) ids.emails.push(r.value);
    if (r.type === 'phone') ids.phones.push(r.value);
    if (r.type === 'external') ids.externalIds.push(r.value);
  }
  return ids;
}

/**
 * The data side of requests: the company's stores through their connectors (opened per request from the
 * environment variables the policy names, closed after), and Steward's own records of the person.
 */
export function createDataExecutor(deps: {
  db: Kysely<DB>;
  policy: Policy;
  fanout: DatasetFanout | null;
  clock?: () => number;
}): DataExecutor {
  const clock = deps.clock ?? Date.now;
  const fanout = () => {
    if (!deps.fanout)
      throw new AppError(
        'request.datasets_unavailable',
        'no dataset connectors are configured for this policy',
      );
    return deps.fanout;
  };

  return {
    async exportAccess(request) {
      const identities = await identitiesOf(deps.db, request);
      const found = deps.fanout ? await deps.fanout.collect(identities) : [];
      const consentEvents = request.subjectId
        ? (await listSubjectEvents(deps.db, request.subjectId)).map(presentEvent)
        : [];
      const disclosures = request.subjectId ? await listDisclosures(deps.db, request.subjectId) : [];
      const archive = buildAccessExport({
        policy: deps.policy,
        requestId: request.id,
        subjectId: request.subjectId ?? 'unknown',
        generatedAt: new Date(clock()),
        found,
        consentEvents,
        disclosures,
      });
      return {
        archive,
        tables: found.map((f) => ({ dataset: f.dataset, table: f.table, rows: f.rows.length })),
      };
    },

    async erase(request) {
      const identities = await identitiesOf(deps.db, request);
      return fanout().erase(identities, request.id);
    },

    async correct(request, changes) {
      const identities = await identitiesOf(deps.db, request);
      return fanout().correct(identities, changes);
    },
  };
}

/** A key for keyed-hash erasure, derived from the install's secret so equal values hash alike across runs. */
export function deriveHashKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('steward.erasure.hash.v1').digest();
}
