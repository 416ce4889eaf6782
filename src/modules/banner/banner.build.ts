/**
 * Compiles the banner script (`web/consent/src`, TypeScript for the browser) into one minified IIFE with
 * its stylesheet inlined, using esbuild. `npm run build` runs this file to write `dist/banner/consent.js`,
 * which a server running from `dist/` serves; a server running from source (tsx, tests) calls
 * `buildBannerScript()` at startup instead, so tests never see a stale build.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { PACKAGE_ROOT } from '../../config/env.js';
import { BUILT_SCRIPT } from './banner.asset.js';

const SOURCE = path.join(PACKAGE_ROOT, 'web', 'consent');

/** Browsers with Shadow DOM and `replaceSync` stylesheets (a `<style>` fallback covers Safari 14–16.3). */
const TARGET = ['es2020'];
const CSS_TARGET = ['chrome80', 'firefox78', 'safari14'];

export async function buildBannerScript(): Promise<string> {
  const css = await esbuild.transform(fs.readFileSync(path.join(SOURCE, 'src', 'consent.css'), 'utf8'), {
    loader: 'css',
    minify: true,
    target: CSS_TARGET,
  });
  const result = await esbuild.build({
    entryPoints: [path.join(SOURCE, 'src', 'main.ts')],
    tsconfig: path.join(SOURCE, 'tsconfig.json'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: TARGET,
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    define: { STEWARD_CSS: JSON.stringify(css.code.trim()) },
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output for the banner script');
  return output.text.trim();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const code = await buildBannerScript();
  fs.mkdirSync(path.dirname(BUILT_SCRIPT), { recursive: true });
  fs.writeFileSync(BUILT_SCRIPT, `${code}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), BUILT_SCRIPT)} (${code.length} bytes)\n`);
}
