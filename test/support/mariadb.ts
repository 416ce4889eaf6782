/**
 * The MariaDB (or MySQL) server the connector tests use; each test file creates and drops its own
 * database on it. The same rule as PostgreSQL (databases.ts): outside CI an unreachable server skips its
 * tests with a warning, in CI it fails them, so a green CI run means every store was tested.
 */
import mysql from 'mysql2/promise';
import { IN_CI, uniqueName } from './databases.js';

export const MARIADB_ADMIN_URL = process.env.STEWARD_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

let probe: Promise<boolean> | undefined;

async function probeMariadb(): Promise<boolean> {
  try {
    const connection = await mysql.createConnection({ uri: MARIADB_ADMIN_URL, connectTimeout: 2000 });
    try {
      await connection.query('select 1');
      return true;
    } finally {
      await connection.end();
    }
  } catch {
    return false;
  }
}

export async function mariadbAvailable(): Promise<boolean> {
  probe ??= probeMariadb();
  const ok = await probe;
  if (!ok && IN_CI) throw new Error(`MariaDB is required in CI but does not answer at ${MARIADB_ADMIN_URL}`);
  if (!ok)
    process.stderr.write(`warning: MariaDB not reachable at ${MARIADB_ADMIN_URL}; its tests are skipped\n`);
  return ok;
}

export interface MariadbDatabase {
  /** Connection URL of the fresh database. */
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database owned by one test file. */
export async function createMariadbDatabase(): Promise<MariadbDatabase> {
  const name = uniqueName('steward_t');
  const admin = await mysql.createConnection({ uri: MARIADB_ADMIN_URL });
  try {
    await admin.query(`create database \`${name}\` character set utf8mb4 collate utf8mb4_general_ci`);
  } finally {
    await admin.end();
  }
  const url = new URL(MARIADB_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const connection = await mysql.createConnection({ uri: MARIADB_ADMIN_URL });
      try {
        await connection.query(`drop database if exists \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}
