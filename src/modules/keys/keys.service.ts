import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../domain/identity/ids.js';

export const ROLES = ['admin', 'agent', 'service', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who calls: an API key (`key:<id>`) or a signed-in operator (`operator:<id>`), and the role it holds. */
export interface Principal {
  readonly actor: string;
  readonly role: Role;
}

export interface CreatedKey {
  readonly id: string;
  readonly role: Role;
  readonly name: string;
  /** Shown once; only its SHA-256 is stored. */
  readonly token: string;
}

const TOKEN_PATTERN = /^stw_[A-Za-z0-9_-]{43}$/;

/**
 * API keys are 256-bit random tokens. A fast hash is enough at rest (there is nothing to brute-force in a
 * 256-bit secret); a slow password hash would only make every request slower.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createKeysService(deps: { db: Kysely<DB>; clock?: () => number }) {
  const clock = deps.clock ?? Date.now;
  const lastTouched = new Map<string, number>();

  return {
    async create(role: Role, name: string): Promise<CreatedKey> {
      const token = `stw_${randomBytes(32).toString('base64url')}`;
      const id = newId('key', clock());
      await deps.db
        .insertInto('api_keys')
        .values({
          id,
          name,
          role,
          hash: hashToken(token),
          created_at: clock(),
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
      return { id, role, name, token };
    },

    /** The principal behind a bearer token, or null: unknown, malformed and revoked keys look the same. */
    async authenticate(token: string): Promise<Principal | null> {
      if (!TOKEN_PATTERN.test(token)) return null;
      const row = await deps.db
        .selectFrom('api_keys')
        .select(['id', 'role', 'revoked_at'])
        .where('hash', '=', hashToken(token))
        .executeTakeFirst();
      if (!row || row.revoked_at !== null) return null;
      const now = clock();
      // Record use at most once a minute per key: an audit hint, not a write on every request.
      if ((lastTouched.get(row.id) ?? 0) < now - 60_000) {
        lastTouched.set(row.id, now);
        await deps.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute();
      }
      return { actor: `key:${row.id}`, role: row.role as Role };
    },

    async revoke(id: string): Promise<boolean> {
      const result = await deps.db
        .updateTable('api_keys')
        .set({ revoked_at: clock() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async list() {
      const rows = await deps.db
        .selectFrom('api_keys')
        .select(['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at'])
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        role: r.role as Role,
        createdAt: Number(r.created_at),
        lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
        revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
      }));
    },
  };
}

export type KeysService = ReturnType<typeof createKeysService>;
