import { describe, expect, it } from 'vitest';

import { DEFAULT_COVERAGE_SETTINGS } from '../../src/app/settings.js';
import {
  assessCoverage,
  classifySeat,
  daysBetween,
  findGaps,
  type CommitteeSeat,
  type CoverageGap,
  type CoverageInput,
  type CoverageTie,
} from '../../src/domain/coverage.js';

// Defaults: covered = strength ≥ 3 and last contact ≤ 60 days ago; stale warning 14 days;
// economic buyer expected covered from "proposal" on.
const policy = DEFAULT_COVERAGE_SETTINGS;
const today = '2026-12-01';
const stages = ['qualification', 'discovery', 'solution', 'proposal', 'negotiation', 'closing'];

/** The date `days` days before today. */
function ago(days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

function tie(memberId: string, strength: number, daysAgo: number | null): CoverageTie {
  return { memberId, strength, lastContactOn: daysAgo === null ? null : ago(daysAgo) };
}

function seat(contactId: string, fields: Partial<CommitteeSeat> = {}): CommitteeSeat {
  return { contactId, role: 'influencer', attitude: 'neutral', influence: 'medium', ties: [], ...fields };
}

function input(seats: CommitteeSeat[], fields: Partial<CoverageInput> = {}): CoverageInput {
  return { seats, policy, today, stage: 'discovery', stages, rolesKnown: true, ...fields };
}

function gapsOf(kind: CoverageGap['kind'], gaps: CoverageGap[]): CoverageGap[] {
  return gaps.filter((gap) => gap.kind === kind);
}

describe('coverage states', () => {
  it('counts whole days', () => {
    expect(daysBetween('2026-11-30', today)).toBe(1);
    expect(daysBetween('2026-12-05', today)).toBe(0);
  });

  it('covers with strength 3 within 60 days', () => {
    expect(classifySeat(seat('c', { ties: [tie('m1', 3, 10)] }), policy, today).state).toBe('covered');
  });

  it('covers on day 60 but not on day 61', () => {
    expect(classifySeat(seat('c', { ties: [tie('m1', 4, 60)] }), policy, today).state).toBe('covered');
    expect(classifySeat(seat('c', { ties: [tie('m1', 4, 61)] }), policy, today).state).toBe('weak');
  });

  it('calls a strength-2 relationship weak', () => {
    expect(classifySeat(seat('c', { ties: [tie('m1', 2, 1)] }), policy, today).state).toBe('weak');
  });

  it('calls an undated strong relationship weak', () => {
    expect(classifySeat(seat('c', { ties: [tie('m1', 5, null)] }), policy, today).state).toBe('weak');
  });

  it('calls a contact nobody knows uncovered', () => {
    const coverage = classifySeat(seat('c'), policy, today);
    expect(coverage.state).toBe('uncovered');
    expect(coverage.bestTie).toBeNull();
    expect(coverage.daysSinceContact).toBeNull();
  });

  it('lists covering members, strongest first', () => {
    const coverage = classifySeat(seat('c', { ties: [tie('m1', 3, 5), tie('m2', 5, 20), tie('m3', 2, 1)] }), policy, today);
    expect(coverage.coveredBy).toEqual(['m2', 'm1']);
    expect(coverage.bestTie?.memberId).toBe('m2');
    expect(coverage.daysSinceContact).toBe(1);
  });

  it('follows a tenant threshold', () => {
    const strict = { ...policy, coveredMinStrength: 4, coveredWithinDays: 30 };
    expect(classifySeat(seat('c', { ties: [tie('m1', 3, 10)] }), strict, today).state).toBe('weak');
    expect(classifySeat(seat('c', { ties: [tie('m1', 4, 31)] }), strict, today).state).toBe('weak');
    expect(classifySeat(seat('c', { ties: [tie('m1', 4, 30)] }), strict, today).state).toBe('covered');
  });
});

describe('coverage gaps', () => {
  it('reports a missing economic buyer and champion', () => {
    const gaps = findGaps(input([seat('a')]), [classifySeat(seat('a'), policy, today)]);
    expect(gapsOf('no_economic_buyer', gaps)).toHaveLength(1);
    expect(gapsOf('no_champion', gaps)).toHaveLength(1);
  });

  it('takes a champion attitude as an identified champion', () => {
    const seats = [seat('a', { role: 'economic_buyer' }), seat('b', { attitude: 'champion' })];
    const gaps = assessCoverage(input(seats)).gaps;
    expect(gapsOf('no_economic_buyer', gaps)).toHaveLength(0);
    expect(gapsOf('no_champion', gaps)).toHaveLength(0);
  });

  it('skips role gaps without buying roles', () => {
    const seats = [seat('a', { role: null, attitude: null })];
    const gaps = assessCoverage(input(seats, { rolesKnown: false, stage: 'closing' })).gaps;
    expect(gaps.map((gap) => gap.kind)).toEqual([]);
  });

  it('reports key roles not covered', () => {
    const seats = [
      seat('eb', { role: 'economic_buyer', ties: [tie('m1', 2, 5)] }),
      seat('dm', { role: 'decision_maker' }),
      seat('ch', { role: 'champion', ties: [tie('m1', 4, 5)] }),
      seat('tb', { role: 'technical_buyer' }),
    ];
    const gaps = gapsOf('key_role_uncovered', assessCoverage(input(seats)).gaps);
    expect(gaps).toEqual([
      { kind: 'key_role_uncovered', severity: 'high', contactId: 'dm', role: 'decision_maker', state: 'uncovered' },
      { kind: 'key_role_uncovered', severity: 'medium', contactId: 'eb', role: 'economic_buyer', state: 'weak' },
    ]);
  });

  it('reports an opponent nobody talks to', () => {
    const seats = [
      seat('quiet', { attitude: 'opponent', ties: [tie('m1', 5, 100)] }),
      seat('talked', { attitude: 'opponent', ties: [tie('m2', 1, 3)] }),
      seat('blocker', { role: 'blocker', attitude: 'neutral' }),
    ];
    const gaps = gapsOf('opponent_unengaged', assessCoverage(input(seats)).gaps);
    expect(gaps.map((gap) => (gap as { contactId: string }).contactId).sort()).toEqual(['blocker', 'quiet']);
  });

  it('reports one member carrying all coverage', () => {
    const seats = [seat('a', { ties: [tie('m1', 4, 5)] }), seat('b', { ties: [tie('m1', 3, 5), tie('m2', 2, 1)] })];
    const gaps = gapsOf('single_threaded', assessCoverage(input(seats)).gaps);
    expect(gaps).toEqual([{ kind: 'single_threaded', severity: 'medium', memberId: 'm1', contactId: null }]);
  });

  it('reports one covered contact in a committee', () => {
    const seats = [seat('a', { ties: [tie('m1', 4, 5), tie('m2', 4, 5)] }), seat('b'), seat('c', { ties: [tie('m3', 1, 2)] })];
    const gaps = gapsOf('single_threaded', assessCoverage(input(seats)).gaps);
    expect(gaps).toEqual([{ kind: 'single_threaded', severity: 'medium', memberId: null, contactId: 'a' }]);
  });

  it('is not single-threaded with two members on two contacts', () => {
    const seats = [seat('a', { ties: [tie('m1', 4, 5)] }), seat('b', { ties: [tie('m2', 4, 5)] })];
    expect(gapsOf('single_threaded', assessCoverage(input(seats)).gaps)).toEqual([]);
  });

  it('reports relationships going stale', () => {
    // Window 60 days, warning 14: a strong tie is safe up to day 46, lapsing from 47 to 60.
    const seats = [
      seat('lapsing', { ties: [tie('m1', 4, 50)] }),
      seat('lapsed', { ties: [tie('m2', 3, 75)] }),
      seat('undated', { ties: [tie('m3', 5, null)] }),
      seat('safe', { ties: [tie('m4', 4, 80), tie('m5', 3, 10)] }),
      seat('weakOnly', { ties: [tie('m6', 2, 200)] }),
    ];
    const gaps = gapsOf('stale', assessCoverage(input(seats)).gaps);
    expect(gaps).toContainEqual({ kind: 'stale', severity: 'low', contactId: 'lapsing', memberId: 'm1', lastContactOn: ago(50), lapsed: false, daysLeft: 10 });
    expect(gaps).toContainEqual({ kind: 'stale', severity: 'medium', contactId: 'lapsed', memberId: 'm2', lastContactOn: ago(75), lapsed: true, daysLeft: null });
    expect(gaps).toContainEqual({ kind: 'stale', severity: 'medium', contactId: 'undated', memberId: 'm3', lastContactOn: null, lapsed: true, daysLeft: null });
    expect(gaps).toHaveLength(3);
  });

  it('expects the economic buyer covered from proposal on', () => {
    const seats = [seat('eb', { role: 'economic_buyer', ties: [tie('m1', 2, 5)] })];
    const atDiscovery = gapsOf('stage_expectation', assessCoverage(input(seats, { stage: 'discovery' })).gaps);
    const atProposal = gapsOf('stage_expectation', assessCoverage(input(seats, { stage: 'proposal' })).gaps);
    expect(atDiscovery).toEqual([]);
    expect(atProposal).toEqual([{ kind: 'stage_expectation', severity: 'high', role: 'economic_buyer', fromStage: 'proposal', contactIds: ['eb'] }]);
  });

  it('flags a missing economic buyer at a late stage', () => {
    const gaps = gapsOf('stage_expectation', assessCoverage(input([seat('a')], { stage: 'negotiation' })).gaps);
    expect(gaps).toEqual([{ kind: 'stage_expectation', severity: 'high', role: 'economic_buyer', fromStage: 'proposal', contactIds: [] }]);
  });

  it('ignores a stage the tenant does not have', () => {
    expect(gapsOf('stage_expectation', assessCoverage(input([seat('a')], { stage: 'unknown' })).gaps)).toEqual([]);
  });

  it('sorts gaps by severity', () => {
    const severities = assessCoverage(input([seat('a', { ties: [tie('m1', 4, 50)] })], { stage: 'closing' })).gaps.map((gap) => gap.severity);
    expect(severities).toEqual([...severities].sort((a, b) => ['high', 'medium', 'low'].indexOf(a) - ['high', 'medium', 'low'].indexOf(b)));
    expect(severities.at(-1)).toBe('low');
  });
});

describe('coverage score', () => {
  // The worked example of docs/coverage.md. Weights = role weight × influence factor:
  //   economic buyer, high:    1.0 × 1.0 = 1.00, covered (credit 1)   → 1.000
  //   champion, medium:        0.8 × 0.6 = 0.48, covered (credit 1)   → 0.480
  //   technical buyer, medium: 0.6 × 0.6 = 0.36, weak    (credit 0.4) → 0.144
  //   procurement, low:        0.4 × 0.3 = 0.12, uncovered (0)        → 0
  // base = 100 × 1.624 / 1.96 = 82.857…; no penalty → 83.
  const committee = (championMember: string): CommitteeSeat[] => [
    seat('eb', { role: 'economic_buyer', influence: 'high', attitude: 'supporter', ties: [tie('m1', 4, 10)] }),
    seat('ch', { role: 'champion', influence: 'medium', attitude: 'champion', ties: [tie(championMember, 5, 3)] }),
    seat('tb', { role: 'technical_buyer', influence: 'medium', ties: [tie('m3', 2, 20)] }),
    seat('pr', { role: 'procurement', influence: 'low' }),
  ];

  it('weighs covered members by role and influence', () => {
    const { score } = assessCoverage(input(committee('m2'), { stage: 'proposal' }));
    expect(score.base).toBeCloseTo((100 * 1.624) / 1.96, 6);
    expect(score.penalties).toEqual([]);
    expect(score.value).toBe(83);
  });

  it('takes 10 points for a single thread', () => {
    // Both covered members now rest on m1 alone: 82.857 − 10 = 72.857 → 73.
    const { score } = assessCoverage(input(committee('m1'), { stage: 'proposal' }));
    expect(score.penalties).toEqual([{ kind: 'single_threaded', points: 10 }]);
    expect(score.value).toBe(73);
  });

  it('takes points for each missing role and unmet stage', () => {
    // One medium influencer, covered: base 100. No economic buyer (−15), no champion (−10),
    // single-threaded (−10), economic buyer expected at negotiation (−15): 100 − 50 = 50.
    const { score } = assessCoverage(input([seat('a', { ties: [tie('m1', 4, 1)] })], { stage: 'negotiation' }));
    expect(score.base).toBe(100);
    expect(score.penalties.map((penalty) => penalty.kind).sort()).toEqual(['no_champion', 'no_economic_buyer', 'single_threaded', 'stage_expectation']);
    expect(score.value).toBe(50);
  });

  it('never goes below zero', () => {
    const { score } = assessCoverage(input([seat('a')], { stage: 'closing' }));
    expect(score.base).toBe(0);
    expect(score.value).toBe(0);
  });

  it('scores an empty committee zero', () => {
    const assessment = assessCoverage(input([]));
    expect(assessment.score.value).toBe(0);
    expect(assessment.counts).toEqual({ covered: 0, weak: 0, uncovered: 0 });
  });
});
