/**
 * Every id must name one thing: a purpose, processor or table that appears twice makes references,
 * consent records and erasure reports ambiguous.
 */
import type { DiagnosticPath } from '../diagnostics.js';
import {
  BUILT_IN_DATA_CATEGORIES,
  BUILT_IN_SERVICE_CATEGORIES,
  BUILT_IN_SUBJECT_KINDS,
} from '../taxonomy.js';
import type { Finding, Rule } from './types.js';

function* duplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
  base: DiagnosticPath,
  field: string,
  kind: string,
  builtIn: ReadonlySet<string> = new Set(),
): Iterable<Finding> {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const id = key(item);
    if (builtIn.has(id)) {
      yield {
        path: [...base, index, field],
        message: `${kind} '${id}' is already built in: choose another id`,
      };
    } else if (seen.has(id)) {
      yield { path: [...base, index, field], message: `${kind} '${id}' is declared more than once` };
    }
    seen.add(id);
  }
}

const ids = (items: readonly { id: string }[]) => new Set(items.map((i) => i.id));
const byId = (item: { id: string }) => item.id;

export const duplicateId: Rule = {
  id: 'duplicate-id',
  severity: 'error',
  description:
    'Two entries with one id (purposes, processors, recipients, categories, datasets, tables, forms…).',
  *check(policy) {
    yield* duplicates(policy.purposes, byId, ['purposes'], 'id', 'purpose');
    yield* duplicates(policy.processors, byId, ['processors'], 'id', 'processor');
    yield* duplicates(policy.recipients, byId, ['recipients'], 'id', 'recipient');
    yield* duplicates(policy.legalObligations, byId, ['legalObligations'], 'id', 'legal obligation');
    yield* duplicates(policy.forms, byId, ['forms'], 'id', 'form');
    yield* duplicates(policy.datasets, byId, ['datasets'], 'id', 'dataset');
    const categories = ids(BUILT_IN_DATA_CATEGORIES);
    yield* duplicates(policy.dataCategories, byId, ['dataCategories'], 'id', 'data category', categories);
    yield* duplicates(
      policy.subjectKinds,
      byId,
      ['subjectKinds'],
      'id',
      'subject kind',
      ids(BUILT_IN_SUBJECT_KINDS),
    );
    const services = ids(BUILT_IN_SERVICE_CATEGORIES);
    yield* duplicates(
      policy.serviceCategories,
      byId,
      ['serviceCategories'],
      'id',
      'service category',
      services,
    );
    for (const [d, dataset] of policy.datasets.entries()) {
      const tableName = (t: { name: string }) => t.name;
      yield* duplicates(
        dataset.tables,
        tableName,
        ['datasets', d, 'tables'],
        'name',
        `dataset '${dataset.id}': table`,
      );
    }
    for (const [f, form] of policy.forms.entries()) {
      const fieldName = (x: { name: string }) => x.name;
      yield* duplicates(form.fields, fieldName, ['forms', f, 'fields'], 'name', `form '${form.id}': field`);
    }
  },
};
