import { describe, expect, it } from 'vitest';

import { contactInfluence, rankTitles, spansOfControl, titleRank } from '../../src/domain/influence.js';

describe('titleRank', () => {
  it.each([
    ['President & CEO', 'Senior', 1],
    ['VP Trading', 'Senior', 0.85],
    ['Mng Director Research', 'Senior', 0.95],
    ['Dir Trading', 'Senior', 0.7],
    ['Mgr Trading', 'Junior', 0.3],
    ['Specialist Legal', 'Junior', 0.15],
    ['Director', null, 0.6],
    ['Deputy Director', null, 0.5],
    ['Vice President', null, 0.75],
    ['VP & CFO', null, 0.9],
    ['Gen Cnsl Asst', 'Junior', 0.35],
    ['Senior Analyst', null, 0.35],
    ['Directrice générale', null, 1],
    ['Responsable des achats', null, 0.4],
    [null, null, 0.3],
  ] as const)('ranks %s (%s) at %s', (title, seniority, rank) => {
    expect(titleRank(title, seniority)).toBeCloseTo(rank, 10);
  });

  it('lets a civil-service grade decide over the title', () => {
    expect(titleRank('Deputy Director, Chief Operating Officer', 'SCS1')).toBe(0.5);
    expect(titleRank('Director General', 'SCS3')).toBe(0.85);
    expect(titleRank('Permanent Secretary', 'SCS4')).toBe(1);
    expect(titleRank('Deputy Director', 'SCS1A')).toBe(0.55);
  });

  it('reads a grade written in the title', () => {
    expect(titleRank('SCS2 Director, Public Services', null)).toBe(0.7);
  });
});

describe('rankTitles', () => {
  it('returns the same ranks as titleRank', () => {
    const rankOf = rankTitles();
    expect(rankOf('VP Trading', 'Senior')).toBe(titleRank('VP Trading', 'Senior'));
    expect(rankOf('VP Trading', 'Senior')).toBe(0.85);
    expect(rankOf('VP Trading', 'Junior')).toBe(0.65);
  });
});

describe('spansOfControl', () => {
  // A manages B and C; B manages D and E; E manages F.
  const lines = [
    { contactId: 'B', managerId: 'A' },
    { contactId: 'C', managerId: 'A' },
    { contactId: 'D', managerId: 'B' },
    { contactId: 'E', managerId: 'B' },
    { contactId: 'F', managerId: 'E' },
  ];

  it('counts direct and indirect reports', () => {
    const spans = spansOfControl(lines);
    expect(spans.get('A')).toBe(5);
    expect(spans.get('B')).toBe(3);
    expect(spans.get('E')).toBe(1);
  });

  it('gives people without reports nothing', () => {
    const spans = spansOfControl(lines);
    expect(spans.get('C') ?? 0).toBe(0);
    expect(spans.get('F') ?? 0).toBe(0);
  });

  it('stops on a loop', () => {
    const spans = spansOfControl([
      { contactId: 'X', managerId: 'Y' },
      { contactId: 'Y', managerId: 'X' },
    ]);
    // Neither can have more people below them than the two in the loop.
    expect(spans.get('X')).toBeLessThanOrEqual(2);
    expect(spans.get('Y')).toBeLessThanOrEqual(2);
  });
});

describe('contactInfluence', () => {
  it('matches the worked example', () => {
    // VP Trading, Senior: 0.5 × 0.85 + 0.3 × 10 / 20 + 0.2 × 2 / 4 = 0.425 + 0.15 + 0.1.
    expect(contactInfluence({ title: 'VP Trading', seniority: 'Senior', reports: 10, influenceWeight: 2 })).toBeCloseTo(0.675, 10);
  });

  it('is half the rank with no reports and no links', () => {
    expect(contactInfluence({ title: 'Director', seniority: null, reports: 0, influenceWeight: 0 })).toBeCloseTo(0.3, 10);
  });

  it('uses a given rank', () => {
    expect(contactInfluence({ title: 'Director', seniority: null, rank: 1, reports: 0, influenceWeight: 0 })).toBe(0.5);
  });

  it('puts a large span above a better title alone', () => {
    const manager = contactInfluence({ title: 'Mgr Trading', seniority: 'Junior', reports: 40, influenceWeight: 1 });
    const director = contactInfluence({ title: 'Director', seniority: null, reports: 0, influenceWeight: 0 });
    expect(manager).toBeGreaterThan(director);
  });
});
