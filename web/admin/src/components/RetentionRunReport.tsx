/** A retention run in the console: its status badge, its totals, and its report per rule. */
import type { Schemas } from '../api/client.js';
import { text } from '../text.js';
import { Badge, formatDate, Table } from '../ui.js';

const formatDay = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });

export type RetentionRun = Schemas['RetentionRun'];

const TONE = { running: 'neutral', ok: 'ok', partial: 'warn', failed: 'bad' } as const;

export function RunStatus({ run }: { run: RetentionRun }) {
  return <Badge tone={TONE[run.status]}>{text.retention.run.status[run.status]}</Badge>;
}

export function runTotals(run: RetentionRun) {
  return {
    rows: run.rules.reduce((n, r) => n + r.rows, 0),
    held: run.rules.reduce((n, r) => n + r.held, 0),
    errors: run.rules.filter((r) => r.error !== undefined).length,
  };
}

export function RuleReportTable({ run }: { run: RetentionRun }) {
  const h = text.retention.run.head;
  return (
    <div className="stack-table compact">
      <Table
        caption={text.retention.run.caption(formatDate(run.startedAt))}
        head={[h.rule, h.action, h.cutoff, h.rows, h.blocked, h.held, h.time, h.error]}
      >
        {run.rules.map((rule) => (
          <tr key={rule.rule} className={rule.error ? 'row-bad' : undefined}>
            <th scope="row">
              <code>{rule.rule}</code>
            </th>
            <td data-label={h.action}>{text.retention.run.actions[rule.action]}</td>
            <td className="nowrap" data-label={h.cutoff}>
              {formatDay(rule.cutoff)}
            </td>
            <td className="cell-num" data-label={h.rows}>
              {rule.rows}
              {rule.subjects !== undefined && (
                <span className="muted"> {text.retention.run.people(rule.subjects)}</span>
              )}
            </td>
            <td className="cell-num" data-label={h.blocked}>
              {rule.blocked}
            </td>
            <td className="cell-num" data-label={h.held}>
              {rule.held}
            </td>
            <td className="cell-num" data-label={h.time}>
              {text.retention.run.ms(rule.durationMs)}
            </td>
            <td data-label={h.error}>
              {rule.error ? <span className="error-inline">{rule.error}</span> : '—'}
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
