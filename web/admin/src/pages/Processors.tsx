/**
 * Processors by service (GDPR Art. 28, 13(1)(e)–(f)): where each processes data, the safeguard of each
 * transfer and the contract, from the running policy; then the other recipients. Gaps (a transfer without a
 * safeguard, a processor without a DPA) are named in words, not only in colour.
 */
import { api, type Schemas } from '../api/client.js';
import { text } from '../text.js';
import { Badge, Loaded, Page, Table, useLoad } from '../ui.js';

type PolicyView = Schemas['PolicyView'];
type Country = PolicyView['processors'][number]['countries'][number];
const t = text.processors;

function Countries({ countries }: { countries: Country[] }) {
  return (
    <ul className="plain-list">
      {countries.map((c) => (
        <li key={c.code}>
          {c.name} ({c.code}) {!c.adequate && <Badge tone="warn">{t.thirdCountry}</Badge>}
        </li>
      ))}
    </ul>
  );
}

function Transfer({
  transfer,
  needed,
}: {
  transfer: PolicyView['processors'][number]['transfer'];
  needed: boolean;
}) {
  if (!needed && !transfer) return <span className="muted">{t.notNeeded}</span>;
  if (!transfer) return <Badge tone="bad">{t.noSafeguard}</Badge>;
  return (
    <>
      {transfer.mechanism === 'none' ? (
        <Badge tone="bad">{t.mechanismNone}</Badge>
      ) : (
        <div>{transfer.description}</div>
      )}
      {transfer.reference && <div className="text-small muted">{transfer.reference}</div>}
    </>
  );
}

function Summary({ view }: { view: PolicyView }) {
  const countries = new Set(view.processors.flatMap((p) => p.countries.map((c) => c.code)));
  const gaps = view.processors.filter(
    (p) => p.transferNeeded && (!p.transfer || p.transfer.mechanism === 'none'),
  );
  const noDpa = view.processors.filter((p) => !p.dpa);
  return (
    <div className="cards summary-cards">
      <div className="card">
        <div className="figure">{view.processors.length}</div>
        {t.summary.processors}
      </div>
      <div className="card">
        <div className="figure">{countries.size}</div>
        {t.summary.countries}
      </div>
      <div className="card">
        <div className="figure">{view.processors.filter((p) => p.transferNeeded).length}</div>
        {t.summary.transfers}
      </div>
      <div className="card">
        <div className="figure">{gaps.length + noDpa.length}</div>
        {gaps.length + noDpa.length === 0 ? t.summary.noGaps : t.summary.gaps(gaps.length, noDpa.length)}
      </div>
    </div>
  );
}

function ProcessorTables({ view }: { view: PolicyView }) {
  const purposes = new Map(view.purposes.map((p) => [p.id, p.title]));
  const services = [
    ...new Map(view.processors.flatMap((p) => p.services.map((s) => [s.id, s.title] as const))).entries(),
  ];
  return (
    <>
      {services.map(([serviceId, title]) => (
        <section key={serviceId} aria-labelledby={`service-${serviceId}`}>
          <h2 id={`service-${serviceId}`}>{title}</h2>
          <div className="quiet-caption processor-table">
            <Table caption={t.caption(title)} head={t.head}>
              {view.processors
                .filter((p) => p.services.some((s) => s.id === serviceId))
                .map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      {p.website ? (
                        <a href={p.website} rel="noopener noreferrer">
                          {p.name}
                        </a>
                      ) : (
                        p.name
                      )}
                    </th>
                    <td>
                      <Countries countries={p.countries} />
                    </td>
                    <td>
                      <Transfer transfer={p.transfer} needed={p.transferNeeded} />
                    </td>
                    <td>
                      {p.dpa ? (
                        <>
                          {p.dpa.url ? (
                            <a href={p.dpa.url} rel="noopener noreferrer">
                              {p.dpa.reference}
                            </a>
                          ) : (
                            p.dpa.reference
                          )}
                          {p.dpa.signedAt && (
                            <div className="text-small muted">{t.signed(p.dpa.signedAt)}</div>
                          )}
                        </>
                      ) : (
                        <Badge tone="bad">{t.noDpa}</Badge>
                      )}
                    </td>
                    <td>{p.purposes.map((id) => purposes.get(id) ?? id).join(', ') || '—'}</td>
                  </tr>
                ))}
            </Table>
          </div>
        </section>
      ))}
      <section aria-labelledby="recipients-title">
        <h2 id="recipients-title">{t.recipientsTitle}</h2>
        <p className="muted">{t.recipientsIntro}</p>
        <div className="quiet-caption processor-table">
          <Table caption={t.recipientsTitle} head={t.recipientsHead}>
            {view.recipients.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{t.kinds[r.kind as keyof typeof t.kinds] ?? r.kind}</td>
                <td>
                  <Countries countries={r.countries} />
                </td>
                <td>
                  <Transfer transfer={r.transfer} needed={r.countries.some((c) => !c.adequate)} />
                </td>
                <td>{r.purposes.map((id) => purposes.get(id) ?? id).join(', ') || '—'}</td>
              </tr>
            ))}
          </Table>
        </div>
      </section>
    </>
  );
}

export function Processors() {
  const [policy] = useLoad(() => api.GET('/v1/policy'));
  return (
    <Page title={text.nav.processors}>
      <p className="muted lead">
        {t.intro} <a href="/privacy/processors">{t.publicPage}</a>
      </p>
      <Loaded load={policy}>
        {(view) => (
          <>
            <Summary view={view} />
            <ProcessorTables view={view} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
