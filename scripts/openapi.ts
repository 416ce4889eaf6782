/**
 * Writes (`write`) or checks (`check`) the committed `openapi.json` against the document the server
 * generates from its route schemas. `npm test` runs `check`, so a stale document fails CI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { createSteward } from '../src/app.js';
import { loadConfig, PACKAGE_ROOT } from '../src/config/env.js';
import { openSqlite } from '../src/db/connect.js';

const target = path.join(PACKAGE_ROOT, 'openapi.json');
const clientTypes = path.join(PACKAGE_ROOT, 'web', 'admin', 'src', 'api', 'schema.d.ts');

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

/** The console's API types, generated from the document (openapi-typescript): never written by hand. */
export async function generateClientTypes(document: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(document) as Parameters<typeof openapiTS>[0]);
  return astToString(ast);
}

async function run(mode: string | undefined): Promise<void> {
  const generated = await generateOpenApi();
  const types = await generateClientTypes(generated);
  if (mode === 'write') {
    fs.writeFileSync(target, generated);
    fs.writeFileSync(clientTypes, types);
    process.stdout.write(
      `wrote ${path.relative(process.cwd(), target)} and ${path.relative(process.cwd(), clientTypes)}\n`,
    );
    return;
  }
  const stale = [
    [target, generated],
    [clientTypes, types],
  ].filter(([file, content]) => (fs.existsSync(file!) ? fs.readFileSync(file!, 'utf8') : '') !== content);
  if (stale.length > 0) {
    process.stderr.write(
      `${stale.map(([file]) => path.relative(process.cwd(), file!)).join(' and ')} stale: run \`npm run openapi\` and commit the result\n`,
    );
    process.exitCode = 1;
    return;
  }
  process.stdout.write('openapi.json and the console client types are up to date\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await run(process.argv[2]);
}
