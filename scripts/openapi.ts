/**
 * Writes (`write`) or checks (`check`) the committed `openapi.json` against the document the server
 * generates from its route schemas. `npm test` runs `check`, so a stale document fails CI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSteward } from '../src/app.js';
import { loadConfig, PACKAGE_ROOT } from '../src/config/env.js';
import { openSqlite } from '../src/db/connect.js';

const target = path.join(PACKAGE_ROOT, 'openapi.json');

export async function generateOpenApi(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-openapi-'));
  const config = loadConfig({
    STEWARD_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    STEWARD_PUBLIC_URL: 'http://127.0.0.1:8080',
  });
  const steward = await createSteward(config, { store: openSqlite(':memory:') });
  try {
    return `${JSON.stringify(steward.app.http.swagger(), null, 2)}\n`;
  } finally {
    await steward.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function run(mode: string | undefined): Promise<void> {
  const generated = await generateOpenApi();
  if (mode === 'write') {
    fs.writeFileSync(target, generated);
    process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
    return;
  }
  const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (committed !== generated) {
    process.stderr.write('openapi.json is stale: run `npm run openapi` and commit the result\n');
    process.exitCode = 1;
    return;
  }
  process.stdout.write('openapi.json is up to date\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await run(process.argv[2]);
}
