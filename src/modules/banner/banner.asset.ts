import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../../config/env.js';
import type { BannerConfig } from './banner.types.js';

/** Where `npm run build` writes the compiled banner (`banner.build.ts`). */
export const BUILT_SCRIPT = path.join(PACKAGE_ROOT, 'dist', 'banner', 'consent.js');

let compiled: Promise<string> | undefined;

/**
 * The compiled banner code: built by esbuild from `web/consent/src` when this module runs from source
 * (tsx, vitest), read from `dist/banner/consent.js` (written by `npm run build`) when it runs from `dist/`.
 * Once per process. esbuild is a build tool: a server running from `dist/` never loads it.
 */
export function loadBannerCode(): Promise<string> {
  compiled ??= (async () => {
    if (import.meta.url.endsWith('.ts')) return (await import('./banner.build.js')).buildBannerScript();
    try {
      return fs.readFileSync(BUILT_SCRIPT, 'utf8').trim();
    } catch {
      throw new Error(`${BUILT_SCRIPT} is missing: run \`npm run build\``);
    }
  })();
  return compiled;
}

/** One representation of `/consent.js`, compressed once at startup (the policy cannot change while running). */
export interface BannerAsset {
  readonly identity: Buffer;
  readonly gzip: Buffer;
  readonly brotli: Buffer;
  readonly etag: string;
}

/** The code wrapped around its configuration, so that the banner needs one request and no second round trip. */
export function wrapBannerCode(code: string, config: BannerConfig): string {
  return `/*! Steward consent banner ${config.revision} */\n!function(STEWARD_CONFIG){${code}}(${JSON.stringify(config)});\n`;
}

export function createBannerAsset(code: string, config: BannerConfig): BannerAsset {
  const identity = Buffer.from(wrapBannerCode(code, config), 'utf8');
  return {
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    brotli: brotliCompressSync(identity, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
  };
}

/** RFC 9110 §12.5.3: the best coding the client accepts (q > 0); brotli before gzip, else none. */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  if (!acceptEncoding) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const wants = (coding: string) => (accepted.get(coding) ?? accepted.get('*') ?? 0) > 0;
  if (wants('br')) return 'br';
  if (wants('gzip')) return 'gzip';
  return 'identity';
}
