/**
 * What carrying out a request produced: the erasure report (what was erased per table, what was kept,
 * under which rule and until when), the access export, the consent changes, applied corrections, and,
 * while a store cannot be reached, since when the request waits and why.
 */
import type { Schemas } from '../api/client.js';
import { text } from '../text.js';
import { Badge, formatDate, Table } from '../ui.js';
import { Fact, Facts } from './Facts.js';
import {
  type ErasureInfo,
  otherDetails,
  readAccess,
  readCorrections,
  readErasure,
  readSuppressed,
  readWaiting,
  readWithdrawn,
  type WaitingInfo,
} from './request-result.js';

const t = text.requestDetail;

function Waiting({ waiting }: { waiting: WaitingInfo }) {
  return (
    <div className="note-box note-box-warn">
      <h3>{t.waiting.title}</h3>
      <Facts>
        <Fact term={t.waiting.since}>{formatDate(waiting.since)}</Fact>
        <Fact term={t.waiting.attempts}>{waiting.attempts}</Fact>
        <Fact term={t.waiting.last}>{formatDate(waiting.lastAttempt)}</Fact>
        <Fact term={t.waiting.reason}>
          {(waiting.reason && (text.actionProblems as Record<string, string>)[waiting.reason]) ??
            waiting.reason ??
            '—'}
        </Fact>
      </Facts>
      <p className="muted">{t.waiting.retry}</p>
    </div>
  );
}

function Erasure({ erasure }: { erasure: ErasureInfo }) {
  const h = t.erasure.head;
  const kept = erasure.tables.flatMap((table) =>
    table.kept.map((k) => ({ ...k, where: `${table.dataset}.${table.table}` })),
  );
  return (
    <section aria-labelledby="erasure-report">
      <h3 id="erasure-report">{t.erasure.title}</h3>
      {erasure.heldBy.length > 0 ? (
        <p className="note-box">
          {t.erasure.held} <span className="muted">{t.erasure.holds(erasure.heldBy.join(', '))}</span>
        </p>
      ) : (
        <p>{t.erasure.summary(erasure.erased, kept.length)}</p>
      )}
      {!erasure.complete && <p className="error-inline">{t.erasure.incomplete}</p>}
      {erasure.note && <p className="muted">{t.erasure.note(erasure.note)}</p>}
      {erasure.tables.length > 0 && (
        <div className="stack-table compact">
          <Table
            caption={t.erasure.tablesCaption}
            head={[h.table, h.strategy, h.erased, h.masked, h.kept, h.error]}
          >
            {erasure.tables.map((table) => (
              <tr key={`${table.dataset}.${table.table}`} className={table.error ? 'row-bad' : undefined}>
                <th scope="row">
                  <code>
                    {table.dataset}.{table.table}
                  </code>
                </th>
                <td data-label={h.strategy}>
                  {(t.erasure.strategies as Record<string, string>)[table.strategy] ?? table.strategy}
                </td>
                <td className="cell-num" data-label={h.erased}>
                  {table.erased}
                </td>
                <td className="cell-num" data-label={h.masked}>
                  {table.maskedInsteadOfDeleted}
                </td>
                <td className="cell-num" data-label={h.kept}>
                  {table.kept.length}
                </td>
                <td data-label={h.error}>
                  {table.error ? <span className="error-inline">{table.error}</span> : '—'}
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
      {kept.length > 0 && (
        <div className="stack-table">
          <Table
            caption={t.erasure.keptCaption}
            head={[h.record, h.rule, h.until, h.reason, h.maskedColumns]}
          >
            {kept.map((k) => (
              <tr key={`${k.where}#${k.pk}`}>
                <th scope="row">
                  <code>
                    {k.where} #{k.pk}
                  </code>
                </th>
                <td data-label={h.rule}>
                  <code>{k.rule}</code>
                </td>
                <td data-label={h.until}>
                  {k.until ? formatDate(k.until) : <Badge tone="warn">{t.erasure.untilUnknown}</Badge>}
                </td>
                <td data-label={h.reason}>{k.reason}</td>
                <td data-label={h.maskedColumns}>{k.masked.length > 0 ? k.masked.join(', ') : '—'}</td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </section>
  );
}

export function RequestResult({ request }: { request: Schemas['AgentRequest'] }) {
  const result = request.result;
  const waiting = request.state === 'in_progress' ? readWaiting(result) : null;
  const erasure = readErasure(result);
  const access = readAccess(result);
  const corrections = readCorrections(result);
  const withdrawn = readWithdrawn(result);
  const other = otherDetails(result);
  if (!result) return null;
  const h = t.access.head;
  return (
    <section className="stack-section" aria-labelledby="request-result">
      <h2 id="request-result">{t.result}</h2>
      {waiting && <Waiting waiting={waiting} />}
      {erasure && <Erasure erasure={erasure} />}
      {access && (
        <section aria-labelledby="access-export">
          <h3 id="access-export">{t.access.title}</h3>
          <p>{access.expiresAt ? t.access.expires(formatDate(access.expiresAt)) : t.access.noLink}</p>
          {access.tables.length === 0 ? (
            <p className="muted">{t.access.none}</p>
          ) : (
            <Table caption={t.access.caption} head={[h.table, h.rows]}>
              {access.tables.map((table) => (
                <tr key={`${table.dataset}.${table.table}`}>
                  <th scope="row">
                    <code>
                      {table.dataset}.{table.table}
                    </code>
                  </th>
                  <td className="cell-num">{table.rows}</td>
                </tr>
              ))}
            </Table>
          )}
        </section>
      )}
      {withdrawn && <p>{t.withdrawn(withdrawn.join(', ') || '—')}</p>}
      {readSuppressed(result) && <p>{t.suppressed}</p>}
      {corrections && (
        <div className="stack-table compact">
          <Table
            caption={t.corrected}
            head={[t.approve.table, t.approve.key, t.approve.column, t.correctedHead]}
          >
            {corrections.map((c) => (
              <tr key={`${c.dataset}.${c.table}#${c.pk}.${c.column}`}>
                <th scope="row">
                  <code>
                    {c.dataset}.{c.table}
                  </code>
                </th>
                <td data-label={t.approve.key}>{c.pk}</td>
                <td data-label={t.approve.column}>
                  <code>{c.column}</code>
                </td>
                <td data-label={t.correctedHead}>{c.changed ? t.yes : t.unchanged}</td>
              </tr>
            ))}
          </Table>
        </div>
      )}
      {other && (
        <details>
          <summary>{t.other}</summary>
          <pre className="raw-json">{JSON.stringify(other, null, 2)}</pre>
        </details>
      )}
    </section>
  );
}
