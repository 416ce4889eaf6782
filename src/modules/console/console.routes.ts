/**
 * Serves the admin console (web/admin, built by Vite into dist/admin) under /admin: hashed assets with a
 * year of immutable caching, every other path the single page (the console routes on the client). The
 * CSP allows only the console's own files and calls to this server; nothing inline, no framing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PACKAGE_ROOT } from '../../config/env.js';

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const SAFE_PATH = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

export function registerConsoleRoutes(app: FastifyInstance, deps: { root?: string } = {}): void {
  const root = deps.root ?? path.join(PACKAGE_ROOT, 'dist', 'admin');
  const headers = (reply: FastifyReply) =>
    reply.header('content-security-policy', CONSOLE_CSP).header('cross-origin-opener-policy', 'same-origin');

  const page = async (reply: FastifyReply) => {
    const index = path.join(root, 'index.html');
    if (!fs.existsSync(index))
      return headers(reply)
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The admin console is not built: run `npm run build`.\n');
    return headers(reply)
      .header('cache-control', 'no-cache')
      .type(TYPES['.html']!)
      .send(fs.readFileSync(index));
  };

  app.get('/admin', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/', 301));
  app.get<{ Params: { '*': string } }>('/admin/*', { schema: { hide: true } }, async (request, reply) => {
    const rest = request.params['*'];
    if (rest.startsWith('assets/') && SAFE_PATH.test(rest) && !rest.includes('..')) {
      const file = path.join(root, rest);
      if (file.startsWith(`${root}${path.sep}`) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return headers(reply)
          .header('cache-control', 'public, max-age=31536000, immutable')
          .type(TYPES[path.extname(file)] ?? 'application/octet-stream')
          .send(fs.createReadStream(file));
      }
      return headers(reply).code(404).type('text/plain; charset=utf-8').send('Not found\n');
    }
    return page(reply);
  });
}
