import { openSqlite } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createSubjectsService } from '../../src/modules/subjects/subjects.service.js';
import { createTestDatabase } from '../../test/support/databases.js';
import type { BenchCase, BenchResult } from '../harness.js';
import { opsPerSecond } from '../harness.js';

const KINDS = new Set(['customer', 'prospect']);

async function sqliteCase(): Promise<BenchResult> {
  const database = await createTestDatabase('sqlite');
  const store = openSqlite(database.location);
  if (store.dialect !== 'sqlite') throw new Error('expected sqlite');
  await migrateToLatest(store.db);
  const subjects = createSubjectsService({ db: store.db, dialect: 'sqlite', relationshipKinds: KINDS });
  let n = 0;
  const upserts = await opsPerSecond(
    () => subjects.upsert({ identities: [{ type: 'email', value: `Person.${n++}@Example.com` }] }, 'bench'),
    2000,
  );

  // Baseline: one durable prepared insert per call (same synchronous=FULL, autocommit), no Kysely, no audit.
  store.sqlite.exec('create table raw_subjects (id text primary key, email text unique, created_at integer)');
  const insert = store.sqlite.prepare('insert into raw_subjects (id, email, created_at) values (?, ?, ?)');
  let m = 0;
  const raw = await opsPerSecond(() => {
    m++;
    insert.run(`r${m}`, `person.${m}@example.com`, Date.now());
  }, 2000);
  await store.close();
  await database.drop();
  return {
    name: 'subject upsert by email (SQLite, audited, durable)',
    figure: upserts,
    unit: 'upserts/s',
    baseline: { name: 'raw prepared insert', figure: raw },
    ratio: upserts / raw,
    notes:
      'each upsert: normalise, look up identities, insert subject + identity, hash-chained audit entry, one commit',
  };
}

async function postgresCase(): Promise<BenchResult> {
  const database = await createTestDatabase('postgres');
  const store = database.open();
  if (store.dialect !== 'postgres') throw new Error('expected postgres');
  await migrateToLatest(store.db);
  const subjects = createSubjectsService({ db: store.db, dialect: 'postgres', relationshipKinds: KINDS });
  let n = 0;
  const upserts = await opsPerSecond(
    () => subjects.upsert({ identities: [{ type: 'email', value: `person.${n++}@example.com` }] }, 'bench'),
    2000,
  );
  await store.pool.query(
    'create table raw_subjects (id text primary key, email text unique, created_at bigint)',
  );
  let m = 0;
  const raw = await opsPerSecond(async () => {
    m++;
    await store.pool.query({
      name: 'raw-insert',
      text: 'insert into raw_subjects (id, email, created_at) values ($1, $2, $3)',
      values: [`r${m}`, `p${m}@example.com`, Date.now()],
    });
  }, 2000);
  await store.close();
  await database.drop();
  return {
    name: 'subject upsert by email (PostgreSQL, audited, durable)',
    figure: upserts,
    unit: 'upserts/s',
    baseline: { name: 'raw prepared insert', figure: raw },
    ratio: upserts / raw,
  };
}

export const subjectUpsertSqlite: BenchCase = {
  name: 'subject-upsert-sqlite',
  run: async () => [await sqliteCase()],
};
export const subjectUpsertPostgres: BenchCase = {
  name: 'subject-upsert-postgres',
  needsPostgres: true,
  run: async () => [await postgresCase()],
};
