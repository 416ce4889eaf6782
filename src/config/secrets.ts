import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './env.js';

/**
 * Secrets Steward signs with: the unsubscribe-token HMAC keyring and the ledger checkpoint key.
 * None has a default. They come from the environment; only a single-node SQLite install may instead
 * keep install-specific random ones in its data directory (created 0600 on first start), so that
 * `npm start` works on a fresh clone. With PostgreSQL (several instances share one history) they must
 * be configured, or every instance would invent its own.
 */
export interface Secrets {
  /** `kid:base64url,kid:base64url`; the first signs new tokens. */
  readonly unsubscribeKeys: string;
  /** Ed25519 private key, PKCS#8 PEM or a base64url 32-byte seed. */
  readonly ledgerSigningKey: string;
  readonly source: 'environment' | 'data-dir';
}

interface StoredSecrets {
  unsubscribeKeys: string;
  ledgerSigningKey: string;
}

export function loadSecrets(
  env: NodeJS.ProcessEnv,
  options: { dataDir: string; allowGenerated: boolean },
): Secrets {
  const fromEnv = {
    unsubscribeKeys: env.STEWARD_UNSUBSCRIBE_KEYS,
    ledgerSigningKey: env.STEWARD_LEDGER_SIGNING_KEY,
  };
  if (fromEnv.unsubscribeKeys && fromEnv.ledgerSigningKey) {
    return {
      unsubscribeKeys: fromEnv.unsubscribeKeys,
      ledgerSigningKey: fromEnv.ledgerSigningKey,
      source: 'environment',
    };
  }
  if (!options.allowGenerated) {
    const missing = Object.entries({
      STEWARD_UNSUBSCRIBE_KEYS: fromEnv.unsubscribeKeys,
      STEWARD_LEDGER_SIGNING_KEY: fromEnv.ledgerSigningKey,
    })
      .filter(([, value]) => !value)
      .map(([name]) => `${name}: required with DATABASE_URL (generate with \`steward secrets generate\`)`);
    throw new ConfigError(missing);
  }
  const file = path.join(options.dataDir, 'secrets.json');
  let stored: StoredSecrets;
  if (fs.existsSync(file)) {
    stored = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredSecrets;
  } else {
    stored = generateSecrets();
    fs.mkdirSync(options.dataDir, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  }
  return {
    unsubscribeKeys: fromEnv.unsubscribeKeys ?? stored.unsubscribeKeys,
    ledgerSigningKey: fromEnv.ledgerSigningKey ?? stored.ledgerSigningKey,
    source: 'data-dir',
  };
}

export function generateSecrets(): StoredSecrets {
  const kid = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
  return {
    unsubscribeKeys: `${kid}:${randomBytes(32).toString('base64url')}`,
    ledgerSigningKey: randomBytes(32).toString('base64url'),
  };
}
