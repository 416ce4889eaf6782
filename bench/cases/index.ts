import type { BenchCase } from '../harness.js';
import { accessRequest3x1m } from './access-request.js';
import { bannerSize } from './banner-size.js';
import { consentWritesPostgres, consentWritesSqlite } from './consent-writes.js';
import { eligibilityBatch, eligibilityInProcess } from './eligibility.js';
import { logIngestPostgres, logIngestSqlite } from './log-ingest.js';
import { policyCheck } from './policy-check.js';
import { retentionSweep } from './retention-sweep.js';
import { scaleOut } from './scale-out.js';
import { soak } from './soak.js';
import { subjectUpsertPostgres, subjectUpsertSqlite } from './subject-upsert.js';

/** Every bench case, in the order `npm run bench` runs them. */
export const CASES: readonly BenchCase[] = [
  policyCheck,
  subjectUpsertSqlite,
  subjectUpsertPostgres,
  consentWritesSqlite,
  consentWritesPostgres,
  eligibilityInProcess,
  eligibilityBatch,
  accessRequest3x1m,
  logIngestSqlite,
  logIngestPostgres,
  retentionSweep,
  bannerSize,
  scaleOut,
  soak,
];
