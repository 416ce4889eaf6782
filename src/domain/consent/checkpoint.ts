import type { KeyObject } from 'node:crypto';
import * as crypto from 'node:crypto';
import { isSha256Hex } from './ledger-chain.js';

/**
 * Signed checkpoints of the ledger head. A chain alone cannot show tail truncation or a full rewrite
 * (standards.md §6.2 item 128); a checkpoint kept outside the database can. The signed text follows the
 * C2SP tlog-checkpoint note body, one field per line: origin, size (decimal, no leading zeros), head,
 * issuedAt, each ending in '\n'. No field may contain '\n', so the text splits one way only.
 */
export interface CheckpointClaims {
  readonly origin: string;
  readonly seq: number;
  readonly head: string;
  readonly issuedAt: string;
}
export interface Checkpoint extends CheckpointClaims {
  readonly keyId: string;
  readonly signature: string;
}
export interface SigningKey {
  readonly keyId: string;
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}
export type CheckpointFailureReason = 'malformed' | 'unknown_key' | 'bad_signature';
export type CheckpointVerdict =
  | { ok: true }
  | { ok: false; reason: CheckpointFailureReason; message: string };

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const KEY_ID = /^[0-9a-f]{16}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{86}$/; // 64 bytes of Ed25519 signature, base64url without padding
const RAW_KEY = /^[A-Za-z0-9_-]{43}$/; // 32 bytes, base64url without padding
// RFC 8410 §7 / §4 DER prefixes that wrap a raw 32-byte Ed25519 seed or public key.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return {
    keyId: deriveKeyId(publicKey),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Key id = first 16 hex of SHA-256(SPKI DER): anyone holding the public key can recompute it. */
export function deriveKeyId(key: KeyObject): string {
  const spki = (key.type === 'public' ? key : crypto.createPublicKey(key)).export({
    type: 'spki',
    format: 'der',
  });
  return crypto.createHash('sha256').update(spki).digest('hex').slice(0, 16);
}

/** Reads a PKCS#8 PEM or a base64url 32-byte seed; errors never echo key material. */
export function parsePrivateKey(text: string): KeyObject {
  if (text.includes('-----BEGIN')) return assertEd25519(crypto.createPrivateKey(text));
  const der = wrapRawKey(PKCS8_PREFIX, text);
  return assertEd25519(crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
}

/** Reads an SPKI PEM or a base64url 32-byte raw public key. */
export function parsePublicKey(text: string): KeyObject {
  if (text.includes('-----BEGIN')) return assertEd25519(crypto.createPublicKey(text));
  const der = wrapRawKey(SPKI_PREFIX, text);
  return assertEd25519(crypto.createPublicKey({ key: der, format: 'der', type: 'spki' }));
}

/** Builds a verifier keyring from public keys, ids derived, so a mislabelled key cannot exist. */
export function createKeyring(publicKeys: readonly string[]): Map<string, KeyObject> {
  return new Map(publicKeys.map((text) => parsePublicKey(text)).map((key) => [deriveKeyId(key), key]));
}

export function formatCheckpointText(claims: CheckpointClaims): string {
  return `${claims.origin}\n${claims.seq}\n${claims.head}\n${claims.issuedAt}\n`;
}

export function createCheckpoint(
  claims: CheckpointClaims,
  key: { readonly keyId: string; readonly privateKey: string | KeyObject },
): Checkpoint {
  const problems = listClaimProblems(claims);
  if (problems.length > 0) throw new Error(`checkpoint: ${problems.join('; ')}`);
  const privateKey = typeof key.privateKey === 'string' ? parsePrivateKey(key.privateKey) : key.privateKey;
  if (deriveKeyId(privateKey) !== key.keyId)
    throw new Error('checkpoint: keyId does not match the private key');
  const { origin, seq, head, issuedAt } = claims;
  const text = Buffer.from(formatCheckpointText(claims));
  const signature = crypto.sign(null, text, privateKey).toString('base64url');
  return { origin, seq, head, issuedAt, keyId: key.keyId, signature };
}

/** Never throws: a checkpoint file is untrusted input until this says ok. */
export function verifyCheckpoint(cp: unknown, keyring: ReadonlyMap<string, KeyObject>): CheckpointVerdict {
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(cp);
  } catch (error) {
    return { ok: false, reason: 'malformed', message: (error as Error).message };
  }
  const publicKey = keyring.get(checkpoint.keyId);
  if (!publicKey)
    return { ok: false, reason: 'unknown_key', message: `no public key with id ${checkpoint.keyId}` };
  let valid = false;
  try {
    const signature = Buffer.from(checkpoint.signature, 'base64url');
    valid = crypto.verify(null, Buffer.from(formatCheckpointText(checkpoint)), publicKey, signature);
  } catch {
    // A non-Ed25519 key in the keyring: the signature cannot be valid under it.
  }
  return valid
    ? { ok: true }
    : { ok: false, reason: 'bad_signature', message: 'the signature does not verify' };
}

/** Accepts JSON text or an already parsed value; throws one Error naming every bad field. */
export function parseCheckpoint(json: unknown): Checkpoint {
  const value = typeof json === 'string' ? parseJson(json) : json;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('checkpoint: must be a JSON object');
  }
  const { origin, seq, head, issuedAt, keyId, signature } = value as Record<string, unknown>;
  const claims = { origin, seq, head, issuedAt } as CheckpointClaims;
  const problems = listClaimProblems(claims);
  if (typeof keyId !== 'string' || !KEY_ID.test(keyId))
    problems.push('keyId must be 16 lower-case hex characters');
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) {
    problems.push('signature must be a base64url Ed25519 signature (86 characters)');
  }
  if (problems.length > 0) throw new Error(`checkpoint: ${problems.join('; ')}`);
  return { ...claims, keyId: keyId as string, signature: signature as string };
}

function listClaimProblems(claims: CheckpointClaims): string[] {
  const { origin, seq, head, issuedAt } = claims as Partial<Record<keyof CheckpointClaims, unknown>>;
  const problems: string[] = [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a control character would break the line framing.
  if (typeof origin !== 'string' || !/^[^\u0000-\u001f\u007f]{1,255}$/.test(origin)) {
    problems.push('origin must be 1–255 printable characters');
  }
  if (!Number.isSafeInteger(seq) || (seq as number) < 0) problems.push('seq must be a non-negative integer');
  if (!isSha256Hex(head)) problems.push('head must be 64 lower-case hex characters');
  if (typeof issuedAt !== 'string' || !RFC3339.test(issuedAt) || Number.isNaN(Date.parse(issuedAt))) {
    problems.push('issuedAt must be an RFC 3339 date-time');
  }
  return problems;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('checkpoint: not valid JSON');
  }
}

function wrapRawKey(prefix: Buffer, text: string): Buffer {
  if (!RAW_KEY.test(text.trim())) throw new Error('key must be PEM or 32 bytes in base64url');
  return Buffer.concat([prefix, Buffer.from(text.trim(), 'base64url')]);
}

function assertEd25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('key must be an Ed25519 key');
  return key;
}
