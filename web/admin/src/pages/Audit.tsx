/**
 * The audit trail, newest first (`GET /v1/audit`), filtered by period, actor, action and subject, with
 * older pages appended; and whether the hash chain is intact (the conformance report's audit.integrity).
 * Filters start from the URL (`/audit?subjectId=…`), so other pages can link to a subject's entries.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { api, describeProblem, type Schemas } from '../api/client.js';
import { auditDetailText } from '../components/auditDetail.js';
import { TextField } from '../components/TextField.js';
import { localToIso, periodProblem, TimeRangeFields } from '../components/TimeRangeFields.js';
import { BASE, Link, useQuery } from '../router.js';
import { text } from '../text.js';
import { Badge, formatDate, Loaded, Page, Table, useLoad } from '../ui.js';

type Entry = Schemas['AuditEntry'];
type Filters = { from?: string; to?: string; actor?: string; action?: string; subjectId?: string };
const t = text.audit;
const PAGE = 50;
const FILTER_KEYS = ['from', 'to', 'actor', 'action', 'subjectId'] as const;

function ChainStatus() {
  const [report, reload] = useLoad(() => api.GET('/v1/conformance'));
  return (
    <section className="chain card" aria-labelledby="chain-title">
      <h2 id="chain-title">{t.chainTitle}</h2>
      <Loaded load={report}>
        {(r) => {
          const check = r.checks.find((c) => c.id === 'audit.integrity');
          if (!check) return <p className="muted">{t.chainUnknown}</p>;
          const entries = typeof check.evidence.entries === 'number' ? check.evidence.entries : null;
          return (
            <div role="status">
              <p>
                {check.status === 'pass' ? (
                  <Badge tone="ok">{t.chainOk}</Badge>
                ) : (
                  <Badge tone="bad">{check.status === 'fail' ? t.chainBroken : t.chainError}</Badge>
                )}{' '}
                {check.status === 'pass' && entries !== null && t.chainCount(entries)}{' '}
                <span className="muted text-small">{t.checkedAt(formatDate(r.generatedAt))}</span>
              </p>
              {check.breaks.length > 0 && (
                <ul className="text-small">
                  {check.breaks.map((b) => (
                    <li key={b}>{b}</li>
                  ))}
                </ul>
              )}
            </div>
          );
        }}
      </Loaded>
      <button type="button" className="secondary" onClick={reload}>
        {t.verifyAgain}
      </button>
    </section>
  );
}

function filtersFromQuery(query: URLSearchParams): Filters {
  return Object.fromEntries(FILTER_KEYS.flatMap((k) => (query.get(k) ? [[k, query.get(k)!]] : [])));
}

export function Audit() {
  const query = useQuery();
  const [filters, setFilters] = useState<Filters>(() => filtersFromQuery(query));
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: true, error: null });
  const [formError, setFormError] = useState<string | null>(null);

  const load = async (applied: Filters, before: number | undefined) => {
    setState({ busy: true, error: null });
    const { data, error, response } = await api.GET('/v1/audit', {
      params: { query: { ...applied, limit: PAGE, ...(before === undefined ? {} : { before }) } },
    });
    if (!data)
      return setState({
        busy: false,
        error: response.status === 403 ? text.forbidden : describeProblem(error),
      });
    setEntries((old) => (before === undefined ? data.entries : [...old, ...data.entries]));
    setNext(data.next);
    setState({ busy: false, error: null });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts when the filters change
  useEffect(() => {
    load(filters, undefined);
  }, [filters]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const applied: Filters = {
      from: localToIso(field('from') ?? ''),
      to: localToIso(field('to') ?? ''),
      actor: field('actor'),
      action: field('action'),
      subjectId: field('subjectId'),
    };
    const problem = periodProblem(applied.from, applied.to);
    setFormError(problem);
    if (problem) return;
    const clean = Object.fromEntries(Object.entries(applied).filter(([, v]) => v !== undefined)) as Filters;
    const search = new URLSearchParams(clean as Record<string, string>).toString();
    window.history.replaceState(null, '', `${BASE}/audit${search ? `?${search}` : ''}`);
    setFilters(clean);
  };

  return (
    <Page title={text.nav.audit}>
      <p className="muted lead">{t.intro}</p>
      <ChainStatus />
      <form className="search-form" onSubmit={submit} aria-labelledby="audit-filter-title" noValidate>
        <h2 id="audit-filter-title" className="span-all">
          {t.filterTitle}
        </h2>
        <TimeRangeFields idPrefix="audit" from={filters.from} to={filters.to} />
        <TextField
          id="audit-actor"
          name="actor"
          label={t.actor}
          defaultValue={filters.actor}
          maxLength={200}
          placeholder={t.examples.actor}
        />
        <TextField
          id="audit-action"
          name="action"
          label={t.action}
          defaultValue={filters.action}
          maxLength={100}
          placeholder={t.examples.action}
          hint={t.actionHint}
        />
        <TextField
          id="audit-subject"
          name="subjectId"
          label={t.subject}
          defaultValue={filters.subjectId}
          maxLength={64}
          placeholder={t.examples.subjectId}
        />
        <div className="form-actions span-all">
          <button type="submit">{t.search}</button>
        </div>
        {formError && (
          <p className="error span-all" role="alert">
            {formError}
          </p>
        )}
      </form>

      <section aria-labelledby="audit-results-title">
        <h2 id="audit-results-title">{t.resultsTitle}</h2>
        <p className="muted" role="status">
          {state.busy ? text.loading : t.shown(entries.length, next !== null)}
        </p>
        {state.error && (
          <p className="error" role="alert">
            {state.error}
          </p>
        )}
        {entries.length > 0 && (
          <Table caption={t.caption} head={t.head}>
            {entries.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td className="nowrap">
                  <time dateTime={e.at}>{formatDate(e.at)}</time>
                </td>
                <td className="text-wrap">{e.actor}</td>
                <td>{e.action}</td>
                <td>{e.subjectId ? <Link to={`/subjects/${e.subjectId}`}>{e.subjectId}</Link> : '—'}</td>
                <td className="text-wrap">{e.target ?? '—'}</td>
                <td className="text-wrap text-small">{auditDetailText(e.detail) || '—'}</td>
                <td>
                  <code className="nowrap" title={e.hash}>
                    {e.hash.slice(0, 12)}…
                  </code>
                </td>
              </tr>
            ))}
          </Table>
        )}
        {next !== null && !state.busy && (
          <button type="button" className="secondary" onClick={() => load(filters, next)}>
            {t.older}
          </button>
        )}
      </section>
    </Page>
  );
}
