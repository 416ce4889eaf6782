import { describe, expect, it } from 'vitest';
import {
  evaluateEligibility,
  type MarketingRule,
  type SubjectMarketingState,
} from '../consent/eligibility.js';
import type { PolicyChange } from '../policy/diff.js';
import { buildMaterialChangeIndex, planEffectiveDate, type VersionFacts } from './material.js';
import { MAX_NOTICE_LINES, noticePayload } from './notice.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-29T10:00:00Z');

describe('planEffectiveDate', () => {
  const base = { now: NOW, noticePeriods: ['P30D'], predecessorEffectiveAt: NOW - DAY };

  it.each<[string, Parameters<typeof planEffectiveDate>[0], number | string]>([
    ['material, no date asked: after the notice period', { ...base, material: true }, NOW + 30 * DAY],
    ['not material, no date asked: now', { ...base, material: false }, NOW],
    [
      'the longer of two notice periods',
      { ...base, material: true, noticePeriods: ['P14D', 'P1M'] },
      Date.parse('2026-12-29T10:00:00Z'),
    ],
    ['material, a later date asked', { ...base, material: true, requested: NOW + 40 * DAY }, NOW + 40 * DAY],
    ['material, too early', { ...base, material: true, requested: NOW + 29 * DAY }, 'material change'],
    ['not material, in the past', { ...base, material: false, requested: NOW - 1 }, 'cannot be in the past'],
    [
      'never before the version it follows',
      { ...base, material: false, predecessorEffectiveAt: NOW + 10 * DAY },
      NOW + 10 * DAY,
    ],
    [
      'asked before the version it follows',
      { ...base, material: false, predecessorEffectiveAt: NOW + 10 * DAY, requested: NOW + DAY },
      'previous version',
    ],
  ])('%s', (_name, input, expected) => {
    const plan = planEffectiveDate(input);
    if (typeof expected === 'number') expect(plan).toMatchObject({ ok: true, effectiveAt: expected });
    else {
      expect(plan.ok).toBe(false);
      expect(!plan.ok && plan.reason).toContain(expected);
    }
  });
});

const facts = (id: string, seq: number, effectiveAt: number, materialPurposes: string[]): VersionFacts => ({
  id,
  seq,
  effectiveAt,
  policyHash: `hash-${id}`,
  materialPurposes,
});

describe('buildMaterialChangeIndex', () => {
  const index = buildMaterialChangeIndex([
    facts('v1', 1, NOW - 100 * DAY, []),
    facts('v2', 2, NOW - 50 * DAY, ['newsletter']),
    facts('v3', 3, NOW - 40 * DAY, ['orders']),
    facts('v4', 4, NOW + 30 * DAY, ['newsletter']),
    facts('v5', 5, NOW + 30 * DAY, []),
  ]);

  it('gives the latest material change in effect at a time, per purpose', () => {
    expect(index.latestFor('newsletter', NOW)?.versionId).toBe('v2');
    expect(index.latestFor('newsletter', NOW + 30 * DAY)?.versionId).toBe('v4');
    expect(index.latestFor('newsletter', NOW - 60 * DAY)).toBeNull();
    expect(index.latestFor('unknown', NOW)).toBeNull();
    expect([...index.all(NOW).entries()].map(([p, r]) => [p, r.versionId])).toEqual([
      ['newsletter', 'v2'],
      ['orders', 'v3'],
    ]);
  });

  it('accepts the policies of that version and every later one', () => {
    expect([...index.latestFor('newsletter', NOW)!.acceptedPolicyHashes].sort()).toEqual([
      'hash-v2',
      'hash-v3',
      'hash-v4',
      'hash-v5',
    ]);
  });
});

describe('eligibility after a material change to a consent-based purpose', () => {
  const rule: MarketingRule = { purpose: 'newsletter', audience: { kind: 'consent' } };
  const change = {
    versionId: 'ver_x',
    effectiveAt: NOW,
    acceptedPolicyHashes: new Set(['hash-new']),
  };
  const given = (since: number, policyHash?: string): SubjectMarketingState => ({
    subjectId: 'sub_x',
    relationships: [],
    suppressions: [],
    consents: [
      { purpose: 'newsletter', status: 'given', seq: 3, since, ...(policyHash ? { policyHash } : {}) },
    ],
  });

  it.each<[string, SubjectMarketingState, number, boolean, string]>([
    [
      'given before it took effect: ask again',
      given(NOW - DAY, 'hash-old'),
      NOW + 1,
      false,
      'consent.outdated',
    ],
    [
      'given before it took effect, under the new notice',
      given(NOW - DAY, 'hash-new'),
      NOW + 1,
      true,
      'consent.given',
    ],
    ['given after it took effect', given(NOW + 1, 'hash-old'), NOW + 2, true, 'consent.given'],
    [
      'before it takes effect, the old consent still counts',
      given(NOW - DAY, 'hash-old'),
      NOW - 1,
      true,
      'consent.given',
    ],
  ])('%s', (_name, state, at, allowed, code) => {
    const verdict = evaluateEligibility(rule, state, at, change);
    expect(verdict.allowed).toBe(allowed);
    expect(verdict.reasons[0]?.code).toBe(code);
    if (code === 'consent.outdated')
      expect(verdict.reasons[0]?.ref).toEqual({ type: 'policy_version', id: 'ver_x' });
  });

  it('never applies to soft opt-in, which rests on the relationship', () => {
    const soft: MarketingRule = {
      purpose: 'news',
      audience: { kind: 'relationship', relationship: 'customer' },
    };
    const state: SubjectMarketingState = {
      subjectId: 'sub_x',
      consents: [],
      suppressions: [],
      relationships: [{ id: 'rel_1', kind: 'customer', startedAt: NOW - 10 * DAY, endedAt: null }],
    };
    expect(evaluateEligibility(soft, state, NOW + 1, change).allowed).toBe(true);
  });
});

describe('noticePayload', () => {
  const change = (summary: string, purposes: string[], material = true) =>
    ({ summary, purposes, material }) as unknown as PolicyChange;
  const policy = {
    controller: { name: 'Bakery AB' },
    purposes: [
      { id: 'allergies', legalBasis: 'consent' },
      { id: 'orders', legalBasis: 'contract' },
    ],
  } as never;

  it('lists the material changes only, in plain words, capped, and says when consent is asked again', () => {
    const changes = [
      change('Wording.', ['orders'], false),
      ...Array.from({ length: MAX_NOTICE_LINES + 3 }, (_, i) => change(`Change\n${i}.`, ['orders'])),
    ];
    const payload = noticePayload({
      policy,
      previous: null,
      diff: { material: true, changes },
      effectiveAt: Date.parse('2026-12-29T10:00:00Z'),
      link: 'https://example.com/privacy/versions',
    });
    const lines = payload.changes!.split('\n');
    expect(lines).toHaveLength(MAX_NOTICE_LINES + 1);
    expect(lines[0]).toBe('Change 0.');
    expect(lines.at(-1)).toBe('And 3 more changes: see the link below.');
    expect(payload).toMatchObject({
      controller: 'Bakery AB',
      effective: '29 December 2026',
      reconsent: 'no',
    });
    const consent = noticePayload({
      policy,
      previous: null,
      diff: { material: true, changes: [change('New category.', ['allergies'])] },
      effectiveAt: NOW,
      link: 'x',
    });
    expect(consent.reconsent).toBe('yes');
  });
});
