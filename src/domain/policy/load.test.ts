/**
 * The loader's contract: any input at all yields diagnostics with positions, never an exception; schema
 * problems name the entry and point at the offending node.
 */
import { describe, expect, it } from 'vitest';
import { checkPolicyText, exitCodeFor, formatDiagnostics } from './diagnostics.js';
import { contentHash, hashPolicy, loadPolicyText, MAX_POLICY_BYTES } from './load.js';

const VALID = `steward: 1
controller:
  name: Beispiel GmbH
  address: [Musterstraße 1, 10115 Berlin]
  country: DE
  website: https://beispiel.example
  email: privacy@beispiel.example
  jurisdictions: [eu]
  sellsPersonalData: false
purposes:
  - id: support
    title: Answering questions
    description: We answer the questions you send us.
    legalBasis: legitimate_interest
    legitimateInterest: Answering the people who write to us.
    subjects: [correspondent]
    categories: [identity.name, contact.email]
    retention: {anchor: last_contact, duration: P1Y}
rights:
  offered: [access, rectification, erasure, restriction, portability, objection, complaint]
  deadlines:
    eu: {respond: P1M, extension: P2M}
amendments:
  notify: [website_notice]
  noticePeriod: P30D
`;

const load = (text: string) => loadPolicyText(text, 'p.yaml');
const rules = (text: string) => load(text).diagnostics.map((d) => d.rule);

describe('loadPolicyText on a valid policy', () => {
  it('returns the policy with defaults, no diagnostics and a content hash', () => {
    const result = load(VALID);
    expect(result.diagnostics).toEqual([]);
    expect(result.policy?.language).toBe('en');
    expect(result.policy?.purposes[0]?.processors).toEqual([]);
    expect(result.policy?.amendments.materialChanges.new_processor).toBe(true);
    expect(result.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.source).toEqual({ file: 'p.yaml', text: VALID });
  });

  it('hashes the parsed policy, not its layout or comments', () => {
    const reformatted = `# a comment\n${VALID.replace('[eu]', '\n    - eu')}`;
    expect(contentHash(reformatted)).toBe(contentHash(VALID));
    expect(contentHash(VALID.replace('P1Y', 'P2Y'))).not.toBe(contentHash(VALID));
    const policy = load(VALID).policy;
    expect(policy && hashPolicy(policy)).toBe(contentHash(VALID));
    expect(contentHash('nonsense: [')).toBeUndefined();
  });
});

describe('schema diagnostics', () => {
  it('reports a misspelt key at the key, naming the purpose, with a suggestion', () => {
    const [d] = load(VALID.replace('    retention: {', '    retension: {')).diagnostics.filter(
      (x) => x.rule === 'unknown-key',
    );
    expect(d).toMatchObject({ line: 18, col: 5, severity: 'error', path: ['purposes', 0, 'retension'] });
    expect(d?.message).toBe("purpose 'support': unknown field 'retension' (did you mean 'retention'?)");
  });

  it('reports a missing required field at its parent', () => {
    const text = VALID.replace('    retention: {anchor: last_contact, duration: P1Y}\n', '');
    const [d] = load(text).diagnostics;
    expect(d).toMatchObject({ rule: 'schema', line: 11, col: 5 });
    expect(d?.message).toBe("purpose 'support': missing required field 'retention'");
  });

  it('suggests the closest enum value and points at the value', () => {
    const [d] = load(
      VALID.replace('legalBasis: legitimate_interest', 'legalBasis: legitimate_intrest'),
    ).diagnostics;
    expect(d).toMatchObject({ rule: 'schema', line: 14, col: 17 });
    expect(d?.message).toContain("(did you mean 'legitimate_interest'?)");
  });

  it('explains a country code that is not ISO 3166-1', () => {
    const [d] = load(VALID.replace('country: DE', 'country: UK')).diagnostics;
    expect(d).toMatchObject({ rule: 'schema', line: 5, col: 12 });
    expect(d?.message).toContain('did you mean GB?');
  });

  it('lists the dataset kinds when the discriminator is wrong', () => {
    const text = `${VALID}datasets:\n  - {id: shop, title: Shop, kind: oracle, tables: []}\n`;
    const [d] = load(text).diagnostics;
    expect(d?.message).toBe("dataset 'shop': kind: 'oracle' is not one of postgres, mysql, sqlite, webhook");
  });

  it('refuses a literal secret where an environment variable name is expected', () => {
    const text = `${VALID}datasets:\n  - id: shop\n    title: Shop\n    kind: postgres\n    connection: {env: "postgres://u:pw@host/db"}\n    tables: [{name: t, primaryKey: id, fields: {}, erasure: {strategy: delete}}]\n`;
    expect(rules(text)).toEqual(['schema']);
  });

  it('refuses a __proto__ column, which would silently vanish from the parsed fields', () => {
    const text = `${VALID}datasets:\n  - id: shop\n    title: Shop\n    kind: sqlite\n    connection: {env: DB}\n    tables: [{name: t, primaryKey: id, fields: {__proto__: contact.phone}, erasure: {strategy: delete}}]\n`;
    expect(rules(text)).toEqual(['unknown-key']);
  });

  it('refuses SQL in table and column names', () => {
    const text = `${VALID}datasets:\n  - id: shop\n    title: Shop\n    kind: sqlite\n    connection: {env: DB}\n    tables: [{name: "t; DROP TABLE x", primaryKey: id, fields: {"a--": contact.email}, erasure: {strategy: delete}}]\n`;
    expect(rules(text)).toEqual(['schema', 'schema']);
  });
});

describe('hostile input never throws', () => {
  const cases: [string, string, string][] = [
    ['an empty file', '', 'empty-file'],
    ['only a comment', '# nothing\n', 'empty-file'],
    ['a list instead of a map', '- a\n- b\n', 'schema'],
    ['a scalar', 'just text', 'schema'],
    ['a YAML syntax error', 'steward: 1\n  controller: [\n', 'yaml-syntax'],
    ['duplicate keys', 'steward: 1\nsteward: 1\n', 'yaml-syntax'],
    ['binary junk', `steward: 1\n\u0000\u0001\u00ff\u0002`, 'yaml-syntax'],
    ['huge numbers', VALID.replace('steward: 1', 'steward: 1e999'), 'schema'],
    ['a huge integer', VALID.replace('steward: 1', 'steward: 123456789012345678901234567890'), 'schema'],
    ['__proto__ keys', `${VALID}__proto__: {polluted: true}\n`, 'unknown-key'],
    ['constructor keys', `${VALID}constructor: {prototype: {polluted: true}}\n`, 'unknown-key'],
    ['a second document', `${VALID}---\nsteward: 1\n`, 'yaml-syntax'],
    ['deep flow nesting', `${'['.repeat(50_000)}${']'.repeat(50_000)}`, 'yaml-syntax'],
    ['deep block nesting', `${'- '.repeat(50_000)}a`, 'yaml-syntax'],
    ['an oversized file', `# ${'x'.repeat(MAX_POLICY_BYTES)}`, 'file-too-large'],
  ];

  it.each(cases)('%s', (_name, text, rule) => {
    const result = load(text);
    expect(result.policy).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.map((d) => d.rule)).toContain(rule);
    for (const d of result.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.col).toBeGreaterThanOrEqual(1);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an alias bomb quickly', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const started = Date.now();
    const result = load(lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.diagnostics).toMatchObject([{ rule: 'yaml-syntax' }]);
    expect(result.diagnostics[0]?.message).toContain('aliases');
  });

  it('positions a binary byte on its line', () => {
    const [d] = load('steward: 1\nabc\u0000').diagnostics;
    expect(d).toMatchObject({ line: 2, col: 4, rule: 'yaml-syntax' });
  });
});

describe('formatDiagnostics and exit codes', () => {
  const diagnostics = load(VALID.replace('sellsPersonalData: false', 'sellsPersonalData: no')).diagnostics;

  it('prints file:line:col  severity  rule  message', () => {
    expect(formatDiagnostics(diagnostics, 'text')).toBe(
      "p.yaml:9:22  error  schema  controller.sellsPersonalData: Invalid input: expected boolean, received string (found 'no')",
    );
    expect(JSON.parse(formatDiagnostics(diagnostics, 'json'))).toEqual(diagnostics);
  });

  it('escapes control characters from the file in messages', () => {
    const text = VALID.replace('steward: 1', 'steward: 1\n"evil\\u001b[31m": 1');
    const out = formatDiagnostics(load(text).diagnostics, 'text');
    expect(out).not.toContain('\u001b');
    expect(out).toContain('\\u001b');
  });

  it('exits 1 on errors and 0 on warnings only', () => {
    expect(exitCodeFor(diagnostics)).toBe(1);
    expect(exitCodeFor([{ ...diagnostics[0]!, severity: 'warning' }])).toBe(0);
    expect(checkPolicyText(VALID)).toEqual({ diagnostics: [], exitCode: 0 });
  });
});
