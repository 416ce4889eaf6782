import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_CSP, registerConsoleRoutes } from './console.routes.js';

describe('the admin console files', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-console-'));
  const app = Fastify();
  beforeAll(async () => {
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>console</title>');
    fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'not served');
    registerConsoleRoutes(app, { root });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves the page for every console path, with the CSP and no caching', async () => {
    for (const url of ['/admin/', '/admin/requests/dsr_x', '/admin/subjects']) {
      const res = await app.inject({ url });
      expect([url, res.statusCode]).toEqual([url, 200]);
      expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<title>console</title>');
    }
    expect((await app.inject({ url: '/admin' })).headers.location).toBe('/admin/');
  });

  it('serves hashed assets immutably, and nothing outside them', async () => {
    const asset = await app.inject({ url: '/admin/assets/index-abc123.js' });
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect(asset.headers['cache-control']).toContain('immutable');
    for (const url of [
      '/admin/assets/../secret.txt',
      '/admin/assets/%2e%2e/secret.txt',
      '/admin/assets/missing.js',
      '/admin/assets/..%2fsecret.txt',
    ]) {
      const res = await app.inject({ url });
      expect(res.body, url).not.toContain('not served');
    }
  });

  it('says how to build when the console is missing', async () => {
    const bare = Fastify();
    registerConsoleRoutes(bare, { root: path.join(root, 'nope') });
    const res = await bare.inject({ url: '/admin/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
    await bare.close();
  });
});
