import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type CheckpointClaims,
  createCheckpoint,
  createKeyring,
  deriveKeyId,
  formatCheckpointText,
  generateSigningKey,
  parseCheckpoint,
  parsePrivateKey,
  parsePublicKey,
  verifyCheckpoint,
} from './checkpoint.js';

// RFC 8032 §7.1 TEST 1, as base64url raw keys.
const RFC8032_SEED = 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A';
const RFC8032_PUBLIC = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';
const RFC8032_KEY_ID = '06e3fd8fda29bb60';
const CLAIMS: CheckpointClaims = {
  origin: 'apisecurity.pro/ledger',
  seq: 42,
  head: 'ab'.repeat(32),
  issuedAt: '2024-05-01T12:00:00Z',
};

describe('signing keys', () => {
  it('wraps a raw seed so that it signs as RFC 8032 TEST 1', () => {
    const signature = sign(null, Buffer.alloc(0), parsePrivateKey(RFC8032_SEED)).toString('hex');
    expect(signature).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(parsePublicKey(RFC8032_PUBLIC).export({ format: 'jwk' }).x).toBe(RFC8032_PUBLIC);
    expect(deriveKeyId(parsePublicKey(RFC8032_PUBLIC))).toBe(RFC8032_KEY_ID);
    expect(deriveKeyId(parsePrivateKey(RFC8032_SEED))).toBe(RFC8032_KEY_ID);
  });

  it('generates PEM keys whose id is the SHA-256 prefix of the SPKI DER', () => {
    const key = generateSigningKey();
    const spki = createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(key.keyId).toBe(createHash('sha256').update(spki).digest('hex').slice(0, 16));
    expect(key.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(deriveKeyId(parsePrivateKey(key.privateKeyPem))).toBe(key.keyId);
  });

  it('refuses keys that are not Ed25519 or not 32 bytes, without echoing them', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => parsePublicKey(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toThrow(
      'key must be an Ed25519 key',
    );
    expect(() => parsePrivateKey('c2hvcnQ')).toThrow('key must be PEM or 32 bytes in base64url');
    expect(() => parsePublicKey(`${RFC8032_PUBLIC}!`)).toThrow(/^key must be PEM/);
  });
});

describe('checkpoints', () => {
  const keyring = createKeyring([RFC8032_PUBLIC]);

  it('signs the C2SP-style text with a deterministic Ed25519 signature', () => {
    const text = 'apisecurity.pro/ledger\n42\n' + 'ab'.repeat(32) + '\n2024-05-01T12:00:00Z\n';
    expect(formatCheckpointText(CLAIMS)).toBe(text);
    const cp = createCheckpoint(CLAIMS, { keyId: RFC8032_KEY_ID, privateKey: RFC8032_SEED });
    expect(cp).toEqual({
      ...CLAIMS,
      keyId: RFC8032_KEY_ID,
      signature: 'ejHWafMpf1Eq1DF0tVMKUQCzV2fHxfVeTPMy7Wu1IYNAfcYebJt_87SMD9BZLXqUF6-F6R1Md1aPYBFL9pMZCA',
    });
    // Checked with node:crypto directly, not through the module under test.
    expect(
      verify(null, Buffer.from(text), parsePublicKey(RFC8032_PUBLIC), Buffer.from(cp.signature, 'base64url')),
    ).toBe(true);
    expect(verifyCheckpoint(JSON.parse(JSON.stringify(cp)), keyring)).toEqual({ ok: true });
  });

  it('verifies across key rotation when every key is in the ring', () => {
    const next = generateSigningKey();
    const ring = createKeyring([RFC8032_PUBLIC, next.publicKeyPem]);
    const cp = createCheckpoint(CLAIMS, { keyId: next.keyId, privateKey: next.privateKeyPem });
    expect(verifyCheckpoint(cp, ring)).toEqual({ ok: true });
    expect(verifyCheckpoint(cp, keyring)).toEqual({
      ok: false,
      reason: 'unknown_key',
      message: `no public key with id ${next.keyId}`,
    });
  });

  it.each([
    ['origin', { origin: 'evil.example/ledger' }],
    ['seq', { seq: 41 }],
    ['head', { head: 'cd'.repeat(32) }],
    ['issuedAt', { issuedAt: '2024-05-01T12:00:01Z' }],
    ['signature', { signature: `A${'A'.repeat(85)}` }],
  ])('rejects a checkpoint whose %s was changed', (_field, change) => {
    const cp = createCheckpoint(CLAIMS, { keyId: RFC8032_KEY_ID, privateKey: RFC8032_SEED });
    expect(verifyCheckpoint({ ...cp, ...change }, keyring)).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('reports malformed checkpoints with every bad field named', () => {
    expect(verifyCheckpoint('{', keyring)).toEqual({
      ok: false,
      reason: 'malformed',
      message: 'checkpoint: not valid JSON',
    });
    expect(() => parseCheckpoint([])).toThrow('checkpoint: must be a JSON object');
    expect(() =>
      parseCheckpoint({
        origin: 'a\nb',
        seq: -1,
        head: 'AB',
        issuedAt: '2024-05-01 12:00',
        keyId: 'x',
        signature: 1,
      }),
    ).toThrow(
      'checkpoint: origin must be 1–255 printable characters; seq must be a non-negative integer; ' +
        'head must be 64 lower-case hex characters; issuedAt must be an RFC 3339 date-time; ' +
        'keyId must be 16 lower-case hex characters; signature must be a base64url Ed25519 signature (86 characters)',
    );
    const cp = createCheckpoint(CLAIMS, { keyId: RFC8032_KEY_ID, privateKey: RFC8032_SEED });
    expect(parseCheckpoint(JSON.stringify({ ...cp, extra: true }))).toEqual(cp);
  });

  it('refuses to sign with a mislabelled key or invalid claims', () => {
    const other = generateSigningKey();
    expect(() => createCheckpoint(CLAIMS, { keyId: other.keyId, privateKey: RFC8032_SEED })).toThrow(
      'checkpoint: keyId does not match the private key',
    );
    expect(() =>
      createCheckpoint({ ...CLAIMS, seq: 1.5 }, { keyId: RFC8032_KEY_ID, privateKey: RFC8032_SEED }),
    ).toThrow('checkpoint: seq must be a non-negative integer');
  });
});
