/**
 * Retention: the stored sweep runs with their report per rule, a dry run (counts, changes nothing) and a
 * real run for admins (confirmed first: it deletes), and the manual legal holds, placed by admins and
 * agents and released by admins.
 */
import { useRef, useState } from 'react';
import { api, type Schemas } from '../api/client.js';
import { attempt } from '../components/explain.js';
import { LegalHolds } from '../components/LegalHolds.js';
import {
  type RetentionRun,
  RuleReportTable,
  RunStatus,
  runTotals,
} from '../components/RetentionRunReport.js';
import { canAct, useRole } from '../components/use-role.js';
import { text } from '../text.js';
import { formatDate, Loaded, Page, useLoad } from '../ui.js';

const t = text.retention;
const PAGE_SIZE = 10;

function RunItem({ run, open }: { run: RetentionRun; open: boolean }) {
  const totals = runTotals(run);
  return (
    <li className="run-item">
      <details open={open}>
        <summary>
          <span className="run-when">{formatDate(run.startedAt)}</span>{' '}
          <span>{run.dryRun ? t.run.kind.dry : t.run.kind.real}</span> <RunStatus run={run} />{' '}
          <span className="muted">
            {t.run.rows(totals.rows, run.dryRun)} · {t.run.trigger[run.trigger]} · {t.run.by(run.actor)}
          </span>
        </summary>
        <RuleReportTable run={run} />
      </details>
    </li>
  );
}

function SweepButtons({ onRun }: { onRun: (run: RetentionRun) => void }) {
  const [busy, setBusy] = useState<'dry' | 'real' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const runButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const sweep = async (dryRun: boolean) => {
    setBusy(dryRun ? 'dry' : 'real');
    setFailure(null);
    setConfirming(false);
    const { data, failure: why } = await attempt(api.POST('/v1/retention/runs', { body: { dryRun } }));
    setBusy(null);
    if (data) onRun(data);
    else setFailure(why);
  };
  const askConfirm = () => {
    setConfirming(true);
    requestAnimationFrame(() => confirmButton.current?.focus());
  };
  const cancel = () => {
    setConfirming(false);
    requestAnimationFrame(() => runButton.current?.focus());
  };
  return (
    <div className="sweep-buttons">
      <div className="button-row">
        <button type="button" className="secondary" onClick={() => sweep(true)} disabled={busy !== null}>
          {busy === 'dry' ? t.running : t.dryRun}
        </button>
        <button type="button" ref={runButton} onClick={askConfirm} disabled={busy !== null || confirming}>
          {busy === 'real' ? t.running : t.runNow}
        </button>
      </div>
      {confirming && (
        // biome-ignore lint/a11y/useSemanticElements: an inline confirmation, not a modal dialog
        <div className="confirm-inline" role="group" aria-labelledby="confirm-run">
          <p id="confirm-run">{t.confirmRun}</p>
          <div className="button-row">
            <button type="button" ref={confirmButton} className="btn-danger" onClick={() => sweep(false)}>
              {t.confirmYes}
            </button>
            <button type="button" className="secondary" onClick={cancel}>
              {t.cancel}
            </button>
          </div>
        </div>
      )}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}

function Runs({ admin }: { admin: boolean }) {
  const [load] = useLoad(() => api.GET('/v1/retention/runs', { params: { query: { limit: PAGE_SIZE } } }));
  const [added, setAdded] = useState<RetentionRun[]>([]);
  const [older, setOlder] = useState<{ runs: RetentionRun[]; next: string | null } | null>(null);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const onRun = (run: RetentionRun) => {
    setAdded((runs) => [run, ...runs]);
    const { rows } = runTotals(run);
    setMessage(run.dryRun ? t.dryRunDone(rows, run.rules.length) : t.runDone(rows, run.rules.length));
  };
  const more = async (next: string) => {
    const { data, failure: why } = await attempt(
      api.GET('/v1/retention/runs', { params: { query: { limit: PAGE_SIZE, before: next } } }),
    );
    if (!data) return setFailure(why);
    setOlder((o) => ({ runs: [...(o?.runs ?? []), ...data.runs], next: data.next }));
  };
  return (
    <section className="stack-section" aria-labelledby="runs-h">
      <div className="section-bar">
        <h2 id="runs-h">{t.runsTitle}</h2>
        {admin && <SweepButtons onRun={onRun} />}
      </div>
      <p className="muted">{t.runsIntro}</p>
      <p className="live-note" role="status">
        {message}
      </p>
      <Loaded load={load}>
        {(page: Schemas['RetentionRunList']) => {
          const runs = [
            ...added,
            ...page.runs.filter((r) => !added.some((a) => a.id === r.id)),
            ...(older?.runs ?? []),
          ];
          const next = older ? older.next : page.next;
          if (runs.length === 0) return <p>{t.noRuns}</p>;
          return (
            <>
              <ul className="run-list">
                {runs.map((run, i) => (
                  <RunItem key={run.id} run={run} open={i === 0} />
                ))}
              </ul>
              {failure && (
                <p className="error" role="alert">
                  {failure}
                </p>
              )}
              {next && (
                <button type="button" className="secondary" onClick={() => more(next)}>
                  {t.older}
                </button>
              )}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

export function Retention() {
  const role = useRole();
  return (
    <Page title={t.title}>
      <Runs admin={canAct(role, ['admin'])} />
      <LegalHolds canPlace={canAct(role, ['admin', 'agent'])} canRelease={canAct(role, ['admin'])} />
    </Page>
  );
}
