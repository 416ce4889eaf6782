import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as foundation from './migrations/20261129_0001_foundation.js';
import * as consentLedger from './migrations/20261129_0002_consent_ledger.js';
import * as requests from './migrations/20261129_0003_requests.js';
import * as eligibilityIndexes from './migrations/20261129_0004_eligibility_covering_indexes.js';
import * as retention from './migrations/20261129_0005_retention.js';
import * as securityLogs from './migrations/20261129_0006_security_logs.js';
import * as policyVersions from './migrations/20261129_0007_policy_versions.js';
import * as formSubmissions from './migrations/20261129_0008_form_submissions.js';
import * as operators from './migrations/20261129_0009_operators.js';
import * as preferenceLinks from './migrations/20261129_0010_preference_links.js';

/**
 * Every migration, in order. Listed explicitly (not read from a folder) so that the same list runs from
 * `src/` under tsx and from `dist/`; names are timestamped and never edited once landed.
 */
const MIGRATIONS: Record<string, Migration> = {
  '20261129_0001_foundation': foundation,
  '20261129_0002_consent_ledger': consentLedger,
  '20261129_0003_requests': requests,
  '20261129_0004_eligibility_covering_indexes': eligibilityIndexes,
  '20261129_0005_retention': retention,
  '20261129_0006_security_logs': securityLogs,
  '20261129_0007_policy_versions': policyVersions,
  '20261129_0008_form_submissions': formSubmissions,
  '20261129_0009_operators': operators,
  '20261129_0010_preference_links': preferenceLinks,
};

const provider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};

export interface MigrationReport {
  readonly applied: readonly string[];
}

/** Brings the store to the latest schema. Safe to run from several instances at once (Kysely takes a lock). */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'steward_migrations',
    migrationLockTableName: 'steward_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
