import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createUnsubscribeToken,
  type HmacKeyring,
  parseHmacKeyring,
  type UnsubscribeClaims,
  verifyUnsubscribeToken,
} from './unsubscribe-token.js';

const K1 = Buffer.alloc(32, 1);
const K2 = Buffer.alloc(48, 2);
const RING: HmacKeyring = { current: 'k1', keys: new Map([['k1', K1]]) };
const CLAIMS: UnsubscribeClaims = {
  sub: 'sub_01HZX8Y',
  scope: { purpose: 'newsletter' },
  iat: 1_714_560_000,
};
const PAYLOAD_JSON =
  '{"iat":1714560000,"kid":"k1","scope":{"purpose":"newsletter"},"sub":"sub_01HZX8Y","v":1}';

/** Replaces the character at `index` by another one of the base64url alphabet. */
function flipChar(text: string, index: number): string {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('createUnsubscribeToken', () => {
  it('encodes the canonical payload and a 128-bit HMAC over the domain-separated payload part', () => {
    const token = createUnsubscribeToken(CLAIMS, RING);
    const payloadPart = Buffer.from(PAYLOAD_JSON).toString('base64url');
    const mac = createHmac('sha256', K1).update(`steward.unsub.v1.${payloadPart}`).digest().subarray(0, 16);
    expect(token).toBe(`${payloadPart}.${mac.toString('base64url')}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(verifyUnsubscribeToken(token, RING)).toEqual({
      ok: true,
      payload: { v: 1, kid: 'k1', ...CLAIMS },
    });
  });

  it('refuses claims that could not be verified later', () => {
    expect(() => createUnsubscribeToken({ ...CLAIMS, sub: 'a b' }, RING)).toThrow(
      'sub must be 1–64 printable',
    );
    expect(() => createUnsubscribeToken({ ...CLAIMS, sub: 'x'.repeat(65) }, RING)).toThrow(/sub/);
    expect(() => createUnsubscribeToken({ ...CLAIMS, scope: { purpose: '' } }, RING)).toThrow(/scope/);
    expect(() => createUnsubscribeToken({ ...CLAIMS, iat: 1.5 }, RING)).toThrow('iat must be whole seconds');
    expect(() => createUnsubscribeToken(CLAIMS, { current: 'k9', keys: RING.keys })).toThrow(/current key/);
  });
});

describe('verifyUnsubscribeToken', () => {
  const token = createUnsubscribeToken({ ...CLAIMS, scope: 'all_marketing' }, RING);
  const [payloadPart = '', macPart = ''] = token.split('.');

  it.each([
    ['a non-string', 42],
    ['an empty string', ''],
    ['no MAC', payloadPart],
    ['a truncated MAC', `${payloadPart}.${macPart.slice(0, 21)}`],
    ['a truncated payload', `${payloadPart.slice(0, -2)}.${macPart}`],
    ['a third part', `${token}.x`],
    ['non-base64url characters', `${payloadPart}.${macPart.slice(0, 21)}+`],
    [
      'a non-canonical MAC spelling',
      `${payloadPart}.${macPart.slice(0, 21)}${macPart.endsWith('B') ? 'C' : 'B'}`,
    ],
    ['a huge input', `${'A'.repeat(600)}.${macPart}`],
    ['non-JSON payload', `${Buffer.from('not json').toString('base64url')}.${macPart}`],
    [
      'non-canonical JSON',
      `${Buffer.from(PAYLOAD_JSON.replace(',', ', ')).toString('base64url')}.${macPart}`,
    ],
    [
      'an extra payload field',
      `${Buffer.from(PAYLOAD_JSON.replace('"v":1', '"v":1,"x":0')).toString('base64url')}.${macPart}`,
    ],
  ])('calls %s malformed', (_name, input) => {
    expect(verifyUnsubscribeToken(input, RING)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects an altered payload, an altered MAC and a forged token as bad_signature', () => {
    const altered = Buffer.from(PAYLOAD_JSON.replace('sub_01HZX8Y', 'sub_01HZX8Z')).toString('base64url');
    expect(verifyUnsubscribeToken(`${altered}.${macPart}`, RING)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyUnsubscribeToken(`${payloadPart}.${flipChar(macPart, 3)}`, RING)).toMatchObject({
      reason: 'bad_signature',
    });
    const forged = createUnsubscribeToken(CLAIMS, {
      current: 'k1',
      keys: new Map([['k1', Buffer.alloc(32, 9)]]),
    });
    expect(verifyUnsubscribeToken(forged, RING)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects an unknown kid', () => {
    const other = createUnsubscribeToken(CLAIMS, { current: 'k2', keys: new Map([['k2', K2]]) });
    expect(verifyUnsubscribeToken(other, RING)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('keeps old tokens valid across rotation while the old key stays in the ring', () => {
    const rotated: HmacKeyring = {
      current: 'k2',
      keys: new Map([
        ['k2', K2],
        ['k1', K1],
      ]),
    };
    expect(verifyUnsubscribeToken(token, rotated)).toMatchObject({ ok: true, payload: { kid: 'k1' } });
    const fresh = createUnsubscribeToken(CLAIMS, rotated);
    expect(verifyUnsubscribeToken(fresh, rotated)).toMatchObject({ ok: true, payload: { kid: 'k2' } });
    expect(verifyUnsubscribeToken(token, { current: 'k2', keys: new Map([['k2', K2]]) })).toMatchObject({
      reason: 'unknown_key',
    });
  });

  it('expires tokens only when a maximum age is configured', () => {
    const day = 86_400;
    const opts = { nowSeconds: CLAIMS.iat + 31 * day, maxAgeSeconds: 30 * day };
    expect(verifyUnsubscribeToken(token, RING, opts)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyUnsubscribeToken(token, RING, { ...opts, maxAgeSeconds: 31 * day })).toMatchObject({
      ok: true,
    });
    expect(verifyUnsubscribeToken(token, RING, { nowSeconds: CLAIMS.iat + 3650 * day })).toMatchObject({
      ok: true,
    });
  });

  it('never verifies or throws on random strings (property)', () => {
    const base64urlish = fc.stringMatching(/^[A-Za-z0-9_.-]{0,600}$/);
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 700 }), fc.string({ unit: 'binary' }), base64urlish),
        (input) => {
          expect(verifyUnsubscribeToken(input, RING).ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('rejects every single-character change of a valid token (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), (index) => {
        if (token[index] === '.') return;
        expect(verifyUnsubscribeToken(flipChar(token, index), RING).ok).toBe(false);
      }),
    );
  });
});

describe('parseHmacKeyring', () => {
  it('parses kid:base64url pairs, the first one current', () => {
    const ring = parseHmacKeyring(` k2:${K2.toString('base64url')}, k1:${K1.toString('base64url')}== `);
    expect(ring.current).toBe('k2');
    expect([...ring.keys.keys()]).toEqual(['k2', 'k1']);
    expect(ring.keys.get('k1')?.equals(K1)).toBe(true);
  });

  it.each([
    ['', 'HMAC keyring is empty'],
    ['k1', 'HMAC keyring entry 1 (k1): expected k1:<base64url key>'],
    [`k1:${K1.toString('base64')}+/`, 'HMAC keyring entry 1 (k1): expected k1:<base64url key>'],
    [`k 1:${K1.toString('base64url')}`, 'HMAC keyring entry 1: key id must be 1–16 characters'],
    [
      `k1:${Buffer.alloc(31).toString('base64url')}`,
      'HMAC keyring entry 1 (k1): key must be at least 32 bytes',
    ],
    [
      `k1:${K1.toString('base64url')},k1:${K2.toString('base64url')}`,
      'HMAC keyring entry 2: key id k1 appears twice',
    ],
    [`k1:${K1.toString('base64url')}:x`, 'HMAC keyring entry 1 (k1): expected'],
  ])('refuses %j', (text, message) => {
    expect(() => parseHmacKeyring(text)).toThrow(message);
  });
});
