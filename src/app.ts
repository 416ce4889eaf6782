import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { DestinationStream } from 'pino';
import type { Config } from './config/env.js';
import { PACKAGE_ROOT } from './config/env.js';
import { loadSecrets, type Secrets } from './config/secrets.js';
import { openStore, type Store } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { AppError } from './errors/app-error.js';
import { type App, createHttpApp } from './http/app.js';
import { createScheduler, type Scheduler } from './jobs/scheduler.js';
import { createMailSender, type MailSender } from './mail/sender.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { createBannerModule } from './modules/banner/banner.module.js';
import { createCenterModule } from './modules/center/center.module.js';
import { registerConformanceRoutes } from './modules/conformance/conformance.routes.js';
import {
  type ConformanceService,
  createConformanceService,
} from './modules/conformance/conformance.service.js';
import { createConsentModule } from './modules/consent/consent.module.js';
import { registerAuditRoutes } from './modules/console/audit.routes.js';
import { registerConsoleRoutes } from './modules/console/console.routes.js';
import { registerPolicyViewRoutes } from './modules/console/policy.routes.js';
import { registerStatsRoutes } from './modules/console/stats.routes.js';
import { registerDisclosureRoutes } from './modules/disclosures/disclosures.routes.js';
import { createFormsModule } from './modules/forms/forms.module.js';
import { createKeysService } from './modules/keys/keys.service.js';
import { registerLogRoutes } from './modules/logs/logs.routes.js';
import { registerOperatorRoutes } from './modules/operators/operators.routes.js';
import { createOperatorsService, operatorSessions } from './modules/operators/operators.service.js';
import { registerPolicyPages } from './modules/pages/pages.routes.js';
import { registerVersionPages } from './modules/pages/versions.pages.js';
import { type LoadedPolicy, loadPolicyOrThrow } from './modules/policy/policy.loader.js';
import { prepareDatasets } from './modules/requests/datasets.js';
import { createRateLimiter } from './modules/requests/rate-limit.js';
import {
  createConnectorFanout,
  createDataExecutor,
  deriveHashKey,
} from './modules/requests/requests.executor.js';
import { createRequestsModule } from './modules/requests/requests.module.js';
import { registerRequestRoutes } from './modules/requests/requests.routes.js';
import { formSubmissionRules } from './modules/retention/housekeeping.js';
import { createRetentionModule } from './modules/retention/retention.module.js';
import type { RetentionService } from './modules/retention/retention.service.js';
import { registerSubjectRoutes } from './modules/subjects/subjects.routes.js';
import { createSubjectsService } from './modules/subjects/subjects.service.js';
import { createVersionsModule } from './modules/versions/versions.module.js';
import type { VersionsService } from './modules/versions/versions.service.js';

export interface Steward {
  readonly config: Config;
  readonly store: Store;
  readonly policy: LoadedPolicy;
  readonly app: App;
  readonly consent: ReturnType<typeof createConsentModule>;
  readonly requests: ReturnType<typeof createRequestsModule> & { readonly mail: MailSender };
  readonly retention: RetentionService;
  readonly conformance: ConformanceService;
  /** Published policy versions, their notices and the material changes eligibility reads. */
  readonly versions: VersionsService;
  /** Scheduled jobs (retention sweeps); `serve` starts it, tests may tick it by hand. */
  readonly scheduler: Scheduler;
  close(): Promise<void>;
}

export interface StewardOptions {
  readonly logStream?: DestinationStream;
  /** Use this store instead of opening one from the config (tests). */
  readonly store?: Store;
  readonly clock?: () => number;
  /** Signing secrets; default: from the environment (or, on SQLite only, generated into the data dir). */
  readonly secrets?: Secrets;
}

export function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * The composition root: loads the policy (refusing to start on any error), opens and migrates the
 * store, wires every module. Nothing listens yet; `serve` does that.
 */
export async function createSteward(config: Config, options: StewardOptions = {}): Promise<Steward> {
  const policy = loadPolicyOrThrow(config.policyFile);
  const secrets =
    options.secrets ??
    loadSecrets(process.env, { dataDir: config.dataDir, allowGenerated: config.database.kind === 'sqlite' });
  const store = options.store ?? openStore(config.database);
  try {
    await migrateToLatest(store.db);
    const keys = createKeysService({ db: store.db, clock: options.clock });
    // One limiter for every public entry point: its buckets are keyed hashes namespaced by kind.
    const limiter = createRateLimiter({
      db: store.db,
      key: deriveHashKey(`${secrets.unsubscribeKeys}|rate-limit`),
      clock: options.clock,
    });
    const operators = createOperatorsService({
      db: store.db,
      sessionTtlMs: config.sessionTtlMs,
      maxFailures: config.login.maxFailures,
      lockMs: config.login.lockMs,
      clock: options.clock,
    });
    const app = await createHttpApp({
      logLevel: config.logLevel,
      logStream: options.logStream,
      trustProxy: config.trustProxy,
      publicUrl: config.publicUrl,
      version: packageVersion(),
      keys,
      sessions: operatorSessions(operators),
      ready: async () => {
        try {
          await sql`select 1`.execute(store.db);
        } catch {
          throw new AppError('service.unavailable', 'the database does not answer');
        }
      },
    });
    // What most modules need; each takes the parts it uses (extra members are ignored).
    const shared = {
      http: app.http,
      db: store.db,
      dialect: store.dialect,
      publicUrl: config.publicUrl,
      clock: options.clock,
    };
    const subjects = createSubjectsService({
      ...shared,
      relationshipKinds: policy.relationshipKinds,
    });
    registerSubjectRoutes(app.http, { subjects, db: store.db });
    registerConsoleRoutes(app.http);
    registerPolicyViewRoutes(app.http, { policy });
    registerAuditRoutes(app.http, { db: store.db });
    registerOperatorRoutes(app.http, {
      operators,
      limiter,
      secureCookies: config.publicUrl.startsWith('https://'),
    });
    registerPolicyPages(app.http, { policy });
    registerVersionPages(app.http, {
      db: store.db,
      policy: policy.policy,
      publicUrl: config.publicUrl,
      clock: options.clock,
    });
    const versions = createVersionsModule({
      ...shared,
    });
    const consent = createConsentModule({
      ...shared,
      store,
      policy,
      subjects,
      secrets,
      materialChanges: versions.materialChanges,
    });
    await createBannerModule({
      ...shared,
      policy,
      consent: consent.consent,
      limiter,
    });
    const audit = createAuditService({ db: store.db, dialect: store.dialect, clock: options.clock });
    const mail = createMailSender({
      ...shared,
      smtpUrl: config.smtpUrl,
      from: config.mailFrom ?? policy.policy.controller.email,
      ratePerMinute: config.mailRatePerMinute,
    });
    const datasetEnv = prepareDatasets(policy, config.dataDir, process.env);
    const hashKey = deriveHashKey(secrets.ledgerSigningKey);
    const requests = createRequestsModule({
      ...shared,
      policy: policy.policy,
      limiter,
      verificationTtlMs: config.verificationTtlMs,
      exportTtlMs: config.exportTtlMs,
      consent: consent.consent,
      audit,
      log: app.http.log,
      executor: createDataExecutor({
        db: store.db,
        policy: policy.policy,
        clock: options.clock,
        fanout: createConnectorFanout({
          db: store.db,
          policy: policy.policy,
          env: datasetEnv,
          hashKey,
          clock: options.clock,
        }),
      }),
    });
    registerRequestRoutes(app.http, requests);
    createCenterModule({
      ...shared,
      policy: policy.policy,
      limiter,
      requests,
      consent: consent.consent,
      verificationTtlMs: config.verificationTtlMs,
    });
    registerDisclosureRoutes(app.http, {
      db: store.db,
      dialect: store.dialect,
      policy: policy.policy,
      clock: options.clock,
    });
    registerLogRoutes(app.http, { store, securityLogs: policy.policy.securityLogs, clock: options.clock });
    createFormsModule({
      ...shared,
      policy: policy.policy,
      limiter,
      tokenKey: deriveHashKey(`${secrets.unsubscribeKeys}|form-token`),
      subjects,
      consent: consent.consent,
    });
    const retention = createRetentionModule({
      ...shared,
      policy: policy.policy,
      env: datasetEnv,
      hashKey,
      sweepIntervalMs: config.sweepIntervalMs,
      housekeeping: formSubmissionRules(store.db, policy.policy),
    });
    const conformance = createConformanceService({
      ...shared,
      policy,
      retention: retention.service,
      eligibility: consent.eligibility,
      sweepIntervalMs: config.sweepIntervalMs,
    });
    registerConformanceRoutes(app.http, { conformance });
    registerStatsRoutes(app.http, { db: store.db, clock: options.clock });
    const scheduler = createScheduler({
      db: store.db,
      jobs: [...retention.jobs, ...requests.jobs(config.requestRetryMs), ...versions.jobs],
      clock: options.clock,
      onError: (job, error) =>
        app.http.log.error({ job, err: error instanceof Error ? error.message : 'failed' }, 'job failed'),
    });
    await app.http.ready();
    mail.start();
    return {
      config,
      store,
      policy,
      app,
      consent,
      requests: { ...requests, mail },
      retention: retention.service,
      conformance,
      versions: versions.service,
      scheduler,
      async close() {
        await scheduler.stop();
        await app.http.close();
        await requests.settle();
        await mail.stop();
        // Every acknowledged write is already committed; this only waits for writes still in flight.
        await consent.writer.flush();
        await store.close();
      },
    };
  } catch (error) {
    if (!options.store) await store.close();
    throw error;
  }
}
