import { describe, expect, it } from 'vitest';

import { compareRelationships, daysSince, isStale, recencyFactor, relationshipScore } from '../../src/domain/strength.js';

const now = new Date('2026-12-01T12:00:00Z');

describe('daysSince', () => {
  it('counts whole UTC days', () => {
    expect(daysSince('2026-11-10', now)).toBe(21);
    expect(daysSince('2026-12-01', now)).toBe(0);
  });

  it('reads a future date as today', () => {
    expect(daysSince('2027-01-15', now)).toBe(0);
  });

  it('returns null for an unknown date', () => {
    expect(daysSince(null, now)).toBeNull();
    expect(daysSince('not a date', now)).toBeNull();
  });
});

describe('recencyFactor', () => {
  // floor + (1 − floor) × 2^(−days / 180), floor 0.25.
  it('is 1 on the day of contact', () => {
    expect(recencyFactor('2026-12-01', now)).toBe(1);
  });

  it('halves the fading part every 180 days', () => {
    expect(recencyFactor('2026-06-04', now)).toBeCloseTo(0.625, 10); // 180 days: 0.25 + 0.75 / 2
    expect(recencyFactor(daysAgo(360), now)).toBeCloseTo(0.4375, 10); // 360 days: 0.25 + 0.75 / 4
  });

  it('counts an unknown last contact as long ago', () => {
    expect(recencyFactor(null, now)).toBe(0.25);
  });
});

describe('relationshipScore', () => {
  it('matches the worked example', () => {
    // Strength 4, 90 days: 0.8 × (0.25 + 0.75 × 2^−0.5) = 0.8 × 0.780330 = 0.624264.
    expect(relationshipScore(4, '2026-09-02', now)).toBeCloseTo(0.624264, 6);
  });

  it('gives 1 to a trusted contact seen today', () => {
    expect(relationshipScore(5, '2026-12-01', now)).toBe(1);
  });

  it('gives 0.05 to a single meeting on no date', () => {
    expect(relationshipScore(1, null, now)).toBeCloseTo(0.05, 10);
  });

  it('ranks a recent working relationship above an old strong one', () => {
    // 3 a week ago: 0.6 × 0.980 = 0.588; 4 two years ago: 0.8 × (0.25 + 0.75 × 2^−4.06) = 0.237.
    expect(relationshipScore(3, daysAgo(7), now)).toBeGreaterThan(relationshipScore(4, daysAgo(730), now));
  });
});

describe('isStale', () => {
  it('marks 180 days and more as stale', () => {
    expect(isStale(daysAgo(180), now)).toBe(true);
    expect(isStale(daysAgo(179), now)).toBe(false);
  });

  it('marks an unknown last contact as stale', () => {
    expect(isStale(null, now)).toBe(true);
  });

  it('takes another threshold', () => {
    expect(isStale(daysAgo(40), now, 30)).toBe(true);
  });
});

describe('compareRelationships', () => {
  it('orders by score, strength, recency, then name', () => {
    const entries = [
      { name: 'Dan', score: 0.5, strength: 3, lastContactOn: '2026-10-01' },
      { name: 'Bea', score: 0.5, strength: 4, lastContactOn: '2026-01-01' },
      { name: 'Cid', score: 0.5, strength: 3, lastContactOn: '2026-11-01' },
      { name: 'Abe', score: 0.5, strength: 3, lastContactOn: '2026-10-01' },
      { name: 'Eve', score: 0.9, strength: 1, lastContactOn: null },
    ];
    expect([...entries].sort(compareRelationships).map((entry) => entry.name)).toEqual(['Eve', 'Bea', 'Cid', 'Abe', 'Dan']);
  });
});

function daysAgo(days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}
