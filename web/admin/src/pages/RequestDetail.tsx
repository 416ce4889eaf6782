/**
 * One data subject request: where it stands (state, dates, the deadline and its extension, whether the
 * person confirmed it), what the person asked, what an agent may do next (only the moves its state allows),
 * and what carrying it out produced. Every action answers in the live region at the top of the actions.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { api, type Schemas } from '../api/client.js';
import { CorrectionApproval } from '../components/CorrectionApproval.js';
import { attempt } from '../components/explain.js';
import { Fact, Facts } from '../components/Facts.js';
import { RequestResult } from '../components/RequestResult.js';
import { dueText } from '../components/when.js';
import { Link } from '../router.js';
import { text } from '../text.js';
import { Badge, formatDate, Loaded, Page, Table, useLoad } from '../ui.js';

type AgentRequest = Schemas['AgentRequest'];
type Target = 'in_progress' | 'completed' | 'rejected';
type Done = (updated: AgentRequest, message: string) => void;

const t = text.requestDetail;
const TARGETS: readonly Target[] = ['in_progress', 'completed', 'rejected'];
const STATE_TONE = {
  received: 'neutral',
  verified: 'neutral',
  in_progress: 'warn',
  awaiting_approval: 'warn',
  completed: 'ok',
  rejected: 'bad',
} as const;

/** A form's failure, announced where the form is. */
function Failure({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <p className="error" role="alert" id={id}>
      {message}
    </p>
  );
}

function MoveForm({ request, onDone }: { request: AgentRequest; onDone: Done }) {
  const id = useId();
  const targets = TARGETS.filter((s) => request.transitions.includes(s));
  const [to, setTo] = useState<Target | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  if (targets.length === 0) return null;
  const missingReason = to === 'rejected' && reason.trim() === '';
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!to) return setFailure(t.move.chooseState);
    if (missingReason) {
      setFailure(t.move.needReason);
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const { data, failure: why } = await attempt(
      api.POST('/v1/requests/{id}/transitions', {
        params: { path: { id: request.id } },
        body: { to, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      }),
    );
    setBusy(false);
    if (data) onDone(data, t.move.done(text.requests.states[data.state]));
    else setFailure(why);
  };
  return (
    <section className="action-box" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t.move.title}</h3>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t.move.legend}</legend>
          {targets.map((s) => (
            <label key={s} className="radio-row">
              <input type="radio" name={`${id}-to`} value={s} checked={to === s} onChange={() => setTo(s)} />
              {t.move.to[s]}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${id}-reason`}>{to === 'rejected' ? t.move.reasonRequired : t.move.reason}</label>
        <p className="form-hint" id={`${id}-hint`}>
          {t.move.reasonHint}
        </p>
        <textarea
          id={`${id}-reason`}
          ref={reasonRef}
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={`${id}-hint`}
          aria-invalid={failure !== null && missingReason}
          required={to === 'rejected'}
        />
        <Failure message={failure} />
        <button type="submit" disabled={busy}>
          {busy ? t.busy : t.move.submit}
        </button>
      </form>
    </section>
  );
}

function ExecuteBox({
  request,
  onDone,
  onFailed,
}: {
  request: AgentRequest;
  onDone: Done;
  onFailed: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (request.state !== 'verified' && request.state !== 'in_progress') return null;
  const run = async () => {
    setBusy(true);
    setFailure(null);
    const { data, failure: why } = await attempt(
      api.POST('/v1/requests/{id}/execute', { params: { path: { id: request.id } } }),
    );
    setBusy(false);
    if (data) return onDone(data, t.execute.done);
    setFailure(why);
    // A store that failed leaves the request in progress with a partial report: show it.
    onFailed();
  };
  return (
    <section className="action-box" aria-labelledby="execute-h">
      <h3 id="execute-h">{t.execute.title}</h3>
      <p className="form-hint">{t.execute.hint[request.type]}</p>
      <Failure message={failure} />
      <button type="button" onClick={run} disabled={busy}>
        {busy ? t.execute.busy : t.execute.submit}
      </button>
    </section>
  );
}

function ExtendForm({ request, onDone }: { request: AgentRequest; onDone: Done }) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (request.extended) return null;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() === '') return setFailure(t.extend.needReason);
    setBusy(true);
    setFailure(null);
    const { data, failure: why } = await attempt(
      api.POST('/v1/requests/{id}/extend', {
        params: { path: { id: request.id } },
        body: { reason: reason.trim() },
      }),
    );
    setBusy(false);
    if (data) onDone(data, t.extend.done(formatDate(data.dueAt)));
    else setFailure(why);
  };
  return (
    <section className="action-box" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t.extend.title}</h3>
      <form onSubmit={submit} noValidate>
        <label htmlFor={`${id}-reason`}>{t.extend.reason}</label>
        <p className="form-hint" id={`${id}-hint`}>
          {t.extend.hint}
        </p>
        <textarea
          id={`${id}-reason`}
          rows={3}
          maxLength={2000}
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={`${id}-hint`}
          aria-invalid={failure !== null && reason.trim() === ''}
        />
        <Failure message={failure} />
        <button type="submit" disabled={busy}>
          {busy ? t.busy : t.extend.submit}
        </button>
      </form>
    </section>
  );
}

function Asked({ request }: { request: AgentRequest }) {
  const d = request.details;
  const message = typeof d.message === 'string' ? d.message : null;
  const purposes = Array.isArray(d.purposes) ? d.purposes.filter((p) => typeof p === 'string') : [];
  const corrections = Array.isArray(d.corrections)
    ? d.corrections.filter((c) => typeof c === 'object' && c !== null && typeof c.field === 'string')
    : [];
  if (!message && purposes.length === 0 && corrections.length === 0) return null;
  return (
    <section className="stack-section" aria-labelledby="asked-h">
      <h2 id="asked-h">{t.asked}</h2>
      {message && <blockquote className="person-message">{message}</blockquote>}
      {purposes.length > 0 && <p>{t.purposes(purposes.join(', '))}</p>}
      {corrections.length > 0 && (
        <div className="stack-table">
          <Table caption={t.corrections} head={[t.field, t.value, t.note]}>
            {corrections.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the person's list, in their order
              <tr key={i}>
                <th scope="row">{String(c.field)}</th>
                <td className="wrap-anywhere" data-label={t.value}>
                  {String(c.value ?? '')}
                </td>
                <td data-label={t.note}>{typeof c.note === 'string' ? c.note : '—'}</td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </section>
  );
}

function RequestView({ initial }: { initial: AgentRequest }) {
  const [request, setRequest] = useState(initial);
  const [message, setMessage] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  const open = request.closedAt === null;
  const now = Date.now();
  const onDone: Done = (updated, words) => {
    setRequest(updated);
    setMessage(words);
    // The form that was used may be gone (a closed request has none): keep the keyboard where the news is.
    requestAnimationFrame(() => status.current?.focus());
  };
  const refresh = async () => {
    const { data } = await api.GET('/v1/requests/{id}', { params: { path: { id: request.id } } });
    if (data) setRequest(data);
  };
  return (
    <Page
      title={t.title(text.requests.types[request.type])}
      actions={
        <Link to="/requests" className="back-link">
          {t.back}
        </Link>
      }
    >
      <p className="request-id">
        <code>{request.id}</code>{' '}
        <Badge tone={STATE_TONE[request.state]}>{text.requests.states[request.state]}</Badge>
        {request.overdue && <Badge tone="bad">{text.requests.overdueBadge}</Badge>}
      </p>
      <section className="stack-section" aria-labelledby="facts-h">
        <h2 id="facts-h" className="sr-only">
          {t.facts}
        </h2>
        <Facts className="facts-grid">
          <Fact term={t.type}>{text.requests.types[request.type]}</Fact>
          <Fact term={t.person}>
            <span className="wrap-anywhere">{request.email}</span>
          </Fact>
          <Fact term={t.subject}>{request.subjectId ? <code>{request.subjectId}</code> : t.noSubject}</Fact>
          <Fact term={t.jurisdiction}>{request.jurisdiction.toUpperCase()}</Fact>
          <Fact term={t.received}>{formatDate(request.receivedAt)}</Fact>
          <Fact term={t.verified}>
            {request.verifiedAt ? formatDate(request.verifiedAt) : <Badge tone="warn">{t.notVerified}</Badge>}
          </Fact>
          <Fact term={t.due}>
            {formatDate(request.dueAt)}{' '}
            {open && (
              <span className={request.overdue ? 'error-inline' : 'muted'}>
                ({dueText(request.dueAt, now)})
              </span>
            )}
          </Fact>
          <Fact term={t.extension}>
            {request.extended ? t.extended(request.extensionReason ?? '—') : t.notExtended}
          </Fact>
          {request.closedAt && <Fact term={t.closed}>{formatDate(request.closedAt)}</Fact>}
          {request.closingReason && <Fact term={t.closingReason}>{request.closingReason}</Fact>}
        </Facts>
      </section>
      <Asked request={request} />
      <section className="stack-section" aria-labelledby="actions-h">
        <h2 id="actions-h">{t.actions}</h2>
        <p className="live-note" role="status" ref={status} tabIndex={-1}>
          {message}
        </p>
        {!open ? (
          <p className="muted">{t.noActions}</p>
        ) : (
          <div className="action-grid">
            {request.type === 'correction' && request.state === 'awaiting_approval' && (
              <CorrectionApproval request={request} onDone={onDone} />
            )}
            <ExecuteBox request={request} onDone={onDone} onFailed={refresh} />
            <MoveForm key={request.state} request={request} onDone={onDone} />
            <ExtendForm request={request} onDone={onDone} />
          </div>
        )}
      </section>
      <RequestResult request={request} />
    </Page>
  );
}

const REQUEST_ID = /^dsr_[0-9a-z]{26}$/;

export function RequestDetail({ id }: { id: string }) {
  const valid = REQUEST_ID.test(id);
  const [load] = useLoad(
    () =>
      valid
        ? api.GET('/v1/requests/{id}', { params: { path: { id } } })
        : Promise.resolve({
            data: undefined,
            error: { detail: t.noSuchRequest },
            response: new Response(null, { status: 404 }),
          }),
    [id],
  );
  if (load.state === 'ready') return <RequestView key={load.data.id} initial={load.data} />;
  return (
    <Page title={t.loadingTitle}>
      <Loaded load={load}>{() => null}</Loaded>
      <p>
        <Link to="/requests">{t.back}</Link>
      </p>
    </Page>
  );
}
