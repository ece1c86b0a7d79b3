// Coverage of a buying committee: which of their people our people are in touch with, what is
// missing, and a score from 0 to 100. The score formula is documented in docs/coverage.md.

export type CoverageState = 'covered' | 'weak' | 'uncovered';
export type Attitude = 'champion' | 'supporter' | 'neutral' | 'sceptic' | 'opponent';
export type InfluenceLevel = 'high' | 'medium' | 'low';

export interface CoveragePolicy {
  /** Minimum relationship strength (1–5) that covers a contact. */
  coveredMinStrength: number;
  /** A covering relationship needs a last contact at most this many days ago. */
  coveredWithinDays: number;
  /** Covering relationships that lapse within this many days are reported as going stale. */
  staleWarningDays: number;
  /** Buying roles whose holders must be covered. */
  keyRoles: string[];
  /** From `fromStage` on (in the tenant's stage order), every holder of `role` must be covered. */
  stageExpectations: Array<{ fromStage: string; role: string }>;
  /** Weight of each buying role, from 0 to 1; roles not listed weigh DEFAULT_ROLE_WEIGHT. */
  roleWeights: Record<string, number>;
  /** Most outreach assignments one member gets in one set of recommendations. */
  maxAssignmentsPerMember: number;
  /** Number of influential contacts assessed for an account that has no committee. */
  accountContactLimit: number;
}

/** One relationship of ours with a committee member. Dates are YYYY-MM-DD. */
export interface CoverageTie {
  memberId: string;
  strength: number;
  lastContactOn: string | null;
}

export interface CommitteeSeat {
  contactId: string;
  /** Buying role on the deal; null when the contact was picked for its influence alone. */
  role: string | null;
  attitude: Attitude | null;
  influence: InfluenceLevel;
  ties: CoverageTie[];
}

export interface SeatCoverage {
  contactId: string;
  state: CoverageState;
  /** Members whose relationship covers the contact, strongest and most recent first. */
  coveredBy: string[];
  /** The tie that best covers the contact (covering first, then strength, then recency), or null. */
  bestTie: CoverageTie | null;
  /** Days since the most recent contact through any tie; null when no tie has a date. */
  daysSinceContact: number | null;
}

export type GapSeverity = 'high' | 'medium' | 'low';

export type CoverageGap =
  | { kind: 'no_economic_buyer'; severity: GapSeverity }
  | { kind: 'no_champion'; severity: GapSeverity }
  | { kind: 'key_role_uncovered'; severity: GapSeverity; contactId: string; role: string; state: CoverageState }
  | { kind: 'opponent_unengaged'; severity: GapSeverity; contactId: string; role: string | null; attitude: Attitude | null }
  | { kind: 'single_threaded'; severity: GapSeverity; memberId: string | null; contactId: string | null }
  | { kind: 'stale'; severity: GapSeverity; contactId: string; memberId: string; lastContactOn: string | null; lapsed: boolean; daysLeft: number | null }
  | { kind: 'stage_expectation'; severity: GapSeverity; role: string; fromStage: string; contactIds: string[] };

export type GapKind = CoverageGap['kind'];

/** Points taken off the weighted coverage for each gap of these kinds (see docs/coverage.md). */
export const SCORE_PENALTIES = { no_economic_buyer: 15, no_champion: 10, single_threaded: 10, stage_expectation: 15 } as const;
export type PenaltyKind = keyof typeof SCORE_PENALTIES;

/** Credit a committee member brings to the score in each state. */
export const STATE_CREDIT: Record<CoverageState, number> = { covered: 1, weak: 0.4, uncovered: 0 };
export const INFLUENCE_FACTOR: Record<InfluenceLevel, number> = { high: 1, medium: 0.6, low: 0.3 };
export const DEFAULT_ROLE_WEIGHT = 0.5;

export interface CoverageScore {
  /** The score, 0–100, rounded. */
  value: number;
  /** Weighted coverage before penalties, 0–100, unrounded. */
  base: number;
  penalties: Array<{ kind: PenaltyKind; points: number }>;
}

export interface CoverageInput {
  seats: CommitteeSeat[];
  policy: CoveragePolicy;
  /** Today, YYYY-MM-DD. */
  today: string;
  /** The deal's current stage, or null for an account. */
  stage: string | null;
  /** The tenant's stage ids in order. */
  stages: string[];
  /** False when seats are influential contacts without buying roles: role gaps are then skipped. */
  rolesKnown: boolean;
}

export interface CoverageAssessment {
  seats: SeatCoverage[];
  gaps: CoverageGap[];
  score: CoverageScore;
  counts: Record<CoverageState, number>;
}

const DAY_MS = 86_400_000;
const SEVERITY_ORDER: Record<GapSeverity, number> = { high: 0, medium: 1, low: 2 };

/** Whole days from `from` to `today` (both YYYY-MM-DD); a future date counts as 0. */
export function daysBetween(from: string, today: string): number {
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
  return Math.max(0, days);
}

function daysSince(tie: CoverageTie, today: string): number | null {
  return tie.lastContactOn === null ? null : daysBetween(tie.lastContactOn, today);
}

/** Whether a tie covers its contact: strong enough and recent enough. */
export function isCovering(tie: CoverageTie, policy: CoveragePolicy, today: string): boolean {
  const days = daysSince(tie, today);
  return tie.strength >= policy.coveredMinStrength && days !== null && days <= policy.coveredWithinDays;
}

/** Classifies one committee member as covered, weakly covered or uncovered. */
export function classifySeat(seat: CommitteeSeat, policy: CoveragePolicy, today: string): SeatCoverage {
  const ranked = [...seat.ties].sort((a, b) => compareTies(a, b, policy, today));
  const covering = ranked.filter((tie) => isCovering(tie, policy, today));
  const dated = seat.ties.map((tie) => daysSince(tie, today)).filter((days): days is number => days !== null);
  return {
    contactId: seat.contactId,
    state: covering.length > 0 ? 'covered' : seat.ties.length > 0 ? 'weak' : 'uncovered',
    coveredBy: [...new Set(covering.map((tie) => tie.memberId))],
    bestTie: ranked[0] ?? null,
    daysSinceContact: dated.length > 0 ? Math.min(...dated) : null,
  };
}

function compareTies(a: CoverageTie, b: CoverageTie, policy: CoveragePolicy, today: string): number {
  const coveringOrder = Number(isCovering(b, policy, today)) - Number(isCovering(a, policy, today));
  if (coveringOrder !== 0) return coveringOrder;
  if (a.strength !== b.strength) return b.strength - a.strength;
  return (daysSince(a, today) ?? Number.POSITIVE_INFINITY) - (daysSince(b, today) ?? Number.POSITIVE_INFINITY);
}

/** Assesses a committee: each member's state, the gaps, and the score. */
export function assessCoverage(input: CoverageInput): CoverageAssessment {
  const seats = input.seats.map((seat) => classifySeat(seat, input.policy, input.today));
  const gaps = findGaps(input, seats);
  const counts: Record<CoverageState, number> = { covered: 0, weak: 0, uncovered: 0 };
  for (const seat of seats) counts[seat.state] += 1;
  return { seats, gaps, score: scoreCoverage(input, seats, gaps), counts };
}

/** Lists what is missing in a committee's coverage, most severe first. */
export function findGaps(input: CoverageInput, seats: SeatCoverage[]): CoverageGap[] {
  const byContact = new Map(seats.map((seat) => [seat.contactId, seat]));
  const gaps: CoverageGap[] = [
    ...(input.rolesKnown ? findRoleGaps(input, byContact) : []),
    ...findOpponentGaps(input),
    ...findSingleThread(input, seats),
    ...findStaleTies(input),
    ...(input.rolesKnown ? findStageGaps(input, byContact) : []),
  ];
  return gaps.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

function findRoleGaps(input: CoverageInput, byContact: Map<string, SeatCoverage>): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  if (!input.seats.some((seat) => seat.role === 'economic_buyer')) gaps.push({ kind: 'no_economic_buyer', severity: 'high' });
  if (!input.seats.some((seat) => seat.role === 'champion' || seat.attitude === 'champion')) gaps.push({ kind: 'no_champion', severity: 'medium' });
  for (const seat of input.seats) {
    const state = byContact.get(seat.contactId)!.state;
    if (seat.role === null || !input.policy.keyRoles.includes(seat.role) || state === 'covered') continue;
    gaps.push({ kind: 'key_role_uncovered', severity: state === 'uncovered' ? 'high' : 'medium', contactId: seat.contactId, role: seat.role, state });
  }
  return gaps;
}

// "Nobody talks to": no tie of any strength with a contact inside the coverage window.
function findOpponentGaps(input: CoverageInput): CoverageGap[] {
  const { policy, today } = input;
  return input.seats
    .filter((seat) => seat.attitude === 'opponent' || seat.role === 'blocker')
    .filter((seat) => !seat.ties.some((tie) => (daysSince(tie, today) ?? Number.POSITIVE_INFINITY) <= policy.coveredWithinDays))
    .map((seat) => ({ kind: 'opponent_unengaged' as const, severity: 'high' as const, contactId: seat.contactId, role: seat.role, attitude: seat.attitude }));
}

// Single-threaded: one of our people carries every covered contact, or (in a committee of two
// or more) only one of their people is covered.
function findSingleThread(input: CoverageInput, seats: SeatCoverage[]): CoverageGap[] {
  const covered = seats.filter((seat) => seat.state === 'covered');
  if (covered.length === 0) return [];
  const carriers = new Set(covered.flatMap((seat) => seat.coveredBy));
  const oneMember = carriers.size === 1 ? [...carriers][0]! : null;
  const oneContact = input.seats.length >= 2 && covered.length === 1 ? covered[0]!.contactId : null;
  if (oneMember === null && oneContact === null) return [];
  return [{ kind: 'single_threaded', severity: 'medium', memberId: oneMember, contactId: oneContact }];
}

// A contact's strong relationships that have lapsed, or will within the warning period, while no
// other strong relationship is safely inside the window.
function findStaleTies(input: CoverageInput): CoverageGap[] {
  const { policy, today } = input;
  const safeUntil = policy.coveredWithinDays - policy.staleWarningDays;
  const gaps: CoverageGap[] = [];
  for (const seat of input.seats) {
    const strong = seat.ties.filter((tie) => tie.strength >= policy.coveredMinStrength);
    if (strong.some((tie) => (daysSince(tie, today) ?? Number.POSITIVE_INFINITY) <= safeUntil)) continue;
    const lapsing = strong.filter((tie) => isCovering(tie, policy, today));
    const candidates = lapsing.length > 0 ? lapsing : strong;
    const tie = [...candidates].sort((a, b) => compareTies(a, b, policy, today))[0];
    if (!tie) continue;
    const days = daysSince(tie, today);
    const lapsed = lapsing.length === 0;
    gaps.push({
      kind: 'stale',
      severity: lapsed ? 'medium' : 'low',
      contactId: seat.contactId,
      memberId: tie.memberId,
      lastContactOn: tie.lastContactOn,
      lapsed,
      daysLeft: lapsed || days === null ? null : policy.coveredWithinDays - days,
    });
  }
  return gaps;
}

function findStageGaps(input: CoverageInput, byContact: Map<string, SeatCoverage>): CoverageGap[] {
  const current = input.stage === null ? -1 : input.stages.indexOf(input.stage);
  if (current < 0) return [];
  const gaps: CoverageGap[] = [];
  for (const expectation of input.policy.stageExpectations) {
    const from = input.stages.indexOf(expectation.fromStage);
    if (from < 0 || current < from) continue;
    const holders = input.seats.filter((seat) => seat.role === expectation.role);
    const uncovered = holders.filter((seat) => byContact.get(seat.contactId)!.state !== 'covered');
    if (holders.length > 0 && uncovered.length === 0) continue;
    gaps.push({ kind: 'stage_expectation', severity: 'high', role: expectation.role, fromStage: expectation.fromStage, contactIds: uncovered.map((seat) => seat.contactId) });
  }
  return gaps;
}

/** Weight of a committee member in the score: role weight times influence factor. */
export function seatWeight(seat: Pick<CommitteeSeat, 'role' | 'influence'>, policy: CoveragePolicy): number {
  const roleWeight = seat.role === null ? DEFAULT_ROLE_WEIGHT : (policy.roleWeights[seat.role] ?? DEFAULT_ROLE_WEIGHT);
  return roleWeight * INFLUENCE_FACTOR[seat.influence];
}

/**
 * Scores coverage from 0 to 100: the weighted share of covered committee members (weak ones
 * count 0.4), minus fixed points per gap of the kinds in SCORE_PENALTIES, rounded and clamped.
 */
export function scoreCoverage(input: CoverageInput, seats: SeatCoverage[], gaps: CoverageGap[]): CoverageScore {
  let weighted = 0;
  let total = 0;
  input.seats.forEach((seat, index) => {
    const weight = seatWeight(seat, input.policy);
    weighted += weight * STATE_CREDIT[seats[index]!.state];
    total += weight;
  });
  const base = total > 0 ? (100 * weighted) / total : 0;
  const penalties = gaps
    .filter((gap): gap is Extract<CoverageGap, { kind: PenaltyKind }> => gap.kind in SCORE_PENALTIES)
    .map((gap) => ({ kind: gap.kind, points: SCORE_PENALTIES[gap.kind] }));
  const deducted = penalties.reduce((sum, penalty) => sum + penalty.points, 0);
  return { value: Math.min(100, Math.max(0, Math.round(base - deducted))), base, penalties };
}
