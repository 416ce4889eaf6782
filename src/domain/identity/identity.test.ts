import { describe, expect, it } from 'vitest';
import { normaliseEmail } from './email.js';
import { canonicalise } from './identity.js';
import { isId, newId } from './ids.js';
import { normalisePhone } from './phone.js';

describe('normaliseEmail', () => {
  it.each([
    ['  Ada@Example.COM ', 'ada@example.com'],
    ['kurt@Bücher.de', 'kurt@xn--bcher-kva.de'],
    ['kurt@xn--bcher-kva.de', 'kurt@xn--bcher-kva.de'],
    ["o'brien+tag@mail.example.co.uk", "o'brien+tag@mail.example.co.uk"],
    ['JOSÉ@ejemplo.es', 'josé@ejemplo.es'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normaliseEmail(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    '',
    'plain',
    '@example.com',
    'a@',
    'a@b',
    'a..b@example.com',
    '.a@example.com',
    'a@-bad-.com',
    'a b@example.com',
    `${'x'.repeat(65)}@example.com`,
    'a@exa_mple.com',
  ])('refuses %j without echoing it', (input) => {
    const result = normaliseEmail(input);
    expect(result.ok).toBe(false);
    if (!result.ok && input.length > 3) expect(result.reason).not.toContain(input);
  });
});

describe('normalisePhone', () => {
  it('formats numbers as E.164, using the default country only when there is no prefix', () => {
    expect(normalisePhone('+1 (415) 555-0123')).toEqual({ ok: true, value: '+14155550123' });
    expect(normalisePhone('030 1234567', 'DE')).toEqual({ ok: true, value: '+49301234567' });
    expect(normalisePhone('030 1234567').ok).toBe(false);
    expect(normalisePhone('12345').ok).toBe(false);
  });
});

describe('canonicalise', () => {
  it('keeps external ids verbatim in their namespace', () => {
    expect(canonicalise({ type: 'external', value: ' cus_123 ', namespace: 'stripe' })).toEqual({
      type: 'external',
      namespace: 'stripe',
      value: 'cus_123',
    });
    expect(canonicalise({ type: 'external', value: 'has space' })).toEqual({ error: expect.any(String) });
  });
});

describe('newId', () => {
  it('makes prefixed ids that sort by creation time', () => {
    const a = newId('sub', 1_700_000_000_000);
    const b = newId('sub', 1_700_000_000_001);
    expect(isId(a, 'sub')).toBe(true);
    expect(isId(a, 'dsr')).toBe(false);
    expect(a < b).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => newId('cns'))).size).toBe(1000);
  });
});
