/**
 * Published policy versions (newest first, with their notices) and the classified diff between two of
 * them: by default a version against the one before, or against any other chosen here.
 */
import { type ChangeEvent, useState } from 'react';
import { api, type Schemas } from '../api/client.js';
import { BASE, Link, useQuery } from '../router.js';
import { text } from '../text.js';
import { Badge, formatDate, Loaded, Page, Table, useLoad } from '../ui.js';

type Version = Schemas['PolicyVersion'];
type Change = Schemas['PolicyChange'];
const t = text.versions;

const versionName = (v: Pick<Version, 'label' | 'seq'>) =>
  v.label ? t.name(v.label, v.seq) : t.number(v.seq);

function VersionRows({ versions }: { versions: Version[] }) {
  return (
    <>
      {versions.map((v) => (
        <tr key={v.id}>
          <th scope="row" className="nowrap">
            <Link to={`/versions/${v.id}`}>{versionName(v)}</Link>
          </th>
          <td className="nowrap">{formatDate(v.publishedAt)}</td>
          <td className="nowrap">{formatDate(v.effectiveAt)}</td>
          <td className="text-wrap">{v.publishedBy}</td>
          <td>
            {v.previousId === null ? (
              <Badge tone="neutral">{t.first}</Badge>
            ) : v.material ? (
              <Badge tone="warn">{t.material}</Badge>
            ) : (
              <Badge tone="ok">{t.notMaterial}</Badge>
            )}{' '}
            {t.changeCount(v.changes.length)}
          </td>
          <td>
            {v.notices.total === 0 ? '—' : t.notices(v.notices.sent, v.notices.total, v.notices.failed)}
          </td>
          <td>
            <code className="hash">{v.contentHash.slice(0, 12)}</code>
          </td>
        </tr>
      ))}
    </>
  );
}

export function Versions() {
  const [pages, setPages] = useState<string[]>([]);
  const before = pages.at(-1);
  const [list] = useLoad(
    () => api.GET('/v1/policy/versions', { params: { query: { limit: 20, ...(before ? { before } : {}) } } }),
    [before],
  );
  return (
    <Page title={text.nav.versions}>
      <p className="muted lead">{t.intro}</p>
      <Loaded load={list}>
        {({ versions, next }) =>
          versions.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <>
              <Table caption={t.caption} head={t.head}>
                <VersionRows versions={versions} />
              </Table>
              <div className="page-buttons">
                {pages.length > 0 && (
                  <button type="button" className="secondary" onClick={() => setPages((p) => p.slice(0, -1))}>
                    {t.newer}
                  </button>
                )}
                {next && (
                  <button type="button" className="secondary" onClick={() => setPages((p) => [...p, next])}>
                    {t.older}
                  </button>
                )}
              </div>
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

const show = (value: unknown) =>
  value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);

function ChangeItem({ change }: { change: Change }) {
  return (
    <li className="change-item">
      <p className="change-head">
        <Badge tone={change.type === 'removed' ? 'bad' : change.type === 'added' ? 'ok' : 'neutral'}>
          {t.types[change.type]}
        </Badge>{' '}
        <span className="muted">{t.areas[change.area]}</span>{' '}
        {change.material && (
          <Badge tone="warn">{change.rule ? t.materialRule(change.rule) : t.material}</Badge>
        )}
      </p>
      <p>{change.summary}</p>
      <p className="text-small muted">
        <code>{change.path}</code>
        {change.purposes.length > 0 && ` · ${t.touches(change.purposes.join(', '))}`}
      </p>
      <details>
        <summary>{t.beforeAfter}</summary>
        <div className="before-after">
          <div>
            <h4>{t.before}</h4>
            <pre>{show(change.before)}</pre>
          </div>
          <div>
            <h4>{t.after}</h4>
            <pre>{show(change.after)}</pre>
          </div>
        </div>
      </details>
    </li>
  );
}

function Diff({ diff, names }: { diff: Schemas['PolicyDiff']; names: Map<string, string> }) {
  const material = diff.changes.filter((c) => c.material).length;
  return (
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">
        {diff.from
          ? t.diffTitle(names.get(diff.from) ?? diff.from, names.get(diff.to) ?? diff.to)
          : t.diffFirst}
      </h2>
      <p role="status">
        {diff.changes.length === 0 ? t.noChanges : t.summary(diff.changes.length, material)}{' '}
        {diff.material && <Badge tone="warn">{t.material}</Badge>}
      </p>
      <ol className="changes">
        {diff.changes.map((c) => (
          <ChangeItem key={`${c.path}|${c.type}|${c.item}`} change={c} />
        ))}
      </ol>
    </section>
  );
}

export function VersionDiff({ id }: { id: string }) {
  const query = useQuery();
  const [from, setFrom] = useState(query.get('from') ?? '');
  const [diff] = useLoad(
    () =>
      api.GET('/v1/policy/versions/{id}/diff', {
        params: { path: { id }, query: from ? { from } : {} },
      }),
    [id, from],
  );
  const [list] = useLoad(() => api.GET('/v1/policy/versions', { params: { query: { limit: 200 } } }));
  const versions = list.state === 'ready' ? list.data.versions : [];
  const names = new Map(versions.map((v) => [v.id, versionName(v)]));
  const current = versions.find((v) => v.id === id);
  const choose = (event: ChangeEvent<HTMLSelectElement>) => {
    const value = event.target.value;
    // Kept in the URL so a comparison can be shared; the router only tracks the path.
    window.history.replaceState(null, '', `${BASE}/versions/${id}${value ? `?from=${value}` : ''}`);
    setFrom(value);
  };
  return (
    <Page title={current ? t.diffPage(versionName(current)) : t.diffPage(id)}>
      <p>
        <Link to="/versions">{t.back}</Link>
      </p>
      {current && (
        <p className="muted">
          {t.publishedLine(
            formatDate(current.publishedAt),
            formatDate(current.effectiveAt),
            current.publishedBy,
          )}
        </p>
      )}
      <div className="compare-field">
        <div>
          <label htmlFor="diff-from">{t.compareWith}</label>
          <select id="diff-from" value={from} onChange={choose}>
            <option value="">{t.previous}</option>
            {versions
              .filter((v) => v.id !== id)
              .map((v) => (
                <option key={v.id} value={v.id}>
                  {versionName(v)} · {formatDate(v.publishedAt)}
                </option>
              ))}
          </select>
        </div>
      </div>
      <Loaded load={diff}>{(d) => <Diff diff={d} names={names} />}</Loaded>
    </Page>
  );
}
