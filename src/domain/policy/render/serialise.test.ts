import { describe, expect, it } from 'vitest';
import { escapeHtml, toHtml } from './html.js';
import { escapeMarkdown, toMarkdown } from './markdown.js';
import { isSafeHref, link, list, type PolicyDocument, paragraph, strong } from './model.js';

const doc: PolicyDocument = {
  title: 'Policy <1>',
  blocks: [
    paragraph('- starts like a list'),
    paragraph('2. starts like an ordered list'),
    {
      kind: 'section',
      id: 'one',
      number: '1',
      title: 'First & <last>',
      blocks: [
        list([[strong('Label:'), ' value'], 'plain']),
        paragraph(
          link('safe', 'https://example.com/a?b=1&c=2'),
          ' and ',
          link('unsafe', 'javascript:alert(1)'),
        ),
        { kind: 'table', caption: 'T', head: ['A', 'B|C'], rows: [[['x|y'], []]] },
        { kind: 'section', id: 'one-one', number: '1.1', title: 'Sub', blocks: [paragraph('text')] },
      ],
    },
  ],
};

describe('Markdown serialiser', () => {
  const md = toMarkdown(doc);

  it('nests headings by depth and keeps clause numbers', () => {
    expect(md).toContain('# Policy \\<1\\>\n');
    expect(md).toContain('## 1 First \\& \\<last\\>');
    expect(md).toContain('### 1.1 Sub');
  });

  it('neutralises block markers at the start of a paragraph', () => {
    expect(md).toContain('\n\\- starts like a list\n');
    expect(md).toContain('\n2\\. starts like an ordered list\n');
  });

  it('renders strong labels, safe links only, and escapes pipes in tables', () => {
    expect(md).toContain('- **Label:** value\n- plain');
    expect(md).toContain('[safe](<https://example.com/a?b=1&c=2>) and unsafe');
    expect(md).not.toContain('javascript:');
    expect(md).toContain('| A | B\\|C |\n| --- | --- |\n| x\\|y |   |');
  });

  it('collapses newlines so text cannot open a block', () => {
    expect(escapeMarkdown('a\n\n# b\n> c')).toBe('a \\# b \\> c');
  });
});

describe('HTML serialiser', () => {
  const html = toHtml(doc);

  it('escapes text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(html).toContain('<h1>Policy &lt;1&gt;</h1>');
    expect(html).toContain('<h2 id="one-h"><span class="clause">1</span> First &amp; &lt;last&gt;</h2>');
  });

  it('emits sections with labelled headings, lists, tables with scoped headers', () => {
    expect(html).toContain('<section id="one" aria-labelledby="one-h">');
    expect(html).toContain('<h3 id="one-one-h">');
    expect(html).toContain('<li><strong>Label:</strong> value</li>');
    expect(html).toContain('<caption>T</caption>');
    expect(html).toContain('<th scope="col">B|C</th>');
  });

  it('links only safe URLs, escaping them', () => {
    expect(html).toContain('<a href="https://example.com/a?b=1&amp;c=2">safe</a> and unsafe');
    expect(html).not.toContain('javascript:');
  });
});

describe('isSafeHref', () => {
  it.each([
    ['https://a.example', true],
    ['http://a.example/x', true],
    ['mailto:privacy@a.example', true],
    ['/privacy', true],
    ['#rights', true],
    ['//evil.example', false],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    ['data:text/html,<b>', false],
    ['https://a.example/"onmouseover="x', false],
  ])('%s → %s', (href, safe) => {
    expect(isSafeHref(href)).toBe(safe);
  });
});
