/**
 * Personal data never reach logs, metrics or error bodies (issue 8, DESIGN §"privacy by construction"):
 * a whole flow runs with distinctive values (emails, a name, phone, IPs, user agents, tokens), every byte
 * the server writes to its log, every metrics page and every error body is captured, and none of those
 * values may appear in them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';
import { type ReceivedMail, startSmtpSink } from '../support/smtp-sink.js';

const dialects = await availableDialects();

const EMAIL = 'zelda.quixote+priv@example.org';
const OTHER_EMAIL = 'yorick.vantablack@example.net';
const NAME = 'Zelda Quixote-Vantablack';
const PHONE = '+442079460958';
const IP = '198.51.100.173';
const LOG_IP = '203.0.113.219';
const USER_AGENT = 'QuixoteBrowser/9.7 (secret-agent)';
const SECRETS = [EMAIL, OTHER_EMAIL, NAME, PHONE, IP, LOG_IP, USER_AGENT, 'zelda.quixote', 'Quixote'];

describe.each(dialects)('no personal data in output on %s', (dialect) => {
  let t: TestSteward;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const errorBodies: string[] = [];
  const tokens: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestSteward(dialect, { env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const request = async (options: Parameters<TestSteward['request']>[0]) => {
    const response = await t.request({
      ...options,
      remoteAddress: IP,
      headers: { 'user-agent': USER_AGENT, ...(options.headers ?? {}) },
    });
    if (response.statusCode >= 400) errorBodies.push(response.body);
    return response;
  };

  it('through subjects, consent, eligibility, unsubscribe, requests, logs, errors and metrics', async () => {
    const created = await request({
      method: 'POST',
      url: '/v1/subjects',
      role: 'service',
      payload: {
        identities: [
          { type: 'email', value: EMAIL },
          { type: 'phone', value: PHONE },
        ],
        relationships: [{ kind: 'customer' }],
      },
    });
    expect(created.statusCode).toBe(201);
    await request({
      method: 'POST',
      url: '/v1/consents',
      role: 'service',
      payload: {
        subject: { identity: { type: 'email', value: EMAIL } },
        purpose: 'consent_marketing',
        action: 'given',
        channel: 'api',
        evidence: { ip: IP, userAgent: USER_AGENT },
      },
    });
    await request({
      method: 'POST',
      url: '/v1/eligibility/batch?purpose=consent_marketing',
      role: 'service',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: `${JSON.stringify(EMAIL)}\n${JSON.stringify(OTHER_EMAIL)}\n"not an email ${NAME}"\n`,
    });
    const link = await request({
      method: 'POST',
      url: '/v1/unsubscribe-links',
      role: 'service',
      payload: { subject: { identity: { type: 'email', value: EMAIL } } },
    });
    const unsubscribe = new URL(link.json().url).pathname;
    tokens.push(unsubscribe.split('/').at(-1)!);
    await request({
      method: 'POST',
      url: unsubscribe,
      role: null,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });

    // A request, its emailed link, and a forged link.
    await request({
      method: 'POST',
      url: '/v1/requests',
      role: null,
      payload: { type: 'access', email: EMAIL },
    });
    let mail: ReceivedMail | undefined;
    for (let i = 0; i < 200 && !mail; i++) {
      await t.steward.requests.mail.drain();
      mail = smtp.messages.find((m) => m.to.includes(EMAIL));
      if (!mail) await new Promise((r) => setTimeout(r, 25));
    }
    const match = /verify\?request=(dsr_[0-9a-z]{26})&token=([A-Za-z0-9_-]{43})/.exec(mail!.text)!;
    tokens.push(match[2]!);
    await request({
      method: 'POST',
      url: `/v1/requests/${match[1]}/verify`,
      role: null,
      payload: { token: match[2] },
    });
    await request({ method: 'GET', url: `/v1/requests/${match[1]}?token=${match[2]}x`, role: null });
    await t.steward.requests.settle();

    // Security logs: the IP and user agent are stored (that is their purpose), never logged.
    await request({
      method: 'POST',
      url: '/v1/logs',
      role: 'service',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: `${LOG_IP} - - [29/Nov/2026:09:00:00 +0000] "GET /account?email=${EMAIL} HTTP/1.1" 200 1 "-" "${USER_AGENT}"\n{"bad":"${NAME}"}\n`,
    });
    await request({ method: 'GET', url: `/v1/logs?ip=${LOG_IP}`, role: 'agent' });

    // Errors quoting what they refuse would leak it: a bad identity, an unknown subject lookup, a conflict.
    await request({
      method: 'POST',
      url: '/v1/subjects',
      role: 'service',
      payload: { identities: [{ type: 'email', value: `${NAME} <${OTHER_EMAIL}` }] },
    });
    await request({
      method: 'POST',
      url: '/v1/subjects/lookup',
      role: 'agent',
      payload: { identity: { type: 'email', value: OTHER_EMAIL } },
    });
    await request({
      method: 'POST',
      url: '/v1/subjects',
      role: 'service',
      payload: { identities: [{ type: 'phone', value: `${PHONE}999999999` }] },
    });
    await request({
      method: 'POST',
      url: '/v1/requests',
      role: null,
      payload: { type: 'access', email: `${NAME}@@` },
    });
    await request({ method: 'GET', url: `/v1/retention/runs/run_${'z'.repeat(26)}`, role: 'admin' });
    // Paths the router refuses before any route runs (bad percent-encoding, an overlong segment).
    await request({
      method: 'GET',
      url: `/v1/subjects/${encodeURIComponent(EMAIL)}%ED%A0%80`,
      role: 'admin',
    });
    await request({
      method: 'GET',
      url: `/v1/subjects/${encodeURIComponent(EMAIL)}${'x'.repeat(700)}`,
      role: 'admin',
    });
    await request({ method: 'GET', url: '/v1/conformance', role: 'auditor' });
    await request({ method: 'POST', url: '/v1/retention/runs', role: 'admin', payload: {} });

    const metrics = await request({ method: 'GET', url: '/metrics', role: null });
    expect(errorBodies.length).toBeGreaterThanOrEqual(4);

    const output = [t.logs.text(), metrics.body, ...errorBodies].join('\n');
    expect(t.logs.lines.length).toBeGreaterThan(20);
    for (const secret of [...SECRETS, ...tokens]) expect(output, secret).not.toContain(secret);
    // Lower-cased and URL-encoded forms too.
    for (const secret of [EMAIL, OTHER_EMAIL]) {
      expect(output).not.toContain(secret.toLowerCase());
      expect(output).not.toContain(encodeURIComponent(secret));
    }
  });
});
