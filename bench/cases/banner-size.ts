import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import type { Browser } from 'playwright-core';
import { EXAMPLE_POLICY, PACKAGE_ROOT } from '../../src/config/env.js';
import { wrapBannerCode } from '../../src/modules/banner/banner.asset.js';
import { buildBannerScript } from '../../src/modules/banner/banner.build.js';
import { buildBannerConfig } from '../../src/modules/banner/banner.config.js';
import { loadPolicyOrThrow } from '../../src/modules/policy/policy.loader.js';
import { CHROMIUM, launchChromium } from '../../test/support/chromium.js';
import type { BenchCase, BenchResult } from '../harness.js';
import { formatNumber, percentile } from '../harness.js';

/** A devDependency's folder (c15t's `exports` hide its package.json from `require.resolve`). */
const pkg = (name: string) => path.join(PACKAGE_ROOT, 'node_modules', name);
const version = (name: string) =>
  (JSON.parse(fs.readFileSync(path.join(pkg(name), 'package.json'), 'utf8')) as { version: string }).version;

const gzip = (b: Buffer) => gzipSync(b, { level: 9 }).length;
const brotli = (b: Buffer) =>
  brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const TARGET_BYTES = 8 * 1024;
const LOADS = 21;

interface Bundle {
  readonly name: string;
  readonly bytes: Buffer;
}

/** What a site loads for each banner, measured from node_modules in this run. */
async function bundles(): Promise<{ steward: Bundle; stewardCode: Bundle; others: Bundle[] }> {
  const config = buildBannerConfig(loadPolicyOrThrow(EXAMPLE_POLICY).policy);
  const code = await buildBannerScript();
  const cc = pkg('vanilla-cookieconsent');
  const klaro = pkg('klaro');
  // c15t ships no browser file: bundle its whole public API as a site's bundler would (headless: no UI, no CSS).
  const c15t = await esbuild.build({
    stdin: { contents: "export * from 'c15t';", resolveDir: process.cwd() },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return {
    steward: {
      name: "Steward /consent.js (script + CSS + the example policy's config)",
      bytes: Buffer.from(wrapBannerCode(code, config)),
    },
    stewardCode: { name: 'Steward script + CSS alone', bytes: Buffer.from(code) },
    others: [
      {
        name: `vanilla-cookieconsent ${version('vanilla-cookieconsent')} (cookieconsent.umd.js + cookieconsent.css)`,
        bytes: Buffer.concat([
          fs.readFileSync(path.join(cc, 'dist', 'cookieconsent.umd.js')),
          fs.readFileSync(path.join(cc, 'dist', 'cookieconsent.css')),
        ]),
      },
      {
        name: `klaro ${version('klaro')} (klaro.js, CSS and translations included)`,
        bytes: fs.readFileSync(path.join(klaro, 'dist', 'klaro.js')),
      },
      {
        name: `c15t ${version('c15t')} (headless core, bundled and minified by esbuild, no UI)`,
        bytes: Buffer.from(c15t.outputFiles[0]!.contents),
      },
    ],
  };
}

/** The same first-layer content for the baseline banner: five categories, accept / reject / preferences. */
const COOKIECONSENT_RUN = `CookieConsent.run({ hideFromBots: false, // it hides itself from automated browsers
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {}, heatmaps: {}, session_replay: {}, advertising: {} },
  language: { default: 'en', translations: { en: {
    consentModal: { title: 'Cookies on the CoCart Headless LLC website', description: 'We use strictly necessary cookies to run this site. With your consent we would also use cookies for analytics, heatmaps, session replay and advertising.', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Choose' },
    preferencesModal: { title: 'Choose cookies', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save choices', closeIconLabel: 'Close',
      sections: ['necessary', 'analytics', 'heatmaps', 'session_replay', 'advertising'].map((c) => ({ title: c, description: c, linkedCategory: c })) } } } }
});`;

const page = (head: string, body = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>shop</title>${head}</head><body><h1>Shop</h1>${body}</body></html>`;

/**
 * Median time from navigation start to a visible first layer, over LOADS fresh page loads of each banner,
 * interleaved. Everything is served from memory by Playwright's router, so only parse, run and render count.
 */
async function timeToBanner(browser: Browser, steward: Buffer): Promise<[number, number]> {
  const cc = pkg('vanilla-cookieconsent');
  const files: Record<string, [string, Buffer | string]> = {
    '/consent.js': ['text/javascript', steward],
    '/cc.js': ['text/javascript', fs.readFileSync(path.join(cc, 'dist', 'cookieconsent.umd.js'))],
    '/cc.css': ['text/css', fs.readFileSync(path.join(cc, 'dist', 'cookieconsent.css'))],
    '/steward.html': ['text/html', page('<script src="/consent.js"></script>')],
    '/cc.html': [
      'text/html',
      page(
        '<link rel="stylesheet" href="/cc.css"><script src="/cc.js"></script>',
        `<script>${COOKIECONSENT_RUN}</script>`,
      ),
    ],
  };
  const shown = {
    steward: "document.querySelector('#steward-consent')?.shadowRoot?.querySelector('.bar')",
    cc: "document.querySelector('#cc-main .cm')",
  };
  async function once(which: 'steward' | 'cc'): Promise<number> {
    const context = await browser.newContext();
    try {
      await context.route('https://shop.test/**', (route) => {
        const file = files[new URL(route.request().url()).pathname];
        return file
          ? route.fulfill({ contentType: file[0], body: file[1] })
          : route.fulfill({ status: 404, body: '' });
      });
      await context.addInitScript(
        `window.__shown = new Promise((resolve) => { const check = () => { const el = ${shown[which]}; if (el && el.getBoundingClientRect().height > 0) resolve(performance.now()); else requestAnimationFrame(check); }; check(); });`,
      );
      const p = await context.newPage();
      await p.goto(`https://shop.test/${which}.html`);
      return (await p.evaluate(
        "Promise.race([window.__shown, new Promise((_, reject) => setTimeout(() => reject(new Error('no banner within 10 s')), 10000))])",
      )) as number;
    } finally {
      await context.close();
    }
  }
  const times: Record<'steward' | 'cc', number[]> = { steward: [], cc: [] };
  await once('steward');
  await once('cc');
  for (let i = 0; i < LOADS; i++) {
    times.steward.push(await once('steward'));
    times.cc.push(await once('cc'));
  }
  const median = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  return [median(times.steward), median(times.cc)];
}

export const bannerSize: BenchCase = {
  name: 'banner-size',
  async run() {
    const { steward, stewardCode, others } = await bundles();
    const results: BenchResult[] = [];
    const figure = gzip(steward.bytes);
    const codeOnly = `script + CSS alone: ${formatNumber(gzip(stewardCode.bytes))} B gzip, ${formatNumber(brotli(stewardCode.bytes))} B brotli (${formatNumber(stewardCode.bytes.length)} B minified)`;
    for (const other of others) {
      results.push({
        name: `banner size, gzip -9: ${steward.name}`,
        figure,
        unit: 'bytes',
        baseline: { name: other.name, figure: gzip(other.bytes) },
        ratio: gzip(other.bytes) / figure,
        target: `≤ ${formatNumber(TARGET_BYTES)} bytes`,
        met: figure <= TARGET_BYTES,
        notes: `brotli 11: ${formatNumber(brotli(steward.bytes))} B vs ${formatNumber(brotli(other.bytes))} B; uncompressed ${formatNumber(steward.bytes.length)} B vs ${formatNumber(other.bytes.length)} B; ${codeOnly}`,
      });
    }
    if (!fs.existsSync(CHROMIUM)) {
      process.stdout.write(`banner-size: time to banner skipped, ${CHROMIUM} is missing\n`);
      return results;
    }
    const browser = await launchChromium();
    try {
      const [ours, theirs] = await timeToBanner(browser, steward.bytes);
      results.push({
        name: `time to a visible banner, median of ${LOADS} fresh page loads in headless Chromium`,
        figure: ours,
        unit: 'ms',
        baseline: { name: others[0]!.name, figure: theirs },
        ratio: theirs / ours,
        notes:
          'from navigation start to the first animation frame with the first layer laid out; page and files served from memory',
      });
    } finally {
      await browser.close();
    }
    return results;
  },
};
