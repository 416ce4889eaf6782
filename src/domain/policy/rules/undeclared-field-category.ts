/**
 * Purpose limitation and transparency (GDPR Art. 5(1)(b), 13(1)(c)): a column of personal data must be
 * covered by a purpose of its table (or by the legal hold that keeps the table), and a form field by the
 * form's purpose; otherwise the published policy does not mention data the company actually holds.
 */
import { categoryCovers } from '../taxonomy.js';
import type { Rule } from './types.js';

export const undeclaredFieldCategory: Rule = {
  id: 'undeclared-field-category',
  severity: 'error',
  description: 'A dataset or form field whose data category no purpose of its table (or form) declares.',
  *check(policy, ctx) {
    for (const [d, dataset] of policy.datasets.entries()) {
      for (const [t, table] of dataset.tables.entries()) {
        const declared = [
          ...table.purposes.flatMap((id) => ctx.purposes.get(id)?.categories ?? []),
          ...(table.legalHold ? (ctx.legalObligations.get(table.legalHold)?.categories ?? []) : []),
        ];
        for (const [column, category] of Object.entries(table.fields)) {
          if (!ctx.categories.has(category)) continue; // undefined-reference reports it
          if (declared.some((c) => categoryCovers(c, category))) continue;
          const purposes = table.purposes.length > 0 ? table.purposes.join(', ') : 'none';
          yield {
            path: ['datasets', d, 'tables', t, 'fields', column],
            message: `dataset '${dataset.id}': table '${table.name}' field '${column}' holds '${category}', which no purpose of the table declares (purposes: ${purposes})`,
          };
        }
      }
    }
    for (const [f, form] of policy.forms.entries()) {
      const declared = ctx.purposes.get(form.purpose)?.categories;
      if (!declared) continue;
      for (const [i, field] of form.fields.entries()) {
        if (!field.category || !ctx.categories.has(field.category)) continue;
        if (declared.some((c) => categoryCovers(c, field.category!))) continue;
        yield {
          path: ['forms', f, 'fields', i, 'category'],
          message: `form '${form.id}' field '${field.name}' collects '${field.category}', which its purpose '${form.purpose}' does not declare`,
        };
      }
    }
  },
};
