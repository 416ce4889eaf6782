import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { openConnector } from '../../connectors/index.js';
import type { Connector } from '../../connectors/types.js';
import type { DB } from '../../db/schema.js';
import type { Policy } from '../../domain/policy/schema.js';
import { buildAccessExport } from '../../domain/requests/access-export.js';
import { AppError } from '../../errors/app-error.js';
import { presentEvent } from '../consent/consent.routes.js';
import { listSubjectEvents } from '../consent/ledger.repo.js';
import { listDisclosures } from '../disclosures/disclosures.routes.js';
import { collectFormSubmissions, eraseFormSubmissions } from '../forms/forms.access.js';
import { activeSubjectHolds } from '../retention/holds.repo.js';
import { identitiesOfSubject } from '../subjects/subjects.repo.js';
import { applyCorrection, collectSubjectData, eraseSubjectData } from './fanout.js';
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
  readonly purposes: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
}

/** The reach into the company's own stores (the connectors of the policy's datasets). */
export interface DatasetFanout {
  collect(identities: Identities): Promise<FoundRows[]>;
  erase(identities: Identities, requestId: string): Promise<Record<string, unknown>>;
  correct(identities: Identities, changes: readonly CorrectionChange[]): Promise<Record<string, unknown>>;
}

/** Every identity Steward knows for the request's person: the address that asked, and the subject's. */
async function identitiesOf(db: Kysely<DB>, request: RequestRow): Promise<Identities> {
  if (!request.subjectId) return { emails: [request.email], phones: [], externalIds: [] };
  const ids = await identitiesOfSubject(db, request.subjectId);
  return { ...ids, emails: [...new Set([request.email, ...ids.emails])] };
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
      const found = [
        ...(deps.fanout ? await deps.fanout.collect(identities) : []),
        ...(await collectFormSubmissions(deps.db, deps.policy, request.subjectId)),
      ];
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
      // A person under a manual legal hold keeps everything (Art. 17(3)(e)): nothing is erased, and the
      // answer says why (Art. 12(4)) without the hold's reason, which may be confidential.
      const holds = request.subjectId ? await activeSubjectHolds(deps.db, request.subjectId, clock()) : [];
      if (holds.length > 0)
        return {
          complete: true,
          tables: [],
          heldBy: holds.map((h) => h.id),
          note: 'Your data are under a legal hold (GDPR Art. 17(3)(e)) and are kept, restricted to that use, until it ends.',
        };
      const identities = await identitiesOf(deps.db, request);
      // Steward's own records first: they need no connector, and erasing them again erases nothing more.
      const forms = await eraseFormSubmissions(deps.db, request.subjectId);
      const report = await fanout().erase(identities, request.id);
      const tables = Array.isArray(report.tables) ? report.tables : [];
      return { ...report, erased: Number(report.erased ?? 0) + forms.erased, tables: [...tables, forms] };
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

/**
 * The fan-out through the connectors of the policy's datasets, opened per request from the environment and
 * closed after. Rows kept under a legal hold are also recorded as restrictions in Steward's own store
 * (Art. 18(2): stored only, for that use), so that retention can delete them when the hold ends.
 */
export function createConnectorFanout(deps: {
  db: Kysely<DB>;
  policy: Policy;
  env: NodeJS.ProcessEnv;
  hashKey: Buffer;
  clock?: () => number;
}): DatasetFanout {
  const clock = deps.clock ?? Date.now;
  async function withConnectors<T>(fn: (connectors: Map<string, Connector>) => Promise<T>): Promise<T> {
    const connectors = new Map<string, Connector>();
    try {
      for (const dataset of deps.policy.datasets)
        connectors.set(dataset.id, openConnector(dataset, deps.env));
      return await fn(connectors);
    } finally {
      for (const c of connectors.values()) await c.close().catch(() => {});
    }
  }
  return {
    collect: (identities) => withConnectors((c) => collectSubjectData(deps.policy, c, identities)),
    async erase(identities, requestId) {
      const now = clock();
      const report = await withConnectors((c) =>
        eraseSubjectData(deps.policy, c, identities, { now: new Date(now), hashKey: deps.hashKey }),
      );
      const restrictions = report.tables.flatMap((table) =>
        table.kept
          .filter((kept) => kept.until !== null)
          .map((kept) => ({
            dataset: table.dataset,
            table_name: table.table,
            row_key: String(kept.pk),
            request_id: requestId,
            rule: kept.rule,
            until: Date.parse(kept.until as string),
            created_at: now,
          })),
      );
      for (const row of restrictions) {
        const update = { request_id: row.request_id, rule: row.rule, until: row.until };
        await deps.db
          .insertInto('restrictions')
          .values(row)
          .onConflict((oc) => oc.columns(['dataset', 'table_name', 'row_key']).doUpdateSet(update))
          .execute();
      }
      return report as unknown as Record<string, unknown>;
    },
    async correct(identities, changes) {
      return { applied: await withConnectors((c) => applyCorrection(deps.policy, c, identities, changes)) };
    },
  };
}
