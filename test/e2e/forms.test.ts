/**
 * Forms and surveys over HTTP on both Steward dialects (clause 1.6.5): definitions, JSON and plain HTML
 * submissions, validation, spam defences and rate limits, consents in the ledger, an anonymous survey that
 * leaves nothing identifying anywhere, access and erasure, retention, conformance, roles, hostile bodies.
 * The policy is the example's with two more forms: one with every field type, one whose purpose is
 * counted from the end of a relationship.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { EXAMPLE_POLICY } from '../../src/config/env.js';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';
import { mailTo as mailToOf } from '../support/mail.js';
import { type ReceivedMail, startSmtpSink } from '../support/smtp-sink.js';

const dialects = await availableDialects();
const DAY = 86_400_000;

function policyWithMoreForms(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-forms-'));
  const doc = YAML.parse(fs.readFileSync(EXAMPLE_POLICY, 'utf8'));
  doc.forms.push(
    {
      id: 'event_signup',
      title: 'Event sign-up',
      kind: 'other',
      purpose: 'surveys_forms',
      anonymous: false,
      fields: [
        { name: 'email', label: 'Email', type: 'email', category: 'contact.email', required: true },
        {
          name: 'track',
          label: 'Track',
          type: 'select',
          options: ['Security', 'Performance'],
          required: true,
        },
        { name: 'terms', label: 'I accept the event terms', type: 'checkbox', required: true },
        { name: 'score', label: 'How likely are you to come?', type: 'rating' },
        { name: 'website', label: 'Your website', type: 'text', maxLength: 100 },
      ],
      consents: ['consent_marketing'],
    },
    {
      id: 'order_question',
      title: 'A question about your order',
      kind: 'inquiry',
      purpose: 'customer_contract',
      anonymous: false,
      fields: [
        { name: 'email', label: 'Email', type: 'email', category: 'contact.email', required: true },
        { name: 'question', label: 'Question', type: 'textarea', required: true },
      ],
    },
  );
  fs.writeFileSync(path.join(dir, 'policy.yaml'), YAML.stringify(doc));
  const seed = path.join(path.dirname(EXAMPLE_POLICY), 'demo_store.seed.sql');
  fs.copyFileSync(seed, path.join(dir, 'demo_store.seed.sql'));
  return path.join(dir, 'policy.yaml');
}

function linkIn(mail: ReceivedMail): { id: string; token: string } {
  const match = /verify\?request=(dsr_[0-9a-z]{26})&token=([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!match) throw new Error('no verification link in the email');
  return { id: match[1]!, token: match[2]! };
}

/** The bytes of one file of a ZIP archive (local headers only, as the export writes them). */
function unzipEntry(zip: Buffer, name: string): string | null {
  for (let at = zip.indexOf('PK\u0003\u0004', 0, 'latin1'); at >= 0; ) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extra = zip.readUInt16LE(at + 28);
    const start = at + 30 + nameLength + extra;
    if (zip.toString('utf8', at + 30, at + 30 + nameLength) === name) {
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at = zip.indexOf('PK\u0003\u0004', start + size, 'latin1');
  }
  return null;
}

describe.each(dialects)('forms on %s', (dialect) => {
  let t: TestSteward;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let now = Date.now();
  let ipCounter = 0;
  const nextIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`;
  const db = () => t.steward.store.db;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestSteward(dialect, {
      policyFile: policyWithMoreForms(),
      clock: () => now,
      env: { SMTP_URL: smtp.url },
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const inject = (options: InjectOptions) => t.steward.app.http.inject(options);
  /** A form's definition, then the few seconds a person takes to fill it in. */
  const opened = async (formId: string) => {
    const res = await inject({ method: 'GET', url: `/v1/forms/${formId}` });
    expect(res.statusCode).toBe(200);
    now += 5_000;
    return res.json();
  };
  const submit = (formId: string, payload: object, ip = nextIp()) =>
    inject({ method: 'POST', url: `/v1/forms/${formId}/submissions`, payload, remoteAddress: ip });
  const rows = (formId: string) =>
    db().selectFrom('form_submissions').selectAll().where('form_id', '=', formId).orderBy('id').execute();
  const eventsOf = async (email: string) => {
    const subject = await db()
      .selectFrom('subject_identities')
      .select('subject_id')
      .where('value', '=', email)
      .executeTakeFirst();
    if (!subject) return [];
    return db()
      .selectFrom('consent_events')
      .selectAll()
      .where('subject_id', '=', subject.subject_id)
      .execute();
  };
  const counts = async () => {
    const n = async (table: 'form_submissions' | 'subjects' | 'consent_events') =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return [await n('form_submissions'), await n('subjects'), await n('consent_events')];
  };
  const mailTo = (address: string, count = 1) => mailToOf(t.steward, smtp, address, count);

  it('gives a form to render: fields, unticked consents in the policy’s words, a spam token; no cookie', async () => {
    const res = await inject({ method: 'GET', url: '/v1/forms/contact' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
    const form = res.json();
    expect(form).toMatchObject({
      id: 'contact',
      anonymous: false,
      purpose: { id: 'correspondence' },
      fields: [
        { name: 'name', type: 'text', required: false, maxLength: 200 },
        { name: 'email', type: 'email', required: true },
        { name: 'message', type: 'textarea', required: true, maxLength: 5000 },
      ],
      consents: [
        {
          purpose: 'consent_marketing',
          text: 'Yes, email me product news and offers from CoCart Headless. I can unsubscribe at any time.',
        },
      ],
      spam: { honeypot: 'website', minSeconds: 3 },
    });
    expect(form.spam.token).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
    const signup = (await inject({ method: 'GET', url: '/v1/forms/event_signup' })).json();
    expect(signup.spam.honeypot).toBe('homepage');
    expect(signup.fields.find((f: { name: string }) => f.name === 'score')).toMatchObject({ min: 1, max: 5 });
    for (const url of ['/v1/forms/nope', '/forms/nope', '/forms/nope/thanks']) {
      const missing = await inject({ method: 'GET', url });
      expect([url, missing.statusCode]).toEqual([url, 404]);
    }
    const post = await submit('nope', { token: form.spam.token, answers: {} });
    expect(post.statusCode).toBe(404);
    expect(post.json().code).toBe('resource.not_found');
  });

  it('stores a JSON submission, links the person by email, and records each ticked consent', async () => {
    const form = await opened('contact');
    const res = await submit('contact', {
      token: form.spam.token,
      answers: { name: 'Ada Forms', email: 'Ada.Forms@Example.COM', message: 'Hello there' },
      consents: ['consent_marketing'],
      honeypot: '',
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ message: 'Thank you. Your answers were received.' });
    const [row] = await rows('contact');
    expect(row).toMatchObject({ purpose: 'correspondence', anonymous: 0, submitted_at: now });
    expect(JSON.parse(row!.answers)).toEqual({
      name: 'Ada Forms',
      email: 'ada.forms@example.com',
      message: 'Hello there',
    });
    expect(row!.subject_id).toMatch(/^sub_/);
    const relationships = await db()
      .selectFrom('relationships')
      .selectAll()
      .where('subject_id', '=', row!.subject_id!)
      .execute();
    expect(relationships).toEqual([]);
    const events = await eventsOf('ada.forms@example.com');
    expect(events.map((e) => [e.purpose, e.action, e.channel])).toEqual([
      ['consent_marketing', 'given', 'web_form'],
    ]);
    expect(JSON.parse(events[0]!.evidence)).toEqual({ formId: 'contact' });
    const audit = await db().selectFrom('audit_log').selectAll().where('target', '=', row!.id).execute();
    expect(audit.map((a) => [a.action, a.subject_id])).toEqual([['form.submitted', row!.subject_id]]);
    expect(JSON.parse(audit[0]!.detail)).toEqual({
      form: 'contact',
      fields: ['name', 'email', 'message'],
      consents: ['consent_marketing'],
    });
  });

  it('accepts a plain form post (urlencoded); an unticked consent records nothing', async () => {
    const form = await opened('waitlist');
    const res = await inject({
      method: 'POST',
      url: '/v1/forms/waitlist/submissions',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _token: form.spam.token,
        email: 'grace.forms@example.org',
        website: '',
      }).toString(),
      remoteAddress: nextIp(),
    });
    expect(res.statusCode).toBe(202);
    const [row] = await rows('waitlist');
    expect(JSON.parse(row!.answers)).toEqual({ email: 'grace.forms@example.org' });
    expect(row!.subject_id).toMatch(/^sub_/);
    expect(await eventsOf('grace.forms@example.org')).toEqual([]);

    const signup = await opened('event_signup');
    const all = await inject({
      method: 'POST',
      url: '/v1/forms/event_signup/submissions',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_token=${signup.spam.token}&email=lin%40example.org&track=Performance&terms=on&score=4&website=https%3A%2F%2Flin.example&_consent=consent_marketing&homepage=`,
      remoteAddress: nextIp(),
    });
    expect(all.statusCode).toBe(202);
    const [stored] = await rows('event_signup');
    expect(JSON.parse(stored!.answers)).toEqual({
      email: 'lin@example.org',
      track: 'Performance',
      terms: true,
      score: 4,
      website: 'https://lin.example',
    });
    expect((await eventsOf('lin@example.org')).map((e) => e.action)).toEqual(['given']);
  });

  it('serves the form as a page without script; a post is answered 303 to a thank-you page', async () => {
    const page = await inject({ method: 'GET', url: '/forms/contact' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).not.toContain('<script');
    expect(page.body).toContain('<form method="post" action="/forms/contact">');
    expect(page.body).toContain('name="_consent" value="consent_marketing">');
    expect(page.body).not.toMatch(/name="_consent"[^>]*checked/);
    expect(page.body).toMatch(/<p hidden><label for="f-hp">[^<]*<\/label><input id="f-hp" name="website"/);
    expect(page.body).toContain('href="/privacy"');
    const token = /name="_token" value="([^"]+)"/.exec(page.body)![1]!;
    now += 5_000;

    const remoteAddress = nextIp();
    const refused = await inject({
      method: 'POST',
      url: '/forms/contact',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_token=${token}&name=%3Cb%3EPage%3C%2Fb%3E&email=not-an-email&message=`,
      remoteAddress,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('role="alert"');
    expect(refused.body).toContain('aria-invalid="true"');
    expect(refused.body).toContain('value="&lt;b&gt;Page&lt;/b&gt;"');
    expect(refused.body).not.toContain('<b>Page</b>');
    expect(refused.body).toContain('Email address: email must contain a local part, @ and a domain');
    expect(refused.body).toContain('How can we help?: required');

    const sent = await inject({
      method: 'POST',
      url: '/forms/contact',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_token=${token}&name=Page&email=page%40example.com&message=From+the+page`,
      remoteAddress,
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/forms/contact/thanks');
    expect(sent.headers['set-cookie']).toBeUndefined();
    const thanks = await inject({ method: 'GET', url: '/forms/contact/thanks' });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('Thank you');
    expect((await rows('contact')).some((r) => JSON.parse(r.answers).email === 'page@example.com')).toBe(
      true,
    );

    const fresh = await inject({ method: 'GET', url: '/forms/contact' });
    const quick = /name="_token" value="([^"]+)"/.exec(fresh.body)![1]!;
    const tooFast = await inject({
      method: 'POST',
      url: '/forms/contact',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_token=${quick}&email=quick%40example.com&message=Hi`,
      remoteAddress,
    });
    expect(tooFast.statusCode).toBe(429);
    expect(tooFast.body).toContain('send the form again');
    expect(tooFast.body).toContain('value="quick@example.com"');
  });

  it.each([
    ['an unknown field', { answers: { email: 'a@example.com', message: 'x', phone: '1' } }, 'answers.phone'],
    ['a missing required field', { answers: { email: 'a@example.com' } }, 'answers.message'],
    ['a blank required field', { answers: { email: 'a@example.com', message: '   ' } }, 'answers.message'],
    [
      'text over its maxLength',
      { answers: { email: 'a@example.com', message: 'x'.repeat(5001) } },
      'answers.message',
    ],
    [
      'a name over its maxLength',
      { answers: { email: 'a@example.com', message: 'x', name: 'n'.repeat(201) } },
      'answers.name',
    ],
    ['an invalid email', { answers: { email: 'a@', message: 'x' } }, 'answers.email'],
    ['a number for text', { answers: { email: 'a@example.com', message: 42 } }, 'answers.message'],
    ['a control character', { answers: { email: 'a@example.com', message: 'a\u0000b' } }, 'answers.message'],
    [
      'a consent the form does not ask',
      { answers: { email: 'a@example.com', message: 'x' }, consents: ['website_analytics'] },
      'consents.0',
    ],
  ])('contact: refuses %s, naming the field', async (_case, body, field) => {
    const form = await opened('contact');
    const before = await counts();
    const res = await submit('contact', { token: form.spam.token, ...body });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'request.invalid' });
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(JSON.stringify(res.json())).not.toContain('a@example.com');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['a select answer not among the options', { track: 'Design' }, 'answers.track'],
    ['an unticked required checkbox', { terms: 'off' }, 'answers.terms'],
    ['a checkbox answered with text', { terms: 'maybe' }, 'answers.terms'],
    ['a rating of 0', { score: 0 }, 'answers.score'],
    ['a rating of 6', { score: '6' }, 'answers.score'],
    ['a fractional rating', { score: 2.5 }, 'answers.score'],
  ])('event_signup: refuses %s', async (_case, change, field) => {
    const form = await opened('event_signup');
    const answers = { email: 'b@example.com', track: 'Security', terms: true, ...change };
    const res = await submit('event_signup', { token: form.spam.token, answers });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it('refuses bodies the schema does not accept, naming the field', async () => {
    const form = await opened('contact');
    const cases: [object, string][] = [
      [{ answers: { email: 'a@example.com' } }, 'body.token'],
      [{ token: form.spam.token, answers: { email: ['a', 'b'] } }, 'body.answers.email'],
      [{ token: form.spam.token, answers: {}, extra: 1 }, 'body'],
    ];
    for (const [payload, field] of cases) {
      const res = await submit('contact', payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe(field);
    }
    const huge = await submit('contact', {
      token: form.spam.token,
      answers: { message: 'x'.repeat(200_000) },
    });
    expect(huge.statusCode).toBe(413);
  });

  it('spam: a filled honeypot looks accepted and stores nothing; too fast, stale or foreign tokens are refused', async () => {
    const form = await opened('contact');
    const answers = { email: 'bot@example.com', message: 'Buy now' };
    const before = await counts();
    const trapped = await submit('contact', {
      token: form.spam.token,
      answers,
      honeypot: 'http://spam.example',
    });
    expect(trapped.statusCode).toBe(202);
    expect(trapped.json()).toEqual({ message: 'Thank you. Your answers were received.' });
    expect(await counts()).toEqual(before);

    const quick = (await inject({ method: 'GET', url: '/v1/forms/contact' })).json();
    now += 1_000;
    const tooFast = await submit('contact', { token: quick.spam.token, answers });
    expect(tooFast.statusCode).toBe(429);
    expect(tooFast.json()).toMatchObject({ code: 'form.too_fast', errors: [{ field: 'token' }] });

    const foreign = (await opened('waitlist')).spam.token;
    const stale = form.spam.token;
    now += DAY;
    for (const token of [foreign, stale, `${form.spam.token}x`, '']) {
      const res = await submit('contact', { token, answers });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'form.token_invalid', errors: [{ field: 'token' }] });
    }
    expect(await counts()).toEqual(before);
  });

  it('rate limits: per client address, and per email address on a named form', async () => {
    const form = await opened('waitlist');
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await submit('waitlist', { token: form.spam.token, answers: {} }, ip)).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
    const limited = await submit('waitlist', { token: form.spam.token, answers: {} }, ip);
    expect(limited.json().code).toBe('rate_limited');
    const buckets = await db().selectFrom('rate_limits').select('bucket').execute();
    expect(JSON.stringify(buckets)).not.toContain(ip);

    const address = [];
    for (let i = 0; i < 6; i++)
      address.push(
        (await submit('waitlist', { token: form.spam.token, answers: { email: 'flood@example.com' } }))
          .statusCode,
      );
    expect(address).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('an anonymous survey stores nothing identifying: no subject, IP, user agent, cookie or exact time, anywhere', async () => {
    const marks = {
      userAgent: 'DistinctiveAgent/9.9 (forms-test-ua-7f3c)',
      forwarded: '203.0.113.177',
      cookie: 'sid=forms-cookie-91ab4e',
      ip: '192.0.2.213',
    };
    const headers = {
      'user-agent': marks.userAgent,
      'x-forwarded-for': marks.forwarded,
      cookie: marks.cookie,
    };
    const page = await inject({
      method: 'GET',
      url: '/forms/product_survey',
      headers,
      remoteAddress: marks.ip,
    });
    expect(page.body).toContain('This form is anonymous');
    expect(page.body).not.toContain('name="_consent"');
    const definition = await inject({
      method: 'GET',
      url: '/v1/forms/product_survey',
      headers,
      remoteAddress: marks.ip,
    });
    now += 5_000;
    const auditBefore = Number(
      (
        await db()
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const res = await inject({
      method: 'POST',
      url: '/v1/forms/product_survey/submissions',
      headers,
      remoteAddress: marks.ip,
      payload: {
        token: definition.json().spam.token,
        answers: { satisfaction: 4, improve: 'More examples' },
      },
    });
    expect(res.statusCode).toBe(202);
    const posted = await inject({
      method: 'POST',
      url: '/forms/product_survey',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: marks.ip,
      payload: `_token=${definition.json().spam.token}&satisfaction=2`,
    });
    expect(posted.statusCode).toBe(303);
    for (const r of [page, definition, res, posted]) expect(r.headers['set-cookie']).toBeUndefined();

    const stored = await rows('product_survey');
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      expect(row).toMatchObject({ anonymous: 1, subject_id: null });
      expect(Number(row.submitted_at) % DAY).toBe(0);
    }
    expect(stored.map((r) => JSON.parse(r.answers))).toEqual(
      expect.arrayContaining([{ satisfaction: 4, improve: 'More examples' }, { satisfaction: 2 }]),
    );
    const auditAfter = Number(
      (
        await db()
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(auditAfter).toBe(auditBefore);

    // Every row of every table of Steward's store, and every log line, is searched for the marks.
    const tables = (
      dialect === 'sqlite'
        ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db())
        : await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
            db(),
          )
    ).rows.map((r) => r.name);
    expect(tables).toContain('form_submissions');
    const found: string[] = [];
    for (const table of tables) {
      const all = await sql`select * from ${sql.table(table)}`.execute(db());
      const text = JSON.stringify(all.rows);
      // The answer itself is the control: the search does find what is stored.
      for (const [name, value] of Object.entries({ ...marks, control: 'More examples' }))
        if (text.includes(value)) found.push(`${table}: ${name}`);
    }
    expect(found).toEqual(['form_submissions: control']);
    const logs = t.logs.text();
    expect(logs).toContain('/v1/forms/:formId/submissions');
    for (const value of Object.values(marks)) expect(logs).not.toContain(value);
  });

  it('agents list submissions, newest first, page by page; each read is audited; other roles are refused', async () => {
    const first = await t.request({
      method: 'GET',
      url: '/v1/forms/contact/submissions?limit=1',
      role: 'agent',
    });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.submissions).toHaveLength(1);
    expect(page1.next).toBe(page1.submissions[0].id);
    const second = await t.request({
      method: 'GET',
      url: `/v1/forms/contact/submissions?limit=100&before=${page1.next}`,
      role: 'admin',
    });
    const ids = [page1.submissions[0].id, ...second.json().submissions.map((s: { id: string }) => s.id)];
    const all = (await rows('contact')).map((r) => r.id).reverse();
    expect(ids).toEqual(all);
    expect(second.json().next).toBeNull();
    expect(page1.submissions[0]).toMatchObject({
      formId: 'contact',
      purpose: 'correspondence',
      anonymous: false,
    });
    expect(Object.keys(page1.submissions[0]).sort()).toEqual(
      ['answers', 'anonymous', 'formId', 'id', 'purpose', 'subjectId', 'submittedAt'].sort(),
    );
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', 'in', ['form.submissions.listed', 'form.submissions.read'])
      .execute();
    expect(audit.filter((a) => a.action === 'form.submissions.listed')).toHaveLength(2);
    expect(audit.filter((a) => a.action === 'form.submissions.read').every((a) => a.subject_id)).toBe(true);

    const survey = await t.request({ method: 'GET', url: '/v1/forms/product_survey/submissions' });
    for (const s of survey.json().submissions) {
      expect(s.subjectId).toBeNull();
      expect(s.submittedAt).toMatch(/T00:00:00\.000Z$/);
    }
    const refused: [string | null, number][] = [
      [null, 401],
      ['service', 403],
      ['auditor', 403],
    ];
    for (const [role, status] of refused) {
      const res = await t.request({
        method: 'GET',
        url: '/v1/forms/contact/submissions',
        role: role as never,
      });
      expect([role, res.statusCode]).toEqual([role, status]);
    }
    expect((await t.request({ method: 'GET', url: '/v1/forms/nope/submissions' })).statusCode).toBe(404);
    const bad = await t.request({ method: 'GET', url: '/v1/forms/contact/submissions?limit=0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toContain('limit');
  });

  it('a named submission is in the person’s access export and goes with their erasure', async () => {
    const form = await opened('feedback');
    const sent = await submit('feedback', {
      token: form.spam.token,
      answers: { email: 'exporter@example.com', feedback: 'Distinctive feedback 5e1f' },
    });
    expect(sent.statusCode).toBe(202);
    const open = (type: string) =>
      inject({
        method: 'POST',
        url: '/v1/requests',
        payload: { type, email: 'exporter@example.com' },
        remoteAddress: nextIp(),
      });
    await open('access');
    const access = linkIn(await mailTo('exporter@example.com'));
    await inject({
      method: 'POST',
      url: `/v1/requests/${access.id}/verify`,
      payload: { token: access.token },
    });
    await t.steward.requests.settle();
    const done = (await t.request({ method: 'GET', url: `/v1/requests/${access.id}`, role: 'agent' })).json();
    expect(done.state).toBe('completed');
    expect(done.result.tables).toContainEqual({ dataset: 'steward', table: 'form_submissions', rows: 1 });
    const link = /\/v1\/exports\/([A-Za-z0-9_-]{43})/.exec((await mailTo('exporter@example.com', 2)).text)!;
    const zip = (await inject({ method: 'GET', url: `/v1/exports/${link[1]}` })).rawPayload;
    const data = JSON.parse(unzipEntry(zip, 'data/steward/form_submissions.json') ?? 'null');
    expect(data).toEqual([
      expect.objectContaining({
        form: 'feedback',
        purpose: 'surveys_forms',
        answers: { email: 'exporter@example.com', feedback: 'Distinctive feedback 5e1f' },
      }),
    ]);
    const summary = JSON.parse(unzipEntry(zip, 'summary.json') ?? 'null');
    expect(summary.purposes.map((p: { id: string }) => p.id)).toContain('surveys_forms');

    await open('erasure');
    const erasure = linkIn(await mailTo('exporter@example.com', 3));
    await inject({
      method: 'POST',
      url: `/v1/requests/${erasure.id}/verify`,
      payload: { token: erasure.token },
    });
    await t.steward.requests.settle();
    const erased = (
      await t.request({ method: 'GET', url: `/v1/requests/${erasure.id}`, role: 'agent' })
    ).json();
    expect(erased.state).toBe('completed');
    expect(erased.result.erasure.tables).toContainEqual(
      expect.objectContaining({ dataset: 'steward', table: 'form_submissions', erased: 1 }),
    );
    const left = (await rows('feedback')).filter((r) => r.answers.includes('exporter@example.com'));
    expect(left).toEqual([]);
  });

  it('retention deletes submissions whose purpose’s period ran out; conformance says so before and after', async () => {
    const status = async (id: string) =>
      (await t.steward.conformance.report()).checks.find((c) => c.id === id);
    expect(await status('forms.anonymous_storage')).toMatchObject({ status: 'pass', breaks: [] });
    expect(await status('retention.form_submissions.customer_contract')).toMatchObject({
      status: 'fail',
      breaks: [expect.stringContaining("counts from 'relationship_ended'")],
    });

    const survey = await opened('product_survey');
    await submit('product_survey', { token: survey.spam.token, answers: { satisfaction: 5 } });
    const dry = await t.steward.retention.sweep({ trigger: 'api', dryRun: true, actor: 'test' });
    expect(dry.rules.filter((r) => r.table === 'form_submissions').map((r) => [r.rule, r.rows])).toEqual([
      ['form_submissions.correspondence', 0],
      ['form_submissions.surveys_forms', 0],
    ]);

    // surveys_forms: P2Y after collected.
    now += 2 * 366 * DAY + 2 * DAY;
    expect(await status('retention.form_submissions.surveys_forms')).toMatchObject({
      status: 'fail',
      breaks: [expect.stringMatching(/^\d+ submissions are past their period/)],
    });
    const surveys = await db()
      .selectFrom('form_submissions')
      .select('id')
      .where('purpose', '=', 'surveys_forms')
      .execute();
    const run = await t.steward.retention.sweep({ trigger: 'api', dryRun: false, actor: 'test' });
    const report = Object.fromEntries(run.rules.map((r) => [r.rule, r]));
    expect(report['form_submissions.surveys_forms']).toMatchObject({
      action: 'delete',
      rows: surveys.length,
    });
    expect(report['form_submissions.correspondence']).toMatchObject({ rows: 0 });
    expect(surveys.length).toBeGreaterThan(3);
    expect(await rows('product_survey')).toEqual([]);
    expect(await status('retention.form_submissions.surveys_forms')).toMatchObject({ status: 'pass' });

    // correspondence: P3Y after the last contact. Ada writes again; her first message, three years old
    // a year from now, stays with her later one; a message of someone who never wrote again goes.
    const contact = await opened('contact');
    await submit('contact', {
      token: contact.spam.token,
      answers: { email: 'ada.forms@example.com', message: 'Still here' },
    });
    const ada = (r: { answers: string }) => r.answers.includes('ada.forms@example.com');
    const others = (await rows('contact')).filter((r) => !ada(r));
    expect(others.length).toBeGreaterThan(0);
    now += 366 * DAY + 5 * DAY;
    const later = await t.steward.retention.sweep({ trigger: 'api', dryRun: false, actor: 'test' });
    expect(later.rules.find((r) => r.rule === 'form_submissions.correspondence')).toMatchObject({
      rows: others.length,
    });
    const kept = await rows('contact');
    expect(kept.length).toBe(2);
    expect(kept.every(ada)).toBe(true);
    now += 2 * 366 * DAY;
    await t.steward.retention.sweep({ trigger: 'api', dryRun: false, actor: 'test' });
    expect(await rows('contact')).toEqual([]);
  });

  it('conformance fails when an anonymous submission holds a subject, an exact time or an undeclared field', async () => {
    const subject = await db().selectFrom('subjects').select('id').executeTakeFirstOrThrow();
    const at = now - (now % DAY);
    const base = { form_id: 'product_survey', purpose: 'surveys_forms', anonymous: 1, subject_id: null };
    await db()
      .insertInto('form_submissions')
      .values([
        {
          ...base,
          id: 'frm_00000000000000000000000001',
          answers: '{"satisfaction":3}',
          submitted_at: at,
          subject_id: subject.id,
        },
        {
          ...base,
          id: 'frm_00000000000000000000000002',
          answers: '{"satisfaction":3}',
          submitted_at: at + 1234,
        },
        {
          ...base,
          id: 'frm_00000000000000000000000003',
          answers: '{"email":"x@example.com"}',
          submitted_at: at,
        },
      ])
      .execute();
    const check = (await t.steward.conformance.report()).checks.find(
      (c) => c.id === 'forms.anonymous_storage',
    )!;
    expect(check.status).toBe('fail');
    expect(check.breaks).toEqual([
      '1 anonymous submissions are linked to a person',
      '1 anonymous submissions are stored with their exact time, not the day',
      '1 anonymous submissions hold answers to fields that are not declared, or ask for an email',
    ]);
    expect(JSON.stringify(check)).not.toContain('x@example.com');
    await db().deleteFrom('form_submissions').where('id', 'like', 'frm_0000000000000000000000000%').execute();
    const again = (await t.steward.conformance.report()).checks.find(
      (c) => c.id === 'forms.anonymous_storage',
    )!;
    expect(again.status).toBe('pass');
  });

  it('hostile bodies: no 5xx, a problem or a page, nothing written', async () => {
    const hostile = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 300 }),
      fc.constantFrom(
        '{"__proto__":{"admin":true}}',
        '{"token":"x","answers":{"__proto__":{"polluted":1}}}',
        `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
        '_token=x&answers=1&__proto__=1&_consent=consent_marketing',
        'email=%ZZ&message=%00',
        '\uFFFD\uD800',
      ),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    const contentType = fc.constantFrom(
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
    );
    const url = fc.constantFrom(
      '/v1/forms/contact/submissions',
      '/v1/forms/product_survey/submissions',
      '/forms/contact',
      '/forms/product_survey',
    );
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(hostile, contentType, url, async (payload, type, target) => {
        const res = await inject({
          method: 'POST',
          url: target,
          payload,
          headers: { 'content-type': type },
          remoteAddress: nextIp(),
        });
        expect(res.statusCode).toBeLessThan(500);
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 150 },
    );
    // Well-formed bodies with a valid token and arbitrary answers: refused or stored, never a 5xx.
    const token = (await opened('contact')).spam.token;
    const answer = fc.oneof(fc.string({ maxLength: 50 }), fc.integer(), fc.boolean(), fc.double());
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ maxLength: 10 }), answer, { maxKeys: 5 }),
        async (answers) => {
          const res = await submit('contact', { token, answers });
          expect(res.statusCode).toBe(400);
        },
      ),
      { numRuns: 100 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await counts()).toEqual(before);
  });
});
