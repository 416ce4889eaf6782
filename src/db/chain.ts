import { sql, type Transaction } from 'kysely';
import { GENESIS_HASH, hashEntry } from '../domain/consent/ledger-chain.js';
import type { DialectName } from './connect.js';
import type { DB } from './schema.js';

export interface ChainedEntry<B> {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
  readonly body: B;
}

/**
 * Assigns sequence numbers and hashes to new entries of a hash chain (the consent ledger, the audit
 * trail) inside the caller's transaction. The chain head row is locked (`FOR UPDATE` on PostgreSQL;
 * SQLite write transactions are already exclusive), so concurrent writers, even in different server
 * instances, extend one history instead of forking it (standards.md §6.2 item 128).
 */
export async function extendChain<B extends object>(
  tx: Transaction<DB>,
  dialect: DialectName,
  chain: string,
  bodies: readonly B[],
): Promise<ChainedEntry<B>[]> {
  const readHead = async () =>
    (
      await sql<{ seq: number | string; hash: string }>`
      select seq, hash from chain_heads where chain = ${chain} ${dialect === 'postgres' ? sql`for update` : sql``}
    `.execute(tx)
    ).rows[0];
  let row = await readHead();
  if (!row) {
    // First entry of this chain: create its head (a concurrent creator makes this a no-op), then lock it.
    await tx
      .insertInto('chain_heads')
      .values({ chain, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('chain').doNothing())
      .execute();
    row = await readHead();
  }
  if (!row) throw new Error(`chain head ${chain} missing`);
  let seq = Number(row.seq);
  let prevHash = row.hash;
  const entries: ChainedEntry<B>[] = [];
  for (const body of bodies) {
    seq += 1;
    const hash = hashEntry(prevHash, seq, body as Record<string, unknown>);
    entries.push({ seq, prevHash, hash, body });
    prevHash = hash;
  }
  if (entries.length > 0) {
    await tx.updateTable('chain_heads').set({ seq, hash: prevHash }).where('chain', '=', chain).execute();
  }
  return entries;
}
