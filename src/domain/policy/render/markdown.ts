import { type Block, type Inline, type Inlines, isSafeHref, type PolicyDocument } from './model.js';

/**
 * Escapes plain text for CommonMark + GFM inline content: every punctuation character that can open
 * inline markup (emphasis, code, links, raw HTML, entities, table cells, strike-through, heading closers)
 * is backslash-escaped (CommonMark §2.4), and whitespace runs, newlines included, collapse to one space so
 * no text can start a new block. Parentheses stay readable: a link cannot form without an unescaped `[`.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>#|~&]/g, '\\$&');
}

/** At the start of a paragraph or list item, a list, setext or ordered-list marker would start a block. */
function guardLineStart(line: string): string {
  return line
    .trim()
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

function inline(piece: Inline): string {
  if (typeof piece === 'string') return escapeMarkdown(piece);
  if (piece.kind === 'strong') return `**${escapeMarkdown(piece.text).trim()}**`;
  if (!isSafeHref(piece.href)) return escapeMarkdown(piece.text);
  return `[${escapeMarkdown(piece.text)}](<${piece.href}>)`;
}

const inlines = (content: Inlines): string => content.map(inline).join('');

function block(b: Block, depth: number): string {
  switch (b.kind) {
    case 'paragraph':
      return guardLineStart(inlines(b.content));
    case 'list':
      return b.items.map((item) => `- ${guardLineStart(inlines(item))}`).join('\n');
    case 'table': {
      const head = `| ${b.head.map(escapeMarkdown).join(' | ')} |`;
      const rule = `|${b.head.map(() => ' --- |').join('')}`;
      const rows = b.rows.map((row) => `| ${row.map((cell) => inlines(cell).trim() || ' ').join(' | ')} |`);
      return [`*${escapeMarkdown(b.caption)}*`, '', head, rule, ...rows].join('\n');
    }
    case 'section': {
      const hashes = '#'.repeat(Math.min(depth + 1, 6));
      const heading = `${hashes} ${b.number ? `${b.number} ` : ''}${escapeMarkdown(b.title).trim()}`;
      return [heading, ...b.blocks.map((child) => block(child, depth + 1))].join('\n\n');
    }
  }
}

export function toMarkdown(doc: PolicyDocument): string {
  return `${[`# ${escapeMarkdown(doc.title)}`, ...doc.blocks.map((b) => block(b, 1))].join('\n\n')}\n`;
}
