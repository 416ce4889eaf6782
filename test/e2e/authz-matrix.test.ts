/**
 * The authorisation matrix, generated from the committed `openapi.json`: every operation that declares a
 * security requirement is called with no credentials, a wrong key, a revoked key and every role, and
 * must refuse (401, 401, 401, 403) exactly as its `x-roles` says, before any validation; an allowed role
 * is never refused. A route added without roles, or with roles the document does not show, fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeysService, ROLES } from '../../src/modules/keys/keys.service.js';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly roles: readonly string[] | undefined;
  readonly secured: boolean;
}

const document = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, '../../openapi.json'), 'utf8'),
) as {
  paths: Record<string, Record<string, { operationId: string; security?: unknown[]; 'x-roles'?: string[] }>>;
};

const OPERATIONS: Operation[] = Object.entries(document.paths).flatMap(([p, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(),
    // Path parameters get a value of the right shape for no resource: authorisation comes first anyway.
    path: p.replace(/\{[^}]+\}/g, 'x'),
    operationId: op.operationId,
    roles: op['x-roles'],
    secured: (op.security ?? []).length > 0,
  })),
);
const SECURED = OPERATIONS.filter((o) => o.secured);
const dialects = await availableDialects();

describe('the OpenAPI document', () => {
  it('gives every secured operation its roles, and every operation with roles a security requirement', () => {
    expect(SECURED.length).toBeGreaterThan(20);
    for (const o of OPERATIONS)
      expect([o.operationId, o.secured], o.operationId).toEqual([o.operationId, o.roles !== undefined]);
    for (const o of SECURED) for (const r of o.roles ?? []) expect(ROLES).toContain(r);
  });
});

describe.each(dialects)('authorisation matrix on %s', (dialect) => {
  let t: TestSteward;
  let revoked: string;

  beforeAll(async () => {
    t = await startTestSteward(dialect);
    const keys = createKeysService({ db: t.steward.store.db });
    const created = await keys.create('admin', 'revoked');
    await keys.revoke(created.id);
    revoked = created.token;
  });
  afterAll(async () => {
    await t.close();
  });

  const call = (o: Operation, authorization?: string) =>
    t.steward.app.http.inject({
      method: o.method as 'GET',
      url: o.path,
      headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json' },
      payload: o.method === 'GET' || o.method === 'DELETE' ? undefined : '{}',
    });

  it.each(SECURED.map((o) => [o.operationId, o] as const))(
    '%s refuses whoever may not call it',
    async (_id, o) => {
      const none = await call(o);
      expect([none.statusCode, none.json().code]).toEqual([401, 'auth.missing_credentials']);
      const wrong = await call(o, `Bearer stw_${'A'.repeat(43)}`);
      expect([wrong.statusCode, wrong.json().code]).toEqual([401, 'auth.invalid_credentials']);
      const old = await call(o, `Bearer ${revoked}`);
      expect([old.statusCode, old.json().code]).toEqual([401, 'auth.invalid_credentials']);
      for (const role of ROLES) {
        const response = await call(o, `Bearer ${t.tokens[role]}`);
        if (o.roles?.includes(role)) expect([role, response.statusCode]).not.toContainEqual(403);
        else expect([role, response.statusCode, response.json().code]).toEqual([role, 403, 'auth.forbidden']);
        expect(response.statusCode, `${o.operationId} as ${role}`).toBeLessThan(500);
      }
    },
  );
});
