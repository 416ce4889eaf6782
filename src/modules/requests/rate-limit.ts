import { createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Fixed-window counters in the database, so that every instance counts together. Buckets are keyed
 * hashes (HMAC-SHA-256) of the IP or address: the table never holds either in clear.
 */
export function createRateLimiter(deps: { db: Kysely<DB>; key: Buffer; clock?: () => number }) {
  const clock = deps.clock ?? Date.now;
  const bucketOf = (kind: string, value: string) =>
    `${kind}:${createHmac('sha256', deps.key).update(`${kind}\u0000${value}`).digest('base64url').slice(0, 32)}`;

  return {
    /** Counts one hit; true while the bucket stays within `limit` hits per `windowMs`. */
    async hit(kind: string, value: string, limit: number, windowMs: number): Promise<boolean> {
      const now = clock();
      const bucket = bucketOf(kind, value);
      const expired = now - windowMs;
      const result = await sql<{ hits: number | string }>`
        insert into rate_limits (bucket, window_start, hits) values (${bucket}, ${now}, 1)
        on conflict (bucket) do update set
          hits = case when rate_limits.window_start < ${expired} then 1 else rate_limits.hits + 1 end,
          window_start = case when rate_limits.window_start < ${expired} then ${now} else rate_limits.window_start end
        returning hits`.execute(deps.db);
      return Number(result.rows[0]?.hits ?? 0) <= limit;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
