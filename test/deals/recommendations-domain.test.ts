import { describe, expect, it } from 'vitest';

import { DEFAULT_COVERAGE_SETTINGS } from '../../src/app/settings.js';
import {
  addColleagueRoutes,
  chooseSenders,
  COLLEAGUE_INTRO_FACTOR,
  rankTargets,
  type InfluenceProfile,
  type RankedTarget,
  type ReachTarget,
  type ScoredRoute,
} from '../../src/domain/recommendations.js';

const policy = DEFAULT_COVERAGE_SETTINGS;
const flat: InfluenceProfile = { score: 0, senior: false, span: 0, sways: 0 };

function target(contactId: string, fields: Partial<ReachTarget> = {}): ReachTarget {
  return { contactId, role: 'influencer', attitude: 'neutral', influence: 'medium', state: 'uncovered', profile: flat, bestTie: null, ...fields };
}

function direct(memberId: string, score: number): ScoredRoute {
  return { route: { kind: 'direct', memberId, strength: 3, lastContactOn: '2026-11-01' }, score };
}

function ranked(...ids: string[]): RankedTarget[] {
  return ids.map((contactId, index) => ({ contactId, priority: 1 - index / 10, reasons: [] }));
}

describe('whom to reach', () => {
  it('ranks by weight, influence and gap', () => {
    // priority = gap factor × (0.5 × role weight × influence factor + 0.5 × structural score)
    //   eb: 1 × (0.5 × 1.0 × 1.0 + 0.5 × 0.9) = 0.95
    //   tb: 0.6 (weak) × (0.5 × 0.6 × 0.6 + 0.5 × 0.2) = 0.6 × 0.28 = 0.168
    //   pr: 1 × (0.5 × 0.4 × 0.3 + 0.5 × 0.4) = 0.26
    //   ch: covered, left out
    const targets = [
      target('tb', { role: 'technical_buyer', state: 'weak', profile: { ...flat, score: 0.2 }, bestTie: { memberId: 'm1', strength: 2, lastContactOn: null } }),
      target('pr', { role: 'procurement', influence: 'low', profile: { ...flat, score: 0.4 } }),
      target('eb', { role: 'economic_buyer', influence: 'high', profile: { score: 0.9, senior: true, span: 40, sways: 2 } }),
      target('ch', { role: 'champion', state: 'covered' }),
    ];
    const result = rankTargets(targets, policy);
    expect(result.map((entry) => entry.contactId)).toEqual(['eb', 'pr', 'tb']);
    expect(result[0]!.priority).toBeCloseTo(0.95, 9);
    expect(result[1]!.priority).toBeCloseTo(0.26, 9);
    expect(result[2]!.priority).toBeCloseTo(0.168, 9);
  });

  it('gives the reasons in order', () => {
    const [eb] = rankTargets([target('eb', { role: 'economic_buyer', influence: 'high', attitude: 'sceptic', profile: { score: 0.9, senior: true, span: 40, sways: 2 } })], policy);
    expect(eb!.reasons).toEqual([
      { code: 'role', role: 'economic_buyer' },
      { code: 'influenceLevel' },
      { code: 'seniority' },
      { code: 'span', count: 40 },
      { code: 'centrality', count: 2 },
      { code: 'opponent', attitude: 'sceptic' },
      { code: 'uncovered' },
    ]);
  });

  it('names the weak relationship', () => {
    const tie = { memberId: 'm1', strength: 2, lastContactOn: '2026-01-01' };
    const [entry] = rankTargets([target('a', { state: 'weak', bestTie: tie, profile: { ...flat, span: 2 } })], policy);
    expect(entry!.reasons).toEqual([{ code: 'role', role: 'influencer' }, { code: 'weak', tie }]);
  });
});

describe('whom to send', () => {
  it('picks the best route', () => {
    const routes = new Map([['a', [direct('m1', 0.3), direct('m2', 0.6)]]]);
    const [choice] = chooseSenders(ranked('a'), routes, { dealTeam: new Set(), cap: 2, assigned: new Map() });
    expect(choice!.sender).toMatchObject({ status: 'proposed', route: { memberId: 'm2' }, onTeam: false });
  });

  it('prefers the deal team', () => {
    // m1 on the team: 0.5 × 1.25 = 0.625 beats m2's 0.6.
    const routes = new Map([['a', [direct('m1', 0.5), direct('m2', 0.6)]]]);
    const [choice] = chooseSenders(ranked('a'), routes, { dealTeam: new Set(['m1']), cap: 2, assigned: new Map() });
    expect(choice!.sender).toMatchObject({ status: 'proposed', route: { memberId: 'm1' }, onTeam: true });
  });

  it('caps assignments per member', () => {
    // m1 has the best route to all three; with a cap of 2 the third goes to m2.
    const routes = new Map(['a', 'b', 'c'].map((id) => [id, [direct('m1', 0.9), direct('m2', 0.2)]]));
    const choices = chooseSenders(ranked('a', 'b', 'c'), routes, { dealTeam: new Set(), cap: 2, assigned: new Map() });
    expect(choices.map((choice) => (choice.sender.status === 'proposed' ? choice.sender.route.memberId : choice.sender.status))).toEqual(['m1', 'm1', 'm2']);
  });

  it('counts open assignments towards the cap', () => {
    const routes = new Map(['b', 'c'].map((id) => [id, [direct('m1', 0.9), direct('m2', 0.2)]]));
    const choices = chooseSenders(ranked('a', 'b', 'c'), routes, { dealTeam: new Set(), cap: 2, assigned: new Map([['a', 'm1']]) });
    expect(choices[0]!.sender).toEqual({ status: 'assigned', memberId: 'm1' });
    expect(choices.slice(1).map((choice) => (choice.sender.status === 'proposed' ? choice.sender.route.memberId : choice.sender.status))).toEqual(['m1', 'm2']);
  });

  it('reports a target nobody free can reach', () => {
    const routes = new Map(['a', 'b'].map((id) => [id, [direct('m1', 0.9)]]));
    const choices = chooseSenders(ranked('a', 'b'), routes, { dealTeam: new Set(), cap: 1, assigned: new Map() });
    expect(choices[1]!.sender).toEqual({ status: 'capped', best: routes.get('b')![0]!.route });
  });

  it('reports a target without a route', () => {
    const [choice] = chooseSenders(ranked('a'), new Map(), { dealTeam: new Set(), cap: 2, assigned: new Map() });
    expect(choice!.sender).toEqual({ status: 'no_route' });
  });

  it('adds introductions by colleagues', () => {
    const routes = addColleagueRoutes([direct('outsider', 0.8), direct('m1', 0.4)], new Set(['m1', 'm2']));
    const introductions = routes.filter((scored) => scored.route.kind === 'via_colleague');
    expect(introductions.map((scored) => scored.route.memberId).sort()).toEqual(['m1', 'm2']);
    expect(introductions[0]!.score).toBeCloseTo(0.8 * COLLEAGUE_INTRO_FACTOR, 9);
    expect(introductions[0]!.route).toMatchObject({ colleagueId: 'outsider', strength: 3 });
  });

  it('sends a team member through a colleague', () => {
    // The outsider's own route (0.8) beats m1's introduction (0.8 × 0.7 × 1.25 = 0.7), until the
    // outsider reaches the cap: then m1 goes, introduced by the outsider.
    const routes = new Map(['a', 'b'].map((id) => [id, addColleagueRoutes([direct('outsider', 0.8)], new Set(['m1']))]));
    const choices = chooseSenders(ranked('a', 'b'), routes, { dealTeam: new Set(['m1']), cap: 1, assigned: new Map() });
    expect(choices[0]!.sender).toMatchObject({ status: 'proposed', route: { kind: 'direct', memberId: 'outsider' } });
    expect(choices[1]!.sender).toMatchObject({ status: 'proposed', route: { kind: 'via_colleague', memberId: 'm1', colleagueId: 'outsider' }, onTeam: true });
  });
});
