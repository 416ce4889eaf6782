import { describe, expect, it } from 'vitest';
import { hasGpcHeader } from './gpc.js';

describe('Sec-GPC header', () => {
  it.each([
    [['Sec-GPC', '1'], true],
    [['sec-gpc', ' 1 '], true],
    [['Sec-GPC', '0'], false],
    [['Sec-GPC', 'yes'], false],
    [['Sec-GPC', 'true'], false],
    [['Sec-GPC', ''], false],
    [['Sec-GPC', '1, 0'], false],
    [['Sec-GPC', '01'], false],
    [['Sec-GPC', '0', 'Sec-GPC', '1'], true],
    [['X-Sec-GPC', '1'], false],
    [[], false],
  ])('%j → %s', (raw, expected) => {
    expect(hasGpcHeader(raw)).toBe(expected);
  });
});
