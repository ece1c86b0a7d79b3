// Inputs of the recommendations, from an account's structure: each contact's structural
// influence (src/domain/influence.ts) and the routes by which our members can reach a contact
// (the introduction-path search of src/domain/reach.ts, one structural step at most).
import { contactInfluence, spansOfControl, titleRank, type ReportingLine } from '../../domain/influence.js';
import { findIntroductionPaths, structuralSteps, type StructuralStep } from '../../domain/reach.js';
import type { InfluenceProfile, ScoredRoute } from '../../domain/recommendations.js';
import type { InfluenceRow, TieRow } from '../../store/queries/deals.js';
import type { ScopePerson } from './scope.js';

/** Title rank from which a contact's post counts as senior in words (director and above). */
const SENIOR_RANK = 0.6;

/** Each contact's structural influence, with the parts the recommendations put in words. */
export function profileContacts(people: ScopePerson[], influence: InfluenceRow[]): Map<string, InfluenceProfile> {
  const spans = spansOfControl(reportingLinesOf(people));
  const outgoing = new Map<string, { count: number; weight: number }>();
  for (const link of influence) {
    const entry = outgoing.get(link.fromContactId) ?? { count: 0, weight: 0 };
    outgoing.set(link.fromContactId, { count: entry.count + 1, weight: entry.weight + Number(link.weight) });
  }
  return new Map(
    people.map((person) => {
      const span = spans.get(person.id) ?? 0;
      const links = outgoing.get(person.id) ?? { count: 0, weight: 0 };
      const score = contactInfluence({ title: person.title, seniority: person.seniority, reports: span, influenceWeight: links.weight });
      return [person.id, { score, senior: titleRank(person.title, person.seniority) >= SENIOR_RANK, span, sways: links.count }];
    }),
  );
}

function reportingLinesOf(people: ScopePerson[]): ReportingLine[] {
  return people.filter((person) => person.managerId !== null).map((person) => ({ contactId: person.id, managerId: person.managerId! }));
}

/** Reporting lines and influence links of an account as path-search steps, built once per scope. */
export function stepsOf(people: ScopePerson[], influence: InfluenceRow[]): StructuralStep[] {
  return structuralSteps(reportingLinesOf(people), influence.map((link) => ({ ...link, weight: Number(link.weight) })));
}

/** Routes considered per target before the sender is chosen. */
const ROUTES_PER_TARGET = 20;

/**
 * Routes from our members to a target: their own relationships with the target, and
 * relationships with a contact one step away who manages the target, reports to them,
 * influences them or is influenced by them. Scores are the path scores of src/domain/reach.ts.
 */
export function routesTo(targetId: string, ties: TieRow[], steps: StructuralStep[], now: Date): ScoredRoute[] {
  const paths = findIntroductionPaths({
    target: targetId,
    relationships: ties.map((tie) => ({ ...tie, strength: Number(tie.strength) })),
    steps,
    now,
    maxHops: 2,
    limit: ROUTES_PER_TARGET,
  });
  return paths.map((path): ScoredRoute => {
    const { memberId, strength, lastContactOn, contactId } = path.relationship;
    const step = path.steps[0];
    if (!step) return { route: { kind: 'direct', memberId, strength, lastContactOn }, score: path.score };
    return { route: { kind: 'via_contact', memberId, viaContactId: contactId, relation: step.kind, strength, lastContactOn }, score: path.score };
  });
}
