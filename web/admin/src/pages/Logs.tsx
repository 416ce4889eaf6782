/**
 * Security-log investigation (policy clause 1.7): requests by period, address or CIDR prefix, and path,
 * one page at a time with the server's cursor. Every search is written to the audit trail, so nothing is
 * searched until the operator asks, and a page turn is a search of its own.
 */
import { type FormEvent, useState } from 'react';
import { api, describeProblem, type Schemas } from '../api/client.js';
import { TextField } from '../components/TextField.js';
import { localToIso, periodProblem, TimeRangeFields } from '../components/TimeRangeFields.js';
import { text } from '../text.js';
import { Badge, formatDate, Page, Table } from '../ui.js';

type LogPage = Schemas['SecurityLogPage'];
type Query = { from?: string; to?: string; ip?: string; path?: string; limit: number };
const t = text.logs;

export function Logs() {
  const [query, setQuery] = useState<Query | null>(null);
  /** Cursors of the pages before the current one; the current page's cursor is the last. */
  const [cursors, setCursors] = useState<(string | undefined)[]>([]);
  const [page, setPage] = useState<LogPage | null>(null);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const run = async (q: Query, cursor: string | undefined, trail: (string | undefined)[]) => {
    setState({ busy: true, error: null });
    const { data, error, response } = await api.GET('/v1/logs', {
      params: { query: { ...q, ...(cursor ? { cursor } : {}) } },
    });
    if (!data) {
      setPage(null);
      return setState({
        busy: false,
        error: response.status === 403 ? text.forbidden : describeProblem(error),
      });
    }
    setQuery(q);
    setCursors(trail);
    setPage(data);
    setState({ busy: false, error: null });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const q: Query = {
      from: localToIso(field('from') ?? ''),
      to: localToIso(field('to') ?? ''),
      ip: field('ip'),
      path: field('path'),
      limit: Number(field('limit') ?? 50),
    };
    const problem = periodProblem(q.from, q.to);
    if (problem) return setState({ busy: false, error: problem });
    const clean = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Query;
    run(clean, undefined, [undefined]);
  };

  const pageNumber = cursors.length;
  return (
    <Page title={text.nav.logs}>
      <p className="lead">{t.intro}</p>
      <p className="audit-notice" role="note">
        {t.audited}
      </p>
      <form className="search-form" onSubmit={submit} aria-labelledby="logs-filter-title" noValidate>
        <h2 id="logs-filter-title" className="span-all">
          {t.filterTitle}
        </h2>
        <TimeRangeFields idPrefix="logs" />
        <TextField
          id="logs-ip"
          name="ip"
          label={t.ip}
          maxLength={100}
          placeholder={t.examples.ip}
          hint={t.ipHint}
        />
        <TextField
          id="logs-path"
          name="path"
          label={t.path}
          maxLength={1025}
          placeholder={t.examples.path}
          hint={t.pathHint}
        />
        <div>
          <label htmlFor="logs-limit">{t.limit}</label>
          <select id="logs-limit" name="limit" defaultValue="50">
            {[25, 50, 100, 500].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions span-all">
          <button type="submit" disabled={state.busy}>
            {state.busy ? t.searching : t.search}
          </button>
        </div>
      </form>

      <section aria-labelledby="logs-results-title">
        <h2 id="logs-results-title">{t.resultsTitle}</h2>
        <div role="status" aria-live="polite">
          {state.busy && <p className="muted">{text.loading}</p>}
          {!state.busy && !page && !state.error && <p className="muted">{t.idle}</p>}
          {!state.busy && page && <p className="muted">{t.shown(page.entries.length, pageNumber)}</p>}
        </div>
        {state.error && (
          <p className="error" role="alert">
            {state.error}
          </p>
        )}
        {page && page.entries.length > 0 && (
          <Table caption={t.caption(pageNumber)} head={t.head}>
            {page.entries.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no id; a page is replaced whole, never reordered
              <tr key={`${e.time}|${i}`}>
                <td className="nowrap">
                  <time dateTime={e.time}>{formatDate(e.time)}</time>
                </td>
                <td>{e.method}</td>
                <td className="text-wrap">{e.path}</td>
                <td>
                  <Badge tone={e.status >= 500 ? 'bad' : e.status >= 400 ? 'warn' : 'neutral'}>
                    {e.status}
                  </Badge>
                </td>
                <td className="text-wrap">
                  {e.ip} {e.ipTruncated && <Badge tone="neutral">{t.truncated}</Badge>}
                </td>
                <td className="text-wrap text-small">{e.userAgent ?? '—'}</td>
              </tr>
            ))}
          </Table>
        )}
        {query && page && (
          <div className="page-buttons">
            {pageNumber > 1 && (
              <button
                type="button"
                className="secondary"
                disabled={state.busy}
                onClick={() => run(query, cursors[pageNumber - 2], cursors.slice(0, -1))}
              >
                {t.previous}
              </button>
            )}
            {page.nextCursor && (
              <button
                type="button"
                className="secondary"
                disabled={state.busy}
                onClick={() =>
                  run(query, page.nextCursor ?? undefined, [...cursors, page.nextCursor ?? undefined])
                }
              >
                {t.next}
              </button>
            )}
          </div>
        )}
      </section>
    </Page>
  );
}
