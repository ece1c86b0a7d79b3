// Relationship scores: the worth of a relationship for an introduction today, from its strength
// (1 met once … 5 trusted) weighted by how recently the member was last in touch. Formulas and a
// worked example are in docs/scoring.md.

export const STRENGTH_MIN = 1;
export const STRENGTH_MAX = 5;

/** Days after which the fading part of a relationship's worth has halved. */
export const RECENCY_HALF_LIFE_DAYS = 180;

/** Share of a relationship's worth that never fades: an old but trusted contact still counts. */
export const RECENCY_FLOOR = 0.25;

/** Days without contact after which a relationship is stale and worth confirming. */
export const STALE_AFTER_DAYS = 180;

const DAY_MS = 86_400_000;

/**
 * Returns the whole days from a calendar date (YYYY-MM-DD) to `now`, in UTC, or null when the
 * date is unknown. A date in the future counts as today.
 */
export function daysSince(date: string | null, now: Date): number | null {
  if (!date) return null;
  const then = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(then)) return null;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.max(0, Math.round((today - then) / DAY_MS));
}

/**
 * Recency factor from RECENCY_FLOOR (never, or long ago) to 1 (today):
 * floor + (1 − floor) × 2^(−days / half-life). An unknown last contact counts as long ago.
 */
export function recencyFactor(lastContactOn: string | null, now: Date): number {
  const days = daysSince(lastContactOn, now);
  if (days === null) return RECENCY_FLOOR;
  return RECENCY_FLOOR + (1 - RECENCY_FLOOR) * 2 ** (-days / RECENCY_HALF_LIFE_DAYS);
}

/** Relationship score from 0 to 1: strength / 5 × recency factor. */
export function relationshipScore(strength: number, lastContactOn: string | null, now: Date): number {
  const clamped = Math.min(STRENGTH_MAX, Math.max(STRENGTH_MIN, strength));
  return (clamped / STRENGTH_MAX) * recencyFactor(lastContactOn, now);
}

/** Checks whether a relationship has had no contact for `afterDays` days or more, or none on record. */
export function isStale(lastContactOn: string | null, now: Date, afterDays = STALE_AFTER_DAYS): boolean {
  const days = daysSince(lastContactOn, now);
  return days === null || days >= afterDays;
}

export interface RankedRelationship {
  score: number;
  strength: number;
  lastContactOn: string | null;
  /** Tie-breaker, such as the member's name. */
  name: string;
}

/** Orders relationships best first: score, then strength, then most recent contact, then name. */
export function compareRelationships(a: RankedRelationship, b: RankedRelationship): number {
  return (
    b.score - a.score ||
    b.strength - a.strength ||
    (b.lastContactOn ?? '').localeCompare(a.lastContactOn ?? '') ||
    a.name.localeCompare(b.name)
  );
}
