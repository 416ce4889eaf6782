import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type ChainVerdict, ChainVerifier } from '../../domain/consent/ledger-chain.js';
import { auditBody, scanAudit } from './audit.repo.js';

/** Recomputes every audit entry's hash in sequence order; names the first entry that breaks the chain. */
export async function verifyAuditTrail(db: Kysely<DB>): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  for await (const record of scanAudit(db)) {
    if (
      !verifier.push({
        seq: record.seq,
        prevHash: record.prevHash,
        hash: record.hash,
        body: auditBody(record),
      })
    )
      break;
  }
  return verifier.finish();
}
