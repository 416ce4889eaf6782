import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTER_TEXT as T } from '../../src/modules/center/center.text.js';
import { recordConsent, startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';
import { startSmtpSink } from '../support/smtp-sink.js';

const dialects = await availableDialects();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

describe.each(dialects)('the privacy center on %s', (dialect) => {
  let t: TestSteward;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let ip = 0;
  // Every test speaks from its own addresses, so the per-IP limits only bite where a test wants them to.
  const nextIp = () => `198.51.${100 + Math.floor(++ip / 250)}.${(ip % 250) + 1}`;
  const db = () => t.steward.store.db;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestSteward(dialect, { env: { SMTP_URL: smtp.url } });
    for (const [email, consent] of [
      ['known@example.com', true],
      ['single@example.com', false],
      ['expiry@example.com', false],
      ['limits@example.com', false],
    ] as const) {
      await t.request({
        method: 'POST',
        url: '/v1/subjects',
        role: 'service',
        payload: { identities: [{ type: 'email', value: email }], relationships: [{ kind: 'customer' }] },
      });
      if (consent) await recordConsent(t, email, 'given');
    }
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const get = (url: string) => t.steward.app.http.inject({ method: 'GET', url, remoteAddress: nextIp() });
  const post = (url: string, fields: Record<string, string> | string, remoteAddress = nextIp()) =>
    t.steward.app.http.inject({
      method: 'POST',
      url,
      headers: FORM,
      payload: typeof fields === 'string' ? fields : new URLSearchParams(fields).toString(),
      remoteAddress,
    });
  const mails = (address: string) => smtp.messages.filter((m) => m.to.includes(address));
  // The server's own sender may have claimed the email already: drain, then wait for it to arrive.
  async function mailTo(address: string, count: number): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      await t.steward.requests.mail.drain();
      if (mails(address).length >= count) return mails(address)[count - 1]!.text;
      if (Date.now() > deadline) throw new Error(`no email ${count} to ${address}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const verifyLink = (text: string) => {
    const m = /\/privacy\/center\/verify\?request=(dsr_[0-9a-z]{26})&token=([A-Za-z0-9_-]{43})/.exec(text);
    if (!m) throw new Error('no verification link');
    return { id: m[1]!, token: m[2]! };
  };
  const preferencesLink = (text: string) => {
    const m = /\/privacy\/center\/preferences\/manage\?token=([A-Za-z0-9_-]{43})/.exec(text);
    if (!m) throw new Error('no preferences link');
    return m[1]!;
  };
  const hiddenValue = (page: LightMyRequestResponse, name: string) =>
    new RegExp(`name="${name}" value="([^"]+)"`).exec(page.body)?.[1];
  const eligible = async (email: string, purpose: string) =>
    (
      await t.request({
        method: 'GET',
        url: `/v1/eligibility?email=${encodeURIComponent(email)}&purpose=${purpose}`,
        role: 'service',
      })
    ).json() as { allowed: boolean; reasons: { code: string }[] };
  async function counts() {
    const count = async (table: 'dsr_requests' | 'consent_events' | 'preference_links' | 'outbox_emails') =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      requests: await count('dsr_requests'),
      ledger: await count('consent_events'),
      links: await count('preference_links'),
      outbox: await count('outbox_emails'),
    };
  }
  const ledgerOf = async (email: string) =>
    db()
      .selectFrom('consent_events as e')
      .innerJoin('subject_identities as i', 'i.subject_id', 'e.subject_id')
      .where('i.type', '=', 'email')
      .where('i.value', '=', email)
      .select(['e.purpose', 'e.action', 'e.channel', 'e.actor', 'e.evidence'])
      .orderBy('e.seq')
      .execute();

  it('home: the rights the policy offers, in plain words, the controller’s contact, and the other pages', async () => {
    const res = await get('/privacy/center');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).not.toMatch(/style=|<script/);
    const policy = t.steward.policy.policy;
    for (const right of policy.rights.offered) expect(res.body).toContain(html(T.rights[right].title));
    expect(res.body).toContain(`mailto:${policy.controller.email}`);
    for (const line of policy.controller.address) expect(res.body).toContain(html(line));
    for (const href of [
      '/privacy',
      '/privacy/versions',
      '/privacy/processors',
      '/privacy/center/preferences',
    ])
      expect(res.body).toContain(`href="${href}"`);
    expect(res.body).toContain('<a href="/privacy/center" aria-current="page">Privacy center</a>');
    expect(res.body).toContain('href="/privacy/center/request?type=correction"');
    // Every public page now links the center.
    expect((await get('/privacy')).body).toContain('href="/privacy/center"');
  });

  it('opens each kind of request from the form; the email arrives; confirming shows its state', async () => {
    const expectations = {
      // Access and erasure go on in the background: done, or still in progress, by the time we look.
      access: { states: ['in_progress', 'completed'], words: T.status.now.in_progress },
      correction: { states: ['awaiting_approval'], words: T.status.now.awaiting_approval },
      erasure: { states: ['in_progress', 'completed'], words: T.status.now.in_progress },
      objection: { states: ['completed'], words: T.status.done.objection },
      withdrawal: { states: ['completed'], words: T.status.done.withdrawal },
    } as const;
    for (const [type, expected] of Object.entries(expectations)) {
      const email = `open.${type}@example.com`;
      const form = await get(`/privacy/center/request?type=${type}`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain(`value="${type}" checked`);
      const sent = await post('/privacy/center/request', {
        type,
        email,
        jurisdiction: 'uk',
        'fix1-field': 'my name',
        'fix1-value': 'Ada Lovelace',
        message: 'Thank you',
      });
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toBe('/privacy/center/request/sent');
      const check = await get('/privacy/center/request/sent');
      expect(check.body).toContain(T.sent.title);
      const { id, token } = verifyLink(await mailTo(email, 1));
      const row = await db()
        .selectFrom('dsr_requests')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ type, state: 'received', jurisdiction: 'uk' });
      const details = JSON.parse(row.details);
      expect(details.message).toBe('Thank you');
      expect(details.corrections).toEqual(
        type === 'correction' ? [{ field: 'my name', value: 'Ada Lovelace' }] : undefined,
      );
      // The emailed link opens a page that changes nothing; its button confirms.
      const page = await get(`/privacy/center/verify?request=${id}&token=${token}`);
      expect(page.body).toContain(T.verify.button);
      expect(
        (await db().selectFrom('dsr_requests').select('state').where('id', '=', id).executeTakeFirstOrThrow())
          .state,
      ).toBe('received');
      const confirmed = await post('/privacy/center/verify', { request: id, token });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.body).toContain(T.verify.confirmed);
      expect(confirmed.body).toContain(html(expected.words));
      expect(confirmed.body).toContain('aria-current="step"');
      const statusPath = /href="(\/privacy\/center\/requests\/[^"]+)"/
        .exec(confirmed.body)![1]!
        .replace(/&amp;/g, '&');
      const status = await get(statusPath);
      expect(status.statusCode).toBe(200);
      expect(status.body).toContain(
        html(T.status.asked(t.steward.policy.policy.controller.name, T.asked[type as 'access'])),
      );
      expect(
        (await db().selectFrom('dsr_requests').select('state').where('id', '=', id).executeTakeFirstOrThrow())
          .state,
      ).toBeOneOf([...expected.states]);
    }
    await t.steward.requests.settle();
  });

  it('access: the status page offers the download while it lives, to the holder of its link only', async () => {
    const email = 'reader@example.com';
    await t.request({
      method: 'POST',
      url: '/v1/subjects',
      role: 'service',
      payload: { identities: [{ type: 'email', value: email }] },
    });
    await post('/privacy/center/request', { type: 'access', email });
    const { id, token } = verifyLink(await mailTo(email, 1));
    const confirmed = await post('/privacy/center/verify', { request: id, token });
    const statusPath = /href="(\/privacy\/center\/requests\/[^"]+)"/
      .exec(confirmed.body)![1]!
      .replace(/&amp;/g, '&');
    await t.steward.requests.settle();
    const done = await get(statusPath);
    expect(done.body).toContain(html(T.status.done.access));
    const download = /href="(\/privacy\/center\/requests\/[^"]+\/download\?token=[^"]+)"/.exec(
      done.body,
    )![1]!;
    const zip = await get(download.replace(/&amp;/g, '&'));
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.headers['content-disposition']).toContain('attachment');
    expect(zip.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    // The completion email carries the same copy behind its own expiring link.
    const completion = await mailTo(email, 2);
    expect(completion).toMatch(/\/v1\/exports\/[A-Za-z0-9_-]{43}/);

    // Another request's token, a wrong token, a made-up id: all the same 404 page.
    const other = await db()
      .selectFrom('dsr_requests')
      .select('id')
      .where('id', '!=', id)
      .executeTakeFirstOrThrow();
    const statusToken = new URL(statusPath, 'http://x').searchParams.get('token')!;
    for (const url of [
      `/privacy/center/requests/${other.id}/download?token=${statusToken}`,
      `/privacy/center/requests/${other.id}?token=${statusToken}`,
      `/privacy/center/requests/${id}/download?token=${'x'.repeat(43)}`,
      `/privacy/center/requests/dsr_${'0'.repeat(26)}?token=${statusToken}`,
    ]) {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain(T.errors.linkTitle);
    }

    // Once the copy has expired the page says so, and the download is gone.
    await db()
      .updateTable('dsr_exports')
      .set({ expires_at: Date.now() - 1000 })
      .where('request_id', '=', id)
      .execute();
    const expired = await get(statusPath);
    expect(expired.body).not.toContain('/download?token=');
    expect(expired.body).toContain('The download ended on');
    expect((await get(download.replace(/&amp;/g, '&'))).statusCode).toBe(404);
  });

  it('tells every problem of the form in words, beside its field, and writes nothing', async () => {
    const before = await counts();
    const cases: [Record<string, string>, string, string][] = [
      [{}, 'type', T.errors.type],
      [{ type: 'access' }, 'email', T.errors.email],
      [{ type: 'access', email: 'not an address' }, 'email', T.errors.emailInvalid],
      [{ type: 'delete-everything', email: 'a@example.com' }, 'type', T.errors.type],
      [
        { type: 'access', email: 'a@example.com', jurisdiction: 'mars' },
        'jurisdiction',
        T.errors.jurisdiction,
      ],
      [{ type: 'correction', email: 'a@example.com' }, 'fix1-field', T.errors.correctionMissing],
      [
        { type: 'correction', email: 'a@example.com', 'fix2-field': 'my city' },
        'fix2-value',
        T.errors.correctionValue(2),
      ],
      [
        { type: 'access', email: 'a@example.com', message: 'x'.repeat(4001) },
        'message',
        T.errors.tooLong(4000),
      ],
    ];
    for (const [fields, field, message] of cases) {
      const res = await post('/privacy/center/request', fields);
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      expect(res.body).toContain('<title>Error: ');
      expect(res.body).toContain(`<a href="#f-${field}">${html(message)}</a>`);
      expect(res.body).toContain(
        `id="f-${field === 'type' || field === 'jurisdiction' ? `${field}-group` : field}-error"`,
      );
      // What the person typed is kept.
      if (fields.email) expect(res.body).toContain(`value="${html(fields.email)}"`);
    }
    const twice = await post('/privacy/center/request', 'type=access&type=erasure&email=a%40example.com');
    expect(twice.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('rate limits like the API: a page in words per IP (429); past the per-address limit, nothing more is sent', async () => {
    const flood = '203.0.113.50';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (await post('/privacy/center/request', { type: 'objection', email: `flood${i}@example.com` }, flood))
          .statusCode,
      );
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const limited = await post(
      '/privacy/center/request',
      { type: 'objection', email: 'x@example.com' },
      flood,
    );
    expect(limited.body).toContain(T.errors.rateLimited);
    expect(limited.headers['retry-after']).toBe('3600');

    for (let i = 0; i < 5; i++)
      expect(
        (await post('/privacy/center/request', { type: 'access', email: 'bombed@example.com' })).statusCode,
      ).toBe(303);
    await mailTo('bombed@example.com', 3);
    await t.steward.requests.mail.drain();
    expect(mails('bombed@example.com')).toHaveLength(3);
  });

  it('preferences: the magic link arrives; opening it changes nothing; each change is in the ledger and eligibility follows', async () => {
    const email = 'known@example.com';
    expect((await eligible(email, 'consent_marketing')).allowed).toBe(true);
    expect((await eligible(email, 'customer_marketing')).allowed).toBe(true);
    const ask = await get('/privacy/center/preferences');
    expect(ask.body).toContain(T.preferences.askSubmit);
    const sent = await post('/privacy/center/preferences', { email: 'Known@Example.com' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/privacy/center/preferences/sent');
    const token = preferencesLink(await mailTo(email, 1));
    const stored = await db().selectFrom('preference_links').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    // A mail scanner fetches the link, twice: nothing changes, and the link still works.
    const ledgerBefore = await ledgerOf(email);
    const linksBefore = await db().selectFrom('preference_links').selectAll().execute();
    const opened = await get(`/privacy/center/preferences/manage?token=${token}`);
    await get(`/privacy/center/preferences/manage?token=${token}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['cache-control']).toBe('no-store');
    expect(await ledgerOf(email)).toEqual(ledgerBefore);
    expect(await db().selectFrom('preference_links').selectAll().execute()).toEqual(linksBefore);
    expect(opened.body).toContain('Marketing after you gave consent');
    expect(opened.body).toContain('You agreed on');
    expect(opened.body).toContain(T.preferences.unsubscribeAll);
    expect(hiddenValue(opened, 'link')).toBe(token);

    // Withdraw: the link is used up, a session carries on.
    const withdrawn = await post('/privacy/center/preferences/manage', {
      link: token,
      action: 'withdraw',
      purpose: 'consent_marketing',
    });
    expect(withdrawn.statusCode).toBe(303);
    const next = withdrawn.headers.location as string;
    expect(next).toMatch(
      /^\/privacy\/center\/preferences\/manage\?session=[A-Za-z0-9_-]{43}&action=withdraw/,
    );
    expect((await eligible(email, 'consent_marketing')).reasons[0]!.code).toBe('consent.withdrawn');
    const page = await get(next);
    expect(page.body).toContain(html(T.preferences.saved.withdrawn('Marketing after you gave consent')));
    expect(page.body).toContain('You said no on');
    const session = hiddenValue(page, 'session')!;
    expect(hiddenValue(page, 'link')).toBeUndefined();

    // Give it again, then unsubscribe from all marketing, with the session.
    expect(
      (
        await post('/privacy/center/preferences/manage', {
          session,
          action: 'give',
          purpose: 'consent_marketing',
        })
      ).statusCode,
    ).toBe(303);
    expect((await eligible(email, 'consent_marketing')).allowed).toBe(true);
    const all = await post('/privacy/center/preferences/manage', { session, action: 'unsubscribe_all' });
    expect(all.statusCode).toBe(303);
    for (const purpose of ['consent_marketing', 'customer_marketing'])
      expect(await eligible(email, purpose)).toMatchObject({
        allowed: false,
        reasons: [{ code: 'suppressed' }],
      });
    const after = await get(all.headers.location as string);
    expect(after.body).toContain(T.preferences.saved.unsubscribedAll);
    expect(after.body).not.toContain(`>${T.preferences.unsubscribeAll}<`);
    // Repeating the unsubscribe records nothing new (idempotent, as one-click unsubscribe is).
    await post('/privacy/center/preferences/manage', { session, action: 'unsubscribe_all' });

    const entries = (await ledgerOf(email)).slice(ledgerBefore.length);
    expect(entries.map((e) => [e.purpose, e.action, e.channel, e.actor])).toEqual([
      ['consent_marketing', 'withdrawn', 'privacy_center', 'public:privacy-center'],
      ['consent_marketing', 'given', 'privacy_center', 'public:privacy-center'],
      ['*', 'unsubscribed', 'privacy_center', 'public:privacy-center'],
    ]);
    // Evidence: the IP truncated to its network, never the full address.
    expect(JSON.parse(entries[0]!.evidence)).toEqual({
      ipPrefix: expect.stringMatching(/^198\.51\.\d+\.0$/),
    });

    // The emailed link works once: it opened the session, it opens nothing more.
    const reused = await get(`/privacy/center/preferences/manage?token=${token}`);
    expect(reused.statusCode).toBe(404);
    expect(reused.body).toContain(T.errors.link);
    const replay = await post('/privacy/center/preferences/manage', {
      link: token,
      action: 'give',
      purpose: 'consent_marketing',
    });
    expect(replay.statusCode).toBe(404);
    expect((await ledgerOf(email)).length).toBe(ledgerBefore.length + 3);
    expect(t.logs.text()).not.toContain(email);
    expect(t.logs.text()).not.toContain(token);
  });

  it('preferences: links and sessions expire; tampered forms change nothing', async () => {
    const email = 'expiry@example.com';
    await post('/privacy/center/preferences', { email });
    const token = preferencesLink(await mailTo(email, 1));
    const before = await counts();
    // A purpose the page does not offer (not consent-based), an unknown one, an unknown action: nothing.
    for (const fields of <Record<string, string>[]>[
      { link: token, action: 'withdraw', purpose: 'customer_contract' },
      { link: token, action: 'unsubscribe', purpose: 'website_analytics' },
      { link: token, action: 'give', purpose: 'no_such_purpose' },
      { link: token, action: 'erase_everything' },
      { link: token, session: 'x'.repeat(43), action: 'unsubscribe_all' },
    ]) {
      const res = await post('/privacy/center/preferences/manage', fields);
      expect(res.statusCode, JSON.stringify(fields)).toBe(404);
    }
    expect(await counts()).toEqual(before);
    expect((await get(`/privacy/center/preferences/manage?token=${token}`)).statusCode).toBe(200);

    await db()
      .updateTable('preference_links')
      .set({ expires_at: Date.now() - 1 })
      .execute();
    expect((await get(`/privacy/center/preferences/manage?token=${token}`)).statusCode).toBe(404);
    expect(
      (await post('/privacy/center/preferences/manage', { link: token, action: 'unsubscribe_all' }))
        .statusCode,
    ).toBe(404);
    expect(await counts()).toEqual(before);

    // A session ends too: after its 30 minutes the page asks for a new link.
    await post('/privacy/center/preferences', { email });
    const fresh = preferencesLink(await mailTo(email, 2));
    const first = await post('/privacy/center/preferences/manage', {
      link: fresh,
      action: 'unsubscribe',
      purpose: 'customer_marketing',
    });
    const session = new URL(first.headers.location as string, 'http://x').searchParams.get('session')!;
    expect((await eligible(email, 'customer_marketing')).reasons[0]!.code).toBe('suppressed');
    expect((await eligible(email, 'consent_marketing')).reasons[0]!.code).toBe('consent.missing');
    await db()
      .updateTable('preference_links')
      .set({ session_expires_at: Date.now() - 1 })
      .execute();
    const ended = await get(`/privacy/center/preferences/manage?session=${session}`);
    expect(ended.statusCode).toBe(404);
    expect(ended.body).toContain(T.errors.sessionEnded);
    expect(
      (await post('/privacy/center/preferences/manage', { session, action: 'unsubscribe_all' })).statusCode,
    ).toBe(404);
  });

  it('preferences: an unknown address gets the same page and no email; limits per IP and per address', async () => {
    const before = await counts();
    const known = await post('/privacy/center/preferences', { email: 'single@example.com' });
    const unknown = await post('/privacy/center/preferences', { email: 'stranger@example.com' });
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.headers.location).toBe(known.headers.location);
    expect((await get(unknown.headers.location as string)).body).toContain(T.sent.title);
    await mailTo('single@example.com', 1);
    await t.steward.requests.mail.drain();
    expect(mails('stranger@example.com')).toHaveLength(0);
    // One email, to the known address; nothing else written (spent links may have been cleared meanwhile).
    const now = await counts();
    expect({ ...now, links: 0 }).toEqual({ ...before, links: 0, outbox: before.outbox + 1 });
    expect(
      await db()
        .selectFrom('subject_identities')
        .where('value', '=', 'stranger@example.com')
        .select('id')
        .execute(),
    ).toEqual([]);

    const bad = await post('/privacy/center/preferences', { email: 'not an address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(html(T.errors.emailInvalid));

    // Per address: 3 an hour, then silence (same page, no email).
    for (let i = 0; i < 5; i++)
      expect((await post('/privacy/center/preferences', { email: 'limits@example.com' })).statusCode).toBe(
        303,
      );
    await mailTo('limits@example.com', 3);
    await t.steward.requests.mail.drain();
    expect(mails('limits@example.com')).toHaveLength(3);
    // Per IP: 10 an hour, then a page in words (429).
    const flood = '203.0.113.77';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await post('/privacy/center/preferences', { email: `p${i}@example.com` }, flood)).statusCode,
      );
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
  });

  it('hostile bodies: no 5xx, a page or a problem, nothing written', async () => {
    const before = await counts();
    const hostile = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
      fc.constantFrom(
        '__proto__[x]=1&constructor=1&type=access',
        'type=access&email=%ZZ&email=a%40b.co',
        'type=correction&email=a%40example&fix1-field=%00&fix1-value=',
        `type=access&email=${'a'.repeat(40_000)}`,
        'link=&session=&action=give&purpose=consent_marketing',
        `session=${'A'.repeat(43)}&action=unsubscribe_all`,
        'request=dsr_00000000000000000000000000&token=<script>',
        '\uFFFD\uD800',
      ),
      fc
        .record({
          type: fc.constantFrom('access', 'erasure', 'correction', 'nope', ''),
          email: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('@'), fc.constant('a@b')),
          jurisdiction: fc.constantFrom('mars', 'eu ', 'x'.repeat(17)),
        })
        .map((r) => new URLSearchParams(r).toString()),
    );
    const contentType = fc.constantFrom(
      'application/x-www-form-urlencoded',
      'application/json',
      'text/plain',
      'multipart/form-data; boundary=x',
    );
    const url = fc.constantFrom(
      '/privacy/center/request',
      '/privacy/center/preferences',
      '/privacy/center/preferences/manage',
      '/privacy/center/verify',
    );
    await fc.assert(
      fc.asyncProperty(hostile, contentType, url, async (payload, type, target) => {
        const res = await t.steward.app.http.inject({
          method: 'POST',
          url: target,
          payload,
          headers: { 'content-type': type },
          remoteAddress: nextIp(),
        });
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
    for (const url of [
      '/privacy/center/preferences/manage?token=%00',
      '/privacy/center/preferences/manage?session=a&session=b',
      '/privacy/center/requests/dsr_x?token=1',
      '/privacy/center/verify?request[]=1',
      '/privacy/center/request?type[]=access',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBeLessThan(500);
    }
    const missing = await get('/privacy/center/no-such-page');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('text/html');
    expect(missing.body).toContain(T.errors.notFound);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(await counts()).toEqual(before);
  });
});

describe('the privacy center of a policy serving one jurisdiction', () => {
  let t: TestSteward;
  beforeAll(async () => {
    t = await startTestSteward('sqlite', { policyFile: 'examples/minimal/policy.yaml' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('offers what that policy offers, names its company, and does not ask where you live', async () => {
    const home = await t.steward.app.http.inject({ method: 'GET', url: '/privacy/center' });
    expect(home.body).toContain(T.home.heading('Lindqvist Bageri AB'));
    expect(home.body).toContain('mailto:integritet@bageri.example');
    expect(home.body).toContain('Storgatan 1');
    const form = await t.steward.app.http.inject({ method: 'GET', url: '/privacy/center/request' });
    expect(form.body).not.toContain('name="jurisdiction"');
    expect(form.body).toContain(html(T.request.deadline('1 month')));
    const consents = t.steward.policy.policy.purposes.filter((p) => p.legalBasis === 'consent');
    expect(consents.map((p) => p.id)).toEqual(['allergies']);
  });
});
