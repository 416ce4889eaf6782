/**
 * Requests walk a dataset from its identity tables along `relations`, and erasure deletes dependent rows
 * before the rows they reference. Both need an order, so the relation graph of each dataset must be
 * acyclic (a table referencing itself included): a cycle has no "children first" order.
 */
import type { Finding, Rule } from './types.js';

interface Edge {
  readonly to: string;
  readonly tableIndex: number;
  readonly relationIndex: number;
}

export const relationCycle: Rule = {
  id: 'relation-cycle',
  severity: 'error',
  description:
    'A cycle among the relations of a dataset tables, which leaves no order for traversal and erasure.',
  *check(policy) {
    for (const [d, dataset] of policy.datasets.entries()) {
      const edges = new Map<string, Edge[]>();
      for (const [t, table] of dataset.tables.entries()) {
        const list = edges.get(table.name) ?? [];
        for (const [r, relation] of table.relations.entries()) {
          list.push({
            to: relation.references.slice(0, relation.references.lastIndexOf('.')),
            tableIndex: t,
            relationIndex: r,
          });
        }
        edges.set(table.name, list);
      }
      yield* findCycles(
        edges,
        (edge, cycle): Finding => ({
          path: ['datasets', d, 'tables', edge.tableIndex, 'relations', edge.relationIndex, 'references'],
          message: `dataset '${dataset.id}': relations form a cycle (${cycle.join(' → ')}): remove one of them`,
        }),
      );
    }
  },
};

/** Iterative DFS (no recursion depth limit); reports each cycle once, at the edge that closes it. */
function* findCycles(
  edges: Map<string, Edge[]>,
  report: (edge: Edge, cycle: string[]) => Finding,
): Iterable<Finding> {
  const state = new Map<string, 'active' | 'done'>();
  for (const root of edges.keys()) {
    if (state.has(root)) continue;
    const stack: { node: string; next: number }[] = [{ node: root, next: 0 }];
    state.set(root, 'active');
    while (stack.length > 0) {
      const frame = stack.at(-1)!;
      const edge = (edges.get(frame.node) ?? [])[frame.next++];
      if (!edge) {
        state.set(frame.node, 'done');
        stack.pop();
        continue;
      }
      if (state.get(edge.to) === 'active') {
        const from = stack.findIndex((f) => f.node === edge.to);
        yield report(edge, [...stack.slice(from).map((f) => f.node), edge.to]);
      } else if (!state.has(edge.to) && edges.has(edge.to)) {
        state.set(edge.to, 'active');
        stack.push({ node: edge.to, next: 0 });
      }
    }
  }
}
