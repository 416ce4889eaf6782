/**
 * Admin console sign-in on both dialects: operators created by the CLI (password on stdin, argon2id at
 * rest), the session and CSRF cookies and their flags, CSRF enforced on changes, sign-out ending the
 * session server-side, lock-out after repeated failures, answers that never say whether an account exists,
 * disabled operators, and the sign-in rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { availableDialects } from '../support/databases.js';

const dialects = await availableDialects();
const PASSWORD = 'correct horse battery staple';

function cookies(setCookie: string | string[] | undefined): Record<string, { value: string; attrs: string }> {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return Object.fromEntries(
    list.map((c) => {
      const [pair, ...attrs] = c.split(';');
      const eq = pair!.indexOf('=');
      return [pair!.slice(0, eq), { value: pair!.slice(eq + 1), attrs: attrs.join(';') }];
    }),
  );
}

describe.each(dialects)('operators and console sessions on %s', (dialect) => {
  let t: TestSteward;
  let now = Date.UTC(2026, 10, 29, 10);

  beforeAll(async () => {
    t = await startTestSteward(dialect, { clock: () => now });
  });
  afterAll(async () => {
    await t.close();
  });

  const env = () => {
    const c = t.steward.config;
    return {
      STEWARD_DATA_DIR: c.dataDir,
      ...(c.database.kind === 'postgres' ? { DATABASE_URL: c.database.url } : {}),
    };
  };
  const signIn = (email: string, password: string, ip = '198.51.100.60') =>
    t.steward.app.http.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { email, password },
      remoteAddress: ip,
    });

  it('the CLI creates operators from a password on stdin, stored as argon2id, never shown', async () => {
    const created = await runCli(
      ['operators', 'create', '--email', 'Ops@Example.com', '--role', 'agent'],
      env(),
      `${PASSWORD}\n`,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      email: 'ops@example.com',
      role: 'agent',
      disabled: false,
    });
    expect(created.stdout).not.toContain(PASSWORD);
    const short = await runCli(
      ['operators', 'create', '--email', 'x@example.com', '--role', 'admin'],
      env(),
      'short\n',
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('password: between 12');
    const again = await runCli(
      ['operators', 'create', '--email', 'ops@example.com', '--role', 'admin'],
      env(),
      `${PASSWORD}\n`,
    );
    expect(again.code).toBe(1);
    const [row] = await t.steward.store.db.selectFrom('operators').select('password_hash').execute();
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('signs in with HttpOnly SameSite=Strict cookies, checks CSRF on changes, signs out for good', async () => {
    const res = await signIn('OPS@example.com', PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'agent', operator: { email: 'ops@example.com' } });
    const set = cookies(res.headers['set-cookie']);
    expect(set.steward_session!.attrs).toMatch(/HttpOnly/);
    expect(set.steward_session!.attrs).toMatch(/SameSite=Strict/);
    expect(set.steward_session!.attrs).not.toMatch(/Secure/); // plain http on localhost
    expect(set.steward_csrf!.attrs).not.toMatch(/HttpOnly/); // the console reads it
    const cookie = `steward_session=${set.steward_session!.value}; steward_csrf=${set.steward_csrf!.value}`;
    // The secret is stored hashed only.
    const stored = await t.steward.store.db.selectFrom('operator_sessions').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(set.steward_session!.value);

    const me = await t.steward.app.http.inject({ method: 'GET', url: '/v1/session', headers: { cookie } });
    expect(me.json()).toMatchObject({ role: 'agent', operator: { email: 'ops@example.com' } });
    // A read with the cookie needs no token; a change does.
    const list = await t.steward.app.http.inject({ method: 'GET', url: '/v1/requests', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const hold = { method: 'POST' as const, url: '/v1/legal-holds', payload: { reason: 'x' } };
    const forged = await t.steward.app.http.inject({ ...hold, headers: { cookie } });
    expect([forged.statusCode, forged.json().code]).toEqual([403, 'auth.csrf']);
    const wrongToken = await t.steward.app.http.inject({
      ...hold,
      headers: { cookie, 'x-csrf-token': 'A'.repeat(43) },
    });
    expect(wrongToken.json().code).toBe('auth.csrf');
    const withToken = await t.steward.app.http.inject({
      ...hold,
      headers: { cookie, 'x-csrf-token': set.steward_csrf!.value },
    });
    expect(withToken.statusCode).toBe(400); // past auth and CSRF: the body is what is wrong
    // Roles hold for operators as for keys: an agent may not run a sweep.
    const sweep = await t.steward.app.http.inject({
      method: 'POST',
      url: '/v1/retention/runs',
      payload: {},
      headers: { cookie, 'x-csrf-token': set.steward_csrf!.value },
    });
    expect(sweep.json().code).toBe('auth.forbidden');

    const out = await t.steward.app.http.inject({
      method: 'DELETE',
      url: '/v1/session',
      headers: { cookie, 'x-csrf-token': set.steward_csrf!.value },
    });
    expect(out.statusCode).toBe(204);
    expect(cookies(out.headers['set-cookie']).steward_session!.attrs).toMatch(/Max-Age=0/);
    const after = await t.steward.app.http.inject({ method: 'GET', url: '/v1/session', headers: { cookie } });
    expect([after.statusCode, after.json().code]).toEqual([401, 'auth.invalid_credentials']);
  });

  it('answers a wrong password and an unknown email alike, and locks after repeated failures', async () => {
    const unknown = await signIn('nobody@example.com', PASSWORD);
    const wrong = await signIn('ops@example.com', 'wrong password!!');
    expect([unknown.statusCode, wrong.statusCode]).toEqual([401, 401]);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    for (let i = 0; i < 4; i++) await signIn('ops@example.com', 'wrong password!!');
    // Five failures in a row: even the right password is refused, the same way, until the lock ends.
    const locked = await signIn('ops@example.com', PASSWORD);
    expect([locked.statusCode, locked.json().detail]).toEqual([401, wrong.json().detail]);
    now += 16 * 60_000;
    expect((await signIn('ops@example.com', PASSWORD)).statusCode).toBe(200);
  });

  it('a disabled operator is refused and their sessions end', async () => {
    const res = await signIn('ops@example.com', PASSWORD);
    const set = cookies(res.headers['set-cookie']);
    const cookie = `steward_session=${set.steward_session!.value}`;
    const [op] = await t.steward.store.db.selectFrom('operators').select('id').execute();
    expect((await runCli(['operators', 'disable', op!.id], env())).code).toBe(0);
    expect(
      (await t.steward.app.http.inject({ method: 'GET', url: '/v1/session', headers: { cookie } }))
        .statusCode,
    ).toBe(401);
    expect((await signIn('ops@example.com', PASSWORD)).statusCode).toBe(401);
    expect((await runCli(['operators', 'enable', op!.id], env())).code).toBe(0);
    expect((await signIn('ops@example.com', PASSWORD)).statusCode).toBe(200);
  });

  it('limits sign-in attempts per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 22; i++)
      codes.push((await signIn('nobody@example.com', 'x'.repeat(12), '198.51.100.99')).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });
});
