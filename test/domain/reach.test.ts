import { describe, expect, it } from 'vitest';

import { bestChainsTo, findIntroductionPaths, structuralSteps, type KnownContact } from '../../src/domain/reach.js';

const now = new Date('2026-12-01T12:00:00Z');
const today = '2026-12-01';

// Target T. M manages T and X manages M; R reports to T; I influences T (weight 1);
// T influences J (weight 0.5); K influences I (weight 0.5).
const lines = [
  { contactId: 'T', managerId: 'M' },
  { contactId: 'M', managerId: 'X' },
  { contactId: 'R', managerId: 'T' },
];
const links = [
  { fromContactId: 'I', toContactId: 'T', weight: 1 },
  { fromContactId: 'T', toContactId: 'J', weight: 0.5 },
  { fromContactId: 'K', toContactId: 'I', weight: 0.5 },
];
const steps = structuralSteps(lines, links);

// Every relationship is from today, so its score is strength / 5.
const knows = (memberId: string, contactId: string, strength: number): KnownContact => ({ memberId, contactId, strength, lastContactOn: today });

describe('structuralSteps', () => {
  it('turns each line and link into two weighted steps', () => {
    expect(steps).toHaveLength(12);
    expect(steps).toContainEqual({ from: 'M', to: 'T', kind: 'manages', weight: 0.8 });
    expect(steps).toContainEqual({ from: 'T', to: 'M', kind: 'reports_to', weight: 0.6 });
    expect(steps).toContainEqual({ from: 'I', to: 'T', kind: 'influences', weight: 0.9 }); // 0.4 + 0.5 × 1
    expect(steps).toContainEqual({ from: 'J', to: 'T', kind: 'influenced_by', weight: 0.4 }); // 0.2 + 0.4 × 0.5
  });
});

describe('bestChainsTo', () => {
  it('finds the best product of weights within the step budget', () => {
    const chains = bestChainsTo('T', steps, 2);
    expect(chains.get('T')?.weight).toBe(1);
    expect(chains.get('M')?.weight).toBeCloseTo(0.8, 10);
    expect(chains.get('R')?.weight).toBeCloseTo(0.6, 10);
    expect(chains.get('I')?.weight).toBeCloseTo(0.9, 10);
    expect(chains.get('J')?.weight).toBeCloseTo(0.4, 10);
    expect(chains.get('X')?.weight).toBeCloseTo(0.64, 10); // X manages M, who manages T
    expect(chains.get('K')?.weight).toBeCloseTo(0.585, 10); // (0.4 + 0.25) × 0.9
  });

  it('stops at the step budget', () => {
    const chains = bestChainsTo('T', steps, 1);
    expect(chains.has('M')).toBe(true);
    expect(chains.has('X')).toBe(false);
  });

  it('never passes through an excluded contact', () => {
    const chains = bestChainsTo('T', steps, 2, new Set(['M']));
    expect(chains.has('M')).toBe(false);
    expect(chains.has('X')).toBe(false);
  });
});

describe('findIntroductionPaths', () => {
  const relationships = [
    knows('alice', 'M', 5), // 1.0 × 0.8 = 0.8, two hops
    knows('bob', 'T', 2), // 0.4, one hop
    knows('carol', 'X', 5), // 1.0 × 0.64 = 0.64, three hops
    knows('dave', 'I', 4), // 0.8 × 0.9 = 0.72, two hops
    knows('erin', 'J', 5), // 1.0 × 0.4 = 0.4, two hops: after bob's equal score, which is shorter
    knows('frank', 'K', 5), // 1.0 × 0.585, three hops
  ];

  it('ranks paths by score, shorter first on a tie', () => {
    const paths = findIntroductionPaths({ target: 'T', relationships, steps, now, maxHops: 3, limit: 10 });
    expect(paths.map((path) => path.relationship.memberId)).toEqual(['alice', 'dave', 'carol', 'frank', 'bob', 'erin']);
    expect(paths.map((path) => path.score)).toEqual([0.8, 0.72, 0.64, 0.585, 0.4, 0.4].map((score) => expect.closeTo(score, 10)));
  });

  it('describes each step from the first contact to the target', () => {
    const [alice] = findIntroductionPaths({ target: 'T', relationships, steps, now, maxHops: 3, limit: 1 });
    expect(alice?.knowsWeight).toBe(1);
    expect(alice?.steps).toEqual([{ from: 'M', to: 'T', kind: 'manages', weight: 0.8 }]);
  });

  it('keeps within maxHops', () => {
    const twoHops = findIntroductionPaths({ target: 'T', relationships, steps, now, maxHops: 2, limit: 10 });
    expect(twoHops.map((path) => path.relationship.memberId)).toEqual(['alice', 'dave', 'bob', 'erin']);
    const oneHop = findIntroductionPaths({ target: 'T', relationships, steps, now, maxHops: 1, limit: 10 });
    expect(oneHop.map((path) => path.relationship.memberId)).toEqual(['bob']);
  });

  it('reads maxHops above three as three', () => {
    const paths = findIntroductionPaths({ target: 'T', relationships: [knows('gus', 'X', 5)], steps: [...steps, ...structuralSteps([{ contactId: 'X', managerId: 'Y' }], [])], now, maxHops: 9, limit: 10 });
    expect(paths).toHaveLength(1);
    expect(paths[0]?.steps).toHaveLength(2);
  });

  it('visits no contact twice', () => {
    // A cycle of influence around the target: T → A → B → T.
    const cyclic = structuralSteps([], [
      { fromContactId: 'T', toContactId: 'A', weight: 1 },
      { fromContactId: 'A', toContactId: 'B', weight: 1 },
      { fromContactId: 'B', toContactId: 'T', weight: 1 },
    ]);
    const paths = findIntroductionPaths({ target: 'T', relationships: [knows('hana', 'A', 5), knows('ivan', 'B', 5)], steps: cyclic, now, maxHops: 3, limit: 10 });
    for (const path of paths) {
      const visited = [path.relationship.contactId, ...path.steps.map((step) => step.to)];
      expect(new Set(visited).size).toBe(visited.length);
      expect(visited.at(-1)).toBe('T');
    }
    expect(paths).toHaveLength(2);
  });

  it('keeps one path per member and first contact', () => {
    // Alice knows M (best chain 0.8) and I (0.9): one path through each, never two through M.
    const paths = findIntroductionPaths({ target: 'T', relationships: [knows('alice', 'M', 5), knows('alice', 'I', 5)], steps, now, maxHops: 3, limit: 10 });
    expect(paths.map((path) => `${path.relationship.memberId}:${path.relationship.contactId}`)).toEqual(['alice:I', 'alice:M']);
  });

  it('skips first contacts who cannot pass an introduction on', () => {
    const paths = findIntroductionPaths({ target: 'T', relationships, steps, now, maxHops: 3, limit: 10, excluded: new Set(['M', 'I']) });
    expect(paths.map((path) => path.relationship.memberId)).toEqual(['bob', 'erin']);
  });

  it('stops at the limit', () => {
    expect(findIntroductionPaths({ target: 'T', relationships, steps, now, maxHops: 3, limit: 2 })).toHaveLength(2);
  });

  it('weighs each relationship by recency', () => {
    // Strength 5 seen 180 days ago: 1 × 0.625, then × 0.8 for the manages step = 0.5.
    const paths = findIntroductionPaths({ target: 'T', relationships: [{ memberId: 'jo', contactId: 'M', strength: 5, lastContactOn: '2026-06-04' }], steps, now, maxHops: 2, limit: 1 });
    expect(paths[0]?.score).toBeCloseTo(0.5, 10);
  });
});
