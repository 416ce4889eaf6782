/**
 * Policy versions (clause 6) on both dialects: publishing by API and CLI (idempotent), the classified diff,
 * hostile bodies and roles, one email per account holder on a material change and none on a wording
 * change, consent asked again after a material change, receipts that keep their notice version, the mail
 * rate limit, and exactly one notice per person with two instances publishing and sending at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createSteward, type Steward } from '../../src/app.js';
import { EXAMPLE_POLICY, loadConfig } from '../../src/config/env.js';
import type { DialectName } from '../../src/db/connect.js';
import { createKeysService } from '../../src/modules/keys/keys.service.js';
import { versionInEffect } from '../../src/modules/versions/versions.repo.js';
import { createVersionsService, hashText } from '../../src/modules/versions/versions.service.js';
import {
  LogCapture,
  recordConsent,
  startTestSteward,
  TEST_SECRETS,
  type TestSteward,
} from '../support/app.js';
import { runCli } from '../support/cli.js';
import { availableDialects, createTestDatabase } from '../support/databases.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';
import { type ReceivedMail, startSmtpSink } from '../support/smtp-sink.js';

const dialects = await availableDialects();
const DAY = 86_400_000;
const BASE = fs.readFileSync(EXAMPLE_POLICY, 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-versions-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Raw = {
  purposes: { id: string; description: string; recipients?: string[]; categories: string[] }[];
  recipients: Record<string, unknown>[];
};
/** The example policy with `edit` applied, as YAML text (comments gone: a different text, same content). */
function variant(edit: (p: Raw) => void): string {
  const raw = YAML.parse(BASE) as Raw;
  edit(raw);
  return YAML.stringify(raw);
}
const purpose = (p: Raw, id: string) => p.purposes.find((x) => x.id === id)!;
const reword = (p: Raw) => {
  purpose(p, 'correspondence').description = 'We answer what you send us, and keep a record of it.';
};
const WORDING = variant(reword);
/** A new recipient in a third country for consent_marketing, and a new data category (WP260: fundamental). */
const MATERIAL = variant((p) => {
  reword(p);
  p.recipients.push({
    id: 'ad_partner',
    name: 'Ad Partner Inc',
    kind: 'contractor',
    description: 'Measures our email campaigns.',
    categories: ['contact.email'],
    countries: ['US'],
    transfer: { mechanism: 'scc', sccModule: 1, reference: 'SCCs module 1' },
  });
  const marketing = purpose(p, 'consent_marketing');
  marketing.recipients = [...(marketing.recipients ?? []), 'ad_partner'];
  marketing.categories = [...marketing.categories, 'contact.phone'];
});

const isNotice = (m: ReceivedMail) => /is changing its privacy policy/.test(m.raw);

describe.each(dialects)('policy versions on %s', (dialect) => {
  let t: TestSteward;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const T0 = Date.now();
  let now = T0;
  const ids: Record<string, string> = {};

  const publish = (payload: unknown, role: 'admin' | 'agent' | null = 'admin') =>
    t.request({ method: 'POST', url: '/v1/policy/versions', payload: payload as object, role });
  const versionCount = async () =>
    (await t.steward.store.db.selectFrom('policy_versions').select('id').execute()).length;
  const eligibility = async (email: string) =>
    (
      await t.request({
        method: 'GET',
        url: `/v1/eligibility?email=${email}&purpose=consent_marketing`,
        role: 'service',
      })
    ).json();

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestSteward(dialect, { env: { SMTP_URL: smtp.url }, clock: () => now });
    const subject = async (identities: object[], relationships: object[] = []) =>
      (
        await t.request({
          method: 'POST',
          url: '/v1/subjects',
          role: 'service',
          payload: { identities, relationships },
        })
      ).json().id as string;
    const email = (value: string) => ({ type: 'email', value });
    // Account holders: an active relationship and an email. Ada has two addresses and gets one email.
    ids.ada = await subject(
      [email('ada@example.com'), email('ada.lovelace@example.com')],
      [{ kind: 'customer' }],
    );
    ids.bob = await subject([email('bob@example.com')], [{ kind: 'customer' }]);
    ids.cyd = await subject([email('cyd@example.com')], [{ kind: 'partner' }]);
    // Not account holders: a relationship that ended, no relationship, no email.
    await subject(
      [email('dan@example.com')],
      [
        {
          kind: 'customer',
          startedAt: new Date(T0 - 10 * DAY).toISOString(),
          endedAt: new Date(T0 - 5 * DAY).toISOString(),
        },
      ],
    );
    await subject([email('eve@example.com')]);
    await subject([{ type: 'phone', value: '+46701234567' }], [{ kind: 'customer' }]);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('publishes the first version as the baseline: nothing to compare, nothing to notify', async () => {
    const response = await publish({ yaml: BASE });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      published: true,
      noticesQueued: 0,
      version: {
        seq: 1,
        label: '2026-11',
        previousId: null,
        material: false,
        changes: [],
        effectiveAt: new Date(now).toISOString(),
        notices: { state: 'none', total: 0 },
        // The ledger records this hash with every consent given under the running policy.
        policyHash: t.steward.policy.contentHash,
      },
    });
    ids.v1 = body.version.id;
  });

  it('publishing the same text again is a no-op that says so', async () => {
    const again = await publish({ yaml: BASE, effectiveAt: new Date(now + 90 * DAY).toISOString() });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ published: false, version: { id: ids.v1 } });
    expect(await versionCount()).toBe(1);
  });

  it('consent given now is recorded under the published version', async () => {
    const given = await recordConsent(t, 'eve@example.com', 'given');
    expect(given.statusCode).toBe(201);
    ids.consent = given.json().id;
    const v1 = (
      await t.request({ method: 'GET', url: `/v1/policy/versions/${ids.v1}`, role: 'auditor' })
    ).json();
    expect(given.json().policyHash).toBe(v1.policyHash);
    expect((await eligibility('eve@example.com')).allowed).toBe(true);
  });

  it('a wording-only change is not material, takes effect now and emails no one', async () => {
    now += 1000;
    const response = await publish({ yaml: WORDING });
    expect(response.statusCode).toBe(201);
    const version = response.json().version;
    expect(version).toMatchObject({
      seq: 2,
      previousId: ids.v1,
      material: false,
      effectiveAt: new Date(now).toISOString(),
      notices: { state: 'none', total: 0 },
    });
    expect(version.changes).toEqual([
      expect.objectContaining({
        area: 'wording',
        path: 'purposes.correspondence.description',
        material: false,
        purposes: ['correspondence'],
      }),
    ]);
    ids.v2 = version.id;
    const queued = await t.steward.store.db
      .selectFrom('outbox_emails')
      .select('id')
      .where('template', '=', 'policy.changed')
      .execute();
    expect(queued).toEqual([]);
  });

  it('refuses policies with errors with 422 naming each line, and stores nothing', async () => {
    const broken = BASE.replace('legalBasis: consent', 'legalBasis: vibes');
    const response = await publish({ yaml: broken });
    expect(response.statusCode).toBe(422);
    const problem = response.json();
    expect(problem.code).toBe('policy.invalid');
    expect(problem.errors.length).toBeGreaterThan(0);
    const line = BASE.slice(0, BASE.indexOf('legalBasis: consent')).split('\n').length;
    expect(problem.errors.map((e: { message: string }) => e.message).join('\n')).toContain(`${line}:`);
    const yamlError = await publish({ yaml: 'steward: 1\npurposes: [\n' });
    expect(yamlError.statusCode).toBe(422);
    expect(yamlError.json().errors[0].message).toMatch(/^\d+:\d+ yaml-syntax /);
    expect(await versionCount()).toBe(2);
  });

  it('checks roles, and answers 404 for unknown versions', async () => {
    expect((await publish({ yaml: BASE }, null)).statusCode).toBe(401);
    expect((await publish({ yaml: BASE }, 'agent')).statusCode).toBe(403);
    for (const role of ['admin', 'agent', 'auditor'] as const)
      expect((await t.request({ method: 'GET', url: '/v1/policy/versions', role })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/v1/policy/versions', role: 'service' })).statusCode).toBe(
      403,
    );
    expect((await t.request({ method: 'GET', url: '/v1/policy/versions', role: null })).statusCode).toBe(401);
    const missing = [
      `/v1/policy/versions/ver_${'0'.repeat(26)}`,
      '/v1/policy/versions/ffffff00',
      `/v1/policy/versions/ver_${'0'.repeat(26)}/diff`,
      `/v1/policy/versions/${ids.v2}/diff?from=ver_${'0'.repeat(26)}`,
    ];
    for (const url of missing) {
      const response = await t.request({ method: 'GET', url, role: 'agent' });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code).toBe('resource.not_found');
    }
    for (const url of ['/v1/policy/versions/nope', '/v1/policy/versions/abc', '/v1/policy/versions?limit=0'])
      expect((await t.request({ method: 'GET', url, role: 'agent' })).statusCode, url).toBe(400);
  });

  it('a material change takes effect after the notice period and emails each account holder once', async () => {
    now += 1000;
    const early = await publish({ yaml: MATERIAL, effectiveAt: new Date(now + 10 * DAY).toISOString() });
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('policy.effective_too_soon');
    expect(await versionCount()).toBe(2);

    const response = await publish({ yaml: MATERIAL });
    expect(response.statusCode).toBe(201);
    const { version, noticesQueued } = response.json();
    ids.v3 = version.id;
    expect(noticesQueued).toBe(3);
    // P30D of the policy's amendments.noticePeriod (WP260: well in advance).
    expect(version.effectiveAt).toBe(new Date(now + 30 * DAY).toISOString());
    expect(version.material).toBe(true);
    const material = version.changes.filter((c: { material: boolean }) => c.material);
    expect(material.map((c: { area: string; rule: string }) => [c.area, c.rule]).sort()).toEqual([
      ['data_category', 'new_category'],
      ['recipient', 'new_processor'],
    ]);

    // Sent by the outbox worker (the server's own timer may take some first).
    const deadline = Date.now() + 15_000;
    while (smtp.messages.filter(isNotice).length < 3 && Date.now() < deadline) {
      await t.steward.requests.mail.drain();
      await new Promise((r) => setTimeout(r, 50));
    }
    await t.steward.requests.mail.drain();
    const notices = smtp.messages.filter(isNotice);
    expect(notices.flatMap((m) => m.to).sort()).toEqual([
      'ada.lovelace@example.com',
      'bob@example.com',
      'cyd@example.com',
    ]);
    const text = notices[0]!.text;
    expect(text).toContain('New recipient: Ad Partner Inc in United States.');
    expect(text).toContain('now also uses your telephone number');
    expect(text).toContain(`${t.steward.config.publicUrl}/privacy/versions`);
    expect(text).toContain('we will ask you for it again');
    expect(text).not.toContain('Reworded');

    const read = await t.request({ method: 'GET', url: `/v1/policy/versions/${ids.v3}`, role: 'auditor' });
    expect(read.json()).toMatchObject({
      notices: { state: 'queued', total: 3, sent: 3, pending: 0, failed: 0 },
    });
    expect(read.json().yaml).toBe(MATERIAL);

    // Re-publishing changes nothing and queues nothing.
    const again = await publish({ yaml: MATERIAL });
    expect(again.json()).toMatchObject({ published: false, noticesQueued: 0 });
    const rows = await t.steward.store.db
      .selectFrom('outbox_emails')
      .select('id')
      .where('template', '=', 'policy.changed')
      .execute();
    expect(rows).toHaveLength(3);
  });

  it('lists versions newest first, reads one by hash prefix, and diffs any two', async () => {
    const list = (
      await t.request({ method: 'GET', url: '/v1/policy/versions?limit=2', role: 'agent' })
    ).json();
    expect(list.versions.map((v: { id: string }) => v.id)).toEqual([ids.v3, ids.v2]);
    const older = await t.request({
      method: 'GET',
      url: `/v1/policy/versions?before=${list.next}`,
      role: 'agent',
    });
    expect(older.json().versions.map((v: { id: string }) => v.id)).toEqual([ids.v1]);
    const v3 = list.versions[0];
    const byHash = await t.request({
      method: 'GET',
      url: `/v1/policy/versions/${v3.contentHash.slice(0, 10)}`,
      role: 'auditor',
    });
    expect(byHash.json().id).toBe(ids.v3);
    const diff = (
      await t.request({
        method: 'GET',
        url: `/v1/policy/versions/${ids.v3}/diff?from=${ids.v1}`,
        role: 'auditor',
      })
    ).json();
    expect(diff).toMatchObject({ from: ids.v1, to: ids.v3, material: true });
    expect(diff.changes.map((c: { area: string }) => c.area).sort()).toEqual([
      'data_category',
      'recipient',
      'wording',
    ]);
    const previous = (
      await t.request({ method: 'GET', url: `/v1/policy/versions/${ids.v2}/diff`, role: 'auditor' })
    ).json();
    expect(previous).toMatchObject({ from: ids.v1, to: ids.v2, material: false });
    // What the public pages show as the policy in effect: v2 until v3's notice period has run.
    const db = t.steward.store.db;
    expect((await versionInEffect(db, now))?.id).toBe(ids.v2);
    expect((await versionInEffect(db, now + 31 * DAY))?.id).toBe(ids.v3);
  });

  it('after the change takes effect, older consent to consent_marketing is asked again', async () => {
    // Before the effective date the consent still counts.
    expect(await eligibility('eve@example.com')).toMatchObject({
      allowed: true,
      reasons: [{ code: 'consent.given' }],
    });
    now += 31 * DAY;
    const after = await eligibility('eve@example.com');
    expect(after).toMatchObject({
      allowed: false,
      reasons: [{ code: 'consent.outdated', ref: { type: 'policy_version', id: ids.v3 } }],
    });
    // "Continuing to use the service" is no consent; giving it again is.
    await recordConsent(t, 'eve@example.com', 'given');
    expect(await eligibility('eve@example.com')).toMatchObject({
      allowed: true,
      reasons: [{ code: 'consent.given' }],
    });
  });

  it('the consent record and its receipt keep the notice version they were given under', async () => {
    const receipt = (
      await t.request({ method: 'GET', url: `/v1/consents/${ids.consent}/receipt`, role: 'auditor' })
    ).json();
    const v1 = (
      await t.request({ method: 'GET', url: `/v1/policy/versions/${ids.v1}`, role: 'auditor' })
    ).json();
    const v3 = (
      await t.request({ method: 'GET', url: `/v1/policy/versions/${ids.v3}`, role: 'auditor' })
    ).json();
    expect(receipt.privacy_notice.content_hash).toBe(v1.policyHash);
    expect(receipt.privacy_notice.content_hash).not.toBe(v3.policyHash);
    // …and link to that text as published, not to whatever /privacy says today.
    expect(receipt.privacy_notice.url).toMatch(new RegExp(`/privacy/versions/${ids.v1}$`));
    const timeline = (
      await t.request({
        method: 'GET',
        url: `/v1/subjects/${await subjectOf('eve@example.com')}/consents`,
        role: 'auditor',
      })
    ).json();
    expect(timeline.events.map((e: { policyHash: string }) => e.policyHash)).toEqual([
      v1.policyHash,
      v1.policyHash,
    ]);
  });

  const subjectOf = async (email: string) =>
    (
      await t.steward.store.db
        .selectFrom('subject_identities')
        .select('subject_id')
        .where('value', '=', email)
        .executeTakeFirstOrThrow()
    ).subject_id;

  it('steward policy publish and diff, from files and from published versions', async () => {
    const config = t.steward.config;
    const env = {
      STEWARD_DATA_DIR: config.dataDir,
      ...(config.database.kind === 'postgres' ? { DATABASE_URL: config.database.url } : {}),
    };
    const file = path.join(tmp, `${dialect}-policy.yaml`);
    fs.writeFileSync(file, MATERIAL.replace('Measures our email campaigns.', 'Measures our campaigns.'));
    const published = await runCli(['policy', 'publish', file], env);
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    expect(published.stdout).toMatch(
      /^published ver_[0-9a-z]{26} \(seq 4, 2026-11, sha256 [0-9a-f]{12}\): 1 change\(s\), 0 material/,
    );
    const again = await runCli(['policy', 'publish', file, '--format', 'json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ published: false, version: { seq: 4 } });

    const broken = path.join(tmp, `${dialect}-broken.yaml`);
    fs.writeFileSync(broken, BASE.replace('legalBasis: consent', 'legalBasis: vibes'));
    const refused = await runCli(['policy', 'publish', broken], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/broken\.yaml:\d+:\d+ {2}error/);
    expect(refused.stderr).toContain('nothing was published');
    const tooSoon = await runCli(['policy', 'publish', EXAMPLE_POLICY, '--effective', '2001-01-01'], env);
    expect(tooSoon.code).toBe(1);
    expect(tooSoon.stderr).toContain('cannot take effect before');
    expect(await versionCount()).toBe(4);

    const base = path.join(tmp, `${dialect}-base.yaml`);
    fs.writeFileSync(base, BASE);
    const text = await runCli(['policy', 'diff', base, file], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^3 change\(s\), 2 material, from /);
    expect(text.stdout).toContain('New recipient: Ad Partner Inc in United States.');
    const json = await runCli(['policy', 'diff', ids.v1!, ids.v3!, '--format', 'json'], env);
    expect(json.code).toBe(0);
    const v3 = (
      await t.request({ method: 'GET', url: `/v1/policy/versions/${ids.v3}`, role: 'auditor' })
    ).json();
    const byPrefix = await runCli(
      ['policy', 'diff', ids.v1!, v3.contentHash.slice(0, 8), '--format', 'json'],
      env,
    );
    expect(JSON.parse(byPrefix.stdout)).toEqual(JSON.parse(json.stdout));
    expect(JSON.parse(json.stdout)).toMatchObject({ from: ids.v1, to: ids.v3, material: true });
    const unknown = await runCli(['policy', 'diff', base, 'ver_00000000000000000000000000'], env);
    expect(unknown.code).toBe(1);
  });
});

describe.each(dialects)('hostile policy texts on %s', (dialect) => {
  let t: TestSteward;
  beforeAll(async () => {
    t = await startTestSteward(dialect);
  });
  afterAll(async () => {
    await t.close();
  });
  const publish = (payload: unknown) =>
    t.request({ method: 'POST', url: '/v1/policy/versions', payload: payload as object });
  const versionCount = async () =>
    (await t.steward.store.db.selectFrom('policy_versions').select('id').execute()).length;

  it('any JSON body gets a 4xx and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ withObjectString: true, withNullPrototype: true }), async (body) => {
        const response = await t.request({
          method: 'POST',
          url: '/v1/policy/versions',
          payload: JSON.stringify(body) ?? 'null',
          headers: { 'content-type': 'application/json' },
        });
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
    expect(await versionCount()).toBe(0);
  });

  it('any text: a policy with errors is 422 naming lines; only valid policies are stored', async () => {
    // Invalid YAML, YAML that is no policy, and the example policy mangled at one place.
    const mangled = fc
      .tuple(fc.nat({ max: BASE.length - 1 }), fc.string({ maxLength: 20 }))
      .map(([at, junk]) => `${BASE.slice(0, at)}${junk}${BASE.slice(at + junk.length + 1)}`);
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 1 }), fc.string({ minLength: 1, unit: 'binary' }), mangled),
        async (yaml) => {
          const response = await publish({ yaml });
          expect([200, 201, 422], yaml.slice(0, 200)).toContain(response.statusCode);
          if (response.statusCode === 201) stored++;
          if (response.statusCode === 422) {
            expect(response.json().code).toBe('policy.invalid');
            for (const e of response.json().errors) expect(e.message).toMatch(/^\d+:\d+ /);
          }
        },
      ),
      { numRuns: 60 },
    );
    expect(await versionCount()).toBe(stored);
    const huge = await publish({ yaml: `steward: 1\n# ${'x'.repeat(4 * 1024 * 1024)}\n` });
    expect(huge.statusCode).toBe(400);
    const tooLarge = await t.request({
      method: 'POST',
      url: '/v1/policy/versions',
      payload: JSON.stringify({ yaml: 'x'.repeat(11 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(tooLarge.statusCode).toBe(413);
    const badDate = await publish({ yaml: BASE, effectiveAt: 'tomorrow' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].field).toContain('effectiveAt');
    expect(await versionCount()).toBe(stored);
  });
});

describe.each(dialects)('the mail rate limit on %s', (dialect) => {
  let t: TestSteward;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let now = Date.now();
  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestSteward(dialect, {
      env: { SMTP_URL: smtp.url, STEWARD_MAIL_RATE_PER_MINUTE: '3' },
      clock: () => now,
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends at most STEWARD_MAIL_RATE_PER_MINUTE a minute, the rest in the next minutes', async () => {
    for (let i = 0; i < 5; i++)
      await t.request({
        method: 'POST',
        url: '/v1/subjects',
        role: 'service',
        payload: {
          identities: [{ type: 'email', value: `p${i}@example.com` }],
          relationships: [{ kind: 'customer' }],
        },
      });
    await t.steward.versions.publish({ yaml: BASE, actor: 'test' });
    now += 1000;
    const result = await t.steward.versions.publish({ yaml: MATERIAL, actor: 'test' });
    expect(result.noticesQueued).toBe(5);
    await Promise.all([t.steward.requests.mail.drain(), t.steward.requests.mail.drain()]);
    await t.steward.requests.mail.drain();
    expect(smtp.messages.filter(isNotice)).toHaveLength(3);
    now += 60_000;
    await t.steward.requests.mail.drain();
    expect(smtp.messages.filter(isNotice)).toHaveLength(5);
  });
});

type Outcome = { published: boolean; noticesQueued: number; version: { id: string } };

describe.each(dialects)('two instances on one %s database', (dialect: DialectName) => {
  let a: Steward;
  let b: Steward | null = null;
  let server: ServerProcess | null = null;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let drop: () => Promise<void>;
  /** Publishers other than `a`, running at the same time as it. */
  let others: ((yaml: string) => Promise<Outcome>)[] = [];
  const HOLDERS = 40;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const database = await createTestDatabase(dialect);
    drop = database.drop;
    const dataDir =
      dialect === 'sqlite'
        ? path.dirname(database.location)
        : fs.mkdtempSync(path.join(os.tmpdir(), 'steward-data-'));
    const env = {
      ...(dialect === 'postgres' ? { DATABASE_URL: database.location } : {}),
      STEWARD_DATA_DIR: dataDir,
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'warn',
    };
    const config = loadConfig(env);
    a = await createSteward(config, { secrets: TEST_SECRETS, logStream: new LogCapture() });
    if (dialect === 'postgres') {
      const other = await createSteward(config, { secrets: TEST_SECRETS, logStream: new LogCapture() });
      b = other;
      const small = createVersionsService({
        db: other.store.db,
        dialect: other.store.dialect,
        publicUrl: config.publicUrl,
        noticeBatch: 7,
      });
      others = [
        (yaml) => other.versions.publish({ yaml, actor: 'b' }),
        (yaml) => small.publish({ yaml, actor: 'small' }),
      ];
    } else {
      // Real instances are processes. Two in one process would share an SQLite file through two connections,
      // and one's synchronous driver would wait, in the very thread, for a lock the other holds across an
      // await. So on SQLite the second instance is a `steward serve` process (its sender drains every 2 s)
      // and the other publishers are `steward policy publish` processes.
      server = await startServerProcess(env);
      const cli = async (yaml: string) => {
        const file = path.join(tmp, `two-${hashText(yaml).slice(0, 16)}.yaml`);
        fs.writeFileSync(file, yaml);
        const result = await runCli(['policy', 'publish', file, '--format', 'json'], env);
        if (result.code !== 0) throw new Error(result.stderr);
        return JSON.parse(result.stdout) as Outcome;
      };
      others = [cli, cli];
    }
    const { token } = await createKeysService({ db: a.store.db }).create('service', 'seed');
    for (let i = 0; i < HOLDERS; i++) {
      const response = await (i % 2 && b ? b : a).app.http.inject({
        method: 'POST',
        url: '/v1/subjects',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          identities: [{ type: 'email', value: `holder${i}@example.com` }],
          relationships: [{ kind: 'customer' }],
        },
      });
      expect(response.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await server?.kill();
    await b?.close();
    await a?.close();
    await smtp?.close();
    await drop?.();
  });

  it('publishing and sending at once on both, each account holder receives exactly one notice', async () => {
    await a.versions.publish({ yaml: BASE, actor: 'test' });
    // Three publishers of the same material change at once (on PostgreSQL one queues in batches of 7).
    const results: Outcome[] = await Promise.all([
      a.versions.publish({ yaml: MATERIAL, actor: 'a' }),
      ...others.map((publish) => publish(MATERIAL)),
    ]);
    expect(results.filter((r) => r.published)).toHaveLength(1);
    expect(new Set(results.map((r) => r.version.id)).size).toBe(1);
    expect(results.reduce((n, r) => n + r.noticesQueued, 0)).toBe(HOLDERS);

    // Both senders drain at once (the second instance's timer runs too).
    await Promise.all([a, b, a, b].map((s) => s?.requests.mail.drain()));
    await smtp.waitFor(HOLDERS, 30_000);
    await new Promise((r) => setTimeout(r, 2500));
    await a.requests.mail.drain();
    const recipients = smtp.messages.filter(isNotice).flatMap((m) => m.to);
    expect(recipients).toHaveLength(HOLDERS);
    expect(new Set(recipients).size).toBe(HOLDERS);
  });

  it('a publication cut short is finished by a re-run or the job, still one notice each', async () => {
    const db = a.store.db;
    const text = `${MATERIAL}# a comment: another text, the same policy\n`;
    const first = await a.versions.publish({ yaml: text, actor: 'a' });
    expect(first).toMatchObject({ published: true, noticesQueued: 0 }); // no change: nothing material
    // Simulate a crash after 10 notices of a material version: its state as the crash left it.
    const changed = MATERIAL.replace('Measures our email campaigns.', 'Measures campaigns.').replace(
      'contact.phone',
      'contact.address',
    );
    const version = (await a.versions.publish({ yaml: changed, actor: 'a' })).version;
    const notices = await db
      .selectFrom('policy_notices')
      .select(['subject_id', 'outbox_id'])
      .where('version_id', '=', version.id)
      .orderBy('subject_id')
      .execute();
    expect(notices).toHaveLength(HOLDERS);
    const lost = notices.slice(10);
    await db
      .deleteFrom('outbox_emails')
      .where(
        'id',
        'in',
        lost.map((n) => n.outbox_id),
      )
      .execute();
    await db
      .deleteFrom('policy_notices')
      .where('version_id', '=', version.id)
      .where(
        'subject_id',
        'in',
        lost.map((n) => n.subject_id),
      )
      .execute();
    await db
      .updateTable('policy_versions')
      .set({ notices_state: 'queuing', notices_cursor: notices[9]!.subject_id, notices_queued_at: null })
      .where('id', '=', version.id)
      .execute();
    const [rerun, job] = await Promise.all([others[0]!(changed), a.versions.resumeNotices()]);
    expect(rerun.published).toBe(false);
    expect(rerun.noticesQueued + job).toBe(HOLDERS - 10);
    const outbox = await db
      .selectFrom('outbox_emails as o')
      .innerJoin('policy_notices as n', 'n.outbox_id', 'o.id')
      .select(['o.recipient', 'n.subject_id'])
      .where('n.version_id', '=', version.id)
      .execute();
    expect(outbox).toHaveLength(HOLDERS);
    expect(new Set(outbox.map((o) => o.recipient)).size).toBe(HOLDERS);
    const state = await db
      .selectFrom('policy_versions')
      .select('notices_state')
      .where('id', '=', version.id)
      .executeTakeFirstOrThrow();
    expect(state.notices_state).toBe('queued');
  });
});
