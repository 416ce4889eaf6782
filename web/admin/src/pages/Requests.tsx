/**
 * The request queue: open requests by due date (the law's deadline first), overdue ones marked in words
 * as well as colour. The filter is kept in the address, so a link or a reload shows the same queue.
 */
import { useState } from 'react';
import { api } from '../api/client.js';
import { dueText } from '../components/when.js';
import { Link, useQuery } from '../router.js';
import { text } from '../text.js';
import { Badge, formatDate, Loaded, Page, Table, useLoad } from '../ui.js';

const FILTERS = ['open', 'overdue', 'all'] as const;
type Filter = (typeof FILTERS)[number];

const t = text.requests;

function query(filter: Filter) {
  if (filter === 'overdue') return { state: 'open' as const, overdue: 'true' as const, limit: 500 };
  return { state: filter, limit: 500 };
}

export function Requests() {
  const initial = useQuery().get('show');
  const [filter, setFilter] = useState<Filter>(FILTERS.find((f) => f === initial) ?? 'open');
  const [load] = useLoad(() => api.GET('/v1/requests', { params: { query: query(filter) } }), [filter]);
  const choose = (next: Filter) => {
    setFilter(next);
    const search = next === 'open' ? '' : `?show=${next}`;
    window.history.replaceState(null, '', `${window.location.pathname}${search}`);
  };
  const now = Date.now();
  const h = t.head;
  return (
    <Page title={t.title}>
      <fieldset className="queue-filter">
        <legend>{t.filter}</legend>
        {FILTERS.map((f) => (
          <label key={f} className="queue-filter-option">
            <input
              type="radio"
              name="request-filter"
              value={f}
              checked={filter === f}
              onChange={() => choose(f)}
            />
            {t.filters[f]}
          </label>
        ))}
      </fieldset>
      <p role="status" className="muted">
        {load.state === 'ready' ? t.count(load.data.requests.length, t.filters[filter]) : ''}
      </p>
      <Loaded load={load}>
        {({ requests }) => (
          <>
            {requests.length === 0 ? (
              <p>{t.none[filter]}</p>
            ) : (
              <div className="stack-table">
                <Table caption={t.caption[filter]} head={[h.request, h.person, h.state, h.received, h.due]}>
                  {requests.map((r) => (
                    <tr key={r.id} className={r.overdue ? 'row-overdue' : undefined}>
                      <th scope="row">
                        <Link to={`/requests/${r.id}`}>{t.types[r.type]}</Link>
                        <br />
                        <code className="muted id-small">{r.id}</code>
                      </th>
                      <td className="wrap-anywhere" data-label={h.person}>
                        {r.email}
                      </td>
                      <td data-label={h.state}>{t.states[r.state]}</td>
                      <td data-label={h.received}>{formatDate(r.receivedAt)}</td>
                      <td data-label={h.due}>
                        {formatDate(r.dueAt)}
                        {r.extended && <span className="muted"> {t.extendedMark}</span>}
                        <br />
                        {r.overdue ? (
                          <Badge tone="bad">{dueText(r.dueAt, now)}</Badge>
                        ) : r.closedAt ? (
                          <span className="muted">{t.closedOn(formatDate(r.closedAt))}</span>
                        ) : (
                          <span className="muted">{dueText(r.dueAt, now)}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </Table>
              </div>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
