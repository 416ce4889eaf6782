import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { IN_CI } from './databases.js';

/** Debian's Chromium (`apt-get install chromium`); Playwright never downloads a browser here. */
export const CHROMIUM = process.env.STEWARD_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Whether browser tests run. Outside CI a missing Chromium skips them with a warning; in CI it is an
 * error, so a green run always means the browser flows passed (as `postgresAvailable` does for PostgreSQL).
 */
export function chromiumAvailable(): boolean {
  const ok = fs.existsSync(CHROMIUM);
  if (!ok && IN_CI) throw new Error(`Chromium is required in CI but ${CHROMIUM} is missing`);
  if (!ok) process.stderr.write(`warning: ${CHROMIUM} not found; browser tests are skipped\n`);
  return ok;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}
