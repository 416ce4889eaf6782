import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { LoadedPolicy } from '../policy/policy.loader.js';

/**
 * The environment the connectors read connection strings from. A SQLite dataset whose variable is unset
 * gets a file under the data directory; if the policy's folder holds `<dataset id>.seed.sql`, a missing
 * file is created from it, so an example policy can ship a small demo store that works on first start.
 * Nothing here knows any particular policy.
 */
export function prepareDatasets(
  loaded: LoadedPolicy,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const dataset of loaded.policy.datasets) {
    if (dataset.kind !== 'sqlite' || out[dataset.connection.env]) continue;
    const file = path.join(dataDir, 'datasets', `${dataset.id}.sqlite`);
    const seed = path.join(path.dirname(loaded.file), `${dataset.id}.seed.sql`);
    if (!fs.existsSync(file) && fs.existsSync(seed)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const db = new BetterSqlite3(file);
      try {
        db.exec(fs.readFileSync(seed, 'utf8'));
      } finally {
        db.close();
      }
    }
    out[dataset.connection.env] = file;
  }
  return out;
}
