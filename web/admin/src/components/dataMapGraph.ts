/**
 * The data map as a graph of five columns, ordered so that every link of the policy joins neighbouring
 * columns: tables ↔ data categories (a table's fields) ↔ purposes (what each purpose processes) ↔
 * processors and recipients (who receives data for a purpose) ↔ countries (where they process it).
 * Pure functions: the layout order and the set a node lights up are computed here, drawn elsewhere.
 */
import type { Schemas } from '../api/client.js';

type PolicyView = Schemas['PolicyView'];

export const COLUMNS = ['table', 'category', 'purpose', 'party', 'country'] as const;
export type ColumnKind = (typeof COLUMNS)[number];

export interface MapNode {
  readonly key: string;
  readonly kind: ColumnKind;
  readonly column: number;
  readonly label: string;
  /** recipient: a recipient (not a processor); outside: a country without adequacy; special: Art. 9. */
  readonly mark?: 'recipient' | 'outside' | 'special';
}

export interface MapEdge {
  readonly key: string;
  /** The node in the lower column. */
  readonly left: string;
  readonly right: string;
}

export interface DataMapGraph {
  readonly nodes: ReadonlyMap<string, MapNode>;
  readonly columns: readonly (readonly MapNode[])[];
  readonly edges: readonly MapEdge[];
  /** The purposes each table serves (empty: not declared, so any). */
  readonly tablePurposes: ReadonlyMap<string, ReadonlySet<string>>;
}

export const nodeKey = (kind: ColumnKind, id: string) => `${kind}:${id}`;

/** Mean position of a node's neighbours in an already ordered column (barycentre ordering). */
function orderBy(
  nodes: MapNode[],
  neighbours: (key: string) => readonly string[],
  placed: readonly MapNode[],
) {
  const index = new Map(placed.map((n, i) => [n.key, (i + 0.5) / placed.length]));
  const weight = new Map(
    nodes.map((n, i) => {
      const positions = neighbours(n.key)
        .map((k) => index.get(k))
        .filter((v) => v !== undefined);
      return [n.key, positions.length ? positions.reduce((a, b) => a + b, 0) / positions.length : 1 + i];
    }),
  );
  return [...nodes].sort((a, b) => weight.get(a.key)! - weight.get(b.key)!);
}

export function buildDataMap(view: PolicyView, countryName: (code: string) => string): DataMapGraph {
  const nodes = new Map<string, MapNode>();
  const edges = new Map<string, MapEdge>();
  const add = (node: MapNode) => nodes.has(node.key) || nodes.set(node.key, node);
  const link = (left: string, right: string) => {
    if (nodes.has(left) && nodes.has(right))
      edges.set(`${left}|${right}`, { key: `${left}|${right}`, left, right });
  };
  const categories = new Map(view.categories.map((c) => [c.id, c]));
  const category = (id: string) =>
    add({
      key: nodeKey('category', id),
      kind: 'category',
      column: 1,
      label: categories.get(id)?.title ?? id,
      ...(categories.get(id)?.special ? { mark: 'special' as const } : {}),
    });
  const country = (c: { code: string; adequate: boolean }) =>
    add({
      key: nodeKey('country', c.code),
      kind: 'country',
      column: 4,
      label: `${countryName(c.code)} (${c.code})`,
      ...(c.adequate ? {} : { mark: 'outside' as const }),
    });

  const tablePurposes = new Map<string, ReadonlySet<string>>();
  for (const d of view.datasets)
    for (const table of d.tables) {
      const key = nodeKey('table', `${d.id}.${table.name}`);
      add({ key, kind: 'table', column: 0, label: `${d.id}.${table.name}` });
      tablePurposes.set(key, new Set(table.purposes.map((p) => nodeKey('purpose', p))));
      for (const f of table.fields) category(f.category);
    }
  for (const p of view.purposes) {
    add({ key: nodeKey('purpose', p.id), kind: 'purpose', column: 2, label: p.title });
    for (const c of p.categories) category(c);
  }
  for (const x of view.processors) {
    add({ key: nodeKey('party', x.id), kind: 'party', column: 3, label: x.name });
    x.countries.forEach(country);
  }
  for (const r of view.recipients) {
    add({ key: nodeKey('party', r.id), kind: 'party', column: 3, label: r.name, mark: 'recipient' });
    r.countries.forEach(country);
  }

  for (const d of view.datasets)
    for (const table of d.tables)
      for (const f of table.fields)
        link(nodeKey('table', `${d.id}.${table.name}`), nodeKey('category', f.category));
  for (const p of view.purposes) {
    for (const c of p.categories) link(nodeKey('category', c), nodeKey('purpose', p.id));
    for (const x of [...p.processors, ...p.recipients]) link(nodeKey('purpose', p.id), nodeKey('party', x));
  }
  for (const party of [...view.processors, ...view.recipients])
    for (const c of party.countries) link(nodeKey('party', party.id), nodeKey('country', c.code));

  const all = [...nodes.values()];
  const inColumn = (i: number) => all.filter((n) => n.column === i);
  const edgeList = [...edges.values()];
  const neighbours = (key: string) =>
    edgeList.flatMap((e) => (e.left === key ? [e.right] : e.right === key ? [e.left] : []));
  // Purposes keep the file's order; the other columns follow them, then purposes settle between their
  // categories and recipients, and the rest follow once more: fewer crossings, the same picture each time.
  let purposes = inColumn(2);
  let cats: MapNode[] = [];
  let tables: MapNode[] = [];
  let parties: MapNode[] = [];
  let countries: MapNode[] = [];
  for (let round = 0; round < 2; round++) {
    if (round > 0) purposes = orderBy(purposes, neighbours, [...cats, ...parties]);
    cats = orderBy(inColumn(1), neighbours, purposes);
    tables = orderBy(inColumn(0), neighbours, cats);
    parties = orderBy(inColumn(3), neighbours, purposes);
    countries = orderBy(inColumn(4), neighbours, parties);
  }
  return { nodes, columns: [tables, cats, purposes, parties, countries], edges: edgeList, tablePurposes };
}

/**
 * What a node lights up: walking left and right from it, column by column, along the links. A table and
 * a purpose only meet through a data category when the table serves that purpose, so a purpose lights the
 * tables that hold its data, not every table that happens to store an email address.
 */
export function connectedTo(graph: DataMapGraph, start: string): { nodes: Set<string>; edges: Set<string> } {
  const lit = new Set<string>([start]);
  const litEdges = new Set<string>();
  const origin = graph.nodes.get(start);
  if (!origin) return { nodes: lit, edges: litEdges };
  const servesLit = (table: string, purposes: ReadonlySet<string>) => {
    const served = graph.tablePurposes.get(table);
    if (!served || served.size === 0 || purposes.size === 0) return true;
    return [...served].some((p) => purposes.has(p));
  };
  const litOf = (kind: ColumnKind) => new Set([...lit].filter((k) => graph.nodes.get(k)?.kind === kind));
  const walk = (direction: -1 | 1) => {
    let frontier = new Set([start]);
    for (
      let col = origin.column;
      col + direction >= 0 && col + direction < COLUMNS.length;
      col += direction
    ) {
      const next = new Set<string>();
      const purposes = litOf('purpose');
      const tables = litOf('table');
      for (const e of graph.edges) {
        const [from, to] = direction === 1 ? [e.left, e.right] : [e.right, e.left];
        if (!frontier.has(from)) continue;
        const toNode = graph.nodes.get(to)!;
        if (toNode.kind === 'table' && !servesLit(to, purposes)) continue;
        // From a table, only the purposes it serves; from a category, every purpose that processes it.
        if (
          toNode.kind === 'purpose' &&
          origin.kind === 'table' &&
          ![...tables].some((x) => servesLit(x, new Set([to])))
        )
          continue;
        next.add(to);
        litEdges.add(e.key);
      }
      for (const k of next) lit.add(k);
      frontier = next;
      if (frontier.size === 0) break;
    }
  };
  walk(-1);
  walk(1);
  return { nodes: lit, edges: litEdges };
}
