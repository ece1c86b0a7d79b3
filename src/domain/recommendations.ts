// Recommendations for a buying committee: whom of theirs to reach (uncovered or weakly covered
// people, most influential first) and whom of ours to send (the best route, preferring the deal
// team, without giving one person more than a set number of assignments).
import { seatWeight, type Attitude, type CoveragePolicy, type CoverageState, type CoverageTie, type InfluenceLevel } from './coverage.js';

/** Structural influence of a contact, as the influence model computes it. */
export interface InfluenceProfile {
  /** Overall structural influence, from 0 to 1. */
  score: number;
  /** Whether the title or seniority marks a senior post. */
  senior: boolean;
  /** People below the contact in the reporting tree, directly or not. */
  span: number;
  /** Colleagues the contact influences through influence links. */
  sways: number;
}

export interface ReachTarget {
  contactId: string;
  role: string | null;
  attitude: Attitude | null;
  influence: InfluenceLevel;
  state: CoverageState;
  profile: InfluenceProfile;
  /** Our best tie with the contact, when weakly covered. */
  bestTie: CoverageTie | null;
}

export type ReachReason =
  | { code: 'role'; role: string }
  | { code: 'influenceLevel' }
  | { code: 'seniority' }
  | { code: 'span'; count: number }
  | { code: 'centrality'; count: number }
  | { code: 'opponent'; attitude: Attitude }
  | { code: 'uncovered' }
  | { code: 'weak'; tie: CoverageTie };

export interface RankedTarget {
  contactId: string;
  /** From 0 to 1; higher means reach sooner. */
  priority: number;
  reasons: ReachReason[];
}

/** How much of a contact's weight is still to win in each state. */
export const GAP_FACTOR: Record<CoverageState, number> = { uncovered: 1, weak: 0.6, covered: 0 };
/** Span of control from which managing people counts as a reason in words. */
const SPAN_WORTH_SAYING = 3;

/**
 * Ranks the contacts still to reach. Priority = gap factor × (half the committee weight, from
 * buying role and rated influence, plus half the structural influence score). Covered contacts
 * are left out.
 */
export function rankTargets(targets: ReachTarget[], policy: CoveragePolicy): RankedTarget[] {
  return targets
    .filter((target) => target.state !== 'covered')
    .map((target) => ({
      contactId: target.contactId,
      priority: GAP_FACTOR[target.state] * (0.5 * seatWeight(target, policy) + 0.5 * target.profile.score),
      reasons: reasonsFor(target),
    }))
    .sort((a, b) => b.priority - a.priority || a.contactId.localeCompare(b.contactId));
}

function reasonsFor(target: ReachTarget): ReachReason[] {
  const reasons: ReachReason[] = [];
  if (target.role) reasons.push({ code: 'role', role: target.role });
  if (target.influence === 'high') reasons.push({ code: 'influenceLevel' });
  if (target.profile.senior) reasons.push({ code: 'seniority' });
  if (target.profile.span >= SPAN_WORTH_SAYING) reasons.push({ code: 'span', count: target.profile.span });
  if (target.profile.sways > 0) reasons.push({ code: 'centrality', count: target.profile.sways });
  if (target.attitude === 'opponent' || target.attitude === 'sceptic') reasons.push({ code: 'opponent', attitude: target.attitude });
  reasons.push(target.state === 'uncovered' || !target.bestTie ? { code: 'uncovered' } : { code: 'weak', tie: target.bestTie });
  return reasons;
}

export type ContactRelation = 'manages' | 'influences' | 'reports_to' | 'influenced_by';

/** A way for one of our members to reach a contact. */
export type OutreachRoute =
  | { kind: 'direct'; memberId: string; strength: number; lastContactOn: string | null }
  /** The member asks a colleague who knows the contact for an introduction. */
  | { kind: 'via_colleague'; memberId: string; colleagueId: string; strength: number; lastContactOn: string | null }
  /** The member knows a contact who manages or influences the target (or is managed by them). */
  | { kind: 'via_contact'; memberId: string; viaContactId: string; relation: ContactRelation; strength: number; lastContactOn: string | null };

export interface ScoredRoute {
  route: OutreachRoute;
  /** From 0 to 1; higher is better. */
  score: number;
}

/** Route scores of deal-team members are multiplied by this before routes are compared. */
export const DEAL_TEAM_PREFERENCE = 1.25;
/** A colleague's introduction is worth this share of the colleague's own route. */
export const COLLEAGUE_INTRO_FACTOR = 0.7;

/**
 * Adds, for each direct route of a member outside the deal team, a route for each deal-team
 * member through that colleague's introduction, worth COLLEAGUE_INTRO_FACTOR of it.
 */
export function addColleagueRoutes(routes: ScoredRoute[], dealTeam: ReadonlySet<string>): ScoredRoute[] {
  const introductions: ScoredRoute[] = [];
  for (const { route, score } of routes) {
    if (route.kind !== 'direct' || dealTeam.has(route.memberId)) continue;
    for (const memberId of dealTeam) {
      introductions.push({
        route: { kind: 'via_colleague', memberId, colleagueId: route.memberId, strength: route.strength, lastContactOn: route.lastContactOn },
        score: score * COLLEAGUE_INTRO_FACTOR,
      });
    }
  }
  return [...routes, ...introductions];
}

export type SenderChoice =
  | { status: 'assigned'; memberId: string }
  | { status: 'proposed'; route: OutreachRoute; score: number; onTeam: boolean }
  | { status: 'capped'; best: OutreachRoute }
  | { status: 'no_route' };

export interface Recommendation {
  target: RankedTarget;
  sender: SenderChoice;
}

export interface SenderOptions {
  dealTeam: ReadonlySet<string>;
  /** Most assignments per member in this recommendation set, open assignments included. */
  cap: number;
  /** Open assignments of the deal: contact id → member id. */
  assigned: ReadonlyMap<string, string>;
}

/**
 * Chooses whom to send to each target, highest priority first: the best route by score (deal
 * team preferred), skipping members who already carry `cap` assignments. A target already
 * assigned keeps its member, who counts towards the cap.
 */
export function chooseSenders(targets: RankedTarget[], routesByContact: ReadonlyMap<string, ScoredRoute[]>, options: SenderOptions): Recommendation[] {
  const load = new Map<string, number>();
  for (const memberId of options.assigned.values()) load.set(memberId, (load.get(memberId) ?? 0) + 1);

  return targets.map((target) => {
    const assignedTo = options.assigned.get(target.contactId);
    if (assignedTo) return { target, sender: { status: 'assigned', memberId: assignedTo } };

    const ranked = [...(routesByContact.get(target.contactId) ?? [])]
      .map((scored) => ({ ...scored, onTeam: options.dealTeam.has(scored.route.memberId) }))
      .sort((a, b) => preferenceOf(b) - preferenceOf(a) || a.route.memberId.localeCompare(b.route.memberId));
    if (ranked.length === 0) return { target, sender: { status: 'no_route' } };

    const free = ranked.find((scored) => (load.get(scored.route.memberId) ?? 0) < options.cap);
    if (!free) return { target, sender: { status: 'capped', best: ranked[0]!.route } };
    load.set(free.route.memberId, (load.get(free.route.memberId) ?? 0) + 1);
    return { target, sender: { status: 'proposed', route: free.route, score: free.score, onTeam: free.onTeam } };
  });
}

function preferenceOf(scored: ScoredRoute & { onTeam: boolean }): number {
  return scored.score * (scored.onTeam ? DEAL_TEAM_PREFERENCE : 1);
}
