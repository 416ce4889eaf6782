import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../config/env.js';
import { ERROR_CATALOGUE } from './catalogue.js';

describe('error catalogue', () => {
  it('documents every code in docs/errors.md with its status', () => {
    const doc = fs.readFileSync(path.join(PACKAGE_ROOT, 'docs', 'errors.md'), 'utf8');
    for (const [code, { status }] of Object.entries(ERROR_CATALOGUE)) {
      expect(doc, code).toMatch(new RegExp(`\\| \`${code.replace('.', '\\.')}\` +\\| ${status} +\\|`));
    }
  });

  it('uses only client or server error statuses', () => {
    for (const { status } of Object.values(ERROR_CATALOGUE)) expect(status >= 400 && status < 600).toBe(true);
  });
});
