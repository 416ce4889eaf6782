/**
 * Operators sign in to the admin console with an email and a password (argon2id, OWASP parameters:
 * 19 MiB, 2 passes). A session is a random 256-bit secret in an HttpOnly, SameSite=Strict cookie, stored
 * only as its SHA-256, with a CSRF token (also stored hashed) that every unsafe request must echo in a
 * header. Repeated failures lock the account for a while; an unknown email costs the same time as a wrong
 * password, so the answer says nothing about which emails exist.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { normaliseEmail } from '../../domain/identity/email.js';
import { newId } from '../../domain/identity/ids.js';
import { AppError } from '../../errors/app-error.js';
import type { SessionResolver } from '../../http/auth.js';
import { ROLES, type Role } from '../keys/keys.service.js';

const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** Passwords shorter than this are refused (NIST SP 800-63B §5.1.1.2: at least 8; we ask 12). */
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

export interface Operator {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly lockedUntil: string | null;
  readonly disabled: boolean;
  readonly lastLoginAt: string | null;
}

export interface Session {
  readonly operator: Operator;
  /** The cookie's value: shown once, stored hashed. */
  readonly secret: string;
  /** Echoed by the console in `X-CSRF-Token` on unsafe requests. */
  readonly csrfToken: string;
  readonly expiresAt: number;
}

export interface OperatorsDeps {
  readonly db: Kysely<DB>;
  readonly sessionTtlMs: number;
  readonly maxFailures: number;
  readonly lockMs: number;
  readonly clock?: () => number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const token = () => randomBytes(32).toString('base64url');
const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

function present(row: DB['operators']): Operator {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    lockedUntil: iso(row.locked_until),
    disabled: row.disabled_at !== null,
    lastLoginAt: iso(row.last_login_at),
  };
}

export function createOperatorsService(deps: OperatorsDeps) {
  const clock = deps.clock ?? Date.now;
  // Verified against when the email is unknown, so both answers take the same time.
  const dummy = hash(token(), ARGON2);

  function canonical(email: string): string {
    const result = normaliseEmail(email);
    if (!result.ok)
      throw new AppError('request.invalid', 'not an email address', [
        { field: 'email', message: 'not an email address' },
      ]);
    return result.value;
  }

  function checkPassword(password: string): void {
    if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH)
      throw new AppError('request.invalid', 'the password does not meet the rules', [
        {
          field: 'password',
          message: `between ${MIN_PASSWORD_LENGTH} and ${MAX_PASSWORD_LENGTH} characters`,
        },
      ]);
  }

  return {
    async create(input: { email: string; role: Role; password: string }): Promise<Operator> {
      if (!ROLES.includes(input.role))
        throw new AppError('request.invalid', 'unknown role', [
          { field: 'role', message: ROLES.join(' | ') },
        ]);
      checkPassword(input.password);
      const email = canonical(input.email);
      const now = clock();
      const row = {
        id: newId('usr', now),
        email,
        password_hash: await hash(input.password, ARGON2),
        role: input.role,
        failed_logins: 0,
        locked_until: null,
        disabled_at: null,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      };
      const taken = await deps.db
        .selectFrom('operators')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirst();
      if (taken) throw new AppError('operator.exists', 'an operator with this email exists');
      await deps.db.insertInto('operators').values(row).execute();
      return present(row);
    },

    async list(): Promise<Operator[]> {
      return (await deps.db.selectFrom('operators').selectAll().orderBy('email').execute()).map(present);
    },

    async setDisabled(id: string, disabled: boolean): Promise<boolean> {
      const now = clock();
      const result = await deps.db
        .updateTable('operators')
        .set({ disabled_at: disabled ? now : null, updated_at: now, failed_logins: 0, locked_until: null })
        .where('id', '=', id)
        .executeTakeFirst();
      if (disabled) await deps.db.deleteFrom('operator_sessions').where('operator_id', '=', id).execute();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Checks the password and opens a session. Every failure answers alike (`auth.invalid_credentials`);
     * a locked or disabled account too, so the response never confirms that an account exists.
     */
    async signIn(emailInput: string, password: string): Promise<Session> {
      const now = clock();
      const email = normaliseEmail(emailInput);
      const row = email.ok
        ? await deps.db
            .selectFrom('operators')
            .selectAll()
            .where('email', '=', email.value)
            .executeTakeFirst()
        : undefined;
      const bounded = password.slice(0, MAX_PASSWORD_LENGTH);
      const ok = row
        ? await verify(row.password_hash, bounded).catch(() => false)
        : await verify(await dummy, bounded).then(() => false);
      const refused = () =>
        new AppError(
          'auth.invalid_credentials',
          'the email or the password is wrong, or the account is locked',
        );
      if (!row) throw refused();
      const locked = row.locked_until !== null && Number(row.locked_until) > now;
      if (!ok || locked || row.disabled_at !== null) {
        if (!ok && !locked) {
          const failures = Number(row.failed_logins) + 1;
          await deps.db
            .updateTable('operators')
            .set({
              failed_logins: failures >= deps.maxFailures ? 0 : failures,
              locked_until: failures >= deps.maxFailures ? now + deps.lockMs : row.locked_until,
              updated_at: now,
            })
            .where('id', '=', row.id)
            .execute();
        }
        throw refused();
      }
      const secret = token();
      const csrfToken = token();
      const expiresAt = now + deps.sessionTtlMs;
      await deps.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('operators')
          .set({ failed_logins: 0, locked_until: null, last_login_at: now, updated_at: now })
          .where('id', '=', row.id)
          .execute();
        await tx
          .insertInto('operator_sessions')
          .values({
            id_hash: sha256(secret),
            operator_id: row.id,
            csrf_hash: sha256(csrfToken),
            created_at: now,
            expires_at: expiresAt,
            last_seen_at: now,
          })
          .execute();
      });
      return { operator: present({ ...row, last_login_at: now }), secret, csrfToken, expiresAt };
    },

    /** The operator behind a session cookie, or null (unknown, expired, or the operator disabled). */
    async authenticate(secret: string): Promise<{ operator: Operator; csrfHash: string } | null> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
      const now = clock();
      const row = await deps.db
        .selectFrom('operator_sessions as s')
        .innerJoin('operators as o', 'o.id', 's.operator_id')
        .selectAll('o')
        .select(['s.csrf_hash', 's.expires_at'])
        .where('s.id_hash', '=', sha256(secret))
        .executeTakeFirst();
      if (!row || Number(row.expires_at) <= now || row.disabled_at !== null) return null;
      return { operator: present(row), csrfHash: row.csrf_hash };
    },

    csrfMatches(csrfHash: string, presented: string | undefined): boolean {
      if (!presented || presented.length > 100) return false;
      const a = Buffer.from(sha256(presented), 'hex');
      const b = Buffer.from(csrfHash, 'hex');
      return a.length === b.length && timingSafeEqual(a, b);
    },

    async signOut(secret: string): Promise<void> {
      await deps.db.deleteFrom('operator_sessions').where('id_hash', '=', sha256(secret)).execute();
    },

    /** A fresh CSRF token for the session (the console asks after a reload; the old one stops working). */
    async rotateCsrf(secret: string): Promise<string> {
      const csrfToken = token();
      await deps.db
        .updateTable('operator_sessions')
        .set({ csrf_hash: sha256(csrfToken), last_seen_at: clock() })
        .where('id_hash', '=', sha256(secret))
        .execute();
      return csrfToken;
    },
  };
}

export type OperatorsService = ReturnType<typeof createOperatorsService>;

/** The operators as the HTTP layer's session resolver (http/auth.ts). */
export function operatorSessions(operators: OperatorsService): SessionResolver {
  return {
    async authenticate(secret) {
      const found = await operators.authenticate(secret);
      return found
        ? {
            principal: { actor: `operator:${found.operator.id}`, role: found.operator.role },
            csrfHash: found.csrfHash,
          }
        : null;
    },
    csrfMatches: (hash, presented) => operators.csrfMatches(hash, presented),
  };
}
