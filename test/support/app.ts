import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createSteward, type Steward } from '../../src/app.js';
import { EXAMPLE_POLICY, loadConfig } from '../../src/config/env.js';
import type { DialectName } from '../../src/db/connect.js';
import { createKeysService, ROLES, type Role } from '../../src/modules/keys/keys.service.js';
import { createTestStore } from './databases.js';

/** Fixed signing secrets for tests (never used outside them). */
export const TEST_SECRETS = {
  unsubscribeKeys: `t1:${Buffer.alloc(32, 1).toString('base64url')}`,
  ledgerSigningKey: Buffer.alloc(32, 2).toString('base64url'),
  source: 'environment' as const,
};

/** Collects every log line the server writes, so tests can assert that no personal data reaches them. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  }
  text(): string {
    return this.lines.join('\n');
  }
}

export interface TestSteward {
  readonly steward: Steward;
  readonly dialect: DialectName;
  readonly logs: LogCapture;
  /** A bearer token per role. */
  readonly tokens: Record<Role, string>;
  request(options: InjectOptions & { role?: Role | null }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startTestSteward(
  dialect: DialectName,
  options: { policyFile?: string; clock?: () => number; env?: Record<string, string> } = {},
): Promise<TestSteward> {
  const { store, database } = await createTestStore(dialect);
  const logs = new LogCapture();
  const config = loadConfig({
    ...options.env,
    STEWARD_POLICY: options.policyFile ?? EXAMPLE_POLICY,
    LOG_LEVEL: 'info',
    ...(dialect === 'postgres'
      ? {
          DATABASE_URL: database.location,
          STEWARD_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'steward-data-')),
        }
      : { STEWARD_DATA_DIR: database.location.replace(/\/[^/]+$/, '') }),
  });
  const steward = await createSteward(config, {
    store,
    logStream: logs,
    clock: options.clock,
    secrets: TEST_SECRETS,
  });
  const keys = createKeysService({ db: store.db });
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) tokens[role] = (await keys.create(role, `test ${role}`)).token;
  return {
    steward,
    dialect,
    logs,
    tokens,
    request({ role = 'admin', ...inject }) {
      const headers = { ...(inject.headers ?? {}) } as Record<string, string>;
      if (role) headers.authorization = `Bearer ${tokens[role]}`;
      return steward.app.http.inject({ ...inject, headers });
    },
    async close() {
      await steward.close();
      await database.drop();
    },
  };
}

/**
 * Records a consent event for the example policy's marketing purpose through the API, as the company's
 * web form would (`POST /v1/consents`, service role); `extra` adds fields such as `occurredAt`.
 */
export function recordConsent(
  t: TestSteward,
  email: string,
  action: 'given' | 'withdrawn' = 'given',
  extra: Record<string, unknown> = {},
): Promise<LightMyRequestResponse> {
  return t.request({
    method: 'POST',
    url: '/v1/consents',
    role: 'service',
    payload: {
      subject: { identity: { type: 'email', value: email } },
      purpose: 'consent_marketing',
      action,
      channel: 'web_form',
      ...extra,
    },
  });
}
