import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConsent, startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';
import { mailTo as mailToOf, verificationLink } from '../support/mail.js';
import { startSmtpSink } from '../support/smtp-sink.js';

const dialects = await availableDialects();

const linkIn = verificationLink;

describe.each(dialects)('data subject requests on %s', (dialect) => {
  let t: TestSteward;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestSteward(dialect, { env: { SMTP_URL: smtp.url } });
    await t.request({
      method: 'POST',
      url: '/v1/subjects',
      role: 'service',
      payload: {
        identities: [{ type: 'email', value: 'known@example.com' }],
        relationships: [{ kind: 'customer' }],
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const open = (payload: object, ip = '198.51.100.1') =>
    t.steward.app.http.inject({ method: 'POST', url: '/v1/requests', payload, remoteAddress: ip });
  const mailTo = (address: string, count = 1) => mailToOf(t.steward, smtp, address, count);

  it('answers the same for a known and an unknown address, and emails a single-use link', async () => {
    const known = await open({ type: 'objection', email: 'Known@Example.com' });
    const unknown = await open({ type: 'objection', email: 'stranger@example.com' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(Object.keys(known.json())).toEqual(Object.keys(unknown.json()));
    expect(known.json().message).toBe(unknown.json().message);
    const mail = await mailTo('known@example.com');
    expect(mail.text).toContain(t.steward.policy.policy.controller.name);
    const { id, token } = linkIn(mail);
    expect(id).toBe(known.json().id);
    const stored = await t.steward.store.db
      .selectFrom('dsr_verifications')
      .selectAll()
      .where('request_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
  });

  it('objection: once verified, eligibility says no at once, and the link cannot be used twice', async () => {
    const before = await t.request({
      method: 'GET',
      url: '/v1/eligibility?email=known@example.com&purpose=customer_marketing',
      role: 'service',
    });
    expect(before.json().allowed).toBe(true);
    const { id, token } = linkIn(await mailTo('known@example.com'));
    const verified = await t.steward.app.http.inject({
      method: 'POST',
      url: `/v1/requests/${id}/verify`,
      payload: { token },
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().request.state).toBe('completed');
    const after = await t.request({
      method: 'GET',
      url: '/v1/eligibility?email=known@example.com&purpose=customer_marketing',
      role: 'service',
    });
    expect(after.json()).toMatchObject({ allowed: false, reasons: [{ code: 'suppressed' }] });
    const again = await t.steward.app.http.inject({
      method: 'POST',
      url: `/v1/requests/${id}/verify`,
      payload: { token },
    });
    expect(again.statusCode).toBe(404);
    const status = await t.steward.app.http.inject({
      method: 'GET',
      url: `/v1/requests/${id}/status?token=${verified.json().statusToken}`,
    });
    expect(status.json()).toMatchObject({ id, state: 'completed', type: 'objection' });
  });

  it('withdrawal records a ledger withdrawal for each consent purpose', async () => {
    await recordConsent(t, 'fan@example.com', 'given');
    await open({ type: 'withdrawal', email: 'fan@example.com' });
    const { id, token } = linkIn(await mailTo('fan@example.com'));
    const verified = await t.steward.app.http.inject({
      method: 'POST',
      url: `/v1/requests/${id}/verify`,
      payload: { token },
    });
    expect(verified.json().request.state).toBe('completed');
    const check = await t.request({
      method: 'GET',
      url: '/v1/eligibility?email=fan@example.com&purpose=consent_marketing',
      role: 'service',
    });
    expect(check.json()).toMatchObject({ allowed: false, reasons: [{ code: 'consent.withdrawn' }] });
  });

  it('agents see open requests by due date, extend once with a reason, and every transition is audited', async () => {
    await open({ type: 'erasure', email: 'someone@example.com', jurisdiction: 'us-ca' });
    const list = await t.request({ method: 'GET', url: '/v1/requests', role: 'agent' });
    expect(list.statusCode).toBe(200);
    const dues = list.json().requests.map((r: { dueAt: string }) => r.dueAt);
    expect([...dues].sort()).toEqual(dues);
    const request = list.json().requests.find((r: { email: string }) => r.email === 'someone@example.com');
    expect(request.jurisdiction).toBe('us-ca');
    const extended = await t.request({
      method: 'POST',
      url: `/v1/requests/${request.id}/extend`,
      role: 'agent',
      payload: { reason: 'We hold data in several systems.' },
    });
    expect(extended.statusCode).toBe(200);
    expect(Date.parse(extended.json().dueAt) - Date.parse(request.dueAt)).toBeGreaterThanOrEqual(
      44 * 86_400_000,
    );
    expect(
      (
        await t.request({
          method: 'POST',
          url: `/v1/requests/${request.id}/extend`,
          role: 'agent',
          payload: { reason: 'again' },
        })
      ).statusCode,
    ).toBe(409);
    const rejected = await t.request({
      method: 'POST',
      url: `/v1/requests/${request.id}/transitions`,
      role: 'agent',
      payload: { to: 'rejected', reason: 'We could not verify the address.' },
    });
    expect(rejected.json().state).toBe('rejected');
    expect(
      (
        await t.request({
          method: 'POST',
          url: `/v1/requests/${request.id}/transitions`,
          role: 'agent',
          payload: { to: 'in_progress' },
        })
      ).statusCode,
    ).toBe(409);
    const trail = await t.steward.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', request.id)
      .orderBy('seq')
      .execute();
    expect(trail.map((a) => a.action)).toEqual(
      expect.arrayContaining(['dsr.received', 'dsr.extended', 'dsr.rejected']),
    );
    const overdue = await t.request({ method: 'GET', url: '/v1/requests?overdue=true', role: 'agent' });
    expect(overdue.json().requests).toEqual([]);
  });

  it('refuses bad input with a problem naming the field, and rate-limits a flood', async () => {
    const bad = await open({ type: 'access', email: 'not an email' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('email');
    expect((await open({ type: 'delete-everything', email: 'a@b.co' })).statusCode).toBe(400);
    expect(
      (await open({ type: 'access', email: 'a@b.co', jurisdiction: 'mars' })).json().errors[0].field,
    ).toBe('jurisdiction');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (await open({ type: 'access', email: `flood${i}@example.com` }, '203.0.113.9')).statusCode,
      );
    expect(statuses).toContain(429);
  });

  it('access: a verified request completes with an expiring download of this person only', async () => {
    await recordConsent(t, 'reader@example.com', 'given');
    await recordConsent(t, 'other.reader@example.com', 'given');
    await open({ type: 'access', email: 'reader@example.com' }, '198.51.100.77');
    const { id, token } = linkIn(await mailTo('reader@example.com'));
    const verified = await t.steward.app.http.inject({
      method: 'POST',
      url: `/v1/requests/${id}/verify`,
      payload: { token },
    });
    expect(verified.json().request.state).toBe('in_progress');
    await t.steward.requests.settle();
    const done = await mailTo('reader@example.com', 2);
    const link = /\/v1\/exports\/([A-Za-z0-9_-]{43})/.exec(done.text);
    expect(link).not.toBeNull();
    const download = await t.steward.app.http.inject({ method: 'GET', url: `/v1/exports/${link![1]}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    const zip = download.rawPayload.toString('latin1');
    expect(zip.startsWith('PK')).toBe(true);
    for (const name of ['summary.json', 'summary.html', 'consent-ledger.json', 'README.txt'])
      expect(zip).toContain(name);
    const status = await t.steward.app.http.inject({
      method: 'GET',
      url: `/v1/requests/${id}/status?token=${verified.json().statusToken}`,
    });
    expect(status.json().state).toBe('completed');
  });

  it('the emailed link opens a page that changes nothing; its button confirms; the status page follows', async () => {
    await open({ type: 'objection', email: 'pages@example.com' }, '198.51.100.88');
    const { id, token } = linkIn(await mailTo('pages@example.com'));
    const page = await t.steward.app.http.inject({
      method: 'GET',
      url: `/privacy/center/verify?request=${id}&token=${token}`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<form method="post" action="/privacy/center/verify">');
    const still = await t.steward.store.db
      .selectFrom('dsr_requests')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(still.state).toBe('received');
    const confirmed = await t.steward.app.http.inject({
      method: 'POST',
      url: '/privacy/center/verify',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `request=${id}&token=${token}`,
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('done');
    const statusPath = /href="(\/privacy\/center\/requests\/[^"]+)"/
      .exec(confirmed.body)![1]!
      .replace(/&amp;/g, '&');
    const status = await t.steward.app.http.inject({ method: 'GET', url: statusPath });
    expect(status.statusCode).toBe(200);
    const reused = await t.steward.app.http.inject({
      method: 'POST',
      url: '/privacy/center/verify',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `request=${id}&token=${token}`,
    });
    expect(reused.statusCode).toBe(404);
    expect(
      (
        await t.steward.app.http.inject({
          method: 'GET',
          url: '/privacy/center/verify?request=x&token=<script>',
        })
      ).statusCode,
    ).toBe(404);
  });

  it("access and erasure reach the company's stores (the example's demo store), keeping invoices under the accounting hold", async () => {
    await open({ type: 'access', email: 'ada@example.com' }, '198.51.100.99');
    const access = linkIn(await mailTo('ada@example.com'));
    await t.steward.app.http.inject({
      method: 'POST',
      url: `/v1/requests/${access.id}/verify`,
      payload: { token: access.token },
    });
    await t.steward.requests.settle();
    const accessRow = await t.request({ method: 'GET', url: `/v1/requests/${access.id}`, role: 'agent' });
    expect(accessRow.json().state).toBe('completed');
    expect(accessRow.json().result.tables).toEqual(
      expect.arrayContaining([
        { dataset: 'demo_store', table: 'customers', rows: 1 },
        { dataset: 'demo_store', table: 'invoices', rows: 2 },
      ]),
    );
    const link = /\/v1\/exports\/([A-Za-z0-9_-]{43})/.exec((await mailTo('ada@example.com', 2)).text)!;
    const zip = (
      await t.steward.app.http.inject({ method: 'GET', url: `/v1/exports/${link[1]}` })
    ).rawPayload.toString('latin1');
    expect(zip).toContain('data/demo_store/customers.json');

    await open({ type: 'erasure', email: 'ada@example.com' }, '198.51.100.99');
    const erasure = linkIn(await mailTo('ada@example.com', 3));
    await t.steward.app.http.inject({
      method: 'POST',
      url: `/v1/requests/${erasure.id}/verify`,
      payload: { token: erasure.token },
    });
    await t.steward.requests.settle();
    const erased = (
      await t.request({ method: 'GET', url: `/v1/requests/${erasure.id}`, role: 'agent' })
    ).json();
    expect(erased.state).toBe('completed');
    const invoices = erased.result.erasure.tables.find((x: { table: string }) => x.table === 'invoices');
    expect(invoices.kept.map((k: { rule: string }) => k.rule)).toEqual(['accounting', 'accounting']);
    const restricted = await t.steward.store.db
      .selectFrom('restrictions')
      .selectAll()
      .where('request_id', '=', erasure.id)
      .execute();
    expect(restricted.map((r) => r.rule)).toEqual(['accounting', 'accounting']);
    const tickets = erased.result.erasure.tables.find(
      (x: { table: string }) => x.table === 'support_tickets',
    );
    expect(tickets.erased).toBe(1);
  });

  it('correction: waits for an agent, then applies only reviewed, declared columns of this person', async () => {
    await open(
      {
        type: 'correction',
        email: 'grace@example.org',
        details: { corrections: [{ field: 'name', value: 'Grace B. Hopper' }] },
      },
      '198.51.100.111',
    );
    const { id, token } = linkIn(await mailTo('grace@example.org'));
    const verified = await t.steward.app.http.inject({
      method: 'POST',
      url: `/v1/requests/${id}/verify`,
      payload: { token },
    });
    expect(verified.json().request.state).toBe('awaiting_approval');
    const detail = (await t.request({ method: 'GET', url: `/v1/requests/${id}`, role: 'agent' })).json();
    expect(detail.details.corrections).toEqual([{ field: 'name', value: 'Grace B. Hopper' }]);
    const foreign = await t.request({
      method: 'POST',
      url: `/v1/requests/${id}/corrections/approve`,
      role: 'agent',
      payload: {
        changes: [{ dataset: 'demo_store', table: 'customers', pk: 1, column: 'name', value: 'Mallory' }],
      },
    });
    expect(foreign.statusCode).toBe(404);
    const undeclared = await t.request({
      method: 'POST',
      url: `/v1/requests/${id}/corrections/approve`,
      role: 'agent',
      payload: {
        changes: [{ dataset: 'demo_store', table: 'customers', pk: 2, column: 'account_id', value: 'x' }],
      },
    });
    expect(undeclared.statusCode).toBe(400);
    const approved = await t.request({
      method: 'POST',
      url: `/v1/requests/${id}/corrections/approve`,
      role: 'agent',
      payload: {
        changes: [
          { dataset: 'demo_store', table: 'customers', pk: 2, column: 'name', value: 'Grace B. Hopper' },
        ],
      },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().state).toBe('completed');
    expect(JSON.stringify(approved.json().result)).toContain('"changed"');
  });

  it('keeps a register of disclosures, listed per subject and refusing unknown recipients', async () => {
    const subject = (
      await t.request({
        method: 'POST',
        url: '/v1/subjects',
        role: 'service',
        payload: { identities: [{ type: 'email', value: 'disclosed@example.com' }] },
      })
    ).json();
    const recorded = await t.request({
      method: 'POST',
      url: '/v1/disclosures',
      role: 'agent',
      payload: {
        subjectId: subject.id,
        recipient: 'authorities',
        categories: ['contact.email', 'billing.invoice'],
        basis: 'Tax audit request under national law',
        reference: 'case-77',
      },
    });
    expect(recorded.statusCode).toBe(201);
    const bad = await t.request({
      method: 'POST',
      url: '/v1/disclosures',
      role: 'agent',
      payload: { subjectId: subject.id, recipient: 'the_press', categories: ['made.up'], basis: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['recipient', 'categories.0']);
    const list = await t.request({
      method: 'GET',
      url: `/v1/subjects/${subject.id}/disclosures`,
      role: 'auditor',
    });
    expect(list.json().disclosures).toEqual([
      expect.objectContaining({
        recipient: 'authorities',
        categories: ['contact.email', 'billing.invoice'],
        reference: 'case-77',
      }),
    ]);
    const none = await t.request({
      method: 'GET',
      url: '/v1/subjects/sub_00000000000000000000000000/disclosures',
      role: 'auditor',
    });
    expect(none.statusCode).toBe(404);
    expect(
      (await t.request({ method: 'POST', url: '/v1/disclosures', role: 'service', payload: {} })).statusCode,
    ).toBe(403);
  });

  it("another subject's request id or a wrong token looks exactly like nothing", async () => {
    await open({ type: 'access', email: 'owner@example.com' });
    const { id } = linkIn(await mailTo('owner@example.com'));
    const wrong = await t.steward.app.http.inject({
      method: 'GET',
      url: `/v1/requests/${id}/status?token=${'x'.repeat(43)}`,
    });
    const missing = await t.steward.app.http.inject({
      method: 'GET',
      url: `/v1/requests/dsr_00000000000000000000000000/status?token=${'x'.repeat(43)}`,
    });
    expect(wrong.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(wrong.json().detail).toBe(missing.json().detail);
    expect(
      (
        await t.steward.app.http.inject({
          method: 'POST',
          url: `/v1/requests/${id}/verify`,
          payload: { token: 'y'.repeat(43) },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.steward.app.http.inject({ method: 'GET', url: `/v1/exports/${'z'.repeat(43)}` })).statusCode,
    ).toBe(404);
  });

  it("lists one person's requests for agents, and nobody else's", async () => {
    const known = await t.request({
      method: 'POST',
      url: '/v1/subjects/lookup',
      role: 'agent',
      payload: { identity: { type: 'email', value: 'known@example.com' } },
    });
    const subjectId = known.json().id as string;
    const all = (
      await t.request({ method: 'GET', url: '/v1/requests?state=all&limit=500', role: 'agent' })
    ).json();
    const mine = (
      await t.request({ method: 'GET', url: `/v1/requests?state=all&subjectId=${subjectId}`, role: 'agent' })
    ).json();
    const expected = all.requests.filter((r: { subjectId: string | null }) => r.subjectId === subjectId);
    expect(expected.length).toBeGreaterThan(0);
    expect(mine.requests.map((r: { id: string }) => r.id).sort()).toEqual(
      expected.map((r: { id: string }) => r.id).sort(),
    );
    const none = await t.request({
      method: 'GET',
      url: `/v1/requests?subjectId=sub_${'0'.repeat(26)}`,
      role: 'agent',
    });
    expect(none.json().requests).toEqual([]);
    expect(
      (await t.request({ method: 'GET', url: '/v1/requests?subjectId=x', role: 'agent' })).statusCode,
    ).toBe(400);
  });
});
