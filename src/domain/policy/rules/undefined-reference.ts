/**
 * Every reference must resolve: a purpose naming an undeclared processor would publish a sub-processor
 * list that misses it (Art. 13(1)(e), 28(2)); an unknown category or subject kind means the access report
 * (Art. 15(1)(b)) and retention sweeps silently skip data; a relation to an unknown table breaks the walk
 * of a request through the company's database.
 */
import type { DiagnosticPath } from '../diagnostics.js';
import type { Policy } from '../schema.js';
import type { RuleContext } from './context.js';
import type { Finding, Rule } from './types.js';

type Kind =
  | 'subject kind'
  | 'relationship kind'
  | 'data category'
  | 'processor'
  | 'recipient'
  | 'purpose'
  | 'legal obligation'
  | 'service category'
  | 'table';

/** Collects unresolved references; `where` tells the author where the id should have been declared. */
class Refs {
  readonly findings: Finding[] = [];
  constructor(private readonly known: (kind: Kind, id: string) => boolean) {}

  one(path: DiagnosticPath, owner: string, kind: Kind, id: string | undefined, where: string): void {
    if (id === undefined || this.known(kind, id)) return;
    this.findings.push({ path, message: `${owner}: ${kind} '${id}' is not declared (${where})` });
  }

  all(path: DiagnosticPath, owner: string, kind: Kind, ids: readonly string[], where: string): void {
    for (const [i, id] of ids.entries()) this.one([...path, i], owner, kind, id, where);
  }
}

const TAXONOMY = 'built in or in dataCategories';

function checker(ctx: RuleContext, tables: ReadonlySet<string>): (kind: Kind, id: string) => boolean {
  return (kind, id) => {
    switch (kind) {
      case 'subject kind':
        return ctx.subjectKinds.has(id);
      case 'relationship kind':
        return ctx.relationshipKinds.has(id);
      case 'data category':
        return ctx.categories.has(id);
      case 'processor':
        return ctx.processors.has(id);
      case 'recipient':
        return ctx.recipients.has(id);
      case 'purpose':
        return ctx.purposes.has(id);
      case 'legal obligation':
        return ctx.legalObligations.has(id);
      case 'service category':
        return ctx.serviceCategories.has(id);
      case 'table':
        return tables.has(id);
    }
  };
}

function checkPurposes(policy: Policy, refs: Refs): void {
  for (const [p, x] of policy.purposes.entries()) {
    const [base, owner] = [['purposes', p], `purpose '${x.id}'`];
    refs.all([...base, 'subjects'], owner, 'subject kind', x.subjects, 'built in or in subjectKinds');
    refs.all([...base, 'categories'], owner, 'data category', x.categories, TAXONOMY);
    refs.all([...base, 'processors'], owner, 'processor', x.processors, 'processors');
    refs.all([...base, 'recipients'], owner, 'recipient', x.recipients, 'recipients');
    refs.all([...base, 'legalHolds'], owner, 'legal obligation', x.legalHolds, 'legalObligations');
    const audience = x.marketing?.audience;
    const relationship = audience?.kind === 'relationship' ? audience.relationship : undefined;
    refs.one(
      [...base, 'marketing', 'audience', 'relationship'],
      owner,
      'relationship kind',
      relationship,
      'relationshipKinds',
    );
  }
}

function checkParties(policy: Policy, refs: Refs): void {
  for (const [i, x] of policy.processors.entries()) {
    refs.all(
      ['processors', i, 'services'],
      `processor '${x.id}'`,
      'service category',
      x.services,
      'built in or in serviceCategories',
    );
  }
  for (const [i, x] of policy.recipients.entries()) {
    refs.all(['recipients', i, 'categories'], `recipient '${x.id}'`, 'data category', x.categories, TAXONOMY);
  }
  for (const [i, x] of policy.legalObligations.entries()) {
    refs.all(
      ['legalObligations', i, 'categories'],
      `legal obligation '${x.id}'`,
      'data category',
      x.categories,
      TAXONOMY,
    );
  }
  for (const [i, x] of policy.dataCategories.entries()) {
    refs.one(['dataCategories', i, 'parent'], `data category '${x.id}'`, 'data category', x.parent, TAXONOMY);
  }
  refs.all(
    ['relationshipKinds'],
    'relationshipKinds',
    'subject kind',
    policy.relationshipKinds ?? [],
    'built in or in subjectKinds',
  );
  refs.one(['securityLogs', 'purpose'], 'securityLogs', 'purpose', policy.securityLogs?.purpose, 'purposes');
}

function checkForms(policy: Policy, refs: Refs): void {
  for (const [f, form] of policy.forms.entries()) {
    const owner = `form '${form.id}'`;
    refs.one(['forms', f, 'purpose'], owner, 'purpose', form.purpose, 'purposes');
    refs.all(['forms', f, 'consents'], owner, 'purpose', form.consents, 'purposes');
    for (const [i, field] of form.fields.entries()) {
      refs.one(
        ['forms', f, 'fields', i, 'category'],
        `${owner}: field '${field.name}'`,
        'data category',
        field.category,
        TAXONOMY,
      );
    }
  }
}

function checkDataset(dataset: Policy['datasets'][number], d: number, refs: Refs): void {
  for (const [t, table] of dataset.tables.entries()) {
    const [base, owner] = [['datasets', d, 'tables', t], `dataset '${dataset.id}': table '${table.name}'`];
    refs.all([...base, 'purposes'], owner, 'purpose', table.purposes, 'purposes');
    for (const [column, id] of Object.entries(table.fields)) {
      refs.one([...base, 'fields', column], `${owner}: field '${column}'`, 'data category', id, TAXONOMY);
    }
    refs.one([...base, 'legalHold'], owner, 'legal obligation', table.legalHold, 'legalObligations');
    for (const [r, relation] of table.relations.entries()) {
      const target = relation.references.slice(0, relation.references.lastIndexOf('.'));
      refs.one(
        [...base, 'relations', r, 'references'],
        owner,
        'table',
        target,
        `tables of dataset '${dataset.id}'`,
      );
    }
  }
}

export const undefinedReference: Rule = {
  id: 'undefined-reference',
  severity: 'error',
  description:
    'A reference to a processor, recipient, category, subject kind, purpose, legal obligation, service or table that is not declared.',
  check(policy, ctx) {
    const refs = new Refs(checker(ctx, new Set()));
    checkPurposes(policy, refs);
    checkParties(policy, refs);
    checkForms(policy, refs);
    const findings = [...refs.findings];
    for (const [d, dataset] of policy.datasets.entries()) {
      const tableRefs = new Refs(checker(ctx, new Set(dataset.tables.map((t) => t.name))));
      checkDataset(dataset, d, tableRefs);
      findings.push(...tableRefs.findings);
    }
    return findings;
  },
};
