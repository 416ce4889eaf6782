/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary directory, its own port), so a test can
 * really stop, crash and restart PostgreSQL without touching the shared server other test files use.
 * Needs the server binaries (`initdb`, `pg_ctl`: Debian's postgresql package); as root they run as the
 * `postgres` user, since PostgreSQL refuses to run as root.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { IN_CI } from './databases.js';
import { freePort } from './server-process.js';

const run = promisify(execFile);

export interface PrivatePostgres {
  /** Connection URL of the `postgres` database (trust authentication on 127.0.0.1). */
  readonly url: string;
  /** `immediate` is a crash (no shutdown checkpoint, recovery from WAL on start); `fast` a clean stop. */
  stop(mode: 'immediate' | 'fast'): Promise<void>;
  start(): Promise<void>;
  /** Stops and removes the cluster. */
  destroy(): Promise<void>;
}

function binaries(): { initdb: string; pgCtl: string } | undefined {
  const candidates = ['/usr/local/bin', '/usr/bin'];
  try {
    for (const version of fs.readdirSync('/usr/lib/postgresql').sort().reverse())
      candidates.push(`/usr/lib/postgresql/${version}/bin`);
  } catch {
    // no Debian layout
  }
  for (const dir of candidates) {
    const initdb = path.join(dir, 'initdb');
    const pgCtl = path.join(dir, 'pg_ctl');
    if (fs.existsSync(initdb) && fs.existsSync(pgCtl)) return { initdb, pgCtl };
  }
  return undefined;
}

/** Whether a private cluster can be made here; in CI a missing PostgreSQL server package is an error. */
export function privatePostgresAvailable(): boolean {
  const found = binaries() !== undefined;
  if (!found && IN_CI) throw new Error('initdb and pg_ctl are required in CI (Debian package postgresql)');
  return found;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binaries();
  if (!bin) throw new Error('initdb/pg_ctl not found');
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-pg-'));
  const dataDir = path.join(dir, 'data');
  if (asRoot) await run('chown', ['postgres', dir]);
  const exec = (file: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args);
  await exec(bin.initdb, ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50`;
  const start = async () => {
    await exec(bin.pgCtl, ['-D', dataDir, '-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start']);
  };
  const stop = async (mode: 'immediate' | 'fast') => {
    await exec(bin.pgCtl, ['-D', dataDir, '-m', mode, '-w', 'stop']);
  };
  await start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop(mode) {
      await stop(mode);
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      if (running) await stop('immediate').catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
