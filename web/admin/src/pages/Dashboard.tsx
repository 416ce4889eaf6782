/**
 * The first page an operator sees: whether the policy's promises are kept (and what breaks those that
 * are not), the requests whose deadline is near or past, the consent trend, and the last retention runs.
 * Each section loads on its own, so one that fails or is not for this role leaves the others readable.
 */
import { type ChangeEvent, type ReactNode, useState } from 'react';
import { api, type Schemas } from '../api/client.js';
import { type ChartSeries, TrendChart } from '../components/Chart.js';
import { Fact, Facts } from '../components/Facts.js';
import { RunStatus, runTotals } from '../components/RetentionRunReport.js';
import { daysUntil, dueText, longDay, shortDay } from '../components/when.js';
import { Link } from '../router.js';
import { text } from '../text.js';
import { Badge, formatDate, Loaded, Page, Table, useLoad } from '../ui.js';

type Check = Schemas['ConformanceCheck'];
type Report = Schemas['ConformanceReport'];
type AgentRequest = Schemas['AgentRequest'];
type ConsentStats = Schemas['ConsentStats'];

const t = text.dashboard;
const SOON_DAYS = 7;
const PER_TABLE = 10;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="dash-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function evidenceValue(value: Check['evidence'][string]): string {
  if (value === null) return '—';
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : '—';
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  return String(value);
}

const CHECK_TONE = { pass: 'ok', fail: 'bad', error: 'warn' } as const;

function CheckItem({ check, open }: { check: Check; open: boolean }) {
  const evidence = Object.entries(check.evidence);
  return (
    <li className={`promise promise-${check.status}`}>
      <details open={open}>
        <summary>
          <Badge tone={CHECK_TONE[check.status]}>{t.promises.status[check.status]}</Badge>{' '}
          <span className="promise-text">{check.promise}</span>
        </summary>
        <div className="promise-body">
          {check.breaks.length > 0 && (
            <>
              <h4>{check.status === 'error' ? t.promises.notChecked : t.promises.breaks}</h4>
              <ul className="break-list">
                {check.breaks.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </>
          )}
          <Facts>
            <Fact term={t.promises.check}>
              <code>{check.id}</code>
            </Fact>
            {check.clauses.length > 0 && <Fact term={t.promises.clauses}>{check.clauses.join(', ')}</Fact>}
            {evidence.map(([key, value]) => (
              <Fact key={key} term={key}>
                {evidenceValue(value)}
              </Fact>
            ))}
          </Facts>
        </div>
      </details>
    </li>
  );
}

function PromiseReport({ report }: { report: Report }) {
  const broken = report.checks.filter((c) => c.status !== 'pass');
  const kept = report.checks.filter((c) => c.status === 'pass');
  const { pass, fail, error } = report.summary;
  return (
    <>
      <div className="cards">
        <div className={`card card-${fail + error === 0 ? 'ok' : 'bad'}`}>
          <p className="figure">
            {pass} <span className="figure-of">{t.promises.of(report.checks.length)}</span>
          </p>
          <p>{t.promises.kept}</p>
        </div>
        <div className={`card${fail > 0 ? ' card-bad' : ''}`}>
          <p className="figure">{fail}</p>
          <p>{t.promises.broken}</p>
        </div>
        <div className={`card${error > 0 ? ' card-warn' : ''}`}>
          <p className="figure">{error}</p>
          <p>{t.promises.notCheckedCount}</p>
        </div>
      </div>
      <p className="muted">
        {t.promises.checkedAt(
          formatDate(report.generatedAt),
          report.policy.version ?? report.policy.contentHash.slice(0, 12),
        )}
      </p>
      {broken.length === 0 ? (
        <p className="all-kept">{t.promises.allKept}</p>
      ) : (
        <>
          <h3>{t.promises.brokenTitle}</h3>
          <ul className="promise-list">
            {broken.map((c) => (
              <CheckItem key={c.id} check={c} open />
            ))}
          </ul>
        </>
      )}
      {kept.length > 0 && (
        <details className="kept-promises">
          <summary>{t.promises.keptTitle(kept.length)}</summary>
          <ul className="promise-list">
            {kept.map((c) => (
              <CheckItem key={c.id} check={c} open={false} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function RequestRows({ caption, requests, now }: { caption: string; requests: AgentRequest[]; now: number }) {
  const h = text.requests.head;
  return (
    <div className="stack-table">
      <Table caption={caption} head={[h.request, h.person, h.state, h.due]}>
        {requests.slice(0, PER_TABLE).map((r) => (
          <tr key={r.id} className={r.overdue ? 'row-overdue' : undefined}>
            <th scope="row">
              <Link to={`/requests/${r.id}`}>{text.requests.types[r.type]}</Link>
            </th>
            <td className="wrap-anywhere" data-label={h.person}>
              {r.email}
            </td>
            <td data-label={h.state}>{text.requests.states[r.state]}</td>
            <td data-label={h.due}>
              {formatDate(r.dueAt)}
              <br />
              <span className={r.overdue ? 'error-inline' : 'muted'}>{dueText(r.dueAt, now)}</span>
            </td>
          </tr>
        ))}
      </Table>
      {requests.length > PER_TABLE && <p className="muted">{t.due.more(requests.length - PER_TABLE)}</p>}
    </div>
  );
}

function DueRequests() {
  const [load] = useLoad(() => api.GET('/v1/requests', { params: { query: { state: 'open', limit: 500 } } }));
  const now = Date.now();
  return (
    <Section id="dash-due" title={t.due.title}>
      <Loaded load={load}>
        {({ requests }) => {
          const overdue = requests.filter((r) => r.overdue);
          const soon = requests.filter((r) => !r.overdue && daysUntil(r.dueAt, now) < SOON_DAYS);
          return (
            <>
              {overdue.length + soon.length === 0 && <p>{t.due.none(SOON_DAYS)}</p>}
              {overdue.length > 0 && (
                <RequestRows caption={t.due.overdue(overdue.length)} requests={overdue} now={now} />
              )}
              {soon.length > 0 && (
                <RequestRows caption={t.due.soon(soon.length, SOON_DAYS)} requests={soon} now={now} />
              )}
              <p>
                <Link to="/requests">{t.due.all}</Link>
              </p>
            </>
          );
        }}
      </Loaded>
    </Section>
  );
}

const PERIODS = [7, 30, 90, 365] as const;

function ConsentTrendView({ stats }: { stats: ConsentStats }) {
  const series: ChartSeries[] = [
    { label: t.trend.given, values: stats.days.map((d) => d.given) },
    { label: t.trend.withdrawn, values: stats.days.map((d) => d.withdrawn) },
    { label: t.trend.unsubscribed, values: stats.days.map((d) => d.unsubscribed + d.objected) },
  ];
  const { given, withdrawn, unsubscribed, objected } = stats.totals;
  const perDay = stats.days.map((d) => d.given + d.withdrawn + d.unsubscribed + d.objected);
  const peak = Math.max(0, ...perDay);
  const busiest = peak > 0 ? stats.days[perDay.indexOf(peak)] : undefined;
  const summary =
    t.trend.totals(stats.days.length, given, withdrawn, unsubscribed + objected) +
    (busiest ? t.trend.busiest(longDay(busiest.date), peak) : '');
  return (
    <>
      {/* A live region: choosing another period reads out the new totals. */}
      <p role="status">{summary}</p>
      <TrendChart
        title={t.trend.chartTitle(longDay(stats.from), longDay(stats.to))}
        summary={summary}
        points={stats.days.map((d) => ({ short: shortDay(d.date), long: longDay(d.date) }))}
        series={series}
        pointHeading={t.trend.day}
      />
    </>
  );
}

function ConsentTrend() {
  const [days, setDays] = useState<number>(30);
  const [load] = useLoad(() => api.GET('/v1/stats/consent', { params: { query: { days } } }), [days]);
  // The chart stays while another period loads, so its table stays open and the page does not jump.
  const [shown, setShown] = useState<ConsentStats | null>(null);
  if (load.state === 'ready' && load.data !== shown) setShown(load.data);
  const onPeriod = (event: ChangeEvent<HTMLSelectElement>) => setDays(Number(event.target.value));
  return (
    <Section id="dash-trend" title={t.trend.title}>
      <div className="inline-field">
        <label htmlFor="trend-period">{t.trend.period}</label>
        <select id="trend-period" value={days} onChange={onPeriod} aria-busy={load.state === 'loading'}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t.trend.lastDays(p)}
            </option>
          ))}
        </select>
      </div>
      {shown && load.state !== 'error' ? (
        <ConsentTrendView stats={shown} />
      ) : (
        <Loaded load={load}>{(stats) => <ConsentTrendView stats={stats} />}</Loaded>
      )}
    </Section>
  );
}

function RetentionRuns() {
  const [load] = useLoad(() => api.GET('/v1/retention/runs', { params: { query: { limit: 5 } } }));
  const h = text.retention.run.head;
  return (
    <Section id="dash-runs" title={t.runs.title}>
      <Loaded load={load}>
        {({ runs }) =>
          runs.length === 0 ? (
            <p>{t.runs.none}</p>
          ) : (
            <div className="stack-table">
              <Table caption={t.runs.caption} head={[h.started, h.kind, h.status, h.rows, h.held]}>
                {runs.map((run) => {
                  const totals = runTotals(run);
                  return (
                    <tr key={run.id}>
                      <th scope="row">{formatDate(run.startedAt)}</th>
                      <td data-label={h.kind}>
                        {run.dryRun ? text.retention.run.kind.dry : text.retention.run.kind.real}{' '}
                        <span className="muted">{text.retention.run.trigger[run.trigger]}</span>
                      </td>
                      <td data-label={h.status}>
                        <RunStatus run={run} />
                        {totals.errors > 0 && (
                          <span className="error-inline"> {text.retention.run.errors(totals.errors)}</span>
                        )}
                      </td>
                      <td className="cell-num" data-label={h.rows}>
                        {text.retention.run.rows(totals.rows, run.dryRun)}
                      </td>
                      <td className="cell-num" data-label={h.held}>
                        {totals.held}
                      </td>
                    </tr>
                  );
                })}
              </Table>
            </div>
          )
        }
      </Loaded>
      <p>
        <Link to="/retention">{t.runs.all}</Link>
      </p>
    </Section>
  );
}

function Promises() {
  const [load] = useLoad(() => api.GET('/v1/conformance'));
  return (
    <Section id="dash-promises" title={t.promises.title}>
      <Loaded load={load}>{(report) => <PromiseReport report={report} />}</Loaded>
    </Section>
  );
}

export function Dashboard() {
  return (
    <Page title={text.nav.dashboard}>
      <Promises />
      <DueRequests />
      <ConsentTrend />
      <RetentionRuns />
    </Page>
  );
}
