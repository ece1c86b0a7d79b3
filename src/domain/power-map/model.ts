// What a power map shows: people of an account in their reporting tree, informal influence
// between them, their stance on the deal and our coverage. Large organisations are cut down to
// the branches that matter; each cut branch becomes one "+N" group under the last person kept.
import type { Attitude, CoverageState } from '../coverage.js';

export interface MapPerson {
  id: string;
  /** Name, or title when the name is unknown. */
  label: string;
  title: string | null;
  managerId: string | null;
  /** Buying role on the deal (for an account: on one of its open deals), or null. */
  role: string | null;
  attitude: Attitude | null;
  /** Our coverage of the person; null state when they are not on a committee. */
  coverage: { state: CoverageState | null; knownBy: Array<{ memberName: string; strength: number }> };
}

export interface MapInfluence {
  fromId: string;
  toId: string;
  /** 0 (barely) to 1 (decisive). */
  weight: number;
}

export interface MapGroup {
  id: string;
  /** Person the hidden people report to, directly or not; null for branches outside every kept chain. */
  parentId: string | null;
  count: number;
}

export interface PowerMapModel {
  people: MapPerson[];
  groups: MapGroup[];
  /** Manager → report, between kept people, and person → group. */
  reportingEdges: Array<{ fromId: string; toId: string }>;
  influenceEdges: MapInfluence[];
  /** Kept people without a kept manager. */
  rootIds: string[];
  total: number;
  shown: number;
  collapsed: boolean;
}

/** Readable size of a map: at most this many people are shown before branches collapse. */
export const DEFAULT_MAP_LIMIT = 40;

/**
 * Builds the map model. Up to `limit` people, everyone is shown. Beyond it, the map keeps
 * committee members with their chains of managers to the root (always), then known contacts
 * with their chains, strongest relationship first, while the limit allows; the others collapse.
 */
export function buildPowerMap(people: MapPerson[], influence: MapInfluence[], limit = DEFAULT_MAP_LIMIT): PowerMapModel {
  const byId = new Map(people.map((person) => [person.id, person]));
  const managerOf = (id: string): string | null => {
    const managerId = byId.get(id)?.managerId ?? null;
    return managerId !== null && byId.has(managerId) ? managerId : null;
  };
  const kept = people.length <= limit ? new Set(byId.keys()) : selectKept(people, managerOf, limit);

  const keptPeople = people.filter((person) => kept.has(person.id));
  const reportingEdges: PowerMapModel['reportingEdges'] = [];
  const rootIds: string[] = [];
  for (const person of keptPeople) {
    const managerId = managerOf(person.id);
    if (managerId !== null && kept.has(managerId)) reportingEdges.push({ fromId: managerId, toId: person.id });
    else rootIds.push(person.id);
  }

  const groups = groupHidden(people, kept, managerOf);
  for (const group of groups) if (group.parentId !== null) reportingEdges.push({ fromId: group.parentId, toId: group.id });

  return {
    people: keptPeople,
    groups,
    reportingEdges,
    influenceEdges: influence.filter((link) => kept.has(link.fromId) && kept.has(link.toId)),
    rootIds,
    total: people.length,
    shown: keptPeople.length,
    collapsed: keptPeople.length < people.length,
  };
}

/** Chain of managers above a person, nearest first, stopping at a loop. */
function chainOf(id: string, managerOf: (id: string) => string | null): string[] {
  const chain: string[] = [];
  const seen = new Set([id]);
  for (let current = managerOf(id); current !== null && !seen.has(current); current = managerOf(current)) {
    chain.push(current);
    seen.add(current);
  }
  return chain;
}

function selectKept(people: MapPerson[], managerOf: (id: string) => string | null, limit: number): Set<string> {
  const kept = new Set<string>();
  const addWithChain = (id: string, force: boolean): void => {
    const missing = [id, ...chainOf(id, managerOf)].filter((member) => !kept.has(member));
    if (!force && kept.size + missing.length > limit) return;
    for (const member of missing) kept.add(member);
  };

  for (const person of people) if (person.role !== null || person.attitude !== null) addWithChain(person.id, true);
  const known = people
    .filter((person) => person.coverage.knownBy.length > 0 && !kept.has(person.id))
    .sort((a, b) => bestStrength(b) - bestStrength(a) || a.label.localeCompare(b.label));
  for (const person of known) addWithChain(person.id, false);

  // Nobody on a committee or known: show the top of the organisation instead of an empty map.
  if (kept.size === 0) fillFromTop(people, managerOf, kept, limit);
  return kept;
}

function bestStrength(person: MapPerson): number {
  return Math.max(0, ...person.coverage.knownBy.map((known) => known.strength));
}

function fillFromTop(people: MapPerson[], managerOf: (id: string) => string | null, kept: Set<string>, limit: number): void {
  const reports = new Map<string | null, MapPerson[]>();
  for (const person of people) {
    const managerId = managerOf(person.id);
    reports.set(managerId, [...(reports.get(managerId) ?? []), person]);
  }
  const queue = [...(reports.get(null) ?? [])];
  while (queue.length > 0 && kept.size < limit) {
    const person = queue.shift()!;
    kept.add(person.id);
    queue.push(...(reports.get(person.id) ?? []));
  }
}

/** One group per kept person with hidden people below them, plus one for detached branches. */
function groupHidden(people: MapPerson[], kept: Set<string>, managerOf: (id: string) => string | null): MapGroup[] {
  const counts = new Map<string | null, number>();
  for (const person of people) {
    if (kept.has(person.id)) continue;
    const anchor = chainOf(person.id, managerOf).find((id) => kept.has(id)) ?? null;
    counts.set(anchor, (counts.get(anchor) ?? 0) + 1);
  }
  return [...counts.entries()].map(([parentId, count]) => ({ id: `hidden:${parentId ?? 'root'}`, parentId, count }));
}
