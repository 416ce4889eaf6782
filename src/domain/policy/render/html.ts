import { type Block, type Inline, type Inlines, isSafeHref, type PolicyDocument } from './model.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function inline(piece: Inline): string {
  if (typeof piece === 'string') return escapeHtml(piece);
  if (piece.kind === 'strong') return `<strong>${escapeHtml(piece.text)}</strong>`;
  if (!isSafeHref(piece.href)) return escapeHtml(piece.text);
  return `<a href="${escapeHtml(piece.href)}">${escapeHtml(piece.text)}</a>`;
}

const inlines = (content: Inlines): string => content.map(inline).join('');

function block(b: Block, depth: number): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${inlines(b.content)}</p>`;
    case 'list':
      return `<ul>\n${b.items.map((item) => `<li>${inlines(item)}</li>`).join('\n')}\n</ul>`;
    case 'table': {
      const head = b.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
      const rows = b.rows.map((row) => `<tr>${row.map((cell) => `<td>${inlines(cell)}</td>`).join('')}</tr>`);
      // The wrapper scrolls a wide table on a narrow screen instead of the whole page; it is a focusable,
      // named region so a keyboard can scroll it too (WCAG 2.1.1).
      return [
        `<div class="table-scroll" role="region" tabindex="0" aria-label="${escapeHtml(b.caption)}">`,
        `<table>\n<caption>${escapeHtml(b.caption)}</caption>`,
        `<thead><tr>${head}</tr></thead>`,
        `<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`,
        '</div>',
      ].join('\n');
    }
    case 'section': {
      const level = Math.min(depth + 1, 6);
      const number = b.number ? `<span class="clause">${escapeHtml(b.number)}</span> ` : '';
      const id = escapeHtml(b.id);
      const heading = `<h${level} id="${id}-h">${number}${escapeHtml(b.title)}</h${level}>`;
      const children = b.blocks.map((child) => block(child, depth + 1));
      return [`<section id="${id}" aria-labelledby="${id}-h">`, heading, ...children, '</section>'].join(
        '\n',
      );
    }
  }
}

/** The document as an HTML fragment (no page shell): `<h1>` and one `<section>` per clause. */
export function toHtml(doc: PolicyDocument): string {
  return `${[`<h1>${escapeHtml(doc.title)}</h1>`, ...doc.blocks.map((b) => block(b, 1))].join('\n')}\n`;
}
