import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../policy/load.js';
import type { Form, Policy } from '../policy/schema.js';
import { planSubmissionRetention } from './retention.js';
import { FORM_TOKEN_RULES, issueFormToken, verifyFormToken } from './token.js';
import { honeypotName, submissionTime, validateSubmission } from './validate.js';

function example(): Policy {
  const loaded = loadPolicyFile(path.join(import.meta.dirname, '../../../examples/apisecurity/policy.yaml'));
  if (!loaded.policy) throw new Error('example policy does not load');
  return loaded.policy;
}

const policy = example();
const formOf = (id: string): Form => policy.forms.find((f) => f.id === id)!;
const KEY = Buffer.alloc(32, 7);
const T = Date.parse('2026-12-01T10:00:00.123Z');

describe('form tokens', () => {
  const token = issueFormToken(KEY, 'contact', T);

  it('are accepted between the minimum fill time and a day, for their form only', () => {
    expect(verifyFormToken(KEY, 'contact', token, T + 3_000)).toEqual({ ok: true, issuedAt: T });
    expect(verifyFormToken(KEY, 'contact', token, T + FORM_TOKEN_RULES.maxAgeMs)).toMatchObject({ ok: true });
    expect(verifyFormToken(KEY, 'contact', token, T + 1_000)).toEqual({
      ok: false,
      reason: 'too_fast',
      waitMs: 2_000,
    });
    expect(verifyFormToken(KEY, 'contact', token, T + FORM_TOKEN_RULES.maxAgeMs + 1)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyFormToken(KEY, 'waitlist', token, T + 5_000)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyFormToken(Buffer.alloc(32, 8), 'contact', token, T + 5_000)).toMatchObject({ ok: false });
  });

  it('refuse forged times and junk', () => {
    const [, mac] = token.split('.');
    const forged = `${(T - 10_000).toString(36)}.${mac}`;
    for (const bad of [
      forged,
      '',
      '.',
      `${token}=`,
      'zzzzzzzzzzzzz.AAAAAAAAAAAAAAAAAAAAAA',
      token.toUpperCase(),
    ])
      expect(verifyFormToken(KEY, 'contact', bad, T + 5_000)).toMatchObject({
        ok: false,
        reason: 'malformed',
      });
    // Issued "in the future" by more than the allowed skew: not one of ours.
    const future = issueFormToken(KEY, 'contact', T + 120_000);
    expect(verifyFormToken(KEY, 'contact', future, T)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('validateSubmission', () => {
  it('keeps answered fields, trims text, normalises email and orders consents as the form does', () => {
    const result = validateSubmission(formOf('contact'), {
      answers: { email: ' Ada@Bücher.DE ', message: '  hi\nthere ', name: '' },
      consents: ['consent_marketing', 'consent_marketing'],
    });
    expect(result).toEqual({
      ok: true,
      value: {
        answers: { email: 'ada@xn--bcher-kva.de', message: 'hi\nthere' },
        email: 'ada@xn--bcher-kva.de',
        consents: ['consent_marketing'],
      },
    });
  });

  it('names every problem by field, never by value', () => {
    const result = validateSubmission(formOf('contact'), {
      answers: { email: 'secret@', message: 'x'.repeat(5001), extra: 'secret' },
      consents: ['advertising'],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual([
      'answers.extra',
      'answers.email',
      'answers.message',
      'consents.0',
    ]);
    expect(JSON.stringify(result.problems)).not.toContain('secret');
  });

  it('a consent needs an address to be recorded for', () => {
    const form = { ...formOf('contact'), fields: formOf('contact').fields.filter((f) => f.type !== 'email') };
    const result = validateSubmission(form, { answers: { message: 'x' }, consents: ['consent_marketing'] });
    expect(result).toMatchObject({ ok: false, problems: [{ field: 'consents' }] });
  });

  it('ratings are whole numbers from 1 to 5, as numbers or form text', () => {
    const survey = formOf('product_survey');
    for (const [raw, ok] of [
      [1, true],
      ['5', true],
      [0, false],
      [6, false],
      ['4.0', false],
      [3.5, false],
      [true, false],
    ] as const)
      expect([raw, validateSubmission(survey, { answers: { satisfaction: raw }, consents: [] }).ok]).toEqual([
        raw,
        ok,
      ]);
  });

  it('an anonymous form never yields an address, and keeps the day only', () => {
    const survey = formOf('product_survey');
    const result = validateSubmission(survey, { answers: { satisfaction: 3 }, consents: [] });
    expect(result).toMatchObject({ ok: true, value: { email: null } });
    expect(new Date(submissionTime(survey, T)).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(submissionTime(formOf('contact'), T)).toBe(T);
  });

  it('the honeypot never takes a declared field’s name', () => {
    expect(honeypotName(formOf('contact'))).toBe('website');
    const taken = {
      ...formOf('contact'),
      fields: [...formOf('contact').fields, { ...formOf('contact').fields[0]!, name: 'website' }],
    };
    expect(honeypotName(taken)).toBe('homepage');
  });
});

describe('planSubmissionRetention', () => {
  it('one rule per purpose a form collects for, counted as its anchor allows', () => {
    expect(planSubmissionRetention(policy)).toEqual([
      {
        id: 'form_submissions.correspondence',
        purpose: 'correspondence',
        anchor: 'last_contact',
        duration: 'P3Y',
        forms: ['contact'],
        counted: 'latest_submission_of_person',
      },
      {
        id: 'form_submissions.surveys_forms',
        purpose: 'surveys_forms',
        anchor: 'collected',
        duration: 'P2Y',
        forms: ['feedback', 'waitlist', 'product_survey'],
        counted: 'submission',
      },
    ]);
    const other = { ...policy, forms: [{ ...formOf('contact'), purpose: 'customer_contract' }] };
    expect(planSubmissionRetention(other)).toMatchObject([{ anchor: 'relationship_ended', counted: null }]);
  });
});
