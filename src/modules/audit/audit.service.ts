import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import { type AuditInput, appendAudit } from './audit.repo.js';

/** Records audit entries in their own transaction (for reads; writes append inside their own transaction). */
export function createAuditService(deps: { db: Kysely<DB>; dialect: DialectName; clock?: () => number }) {
  const clock = deps.clock ?? Date.now;
  return {
    async record(...entries: AuditInput[]): Promise<void> {
      await deps.db.transaction().execute((tx) => appendAudit(tx, deps.dialect, entries, clock()));
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
