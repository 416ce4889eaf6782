import { describe, expect, it } from 'vitest';
import { EXAMPLE_POLICY } from '../../config/env.js';
import type { Policy } from '../../domain/policy/schema.js';
import { loadPolicyOrThrow } from '../policy/policy.loader.js';
import { bannerRevision, buildBannerConfig, gpcLastUpdate } from './banner.config.js';

const base = loadPolicyOrThrow(EXAMPLE_POLICY).policy;
const edit = (change: (p: Policy) => void): Policy => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};
const purpose = (p: Policy, id: string) => p.purposes.find((x) => x.id === id)!;

describe('banner revision', () => {
  const revision = bannerRevision(base);

  it.each<[string, (p: Policy) => void]>([
    [
      'a purpose title',
      (p) => {
        purpose(p, 'heatmaps').title = 'Click maps';
      },
    ],
    [
      'a purpose description',
      (p) => {
        purpose(p, 'advertising').description = 'Reworded.';
      },
    ],
    [
      'a cookie description',
      (p) => {
        purpose(p, 'website_necessary').website!.cookies[0]!.description = 'x';
      },
    ],
    [
      'a non-website purpose',
      (p) => {
        purpose(p, 'correspondence').processors = [];
      },
    ],
    ['the order of purposes', (p) => void p.purposes.reverse()],
  ])('stays when %s changes', (_what, change) => {
    expect(bannerRevision(edit(change))).toBe(revision);
  });

  it.each<[string, (p: Policy) => void]>([
    [
      'a cookie is added',
      (p) => void purpose(p, 'website_analytics').website!.cookies.push({ name: '_gid', duration: 'P1D' }),
    ],
    [
      'a cookie lasts longer',
      (p) => {
        purpose(p, 'heatmaps').website!.cookies[0]!.duration = 'P2Y';
      },
    ],
    [
      'a cookie is renamed',
      (p) => {
        purpose(p, 'advertising').website!.cookies[0]!.name = '_gcl_aw';
      },
    ],
    [
      'a purpose turns third party',
      (p) => {
        purpose(p, 'website_necessary').website!.thirdParty = true;
      },
    ],
    [
      'a purpose changes category',
      (p) => {
        purpose(p, 'heatmaps').website!.cookieCategory = 'analytics';
      },
    ],
    ['a processor is added', (p) => void purpose(p, 'heatmaps').processors.push('aws')],
    [
      'a processor moves country',
      (p) => {
        p.processors.find((x) => x.id === 'hotjar')!.countries = ['US'];
      },
    ],
    ['a data category is added', (p) => void purpose(p, 'session_replay').categories.push('network.ip')],
    [
      'the legal basis changes',
      (p) => {
        purpose(p, 'website_necessary').legalBasis = 'consent';
      },
    ],
    [
      'a purpose becomes a share',
      (p) => {
        purpose(p, 'website_analytics').share = true;
      },
    ],
  ])('changes when %s', (_what, change) => {
    expect(bannerRevision(edit(change))).not.toBe(revision);
  });
});

describe('banner config', () => {
  it('keeps the choice as long as the policy declares the consent cookie, and names the GPC date', () => {
    expect(buildBannerConfig(base).storageDays).toBe(181);
    const noCookie = edit((p) => {
      purpose(p, 'website_necessary').website!.cookies = [];
    });
    expect(buildBannerConfig(noCookie).storageDays).toBe(182);
    expect(gpcLastUpdate(base)).toBe('2026-11-29');
    expect(
      gpcLastUpdate(
        edit((p) => {
          p.lastModified = undefined;
        }),
      ),
    ).toBeUndefined();
  });

  it('shows only the categories the policy declares', () => {
    const onlyAnalytics = edit((p) => {
      p.purposes = p.purposes.filter(
        (x) => !x.website || ['website_necessary', 'website_analytics'].includes(x.id),
      );
    });
    expect(buildBannerConfig(onlyAnalytics).categories.map((c) => c.id)).toEqual(['necessary', 'analytics']);
  });
});
