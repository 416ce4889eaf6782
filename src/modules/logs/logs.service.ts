import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import { parseAccessLine, type RejectReason } from '../../domain/logs/access-line.js';
import { parseIpFilter, storedFullIp, storedTruncatedIp } from '../../domain/logs/ip-range.js';
import type { LineBatch } from '../../domain/logs/line-splitter.js';
import type { SecurityLogs } from '../../domain/policy/schema.js';
import { retentionCutoff } from '../../domain/retention/cutoff.js';
import { AppError, type FieldProblem } from '../../errors/app-error.js';
import { appendAudit } from '../audit/audit.repo.js';
import { findSecurityLogs, type LogFilter, type LogWriter, type SecurityLogRow } from './logs.repo.js';
import type { LogIngestReport, LogSearchQuery, SecurityLogPage } from './logs.schemas.js';

/** Longest line read (a request line plus a long user agent fits many times over). */
export const MAX_LINE_BYTES = 16 * 1024;
export const MAX_REPORTED_REJECTIONS = 100;
/** Rows per insert transaction: large enough to amortise the commit, small enough to keep it short. */
export const INGEST_BATCH = 5_000;
/** Clocks drift; a line further ahead than this is not a real request. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

interface Bounds {
  readonly deleteBefore: number;
  readonly truncateBefore: number;
  readonly latest: number;
}

function boundsAt(now: number, logs: SecurityLogs): Bounds {
  return {
    deleteBefore: retentionCutoff(new Date(now), logs.deleteAfter).getTime(),
    truncateBefore: retentionCutoff(new Date(now), logs.fullIpFor).getTime(),
    latest: now + FUTURE_TOLERANCE_MS,
  };
}

/** Only whitespace (as String.prototype.trim sees it); a printable ASCII first character settles it at once. */
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  return text.length === 0 || ((first <= 0x20 || first >= 0x7f) && text.trim() === '');
}

const encodeCursor = (time: number, id: number) => Buffer.from(`${time}:${id}`).toString('base64url');

function decodeCursor(cursor: string): { time: number; id: number } | null {
  const m = /^(\d{1,16}):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  return m ? { time: Number(m[1]), id: Number(m[2]) } : null;
}

/**
 * Website security logs (policy clause 1.7, `securityLogs`): ingestion of access log lines with the
 * address handled by the line's age, and the audited investigation query.
 */
export function createLogsService(deps: {
  db: Kysely<DB>;
  dialect: DialectName;
  writer: LogWriter;
  securityLogs: SecurityLogs | undefined;
  clock?: () => number;
}) {
  const clock = deps.clock ?? Date.now;

  function settings(): SecurityLogs {
    if (!deps.securityLogs)
      throw new AppError(
        'logs.not_configured',
        'the policy has no securityLogs section; add one (how long full addresses and logs are kept) first',
      );
    return deps.securityLogs;
  }

  /**
   * Stores every line it can and counts the rest with a reason. Lines older than `deleteAfter` (or more
   * than 5 minutes ahead) are refused; lines older than `fullIpFor` keep only the network of their
   * address from the start, so no full address older than the policy allows is ever written. Batches are
   * written while the next is parsed (each its own transaction: `accepted` counts committed rows); the age
   * bounds are re-read at each batch, so a long stream stays right.
   */
  async function ingest(lines: AsyncIterable<LineBatch>, actor: string): Promise<LogIngestReport> {
    const logs = settings();
    const report: LogIngestReport = { accepted: 0, rejected: 0, rejections: [] };
    const refuse = (line: number, reason: RejectReason) => {
      report.rejected++;
      if (report.rejections.length < MAX_REPORTED_REJECTIONS) report.rejections.push({ line, reason });
    };
    let bounds = boundsAt(clock(), logs);
    let batch: SecurityLogRow[] = [];
    const inFlight: Promise<void>[] = [];
    const flush = async () => {
      if (inFlight.length >= deps.writer.parallel) await inFlight.shift();
      const rows = batch;
      batch = [];
      const written = deps.writer.insert(rows).then(() => {
        report.accepted += rows.length;
      });
      // Awaited later; this only keeps a failure from counting as "unhandled" meanwhile.
      written.catch(() => {});
      inFlight.push(written);
      bounds = boundsAt(clock(), logs);
    };
    let n = 0;
    try {
      for await (const texts of lines) {
        for (const text of texts) {
          n++;
          if (text === null) {
            refuse(n, 'line.too_long');
            continue;
          }
          if (isBlank(text)) continue;
          const parsed = parseAccessLine(text);
          if (!parsed.ok) {
            refuse(n, parsed.reason);
            continue;
          }
          const e = parsed.entry;
          if (e.time < bounds.deleteBefore) refuse(n, 'time.too_old');
          else if (e.time > bounds.latest) refuse(n, 'time.in_future');
          else {
            const full = e.time >= bounds.truncateBefore;
            const ip = full ? storedFullIp(e.ip) : storedTruncatedIp(e.ip, logs.truncate)!;
            batch.push({
              time: e.time,
              method: e.method,
              path: e.path,
              status: e.status,
              userAgent: e.userAgent,
              ip,
            });
            if (batch.length >= INGEST_BATCH) await flush();
          }
        }
      }
      if (batch.length > 0) await flush();
    } catch (error) {
      // Every batch started is awaited, even when reading failed, so none outlives the call.
      await Promise.allSettled(inFlight);
      throw error;
    }
    const failed = (await Promise.allSettled(inFlight)).find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    await audit(actor, 'logs.ingested', { accepted: report.accepted, rejected: report.rejected });
    return report;
  }

  async function audit(
    actor: string,
    action: string,
    detail: Record<string, string | number | boolean | null>,
  ) {
    await deps.db
      .transaction()
      .execute((tx) => appendAudit(tx, deps.dialect, [{ actor, action, detail }], clock()));
  }

  function filterOf(query: LogSearchQuery): LogFilter {
    const problems: FieldProblem[] = [];
    const from = query.from === undefined ? undefined : Date.parse(query.from);
    const to = query.to === undefined ? undefined : Date.parse(query.to);
    if (from !== undefined && to !== undefined && from > to)
      problems.push({ field: 'query.to', message: 'before from' });
    const ip = query.ip === undefined ? undefined : parseIpFilter(query.ip);
    if (ip === null) problems.push({ field: 'query.ip', message: 'not an IP address or CIDR prefix' });
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (after === null)
      problems.push({ field: 'query.cursor', message: 'not a cursor from a previous page' });
    let path: LogFilter['path'];
    if (query.path !== undefined) {
      const prefix = query.path.endsWith('*');
      // Stored paths have no query string; a filter with one would match nothing.
      const value = (prefix ? query.path.slice(0, -1) : query.path).replace(/[?#].*$/s, '');
      path = { value, prefix };
    }
    // Field names only: the filter values (an address) are never echoed.
    if (problems.length > 0) throw new AppError('request.invalid', 'invalid search filter', problems);
    return { from, to, ip: ip ?? undefined, path, after: after ?? undefined, limit: query.limit };
  }

  /**
   * The investigation query (clause 1.7.2: logs used to investigate incidents). Every use is audited with
   * who searched, over which period, whether an address or path filter was used and how many rows came
   * back; never the address searched for, since the audit trail outlives the logs.
   */
  async function search(query: LogSearchQuery, actor: string): Promise<SecurityLogPage> {
    const filter = filterOf(query);
    const rows = await findSecurityLogs(deps.db, { ...filter, limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    await audit(actor, 'logs.searched', {
      from: filter.from === undefined ? null : new Date(filter.from).toISOString(),
      to: filter.to === undefined ? null : new Date(filter.to).toISOString(),
      ipFilter: filter.ip !== undefined,
      pathFilter: filter.path !== undefined,
      results: page.length,
    });
    return {
      entries: page.map((r) => ({
        time: new Date(Number(r.time)).toISOString(),
        method: r.method,
        path: r.path,
        status: Number(r.status),
        userAgent: r.user_agent,
        ip: r.ip,
        ipTruncated: Number(r.ip_truncated) === 1,
      })),
      nextCursor:
        rows.length > filter.limit && last ? encodeCursor(Number(last.time), Number(last.id)) : null,
    };
  }

  return { ingest, search, settings };
}

export type LogsService = ReturnType<typeof createLogsService>;
