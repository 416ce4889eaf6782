import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/connect.js';
import { runCli } from '../support/cli.js';

const EXAMPLE = 'examples/apisecurity/policy.yaml';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('steward policy', () => {
  it('check: the example policy has no errors (exit 0)', async () => {
    const result = await runCli(['policy', 'check', EXAMPLE]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/0 error\(s\)/);
  });

  it('check: compiler-style diagnostics and exit 1 on an error, as text and JSON', async () => {
    const bad = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(
      bad,
      fs.readFileSync(EXAMPLE, 'utf8').replace('legalBasis: consent', 'legalBasis: vibes'),
    );
    const text = await runCli(['policy', 'check', bad]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+  error  [a-z-]+  .+`, 'm'),
    );
    const json = await runCli(['policy', 'check', bad, '--format', 'json']);
    expect(json.code).toBe(1);
    const findings = JSON.parse(json.stdout) as { severity: string; line: number; rule: string }[];
    expect(findings.some((f) => f.severity === 'error' && f.line > 1)).toBe(true);
  });

  it('check: a missing file is an error naming the file', async () => {
    const result = await runCli(['policy', 'check', path.join(tmp, 'nope.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain('nope.yaml');
  });

  it('render: Markdown and HTML from the file', async () => {
    const md = await runCli(['policy', 'render', EXAMPLE, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('CoCart Headless LLC');
    const out = path.join(tmp, 'policy.html');
    const html = await runCli([
      'policy',
      'render',
      'examples/minimal/policy.yaml',
      '--format',
      'html',
      '--out',
      out,
    ]);
    expect(html.code).toBe(0);
    const page = fs.readFileSync(out, 'utf8');
    expect(page).toContain('<h2');
    expect(page).not.toContain('CoCart');
  });

  it('schema: a JSON Schema for editors', async () => {
    const result = await runCli(['policy', 'schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.$schema).toContain('2020-12');
    expect(schema.properties.purposes).toBeDefined();
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['policy', 'render', EXAMPLE, '--format', 'pdf'])).code).toBe(2);
    expect((await runCli(['no-such-command'])).code).toBe(2);
  });
});

describe('steward keys and configuration', () => {
  it('keys create prints the token once and stores only its hash', async () => {
    const dataDir = path.join(tmp, 'data');
    const result = await runCli(['keys', 'create', '--role', 'agent', '--name', 'ci'], {
      STEWARD_DATA_DIR: dataDir,
    });
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    expect(token).toMatch(/^stw_[A-Za-z0-9_-]{43}$/);
    const store = openSqlite(path.join(dataDir, 'steward.sqlite'));
    const rows = await store.db.selectFrom('api_keys').selectAll().execute();
    await store.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.role).toBe('agent');
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('refuses a bad role with exit 2', async () => {
    expect(
      (await runCli(['keys', 'create', '--role', 'root'], { STEWARD_DATA_DIR: path.join(tmp, 'd2') })).code,
    ).toBe(2);
  });

  it('lists every configuration problem at once (exit 78), without echoing values', async () => {
    const result = await runCli(['migrate'], {
      PORT: 'eighty',
      DATABASE_URL: 'mysql://user:hunter2@db/x',
      LOG_LEVEL: 'loud',
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).toContain('LOG_LEVEL');
    expect(result.stderr).not.toContain('hunter2');
  });

  it('serve refuses to start on a policy with errors, with its diagnostics', async () => {
    const bad = path.join(tmp, 'serve-bad.yaml');
    fs.writeFileSync(bad, 'steward: 1\npurposes: []\n');
    const result = await runCli(['serve', '--policy', bad, '--port', '0'], {
      STEWARD_DATA_DIR: path.join(tmp, 'd3'),
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/serve-bad\.yaml:\d+:\d+ {2}error/);
  });
});
