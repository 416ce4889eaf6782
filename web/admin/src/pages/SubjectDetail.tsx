/**
 * One person: identities, relationships, the consent timeline with each entry's ledger proof, the current
 * consent and suppression state folded from it, disclosures, legal holds and the audit entries. Each
 * section loads on its own, so a role that may not see one still sees the others.
 */
import { type ReactNode, useEffect, useState } from 'react';
import { api, describeProblem, type Schemas } from '../api/client.js';
import { auditDetailText } from '../components/auditDetail.js';
import { summariseConsent } from '../components/consentSummary.js';
import { Link } from '../router.js';
import { text } from '../text.js';
import { Badge, formatDate, Loaded, Page, Table, useLoad } from '../ui.js';

const t = text.subjectDetail;
type PolicyView = Schemas['PolicyView'];
type AuditEntry = Schemas['AuditEntry'];

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="detail-section">
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** Names from the policy when it could be read; the ids otherwise. */
function namesOf(policy: PolicyView | undefined) {
  const purposes = new Map(policy?.purposes.map((p) => [p.id, p.title]));
  const parties = new Map([
    ...(policy?.processors.map((p) => [p.id, p.name] as const) ?? []),
    ...(policy?.recipients.map((r) => [r.id, r.name] as const) ?? []),
  ]);
  const categories = new Map(policy?.categories.map((c) => [c.id, c.title]));
  return {
    purpose: (id: string) => (id === '*' ? t.allMarketing : (purposes.get(id) ?? id)),
    party: (id: string) => parties.get(id) ?? id,
    category: (id: string) => categories.get(id) ?? id,
  };
}
type Names = ReturnType<typeof namesOf>;

function Proof({ event }: { event: Schemas['ConsentEvent'] }) {
  return (
    <dl className="proof">
      <dt>{t.proof.seq}</dt>
      <dd>{event.seq}</dd>
      <dt>{t.proof.hash}</dt>
      <dd>
        <code className="hash">{event.hash}</code>
      </dd>
      <dt>{t.proof.prevHash}</dt>
      <dd>
        <code className="hash">{event.prevHash}</code>
      </dd>
      <dt>{t.proof.policyHash}</dt>
      <dd>
        <code className="hash">{event.policyHash}</code>
      </dd>
    </dl>
  );
}

function Timeline({ events, names }: { events: Schemas['ConsentEvent'][]; names: Names }) {
  if (events.length === 0) return <p className="muted">{t.noConsents}</p>;
  const newestFirst = [...events].sort((a, b) => b.seq - a.seq);
  return (
    <ol className="timeline" aria-label={t.timelineLabel}>
      {newestFirst.map((e) => {
        const evidence = [
          e.evidence.formId && t.evidence.form(e.evidence.formId),
          e.evidence.noticeId && t.evidence.notice(e.evidence.noticeId),
          e.evidence.ipPrefix && t.evidence.ip(e.evidence.ipPrefix),
          e.evidence.language && t.evidence.language(e.evidence.language),
        ].filter(Boolean);
        return (
          <li key={e.id} className="timeline-item">
            <p className="timeline-head">
              <Badge tone={e.action === 'given' || e.action === 'resubscribed' ? 'ok' : 'warn'}>
                {t.actions[e.action]}
              </Badge>{' '}
              <strong>{names.purpose(e.purpose)}</strong>{' '}
              <time dateTime={e.occurredAt} className="muted">
                {formatDate(e.occurredAt)}
              </time>
            </p>
            <p className="muted text-small">
              {t.channel(t.channels[e.channel])} · {t.recorded(formatDate(e.recordedAt))}
              {evidence.length > 0 && ` · ${evidence.join(' · ')}`}
            </p>
            {e.evidence.userAgent && (
              <p className="muted text-small text-wrap">{t.evidence.userAgent(e.evidence.userAgent)}</p>
            )}
            <Proof event={e} />
            <p className="text-small">
              <a href={e.receiptUrl}>{t.receipt}</a>
            </p>
          </li>
        );
      })}
    </ol>
  );
}

function CurrentState({ events, names }: { events: Schemas['ConsentEvent'][]; names: Names }) {
  const { consents, suppressions } = summariseConsent(events);
  const active = suppressions.filter((s) => s.active);
  return (
    <div className="cards state-cards">
      <div className="card">
        <h3>{t.suppressionTitle}</h3>
        {active.length === 0 ? (
          <p>
            <Badge tone="ok">{t.notSuppressed}</Badge>
          </p>
        ) : (
          <ul className="plain-list">
            {active.map((s) => (
              <li key={s.scope}>
                <Badge tone="bad">{t.suppressed}</Badge> {names.purpose(s.scope)}
                <span className="muted text-small">
                  {' '}
                  — {t.suppressedSince(t.actions[s.reason], formatDate(s.since), s.seq)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="card">
        <h3>{t.consentNowTitle}</h3>
        {consents.length === 0 ? (
          <p className="muted">{t.noConsents}</p>
        ) : (
          <ul className="plain-list">
            {consents.map((c) => (
              <li key={c.purpose}>
                <Badge tone={c.status === 'given' ? 'ok' : 'neutral'}>{t.actions[c.status]}</Badge>{' '}
                {names.purpose(c.purpose)}
                <span className="muted text-small"> — {t.since(formatDate(c.since), c.seq)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function AuditSection({ id }: { id: string }) {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [state, setState] = useState<{ busy: boolean; more: boolean; error: string | null }>({
    busy: true,
    more: false,
    error: null,
  });
  const PAGE = 50;
  const load = async (after: number | undefined, replace: boolean) => {
    setState((s) => ({ ...s, busy: true, error: null }));
    const { data, error, response } = await api.GET('/v1/subjects/{id}/audit', {
      params: { path: { id }, query: { limit: PAGE, ...(after === undefined ? {} : { after }) } },
    });
    if (!data)
      return setState({
        busy: false,
        more: false,
        error: response.status === 403 ? text.forbidden : describeProblem(error),
      });
    setEntries((old) => (replace ? data.entries : [...old, ...data.entries]));
    setState({ busy: false, more: data.entries.length === PAGE, error: null });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload only when the subject changes
  useEffect(() => {
    load(undefined, true);
  }, [id]);
  return (
    <>
      <p className="muted">
        {t.auditIntro} <Link to={`/audit?subjectId=${id}`}>{t.auditOpen}</Link>
      </p>
      {state.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      {!state.error && entries.length === 0 && !state.busy && <p className="muted">{text.empty}</p>}
      {entries.length > 0 && (
        <div className="quiet-caption wide-table">
          <Table caption={t.auditCaption} head={t.auditHead}>
            {entries.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td className="nowrap">
                  <time dateTime={e.at}>{formatDate(e.at)}</time>
                </td>
                <td>{e.action}</td>
                <td className="text-wrap">{e.actor}</td>
                <td className="text-wrap text-small">{auditDetailText(e.detail)}</td>
              </tr>
            ))}
          </Table>
        </div>
      )}
      {state.busy && (
        <p className="muted" role="status">
          {text.loading}
        </p>
      )}
      {state.more && !state.busy && (
        <button type="button" className="secondary" onClick={() => load(entries.at(-1)?.seq, false)}>
          {t.auditMore}
        </button>
      )}
    </>
  );
}

export function SubjectDetail({ id }: { id: string }) {
  const [subject] = useLoad(() => api.GET('/v1/subjects/{id}', { params: { path: { id } } }), [id]);
  const [consents] = useLoad(() => api.GET('/v1/subjects/{id}/consents', { params: { path: { id } } }), [id]);
  const [disclosures] = useLoad(
    () => api.GET('/v1/subjects/{id}/disclosures', { params: { path: { id } } }),
    [id],
  );
  const [holds] = useLoad(() => api.GET('/v1/legal-holds', { params: { query: { subjectId: id } } }), [id]);
  const [requests] = useLoad(
    () => api.GET('/v1/requests', { params: { query: { state: 'all', subjectId: id, limit: 100 } } }),
    [id],
  );
  const [policy] = useLoad(() => api.GET('/v1/policy'));
  const names = namesOf(policy.state === 'ready' ? policy.data : undefined);

  return (
    <Page title={t.title(id)}>
      <p className="muted lead">{t.intro}</p>
      <nav aria-label={t.sectionsLabel} className="section-links">
        <ul>
          {t.sections.map(([anchor, label]) => (
            <li key={anchor}>
              <a href={`#${anchor}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>

      <Section id="identities" title={t.identitiesTitle}>
        <Loaded load={subject}>
          {(s) => (
            <>
              <p className="muted">{t.createdUpdated(formatDate(s.createdAt), formatDate(s.updatedAt))}</p>
              <div className="quiet-caption">
                <Table caption={t.identitiesTitle} head={t.identitiesHead}>
                  {s.identities.map((i) => (
                    <tr key={i.id}>
                      <td>{text.subjects.types[i.type]}</td>
                      <td className="text-wrap">{i.value}</td>
                      <td>{i.namespace || '—'}</td>
                      <td className="nowrap">{formatDate(i.createdAt)}</td>
                    </tr>
                  ))}
                </Table>
              </div>
              <h3 id="relationships">{t.relationshipsTitle}</h3>
              {s.relationships.length === 0 ? (
                <p className="muted">{text.subjects.noRelationships}</p>
              ) : (
                <div className="quiet-caption">
                  <Table caption={t.relationshipsTitle} head={t.relationshipsHead}>
                    {s.relationships.map((r) => (
                      <tr key={r.id}>
                        <td>{r.kind}</td>
                        <td className="nowrap">{formatDate(r.startedAt)}</td>
                        <td className="nowrap">{r.endedAt ? formatDate(r.endedAt) : t.ongoing}</td>
                        <td>
                          <Badge tone={r.active ? 'ok' : 'neutral'}>
                            {r.active ? text.subjects.active : text.subjects.ended}
                          </Badge>
                        </td>
                        <td>{r.reference ?? '—'}</td>
                      </tr>
                    ))}
                  </Table>
                </div>
              )}
            </>
          )}
        </Loaded>
      </Section>

      <Section id="consent" title={t.consentTitle}>
        <Loaded load={consents}>
          {({ events }) => (
            <>
              <CurrentState events={events} names={names} />
              <h3>{t.timelineLabel}</h3>
              <p className="muted">{t.timelineIntro}</p>
              <Timeline events={events} names={names} />
            </>
          )}
        </Loaded>
      </Section>

      <Section id="disclosures" title={t.disclosuresTitle}>
        <Loaded load={disclosures}>
          {({ disclosures: list }) =>
            list.length === 0 ? (
              <p className="muted">{t.noDisclosures}</p>
            ) : (
              <div className="quiet-caption">
                <Table caption={t.disclosuresTitle} head={t.disclosuresHead}>
                  {list.map((d) => (
                    <tr key={d.id}>
                      <td className="nowrap">{formatDate(d.disclosedAt)}</td>
                      <td>{names.party(d.recipient)}</td>
                      <td>{d.categories.map(names.category).join(', ')}</td>
                      <td className="text-wrap">{d.basis}</td>
                      <td>{d.reference ?? '—'}</td>
                    </tr>
                  ))}
                </Table>
              </div>
            )
          }
        </Loaded>
      </Section>

      <Section id="requests" title={t.requestsTitle}>
        <Loaded load={requests}>
          {({ requests: list }) =>
            list.length === 0 ? (
              <p className="muted">{t.noRequests}</p>
            ) : (
              <div className="quiet-caption">
                <Table caption={t.requestsTitle} head={t.requestsHead}>
                  {list.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={`/requests/${r.id}`}>{r.id}</Link>
                      </td>
                      <td>{r.type}</td>
                      <td>
                        {r.state}
                        {r.overdue && <Badge tone="bad">{t.overdueNote}</Badge>}
                      </td>
                      <td className="nowrap">{formatDate(r.receivedAt)}</td>
                      <td className="nowrap">{formatDate(r.dueAt)}</td>
                    </tr>
                  ))}
                </Table>
              </div>
            )
          }
        </Loaded>
      </Section>

      <Section id="holds" title={t.holdsTitle}>
        <Loaded load={holds}>
          {({ holds: list }) =>
            list.length === 0 ? (
              <p className="muted">{t.noHolds}</p>
            ) : (
              <div className="quiet-caption">
                <Table caption={t.holdsTitle} head={t.holdsHead}>
                  {list.map((h) => (
                    <tr key={h.id}>
                      <td>
                        <Badge tone={h.active ? 'warn' : 'neutral'}>
                          {h.active ? t.holdActive : t.holdInactive}
                        </Badge>
                      </td>
                      <td className="text-wrap">{h.reason}</td>
                      <td>
                        {h.scope.kind === 'subject'
                          ? t.holdWhole
                          : `${h.scope.dataset}.${h.scope.table} #${h.scope.recordKey}`}
                      </td>
                      <td className="nowrap">{formatDate(h.createdAt)}</td>
                      <td>{h.releasedAt ? t.released(formatDate(h.releasedAt)) : formatDate(h.expiresAt)}</td>
                    </tr>
                  ))}
                </Table>
              </div>
            )
          }
        </Loaded>
      </Section>

      <Section id="audit" title={t.auditTitle}>
        <AuditSection id={id} />
      </Section>
    </Page>
  );
}
