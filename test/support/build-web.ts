/**
 * Vitest global setup: builds the admin console (web/admin → dist/admin) once per run, before any browser
 * test serves it, and only when a source is newer than the last build, so runs without browser tests
 * or without changes to the console pay nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { PACKAGE_ROOT } from '../../src/config/env.js';

const SOURCES = path.join(PACKAGE_ROOT, 'web', 'admin');
const BUILT = path.join(PACKAGE_ROOT, 'dist', 'admin', 'index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export default async function buildWeb(): Promise<void> {
  const built = fs.existsSync(BUILT) ? fs.statSync(BUILT).mtimeMs : 0;
  if (built > newestSource(SOURCES)) return;
  await build({ configFile: path.join(SOURCES, 'vite.config.ts'), logLevel: 'warn' });
}
