import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root (where `examples/` lives), whether running from `src/` (tsx) or `dist/`. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLE_POLICY = path.join(PACKAGE_ROOT, 'examples', 'apisecurity', 'policy.yaml');

const portSchema = z.coerce.number().int().min(0).max(65535);

/**
 * Every environment variable Steward reads, in one schema, parsed once at boot.
 * No secret has a default: a missing secret is an error listed with all the others.
 */
export const EnvSchema = z.object({
  PORT: portSchema.default(8080),
  HOST: z.string().min(1).max(255).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .max(2048)
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  STEWARD_DATA_DIR: z.string().min(1).max(1024).default('./data'),
  STEWARD_POLICY: z.string().min(1).max(1024).default(EXAMPLE_POLICY),
  STEWARD_PUBLIC_URL: z.url().max(2048).optional(),
  STEWARD_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  STEWARD_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SMTP_URL: z
    .string()
    .max(2048)
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  STEWARD_MAIL_FROM: z.string().max(320).optional(),
  /** Most emails sent per minute by all instances together (shared counter in the store). */
  STEWARD_MAIL_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  STEWARD_VERIFICATION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(24),
  STEWARD_EXPORT_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** How long an admin console session lasts, in hours. */
  STEWARD_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Failed sign-ins in a row that lock an operator account, and for how many minutes. */
  STEWARD_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  STEWARD_LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Minutes between retries of requests whose stores could not be reached; 0 turns retries off. */
  STEWARD_REQUEST_RETRY_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(5),
  /** Minutes between scheduled retention sweeps inside `serve`; 0 turns the schedule off. */
  STEWARD_SWEEP_INTERVAL_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly database:
    | { readonly kind: 'sqlite'; readonly file: string }
    | { readonly kind: 'postgres'; readonly url: string; readonly poolSize: number };
  readonly dataDir: string;
  readonly policyFile: string;
  readonly trustProxy: boolean;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly smtpUrl: string | undefined;
  /** Sender of Steward's emails; default: the controller's contact address from the policy. */
  readonly mailFrom: string | undefined;
  /** Sends per minute across every instance (STEWARD_MAIL_RATE_PER_MINUTE). */
  readonly mailRatePerMinute: number;
  readonly verificationTtlMs: number;
  readonly exportTtlMs: number;
  readonly sessionTtlMs: number;
  readonly login: { readonly maxFailures: number; readonly lockMs: number };
  /** Period of the retry of requests waiting for a store; 0 when off. */
  readonly requestRetryMs: number;
  /** Period of the scheduled retention sweep; 0 when off. */
  readonly sweepIntervalMs: number;
}

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment once; throws a ConfigError listing every problem (never the values). */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, overrides: Partial<Env> = {}): Config {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = EnvSchema.safeParse({ ...input, ...overrides });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.STEWARD_DATA_DIR);
  return {
    port: env.PORT,
    host: env.HOST,
    publicUrl: (env.STEWARD_PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, ''),
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: env.STEWARD_DB_POOL_SIZE }
      : { kind: 'sqlite', file: path.join(dataDir, 'steward.sqlite') },
    dataDir,
    policyFile: path.resolve(env.STEWARD_POLICY),
    trustProxy: env.STEWARD_TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.STEWARD_MAIL_FROM,
    mailRatePerMinute: env.STEWARD_MAIL_RATE_PER_MINUTE,
    verificationTtlMs: env.STEWARD_VERIFICATION_TTL_HOURS * 3_600_000,
    exportTtlMs: env.STEWARD_EXPORT_TTL_DAYS * 86_400_000,
    sweepIntervalMs: env.STEWARD_SWEEP_INTERVAL_MINUTES * 60_000,
    requestRetryMs: env.STEWARD_REQUEST_RETRY_MINUTES * 60_000,
    sessionTtlMs: env.STEWARD_SESSION_HOURS * 3_600_000,
    login: { maxFailures: env.STEWARD_LOGIN_MAX_FAILURES, lockMs: env.STEWARD_LOGIN_LOCK_MINUTES * 60_000 },
  };
}
