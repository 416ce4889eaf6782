import { describe, expect, it } from 'vitest';
import type { Policy } from './schema.js';
import {
  adequateCountries,
  allDataCategories,
  allSubjectKinds,
  BUILT_IN_DATA_CATEGORIES,
  categoryCovers,
  EEA_COUNTRIES,
  purposesByProcessor,
  relationshipKinds,
} from './taxonomy.js';

describe('built-in data categories', () => {
  it('have unique ids whose parents exist, and flag every Art. 9 ground as special', () => {
    const ids = BUILT_IN_DATA_CATEGORIES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of BUILT_IN_DATA_CATEGORIES) if (c.parent) expect(ids).toContain(c.parent);
    const special = BUILT_IN_DATA_CATEGORIES.filter((c) => c.special).map((c) => c.id);
    expect(special).toEqual(
      expect.arrayContaining(['special.health', 'special.genetic', 'special.trade_union']),
    );
    expect(BUILT_IN_DATA_CATEGORIES.filter((c) => !c.personal).map((c) => c.id)).toEqual([
      'anonymous',
      'anonymous.feedback',
      'anonymous.aggregate',
    ]);
  });
});

describe('resolvers', () => {
  it('merge file categories, inheriting special and personal from the dotted parent', () => {
    const map = allDataCategories({
      dataCategories: [
        { id: 'special.health.allergies', title: 'Allergies' },
        { id: 'anonymous.poll', title: 'Poll answers' },
        { id: 'licensing.key', title: 'Licence keys' },
      ],
    });
    expect(map.get('special.health.allergies')).toMatchObject({
      parent: 'special.health',
      special: true,
      personal: true,
    });
    expect(map.get('anonymous.poll')).toMatchObject({ personal: false });
    expect(map.get('licensing.key')).toMatchObject({ special: false, personal: true });
    expect(map.get('licensing.key')?.parent).toBeUndefined();
  });

  it('lets a parent category cover its children only', () => {
    expect(categoryCovers('contact', 'contact.email')).toBe(true);
    expect(categoryCovers('contact.email', 'contact.email')).toBe(true);
    expect(categoryCovers('contact', 'contactless.card')).toBe(false);
  });

  it('adds file subject kinds and defaults relationship kinds', () => {
    expect(
      allSubjectKinds({ subjectKinds: [{ id: 'member', title: 'Members' }] }).map((k) => k.id),
    ).toContain('member');
    expect(relationshipKinds({})).toEqual(['customer', 'prospect', 'vendor', 'partner']);
    expect(relationshipKinds({ relationshipKinds: ['member'] })).toEqual(['member']);
  });

  it('derives the purposes of each processor', () => {
    const purposes = [
      { id: 'a', processors: ['x', 'y'] },
      { id: 'b', processors: ['x'] },
    ] as unknown as Policy['purposes'];
    expect(purposesByProcessor({ purposes })).toEqual(
      new Map([
        ['x', ['a', 'b']],
        ['y', ['a']],
      ]),
    );
  });

  it('treats the EEA and adequacy decisions as adequate, never the US; home regions always count', () => {
    const eu = adequateCountries({ controller: { jurisdictions: ['eu'] } as Policy['controller'] });
    expect(eu.has('DE') && eu.has('JP') && eu.has('GB') && eu.has('NO')).toBe(true);
    expect(eu.has('US')).toBe(false);
    expect(EEA_COUNTRIES).toHaveLength(30);
    const custom = adequateCountries({
      adequacy: ['JP'],
      controller: { jurisdictions: ['uk'] } as Policy['controller'],
    });
    expect([...custom].sort()).toEqual(['GB', 'JP']);
  });
});
