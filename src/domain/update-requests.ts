// Which (member, contact) pairs are worth asking about: the questions that keep the relationship
// map true at the least cost in members' attention. Pure: the caller loads the facts.

const DAY_MS = 86_400_000;

/** Why a member is asked about a contact, most urgent first. */
export const REQUEST_REASONS = ['key_contact_unknown', 'key_contact_stale', 'status_changed', 'unconfirmed'] as const;
export type RequestReason = (typeof REQUEST_REASONS)[number];

export const REQUEST_ANSWERS = ['strong', 'weaker', 'lost_touch', 'unknown', 'snooze'] as const;
export type RequestAnswer = (typeof REQUEST_ANSWERS)[number];

export interface RequestPolicy {
  /** A relationship whose last contact is older than this is stale, in days. */
  staleAfterDays: number;
  /** A relationship nobody confirmed for this long is worth confirming, in days. */
  unconfirmedAfterDays: number;
  /** A pair asked about (answered or not) is not asked again for this long, in days. */
  askAgainAfterDays: number;
  /** Delay a "snooze" answer puts on a pair, in days. */
  snoozeDays: number;
}

export const DEFAULT_REQUEST_POLICY: RequestPolicy = {
  staleAfterDays: 90,
  unconfirmedAfterDays: 90,
  askAgainAfterDays: 30,
  snoozeDays: 14,
};

export interface CandidateRelationship {
  strength: number;
  /** Calendar date YYYY-MM-DD, or null when never recorded. */
  lastContactOn: string | null;
  confirmedAt: Date | null;
  createdAt: Date;
}

/** The committee seat that makes a contact key for an open deal the member works on. */
export interface KeySeat {
  dealId: string;
  influence: 'high' | 'medium' | 'low';
  /** Expected close date YYYY-MM-DD: sooner deals come first. */
  expectedCloseOn: string | null;
}

export interface PairCandidate {
  memberId: string;
  contactId: string;
  relationship: CandidateRelationship | null;
  /** Set when the contact sits on the buying committee of an open deal the member is on. */
  keySeat: KeySeat | null;
  contactStatus: 'active' | 'left';
  /** When the contact's record last changed (title, status, manager). */
  contactChangedAt: Date;
}

/** History of the requests about one pair. */
export interface PairHistory {
  lastAskedAt: Date | null;
  /** End of the snooze when the latest answer about the pair was "snooze"; null otherwise. */
  snoozedUntil: Date | null;
  /** True while a request for the pair waits to be sent or answered. */
  open: boolean;
  /** True when the member answered that they do not know the contact. */
  declaredUnknown: boolean;
}

export interface SelectedRequest {
  memberId: string;
  contactId: string;
  reason: RequestReason;
  /** Higher first. */
  priority: number;
}

function daysBetween(earlier: Date, later: Date): number {
  return (later.getTime() - earlier.getTime()) / DAY_MS;
}

function lastTouch(relationship: CandidateRelationship): Date {
  const dates = [relationship.confirmedAt, relationship.lastContactOn ? new Date(`${relationship.lastContactOn}T00:00:00Z`) : null, relationship.createdAt];
  return new Date(Math.max(...dates.filter((date): date is Date => date !== null).map((date) => date.getTime())));
}

/** Returns the most urgent reason to ask about a pair, or null when the map is good enough. */
export function reasonFor(candidate: PairCandidate, now: Date, policy: RequestPolicy = DEFAULT_REQUEST_POLICY): RequestReason | null {
  const { relationship, keySeat } = candidate;
  if (!relationship) return keySeat && candidate.contactStatus === 'active' ? 'key_contact_unknown' : null;

  const lastContact = relationship.lastContactOn ? new Date(`${relationship.lastContactOn}T00:00:00Z`) : null;
  const contactIsStale = !lastContact || daysBetween(lastContact, now) > policy.staleAfterDays;
  const confirmedRecently = relationship.confirmedAt !== null && daysBetween(relationship.confirmedAt, now) <= policy.unconfirmedAfterDays;
  if (keySeat && contactIsStale && !confirmedRecently) return 'key_contact_stale';

  // The contact's record changed after the member last vouched for the relationship.
  const vouchedAt = relationship.confirmedAt ?? relationship.createdAt;
  if (candidate.contactStatus === 'left' || candidate.contactChangedAt.getTime() > vouchedAt.getTime()) {
    return 'status_changed';
  }

  return daysBetween(lastTouch(relationship), now) > policy.unconfirmedAfterDays ? 'unconfirmed' : null;
}

const REASON_WEIGHT: Record<RequestReason, number> = {
  key_contact_unknown: 400,
  key_contact_stale: 300,
  status_changed: 200,
  unconfirmed: 100,
};
const INFLUENCE_WEIGHT = { high: 60, medium: 30, low: 0 } as const;

/** Ranks a pair: the reason first, then the contact's influence, a nearer close date, a stronger tie. */
export function priorityOf(candidate: PairCandidate, reason: RequestReason, now: Date): number {
  let priority = REASON_WEIGHT[reason];
  if (candidate.keySeat) {
    priority += INFLUENCE_WEIGHT[candidate.keySeat.influence];
    const close = candidate.keySeat.expectedCloseOn ? new Date(`${candidate.keySeat.expectedCloseOn}T00:00:00Z`) : null;
    // Up to 30 points for a deal closing within the next 90 days.
    if (close) priority += Math.max(0, Math.min(30, 30 - daysBetween(now, close) / 3));
  }
  if (candidate.relationship) priority += candidate.relationship.strength * 2;
  return priority;
}

/** Checks whether the history of a pair allows asking about it now. */
export function mayAsk(history: PairHistory | undefined, reason: RequestReason, now: Date, policy: RequestPolicy = DEFAULT_REQUEST_POLICY): boolean {
  if (!history) return true;
  if (history.open) return false;
  if (history.declaredUnknown && reason === 'key_contact_unknown') return false;
  // A snoozed pair comes back when the snooze ends, sooner than an answered one would.
  if (history.snoozedUntil) return history.snoozedUntil.getTime() <= now.getTime();
  return !history.lastAskedAt || daysBetween(history.lastAskedAt, now) >= policy.askAgainAfterDays;
}

export function pairKey(memberId: string, contactId: string): string {
  return `${memberId}:${contactId}`;
}

export interface SelectionInput {
  candidates: PairCandidate[];
  history: Map<string, PairHistory>;
  /** Requests each member may still receive this week (their cap less what they already got). */
  remainingQuota: (memberId: string) => number;
  now: Date;
  policy?: RequestPolicy;
}

/**
 * Picks the pairs to ask about: for each member, the highest-priority pairs that their history
 * allows, no more than their remaining weekly quota. A pair appears once, with its most urgent reason.
 */
export function selectRequests(input: SelectionInput): SelectedRequest[] {
  const policy = input.policy ?? DEFAULT_REQUEST_POLICY;
  const best = new Map<string, SelectedRequest>();
  for (const candidate of input.candidates) {
    const reason = reasonFor(candidate, input.now, policy);
    if (!reason) continue;
    const key = pairKey(candidate.memberId, candidate.contactId);
    if (!mayAsk(input.history.get(key), reason, input.now, policy)) continue;
    const request = { memberId: candidate.memberId, contactId: candidate.contactId, reason, priority: priorityOf(candidate, reason, input.now) };
    const previous = best.get(key);
    if (!previous || previous.priority < request.priority) best.set(key, request);
  }

  const byMember = new Map<string, SelectedRequest[]>();
  for (const request of best.values()) {
    byMember.set(request.memberId, [...(byMember.get(request.memberId) ?? []), request]);
  }
  const selected: SelectedRequest[] = [];
  for (const [memberId, requests] of byMember) {
    const quota = input.remainingQuota(memberId);
    requests.sort((a, b) => b.priority - a.priority || a.contactId.localeCompare(b.contactId));
    selected.push(...requests.slice(0, quota));
  }
  return selected;
}

/** Returns the strength an answer records, from the strength known before (null when none was). */
export function strengthAfter(answer: 'strong' | 'weaker' | 'lost_touch', previous: number | null): number {
  switch (answer) {
    case 'strong':
      return Math.max(previous ?? 4, 4);
    case 'weaker':
      return previous === null ? 2 : Math.max(1, Math.min(previous - 1, 3));
    case 'lost_touch':
      return 1;
  }
}
