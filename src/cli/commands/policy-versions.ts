import fs from 'node:fs';
import { type Command, Option } from 'commander';
import { loadConfig } from '../../config/env.js';
import { openStore, type Store } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { formatDiagnostics } from '../../domain/policy/diagnostics.js';
import { diffPolicies, type PolicyDiff } from '../../domain/policy/diff.js';
import { loadPolicyFile } from '../../domain/policy/load.js';
import type { Policy } from '../../domain/policy/schema.js';
import { isAppError } from '../../errors/app-error.js';
import { resolveVersion } from '../../modules/versions/versions.repo.js';
import { createVersionsService } from '../../modules/versions/versions.service.js';
import { CliError, printJson } from '../output.js';

const FORMAT = () =>
  new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
const VERSION_REF = /^(ver_[0-9a-z]{26}|[0-9a-fA-F]{6,64})$/;

/** `--effective`: a date (00:00 UTC that day) or an ISO 8601 date-time with its offset. */
export function parseEffective(value: string): number {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
    ? Date.parse(value)
    : Number.NaN;
  const at = Number.isNaN(date) ? time : date;
  if (Number.isNaN(at))
    throw new CliError(
      '--effective must be YYYY-MM-DD or an ISO 8601 date-time such as 2026-12-29T00:00:00Z',
      2,
    );
  return at;
}

/** A file checked like `policy check`, refused on any error. */
function loadChecked(file: string, refused: string): { text: string; policy: Policy } {
  const loaded = loadPolicyFile(file);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.policy || errors.length > 0) {
    process.stderr.write(`${formatDiagnostics(errors, 'text')}\n`);
    throw new CliError(`${file}: fix the errors above first; ${refused}`);
  }
  return { text: loaded.source.text, policy: loaded.policy };
}

export function renderDiff(diff: PolicyDiff, from: string, to: string): string {
  const material = diff.changes.filter((c) => c.material).length;
  const lines = [`${diff.changes.length} change(s), ${material} material, from ${from} to ${to}`];
  for (const c of diff.changes) {
    const flag = c.material ? `  [material: ${c.rule}]` : '';
    lines.push(
      `  ${c.type.padEnd(7)} ${c.area.padEnd(13)} ${c.path} → ${c.item}${flag}`,
      `      ${c.summary}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `steward policy publish FILE [--effective DATE]`: stores the file as an immutable version (the same text
 * again is a no-op that says so) and queues the emails a material change owes to account holders.
 * `steward policy diff A B`: what changed, from files or published versions (id or content-hash prefix).
 */
export function registerPolicyVersionCommands(policy: Command): void {
  policy
    .command('publish <file>')
    .description(
      'publish the file as an immutable policy version; a material change emails every account holder',
    )
    .option(
      '--effective <date>',
      'when it takes effect: YYYY-MM-DD (00:00 UTC) or ISO 8601; default now, or after the notice period if material',
    )
    .addOption(FORMAT())
    .action(async (file: string, opts: { effective?: string; format: 'text' | 'json' }) => {
      const effectiveAt = opts.effective === undefined ? undefined : parseEffective(opts.effective);
      const { text } = loadChecked(file, 'nothing was published');
      const config = loadConfig();
      const store = openStore(config.database);
      try {
        await migrateToLatest(store.db);
        const versions = createVersionsService({
          db: store.db,
          dialect: store.dialect,
          publicUrl: config.publicUrl,
        });
        const result = await versions
          .publish({ yaml: text, effectiveAt, actor: 'cli', fileName: file })
          .catch((error: unknown) => {
            if (isAppError(error)) throw new CliError(`${error.detail ?? error.code}`);
            throw error;
          });
        const v = result.version;
        const { yaml: _yaml, policy: _policy, ...summary } = v;
        if (opts.format === 'json') printJson({ ...result, version: summary });
        else if (!result.published)
          process.stdout.write(
            `already published as ${v.id} (sha256 ${v.contentHash.slice(0, 12)}): nothing to do${result.noticesQueued > 0 ? `; queued ${result.noticesQueued} notice(s) left over` : ''}\n`,
          );
        else {
          const material = v.diff.changes.filter((c) => c.material).length;
          process.stdout.write(
            `published ${v.id} (seq ${v.seq}${v.label ? `, ${v.label}` : ''}, sha256 ${v.contentHash.slice(0, 12)}): ${v.diff.changes.length} change(s), ${material} material; takes effect ${new Date(v.effectiveAt).toISOString()}; ${result.noticesQueued} notice(s) queued\n`,
          );
        }
      } finally {
        await store.close();
      }
    });

  policy
    .command('diff <a> <b>')
    .description('what changed from A to B: policy files, or published versions by id or content-hash prefix')
    .addOption(FORMAT())
    .action(async (a: string, b: string, opts: { format: 'text' | 'json' }) => {
      let store: Store | null = null;
      const load = async (ref: string): Promise<{ label: string; policy: Policy }> => {
        if (fs.existsSync(ref)) return { label: ref, policy: loadChecked(ref, 'cannot compare').policy };
        if (!VERSION_REF.test(ref)) throw new CliError(`no such file or version: ${ref.slice(0, 200)}`);
        if (!store) {
          store = openStore(loadConfig().database);
          await migrateToLatest(store.db);
        }
        const resolved = await resolveVersion(store.db, ref);
        if (resolved.found) return { label: resolved.found.id, policy: resolved.found.policy };
        throw new CliError(
          resolved.ambiguous ? `${ref} matches several versions` : `no published version ${ref}`,
        );
      };
      try {
        const from = await load(a);
        const to = await load(b);
        const diff = diffPolicies(from.policy, to.policy);
        if (opts.format === 'json') printJson({ from: from.label, to: to.label, ...diff });
        else process.stdout.write(renderDiff(diff, from.label, to.label));
      } finally {
        await (store as Store | null)?.close();
      }
    });
}
