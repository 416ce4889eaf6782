/**
 * Hostile input on every CLI command (issue 8), the commands read from the CLI's own definition so a new
 * one is covered the day it is added. fast-check builds the arguments, option values, input files (random
 * bytes, invalid UTF-8, a YAML alias bomb, 5,000-deep nesting, 6 MiB, the example policy with one value
 * replaced by something hostile, missing files, directories) and standard input. Every case runs the real
 * `main()` in this process against a real database:
 *
 * - no crash: `main()` never throws (the binary would exit 70 with "internal error");
 * - a refusal is a non-zero exit code with a message and no stack trace;
 * - a refusal writes nothing (the row count of every table is unchanged);
 * - neither output quotes the configured signing secrets or a password read from standard input.
 *
 * Cases per command: STEWARD_FUZZ_RUNS (default 25 per dialect and run, about 30 s; seeds differ between
 * runs). A case costs ~25 ms on SQLite (one store opened and migrated per command, as the binary does).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildCli, main } from '../../src/cli/main.js';
import { EXAMPLE_POLICY } from '../../src/config/env.js';
import type { Store } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import {
  availableDialects,
  createTestDatabase,
  type TestDatabase,
  tableRowCounts,
} from '../support/databases.js';
import { metacharacters } from '../support/hostile.js';

const RUNS = Number(process.env.STEWARD_FUZZ_RUNS ?? 25);
const TIMEOUT_MS = 60_000 + RUNS * 150;
const dialects = await availableDialects();
const SECRETS = {
  STEWARD_UNSUBSCRIBE_KEYS: `h1:${Buffer.alloc(32, 7).toString('base64url')}`,
  STEWARD_LEDGER_SIGNING_KEY: Buffer.alloc(32, 8).toString('base64url'),
};

interface LeafCommand {
  readonly path: string[];
  readonly args: { name: string; required: boolean }[];
  readonly options: { flag: string; takesValue: boolean }[];
}

function leaves(command: Command, prefix: string[] = []): LeafCommand[] {
  if (command.commands.length === 0)
    return [
      {
        path: prefix,
        args: command.registeredArguments.map((a) => ({ name: a.name(), required: a.required })),
        options: command.options.map((o) => ({
          flag: o.long ?? o.short ?? '',
          takesValue: o.required || o.optional,
        })),
      },
    ];
  return command.commands.flatMap((c) => leaves(c, [...prefix, c.name()]));
}
const COMMANDS = leaves(buildCli());

/** Arguments and options that name a file the command reads, or one it writes. */
const READS = new Set(['file', 'a', 'b', '--policy', '--checkpoint']);
const WRITES = new Set(['--out']);

const examplePolicy = parse(fs.readFileSync(EXAMPLE_POLICY, 'utf8')) as unknown;
/** Every path to a value in the example policy, so a mutation can reach any field. */
const policyPaths: (string | number)[][] = [];
(function walk(value: unknown, at: (string | number)[]) {
  policyPaths.push(at);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walk(v, [...at, i]);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
})(examplePolicy, []);

const hostileValue = fc.oneof(
  metacharacters,
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.constantFrom(
    null,
    true,
    -1,
    1e308,
    [],
    {},
    { __proto__: { polluted: true } },
    'P-1D',
    'P99999Y',
    '2026-02-30',
  ),
);
const mutatedPolicy = fc
  .tuple(fc.constantFrom(...policyPaths), hostileValue, fc.boolean())
  .map(([at, value, remove]) => {
    const copy = structuredClone(examplePolicy) as Record<string | number, unknown>;
    if (at.length === 0) return Buffer.from(stringify(value));
    let parent = copy as Record<string | number, unknown>;
    for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = at.at(-1)!;
    if (remove) delete parent[last];
    else parent[last] = value;
    return Buffer.from(stringify(copy));
  });
/** Bytes that are no policy at all. */
const garbage = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
  fc.string({ maxLength: 400 }).map((s) => Buffer.from(s)),
  metacharacters.map((s) =>
    Buffer.from(`${s}\n127.0.0.1 - - [01/Jan/2026:00:00:00 +0000] "GET /${s} HTTP/1.1" 200 1\n`),
  ),
  fc.constantFrom(
    Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
    Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`),
    Buffer.from(`${'a: '.repeat(2000)}x`),
    // Billion laughs: each alias doubles the document if the parser expands without a limit.
    Buffer.from(
      `a: &a [x, x]\n${Array.from({ length: 30 }, (_, i) => `${String.fromCharCode(98 + (i % 24))}${i}: &r${i} [${i === 0 ? '*a, *a' : `*r${i - 1}, *r${i - 1}`}]`).join('\n')}\n`,
    ),
    Buffer.from('!!js/function "function () { return process.exit(9) }"\n'),
    Buffer.from('version: 1\n<<: *undefined_anchor\n'),
    Buffer.from('\uFEFF\t\u0000---\n...\n---\n'),
    Buffer.alloc(6 * 1024 * 1024, 0x61),
  ),
);
const content = fc.oneof({ weight: 3, arbitrary: mutatedPolicy }, { weight: 5, arbitrary: garbage });

type FileChoice =
  | { kind: 'file'; bytes: Buffer }
  | { kind: 'missing' | 'directory' | 'nul' | 'long' | 'dash' | 'devnull' };
const fileChoice: fc.Arbitrary<FileChoice> = fc.oneof(
  { weight: 6, arbitrary: content.map((bytes) => ({ kind: 'file' as const, bytes })) },
  fc.constantFrom<FileChoice>(
    { kind: 'missing' },
    { kind: 'directory' },
    { kind: 'nul' },
    { kind: 'long' },
    { kind: 'dash' },
    { kind: 'devnull' },
  ),
);
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  metacharacters,
  fc.constantFrom(
    '',
    '-',
    '--',
    '-1',
    '0',
    '1',
    '99999999999999999999',
    'NaN',
    'json',
    'text',
    'admin',
    'service',
  ),
  fc.constantFrom('2026-13-45', 'P1Y', 'a@example.com', 'sub_0123456789abcdefghjkmnpqrs', 'ret_x'),
);

describe.each(dialects)('every CLI command under hostile input (%s)', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let dir: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = database.open();
    await migrateToLatest(store.db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-hostile-cli-'));
    Object.assign(process.env, SECRETS, {
      STEWARD_POLICY: EXAMPLE_POLICY,
      STEWARD_SWEEP_INTERVAL_MINUTES: '0',
      LOG_LEVEL: 'silent',
      STEWARD_DATA_DIR: dialect === 'sqlite' ? path.dirname(database.location) : dir,
    });
    if (dialect === 'postgres') process.env.DATABASE_URL = database.location;
    else delete process.env.DATABASE_URL;
  });
  afterAll(async () => {
    process.env = saved;
    await store.close();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  let n = 0;
  const materialise = (choice: FileChoice): string => {
    n++;
    switch (choice.kind) {
      case 'file': {
        const file = path.join(dir, `in-${n}.yaml`);
        fs.writeFileSync(file, choice.bytes);
        return file;
      }
      case 'missing':
        return path.join(dir, `missing-${n}.yaml`);
      case 'directory':
        return dir;
      case 'nul':
        return `${dir}/a\u0000b.yaml`;
      case 'long':
        return path.join(dir, 'x'.repeat(5000));
      case 'dash':
        return '-';
      case 'devnull':
        return '/dev/null';
    }
  };

  it.each(COMMANDS.map((c) => [c.path.join(' '), c] as const))(
    'steward %s',
    async (_name, command) => {
      const isServe = command.path[0] === 'serve';
      await fc.assert(
        fc.asyncProperty(
          fc.array(fileChoice, { minLength: 4, maxLength: 4 }),
          fc.array(text, { minLength: 4, maxLength: 4 }),
          fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
          fc.option(fc.oneof(text, fc.constant('--no-such-option')), { nil: undefined }),
          content,
          garbage,
          async (files, texts, include, extra, stdin, notAPolicy) => {
            let f = 0;
            let v = 0;
            const argv = [...command.path];
            for (const arg of command.args) {
              if (!arg.required && !include[f % 8]) continue;
              argv.push(READS.has(arg.name) ? materialise(files[f++ % 4]!) : texts[v++ % 4]!);
            }
            command.options.forEach((option, i) => {
              // `serve` always gets a hostile policy, so it refuses before it would listen.
              if (!include[(i + 3) % 8] && !(isServe && option.flag === '--policy')) return;
              argv.push(option.flag);
              if (!option.takesValue) return;
              if (isServe && option.flag === '--policy')
                argv.push(materialise({ kind: 'file', bytes: notAPolicy }));
              else if (READS.has(option.flag)) argv.push(materialise(files[f++ % 4]!));
              else if (WRITES.has(option.flag))
                argv.push(
                  include[i % 8] ? path.join(dir, `out-${n++}`) : path.join(dir, 'missing-dir', 'out'),
                );
              else argv.push(texts[v++ % 4]!);
            });
            if (extra !== undefined) argv.push(extra);

            const before = await tableRowCounts(store);
            const result = await runInProcess(argv, stdin);
            const shown = `steward ${argv.map((a) => a.slice(0, 60)).join(' ')} → exit ${result.code}\n${result.stderr.slice(0, 500)}`;
            expect(result.crash, shown).toBeUndefined();
            const output = result.stdout + result.stderr;
            expect(output, shown).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
            expect(output).not.toContain(SECRETS.STEWARD_LEDGER_SIGNING_KEY);
            expect(output).not.toContain(SECRETS.STEWARD_UNSUBSCRIBE_KEYS.slice(3));
            if (command.path.join(' ') === 'operators create' && stdin.length >= 12)
              expect(output).not.toContain(stdin.toString('utf8').replace(/\r?\n$/, ''));
            if (result.code !== 0) {
              // Why: on stderr, or the findings themselves on stdout (a check's report, --format json).
              expect(output.trim(), shown).not.toBe('');
              // Log ingestion stores the good lines of a file and counts the bad ones (docs/security-logs.md);
              // every other refusal changes nothing.
              if (command.path.join(' ') !== 'logs ingest')
                expect(await tableRowCounts(store), shown).toEqual(before);
            }
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});

interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly crash?: unknown;
}

/**
 * Runs `main()` with its output and standard input captured, as the binary would but without a process per
 * case. A throw out of `main()` is what the binary reports as an internal error (exit 70): a crash.
 */
async function runInProcess(argv: readonly string[], stdin: Buffer): Promise<InProcessResult> {
  const out: string[] = [];
  const err: string[] = [];
  const capture =
    (sink: string[]) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r): r is () => void => typeof r === 'function');
      callback?.();
      return true;
    };
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  const stdinDescriptor = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  process.stdout.write = capture(out) as typeof process.stdout.write;
  process.stderr.write = capture(err) as typeof process.stderr.write;
  Object.defineProperty(process, 'stdin', {
    value: Readable.from(stdin.length > 0 ? [stdin] : []),
    configurable: true,
  });
  process.exitCode = undefined;
  let crash: unknown;
  try {
    await main(['node', 'steward', ...argv]);
  } catch (error) {
    crash = error;
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    Object.defineProperty(process, 'stdin', stdinDescriptor);
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { code, stdout: out.join(''), stderr: err.join(''), ...(crash === undefined ? {} : { crash }) };
}
