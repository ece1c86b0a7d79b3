// Introduction paths: from one of our members, through a contact they know, along the target's
// reporting lines and influence links, to the target. A path of n hops has one "knows" step and
// n − 1 structural steps; its score is the product of the step weights (docs/scoring.md).
import type { ReportingLine } from './influence.js';
import { relationshipScore } from './strength.js';

export type StructuralKind = 'manages' | 'reports_to' | 'influences' | 'influenced_by';

/** Weight of a reporting-line step: a manager can ask a report to take a meeting, and a report can brief their manager. */
export const MANAGES_WEIGHT = 0.8;
export const REPORTS_TO_WEIGHT = 0.6;

/** Influence steps: base + slope × the link's weight (0 to 1). */
export const INFLUENCES_BASE = 0.4;
export const INFLUENCES_SLOPE = 0.5;
export const INFLUENCED_BY_BASE = 0.2;
export const INFLUENCED_BY_SLOPE = 0.4;

export const MAX_HOPS = 3;

export interface InfluenceLink {
  fromContactId: string;
  toContactId: string;
  /** From 0 (barely) to 1 (decisive). */
  weight: number;
}

/** One structural step: `from` can introduce us to `to` because `from` <kind> `to`. */
export interface StructuralStep {
  from: string;
  to: string;
  kind: StructuralKind;
  weight: number;
}

export interface KnownContact {
  memberId: string;
  contactId: string;
  strength: number;
  lastContactOn: string | null;
}

export interface FoundPath<R extends KnownContact = KnownContact> {
  /** The member's relationship with the first contact of the path. */
  relationship: R;
  /** Weight of the "knows" step: the relationship score. */
  knowsWeight: number;
  /** Steps from the first contact to the target; empty when the member knows the target. */
  steps: StructuralStep[];
  score: number;
}

/** Turns reporting lines and influence links into steps in both directions. */
export function structuralSteps(lines: readonly ReportingLine[], links: readonly InfluenceLink[]): StructuralStep[] {
  const steps: StructuralStep[] = [];
  for (const line of lines) {
    steps.push({ from: line.managerId, to: line.contactId, kind: 'manages', weight: MANAGES_WEIGHT });
    steps.push({ from: line.contactId, to: line.managerId, kind: 'reports_to', weight: REPORTS_TO_WEIGHT });
  }
  for (const link of links) {
    const weight = Math.min(1, Math.max(0, link.weight));
    steps.push({ from: link.fromContactId, to: link.toContactId, kind: 'influences', weight: INFLUENCES_BASE + INFLUENCES_SLOPE * weight });
    steps.push({ from: link.toContactId, to: link.fromContactId, kind: 'influenced_by', weight: INFLUENCED_BY_BASE + INFLUENCED_BY_SLOPE * weight });
  }
  return steps;
}

interface Chain {
  steps: StructuralStep[];
  weight: number;
}

/**
 * Finds, for every contact within `maxSteps` structural steps of the target, the best chain of
 * steps from that contact to the target: the highest product of weights, then the fewest steps.
 * No chain visits a contact twice; contacts in `excluded` are never passed through.
 */
export function bestChainsTo(target: string, steps: readonly StructuralStep[], maxSteps: number, excluded: ReadonlySet<string> = new Set()): Map<string, Chain> {
  const into = new Map<string, StructuralStep[]>();
  for (const step of steps) {
    const list = into.get(step.to);
    if (list) list.push(step);
    else into.set(step.to, [step]);
  }

  const best = new Map<string, Chain>([[target, { steps: [], weight: 1 }]]);
  const walk = (node: string, chain: Chain, onChain: Set<string>): void => {
    if (chain.steps.length >= maxSteps) return;
    for (const step of into.get(node) ?? []) {
      if (onChain.has(step.from) || excluded.has(step.from)) continue;
      const extended = { steps: [step, ...chain.steps], weight: step.weight * chain.weight };
      const known = best.get(step.from);
      if (!known || extended.weight > known.weight || (extended.weight === known.weight && extended.steps.length < known.steps.length)) {
        best.set(step.from, extended);
      }
      onChain.add(step.from);
      walk(step.from, extended, onChain);
      onChain.delete(step.from);
    }
  };
  walk(target, { steps: [], weight: 1 }, new Set([target]));
  return best;
}

export interface PathSearch<R extends KnownContact> {
  target: string;
  /** Our members' relationships visible to the viewer, with contacts near the target. */
  relationships: readonly R[];
  steps: readonly StructuralStep[];
  now: Date;
  /** Hops counted member → … → target, from 1 to MAX_HOPS. */
  maxHops: number;
  limit: number;
  /** Contacts who cannot pass an introduction on, such as people who have left. */
  excluded?: ReadonlySet<string>;
}

/**
 * Returns the best introduction paths, best first: at most one per member and first contact,
 * none visiting a contact twice, none longer than maxHops.
 */
export function findIntroductionPaths<R extends KnownContact>(search: PathSearch<R>): FoundPath<R>[] {
  const maxHops = Math.min(MAX_HOPS, Math.max(1, Math.trunc(search.maxHops)));
  const chains = bestChainsTo(search.target, search.steps, maxHops - 1, search.excluded);

  const paths: FoundPath<R>[] = [];
  for (const relationship of search.relationships) {
    const chain = chains.get(relationship.contactId);
    if (!chain) continue;
    if (relationship.contactId !== search.target && search.excluded?.has(relationship.contactId)) continue;
    const knowsWeight = relationshipScore(relationship.strength, relationship.lastContactOn, search.now);
    paths.push({ relationship, knowsWeight, steps: chain.steps, score: knowsWeight * chain.weight });
  }

  paths.sort(
    (a, b) =>
      b.score - a.score ||
      a.steps.length - b.steps.length ||
      b.relationship.strength - a.relationship.strength ||
      a.relationship.memberId.localeCompare(b.relationship.memberId) ||
      a.relationship.contactId.localeCompare(b.relationship.contactId),
  );
  return paths.slice(0, Math.max(0, search.limit));
}
