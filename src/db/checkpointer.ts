import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * WAL checkpoints off the commit path. With SQLite's default, a commit that crosses 1,000 WAL pages copies
 * them into the database file itself, which put 6–9 ms into some commits (and the consent ledger's p99).
 * The writer turns auto-checkpoints off and this worker thread, on its own connection, checkpoints
 * passively (never blocking the writer) a few times a second. Durability is unchanged: a commit is
 * durable once in the WAL.
 */
export function startCheckpointer(file: string, intervalMs = 250): { stop(): Promise<void> } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, intervalMs } });
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        // Held while it closes its connection, so the process waits for a clean close.
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
