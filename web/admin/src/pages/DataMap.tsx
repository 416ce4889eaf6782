/**
 * The data map: where personal data live, what they are, why they are processed, who receives them and in
 * which countries, drawn from the running policy (`GET /v1/policy`), with the same content as a table.
 */
import { useMemo } from 'react';
import { api, type Schemas } from '../api/client.js';
import { DataMapDiagram } from '../components/DataMapDiagram.js';
import { buildDataMap, COLUMNS, type DataMapGraph, type MapNode } from '../components/dataMapGraph.js';
import { countryName, describeRetention } from '../components/policyWords.js';
import { text } from '../text.js';
import { Badge, Loaded, Page, Table, useLoad } from '../ui.js';

type PolicyView = Schemas['PolicyView'];
const t = text.dataMap;

/** "3 data categories, 1 table, …" for what a node lights up (itself excluded). */
function countLit(graph: DataMapGraph, node: MapNode, lit: ReadonlySet<string>): string {
  return COLUMNS.map((kind) => {
    const n = [...lit].filter((k) => k !== node.key && graph.nodes.get(k)?.kind === kind).length;
    return n > 0 ? t.count(n, kind) : null;
  })
    .filter(Boolean)
    .join(', ');
}

function NodeFacts({ view, node }: { view: PolicyView; node: MapNode }) {
  const id = node.key.slice(node.kind.length + 1);
  if (node.kind === 'purpose') {
    const p = view.purposes.find((x) => x.id === id);
    if (!p) return null;
    return (
      <p>
        {t.facts.basis(text.words.legalBases[p.legalBasis])} ·{' '}
        {t.facts.retention(describeRetention(p.retention))}
      </p>
    );
  }
  if (node.kind === 'table') {
    const [dataset, ...rest] = id.split('.');
    const table = view.datasets.find((d) => d.id === dataset)?.tables.find((x) => x.name === rest.join('.'));
    if (!table) return null;
    return (
      <p>
        {t.facts.fields(table.fields.map((f) => f.column).join(', '))}
        {table.retention?.from === 'column' && table.retention.anchor && table.retention.duration
          ? ` · ${t.facts.tableRetention(describeRetention({ anchor: `column:${table.retention.anchor}`, duration: table.retention.duration }))}`
          : table.retention?.from === 'purposes'
            ? ` · ${t.facts.perPerson}`
            : ''}
        {table.legalHold && ` · ${t.facts.legalHold(table.legalHold)}`}
      </p>
    );
  }
  if (node.kind === 'party') {
    const x = view.processors.find((p) => p.id === id);
    const r = view.recipients.find((p) => p.id === id);
    const transfer = x?.transfer ?? r?.transfer;
    return (
      <p>
        {x ? t.facts.processor(x.services.map((s) => s.title).join(', ')) : t.facts.recipient}
        {transfer && ` · ${t.facts.transfer(transfer.description)}`}
        {x && ` · ${x.dpa ? t.facts.dpa(x.dpa.reference) : t.facts.noDpa}`}
      </p>
    );
  }
  if (node.kind === 'country') return <p>{node.mark === 'outside' ? t.facts.outside : t.facts.adequate}</p>;
  const category = view.categories.find((c) => c.id === id);
  return category?.special ? <p>{t.facts.special}</p> : null;
}

function Detail({
  view,
  graph,
  node,
  lit,
  pinned,
}: {
  view: PolicyView;
  graph: DataMapGraph;
  node: MapNode;
  lit: ReadonlySet<string>;
  pinned: boolean;
}) {
  return (
    <>
      <h3>
        {t.kinds[node.kind]}: {node.label} {pinned && <Badge tone="neutral">{t.pinned}</Badge>}
      </h3>
      <NodeFacts view={view} node={node} />
      <dl className="map-links">
        {COLUMNS.map((kind) => {
          const names = [...lit]
            .filter((k) => k !== node.key && graph.nodes.get(k)?.kind === kind)
            .map((k) => graph.nodes.get(k)!.label);
          if (names.length === 0) return null;
          return (
            <div key={kind}>
              <dt>{t.columns[COLUMNS.indexOf(kind)]}</dt>
              <dd>{names.join(', ')}</dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}

function MapTable({ view }: { view: PolicyView }) {
  const parties = new Map<string, { name: string; countries: { code: string }[] }>([
    ...view.processors.map((p) => [p.id, p] as const),
    ...view.recipients.map((r) => [r.id, r] as const),
  ]);
  const categories = new Map(view.categories.map((c) => [c.id, c.title]));
  return (
    <Table caption={t.tableCaption} head={t.tableHead}>
      {view.purposes.map((p) => {
        const receivers = [...p.processors, ...p.recipients]
          .map((id) => parties.get(id))
          .filter((x) => x !== undefined);
        const countries = [...new Set(receivers.flatMap((x) => x.countries.map((c) => c.code)))];
        const tables = view.datasets.flatMap((d) =>
          d.tables.filter((x) => x.purposes.includes(p.id)).map((x) => `${d.id}.${x.name}`),
        );
        return (
          <tr key={p.id}>
            <th scope="row">{p.title}</th>
            <td>{text.words.legalBases[p.legalBasis]}</td>
            <td>{p.categories.map((c) => categories.get(c) ?? c).join(', ')}</td>
            <td>{tables.length ? tables.join(', ') : '—'}</td>
            <td>{receivers.length ? receivers.map((x) => x.name).join(', ') : '—'}</td>
            <td>{countries.length ? countries.map((c) => `${countryName(c)} (${c})`).join(', ') : '—'}</td>
            <td>{describeRetention(p.retention)}</td>
          </tr>
        );
      })}
    </Table>
  );
}

function MapView({ view }: { view: PolicyView }) {
  const graph = useMemo(() => buildDataMap(view, countryName), [view]);
  return (
    <>
      <section aria-labelledby="map-title">
        <h2 id="map-title">{t.diagramTitle}</h2>
        <p id="map-help" className="muted">
          {t.help}
        </p>
        <ul className="map-legend" aria-label={t.legendLabel}>
          <li>
            <span className="swatch swatch-recipient" aria-hidden="true" /> {t.legend.recipient}
          </li>
          <li>
            <span className="swatch swatch-outside" aria-hidden="true" /> {t.legend.outside}
          </li>
          <li>
            <span className="swatch swatch-special" aria-hidden="true" /> {t.legend.special}
          </li>
        </ul>
        <DataMapDiagram
          graph={graph}
          title={t.diagramTitle}
          columnTitles={t.columns}
          labelledBy="map-title"
          describedBy="map-help"
          describeNode={(node, lit) =>
            `${t.kinds[node.kind]}: ${node.label}${node.mark ? ` (${t.legend[node.mark]})` : ''}. ${t.lightsUp(countLit(graph, node, lit))}`
          }
          renderDetail={(node, lit, pinned) => (
            <Detail view={view} graph={graph} node={node} lit={lit} pinned={pinned} />
          )}
          idleDetail={<p className="muted">{t.idle}</p>}
        />
      </section>
      <section aria-labelledby="map-table-title">
        <h2 id="map-table-title">{t.tableTitle}</h2>
        <MapTable view={view} />
      </section>
    </>
  );
}

export function DataMap() {
  const [policy] = useLoad(() => api.GET('/v1/policy'));
  return (
    <Page title={text.nav.dataMap}>
      <Loaded load={policy}>
        {(view) => (
          <>
            <p className="muted lead">{t.intro(view.controller, view.version)}</p>
            <MapView view={view} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
