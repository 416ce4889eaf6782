/**
 * Per-person retention (`retention: { from: purposes }`) on the customer app in real PostgreSQL, MariaDB
 * and SQLite stores, judged from Steward's own records on SQLite and PostgreSQL: a customer whose
 * relationship ended long enough ago is masked, one still active or recently ended is not, a withdrawn
 * newsletter consent deletes the subscription, a held person is left alone, and a person is done once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DialectName } from '../../src/db/connect.js';
import { newId } from '../../src/domain/identity/ids.js';
import type { Policy } from '../../src/domain/policy/schema.js';
import { insertHold } from '../../src/modules/retention/holds.repo.js';
import { createRetentionService } from '../../src/modules/retention/retention.service.js';
import { createSubjectsService } from '../../src/modules/subjects/subjects.service.js';
import {
  type AppKind,
  type AppStore,
  appKinds,
  type CustomerApp,
  createCustomerApp,
} from '../support/customer-app.js';
import { availableDialects, createTestStore } from '../support/databases.js';

const KINDS = await appKinds();
const DIALECTS = await availableDialects();
const DAY = 86_400_000;
const CASES = KINDS.flatMap((kind) => DIALECTS.map((dialect) => [kind, dialect] as const));

describe.each(CASES)(
  'per-person retention: store %s, Steward on %s',
  (kind: AppKind, dialect: DialectName) => {
    let app: CustomerApp;
    let store: AppStore;
    let steward: Awaited<ReturnType<typeof createTestStore>>;
    const now = new Date('2026-11-29T12:00:00.000Z');
    const ago = (days: number) => now.getTime() - days * DAY;
    let policy: Policy;

    beforeEach(async () => {
      app = await createCustomerApp([kind], now);
      store = app.stores[0]!;
      steward = await createTestStore(dialect);
      policy = app.policy;
    });
    afterEach(async () => {
      await app.drop();
      await steward.cleanup();
    });

    async function person(
      email: string,
      relationship?: { started: number; ended?: number },
    ): Promise<string> {
      const subjects = createSubjectsService({
        db: steward.store.db,
        dialect,
        relationshipKinds: new Set(['customer', 'prospect']),
        clock: () => now.getTime(),
      });
      const { row } = await subjects.upsert(
        {
          identities: [{ type: 'email', value: email }],
          relationships: relationship
            ? [
                {
                  kind: 'customer',
                  startedAt: ago(relationship.started),
                  ...(relationship.ended === undefined ? {} : { endedAt: ago(relationship.ended) }),
                },
              ]
            : [],
        },
        'test',
      );
      return row.id;
    }

    async function consent(subjectId: string, status: 'given' | 'withdrawn', daysAgo: number): Promise<void> {
      await steward.store.db
        .insertInto('consent_state')
        .values({
          subject_id: subjectId,
          purpose: 'consent_marketing',
          status,
          seq: 1,
          since: now.getTime() - daysAgo * DAY,
        })
        .execute();
    }

    const sweep = (dryRun = false, at = now.getTime()) =>
      createRetentionService({
        db: steward.store.db,
        dialect,
        policy,
        env: app.env,
        hashKey: Buffer.alloc(32, 3),
        clock: () => at,
      }).sweep({ trigger: 'cli', dryRun, actor: 'test' });
    const customers = async () =>
      (await store.query('select id, name, email from customers order by id')).map((r) => [
        Number(r.id),
        r.name,
      ]);
    const subscribers = async () =>
      (await store.query('select id from newsletter_subscribers order by id')).map((r) => Number(r.id));
    const report = (run: Awaited<ReturnType<typeof sweep>>, table: string) =>
      run.rules.find((r) => r.rule === `${store.dataset}.${table}.per_person`)!;

    it('masks ended customers past 120 days, deletes withdrawn subscriptions, once', async () => {
      await person('ada@example.com', { started: 4000, ended: 200 }); // ended 200 days ago: out
      await person('grace@example.org', { started: 700 }); // active: stays
      await person('alan.turing@example.net', { started: 4400, ended: 119 }); // within 120 days: stays
      const charles = await person('charles@example.com');
      await consent(charles, 'withdrawn', 1);
      const xada = await person('xada@example.com');
      await consent(xada, 'given', 30);

      const dry = await sweep(true);
      expect(report(dry, 'customers')).toMatchObject({ rows: 1, subjects: 1, action: 'anonymise' });
      expect(report(dry, 'newsletter_subscribers')).toMatchObject({ rows: 1, subjects: 1, action: 'delete' });
      expect((await customers())[0]).toEqual([1, 'Ada Lovelace']);

      const run = await sweep();
      expect(run.status).toBe('ok');
      expect(report(run, 'customers')).toMatchObject({ rows: 1, subjects: 1 });
      expect(await customers()).toEqual([
        [1, 'erased-1'],
        [2, 'Grace Hopper'],
        [3, 'Alan Turing'],
        [4, 'Eve Similar'],
        [5, "Robert'); DROP TABLE customers;--"],
      ]);
      // Only Charles's subscription goes; the look-alike addresses and consenting people stay.
      expect(await subscribers()).toEqual([1, 3, 4]);
      // Invoices follow their own column rule: the three past the seven-year hold went, Ada's recent one stays.
      expect(Number((await store.query('select count(*) as n from invoices'))[0]!.n)).toBe(4);

      const again = await sweep();
      expect(report(again, 'customers')).toMatchObject({ rows: 0, subjects: 0 });
      expect(report(again, 'newsletter_subscribers')).toMatchObject({ rows: 0, subjects: 0 });

      // Alan's 120 days run out two days later.
      const later = await sweep(false, now.getTime() + 2 * DAY);
      expect(report(later, 'customers')).toMatchObject({ rows: 1, subjects: 1 });
      expect((await customers())[2]).toEqual([3, 'erased-3']);
    });

    it('leaves a person under a legal hold alone', async () => {
      const ada = await person('ada@example.com', { started: 4000, ended: 200 });
      await insertHold(steward.store.db, {
        id: newId('hold'),
        subject_id: ada,
        dataset: null,
        table_name: null,
        row_key: null,
        reason: 'litigation',
        expires_at: null,
        created_at: now.getTime(),
        created_by: 'test',
        released_at: null,
        released_by: null,
      });
      const run = await sweep();
      expect(report(run, 'customers')).toMatchObject({ rows: 0, held: 1 });
      expect((await customers())[0]).toEqual([1, 'Ada Lovelace']);
    });
  },
);
