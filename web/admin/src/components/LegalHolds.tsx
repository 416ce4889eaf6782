/**
 * Manual legal holds (GDPR Art. 17(3)(e)): the list, newest first, a form to place one on a person or on
 * one record of a company store (tables from the loaded policy), and release, confirmed in place.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { api, type Schemas } from '../api/client.js';
import { text } from '../text.js';
import { Badge, formatDate, Loaded, Table, useLoad } from '../ui.js';
import { ChoiceField } from './ChoiceField.js';
import { attempt } from './explain.js';

type Hold = Schemas['LegalHold'];
type Dataset = Schemas['PolicyView']['datasets'][number];

const t = text.retention.holds;
const c = text.retention.create;
const SUBJECT_ID = /^sub_[0-9a-z]{26}$/;

function scopeText(hold: Hold): string {
  return hold.scope.kind === 'subject'
    ? t.person(hold.scope.subjectId)
    : t.record(hold.scope.dataset, hold.scope.table, hold.scope.recordKey);
}

function HoldState({ hold }: { hold: Hold }) {
  if (hold.active) return <Badge tone="warn">{t.active}</Badge>;
  if (hold.releasedAt) return <span>{t.released(formatDate(hold.releasedAt), hold.releasedBy ?? '—')}</span>;
  return <Badge tone="neutral">{t.ended}</Badge>;
}

function ReleaseButton({ hold, onReleased }: { hold: Hold; onReleased: (hold: Hold) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const release = async () => {
    setBusy(true);
    const { data, failure: why } = await attempt(
      api.POST('/v1/legal-holds/{id}/release', { params: { path: { id: hold.id } } }),
    );
    setBusy(false);
    setConfirming(false);
    if (data) onReleased(data);
    else setFailure(why);
  };
  if (!confirming)
    return (
      <>
        <button
          type="button"
          ref={first}
          className="secondary btn-small"
          aria-label={t.releaseLabel(scopeText(hold))}
          onClick={() => {
            setConfirming(true);
            requestAnimationFrame(() => yes.current?.focus());
          }}
        >
          {t.release}
        </button>
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
      </>
    );
  return (
    // biome-ignore lint/a11y/useSemanticElements: an inline confirmation, not a modal dialog
    <div className="confirm-inline" role="group" aria-label={t.release}>
      <p>{t.confirmRelease}</p>
      <div className="button-row">
        <button type="button" ref={yes} className="btn-danger btn-small" onClick={release} disabled={busy}>
          {t.yesRelease}
        </button>
        <button
          type="button"
          className="secondary btn-small"
          onClick={() => {
            setConfirming(false);
            requestAnimationFrame(() => first.current?.focus());
          }}
        >
          {text.retention.cancel}
        </button>
      </div>
    </div>
  );
}

function HoldForm({ datasets, onPlaced }: { datasets: readonly Dataset[]; onPlaced: (hold: Hold) => void }) {
  const id = useId();
  const [kind, setKind] = useState<'subject' | 'record'>('subject');
  const [subjectId, setSubjectId] = useState('');
  const [dataset, setDataset] = useState('');
  const [table, setTable] = useState('');
  const [key, setKey] = useState('');
  const [reason, setReason] = useState('');
  const [ends, setEnds] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; field?: string } | null>(null);
  const tables = datasets.find((d) => d.id === dataset)?.tables ?? [];

  const check = (): { message: string; field: string } | null => {
    if (kind === 'subject' && !SUBJECT_ID.test(subjectId.trim()))
      return { message: c.badSubject, field: 'subject' };
    if (kind === 'record' && (!dataset || !table || !key.trim()))
      return { message: c.needRecord, field: 'dataset' };
    if (reason.trim().length < 3) return { message: c.needReason, field: 'reason' };
    return null;
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = check();
    if (problem) {
      setFailure(problem);
      document.getElementById(`${id}-${problem.field}`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const scope =
      kind === 'subject' ? { subjectId: subjectId.trim() } : { record: { dataset, table, key: key.trim() } };
    const { data, failure: why } = await attempt(
      api.POST('/v1/legal-holds', {
        // The hold lasts through the chosen day (UTC).
        body: { ...scope, reason: reason.trim(), ...(ends ? { expiresAt: `${ends}T23:59:59.999Z` } : {}) },
      }),
    );
    setBusy(false);
    if (!data) return setFailure({ message: why });
    onPlaced(data);
    setSubjectId('');
    setKey('');
    setReason('');
    setEnds('');
  };
  const invalid = (field: string) => failure?.field === field || undefined;
  return (
    <form className="action-box hold-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{c.title}</h3>
      <fieldset>
        <legend>{c.scope}</legend>
        <label className="radio-row">
          <input
            type="radio"
            name={`${id}-kind`}
            checked={kind === 'subject'}
            onChange={() => setKind('subject')}
          />
          {c.person}
        </label>
        <label className="radio-row">
          <input
            type="radio"
            name={`${id}-kind`}
            checked={kind === 'record'}
            onChange={() => setKind('record')}
          />
          {c.record}
        </label>
      </fieldset>
      {kind === 'subject' ? (
        <>
          <label htmlFor={`${id}-subject`}>{c.subject}</label>
          <p className="form-hint" id={`${id}-subject-hint`}>
            {c.subjectHint}
          </p>
          <input
            id={`${id}-subject`}
            value={subjectId}
            onChange={(e) => setSubjectId(e.target.value)}
            maxLength={30}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-subject-hint`}
            aria-invalid={invalid('subject')}
          />
        </>
      ) : (
        <div className="field-grid">
          <ChoiceField
            id={`${id}-dataset`}
            label={c.dataset}
            value={dataset}
            placeholder={c.choose}
            options={datasets.map((d) => ({ value: d.id, label: d.title }))}
            onChange={(value) => {
              setDataset(value);
              setTable('');
            }}
            invalid={invalid('dataset')}
          />
          <ChoiceField
            id={`${id}-table`}
            label={c.table}
            value={table}
            placeholder={c.choose}
            options={tables.map((tb) => ({ value: tb.name, label: tb.name }))}
            onChange={setTable}
          />
          <div>
            <label htmlFor={`${id}-key`}>{c.key}</label>
            <input id={`${id}-key`} value={key} onChange={(e) => setKey(e.target.value)} maxLength={200} />
          </div>
        </div>
      )}
      <label htmlFor={`${id}-reason`}>{c.reason}</label>
      <p className="form-hint" id={`${id}-reason-hint`}>
        {c.reasonHint}
      </p>
      <textarea
        id={`${id}-reason`}
        rows={3}
        maxLength={2000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-describedby={`${id}-reason-hint`}
        aria-invalid={invalid('reason')}
      />
      <label htmlFor={`${id}-ends`}>{c.expires}</label>
      <p className="form-hint" id={`${id}-ends-hint`}>
        {c.expiresHint}
      </p>
      <input
        id={`${id}-ends`}
        type="date"
        value={ends}
        onChange={(e) => setEnds(e.target.value)}
        aria-describedby={`${id}-ends-hint`}
      />
      {failure && (
        <p className="error" role="alert">
          {failure.message}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? c.busy : c.submit}
      </button>
    </form>
  );
}

export function LegalHolds({ canPlace, canRelease }: { canPlace: boolean; canRelease: boolean }) {
  const [load] = useLoad(() => api.GET('/v1/legal-holds', { params: { query: { limit: 500 } } }));
  const [policy] = useLoad(() => api.GET('/v1/policy'));
  // Changes made here, over the list as loaded: no reload, so the keyboard stays where it was.
  const [placedHere, setPlacedHere] = useState<Hold[]>([]);
  const [changed, setChanged] = useState<ReadonlyMap<string, Hold>>(new Map());
  const [message, setMessage] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  const h = t.head;
  const placed = (hold: Hold) => {
    setPlacedHere((list) => [hold, ...list]);
    setMessage(c.done(scopeText(hold)));
  };
  const released = (hold: Hold) => {
    setChanged((map) => new Map(map).set(hold.id, hold));
    setMessage(t.releasedDone(scopeText(hold)));
    // The button pressed is gone: the keyboard goes to the news.
    requestAnimationFrame(() => status.current?.focus());
  };
  return (
    <section className="stack-section" aria-labelledby="holds-h">
      <h2 id="holds-h">{t.title}</h2>
      <p className="muted">{t.intro}</p>
      <p className="live-note" role="status" ref={status} tabIndex={-1}>
        {message}
      </p>
      {canPlace && (
        <Loaded load={policy}>{({ datasets }) => <HoldForm datasets={datasets} onPlaced={placed} />}</Loaded>
      )}
      <Loaded load={load}>
        {(list) => {
          const holds = [
            ...placedHere,
            ...list.holds.filter((x) => !placedHere.some((p) => p.id === x.id)),
          ].map((x) => changed.get(x.id) ?? x);
          return holds.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <div className="stack-table">
              <Table
                caption={t.caption}
                head={[h.scope, h.reason, h.since, h.ends, h.state, ...(canRelease ? [h.action] : [])]}
              >
                {holds.map((hold) => (
                  <tr key={hold.id}>
                    <th scope="row" className="wrap-anywhere">
                      {scopeText(hold)}
                    </th>
                    <td className="hold-reason" data-label={h.reason}>
                      {hold.reason}
                    </td>
                    <td data-label={h.since}>
                      {formatDate(hold.createdAt)}
                      <br />
                      <span className="muted">{t.by(hold.createdBy)}</span>
                    </td>
                    <td data-label={h.ends}>
                      {hold.expiresAt ? formatDate(hold.expiresAt) : t.untilReleased}
                    </td>
                    <td data-label={h.state}>
                      <HoldState hold={hold} />
                    </td>
                    {canRelease && (
                      <td data-label={h.action}>
                        {hold.active ? <ReleaseButton hold={hold} onReleased={released} /> : '—'}
                      </td>
                    )}
                  </tr>
                ))}
              </Table>
            </div>
          );
        }}
      </Loaded>
    </section>
  );
}
