// People of a power map outside every reporting line on it, in the order a reader should meet
// them. An account without recorded reporting lines is made only of such people.
import type { PowerMapModel } from './model.js';

/**
 * Lists the shown people who have neither a manager nor a report (person or "+N" group) on the
 * map, most influential first, with people who influence each other kept next to each other.
 *
 * A person's rank is the summed weight of the influence links they send on the map, then of
 * those they receive. Equal people keep the model's order. People joined by influence links,
 * in either direction, form a cluster. Clusters come largest first (equal sizes: the one with
 * the higher-ranked leader first), and people without any link come last. Inside a cluster the
 * order is breadth-first from its highest-ranked person, taking neighbours by rank, so most
 * arrows join people placed close together.
 */
export function isolatedByInfluence(model: PowerMapModel): string[] {
  const linked = new Set(model.reportingEdges.flatMap((edge) => [edge.fromId, edge.toId]));
  const isolated = model.people.map((person) => person.id).filter((id) => !linked.has(id));
  const ranked = rankByInfluence(isolated, model.influenceEdges);
  const rankOf = new Map(ranked.map((id, index) => [id, index]));

  const neighbours = new Map<string, string[]>(ranked.map((id) => [id, []]));
  for (const link of model.influenceEdges) {
    if (!rankOf.has(link.fromId) || !rankOf.has(link.toId) || link.fromId === link.toId) continue;
    neighbours.get(link.fromId)!.push(link.toId);
    neighbours.get(link.toId)!.push(link.fromId);
  }
  for (const list of neighbours.values()) list.sort((a, b) => rankOf.get(a)! - rankOf.get(b)!);

  const visited = new Set<string>();
  const clusters: string[][] = [];
  for (const leader of ranked) {
    if (visited.has(leader)) continue;
    clusters.push(breadthFirst(leader, neighbours, visited));
  }
  // Array.prototype.sort is stable, so clusters of one size keep their leaders' rank order.
  return clusters.sort((a, b) => b.length - a.length).flat();
}

function rankByInfluence(ids: string[], links: PowerMapModel['influenceEdges']): string[] {
  const sent = new Map<string, number>();
  const received = new Map<string, number>();
  for (const link of links) {
    sent.set(link.fromId, (sent.get(link.fromId) ?? 0) + link.weight);
    received.set(link.toId, (received.get(link.toId) ?? 0) + link.weight);
  }
  const score = (id: string): [number, number] => [sent.get(id) ?? 0, received.get(id) ?? 0];
  return ids
    .map((id, index) => ({ id, index, score: score(id) }))
    .sort((a, b) => b.score[0] - a.score[0] || b.score[1] - a.score[1] || a.index - b.index)
    .map(({ id }) => id);
}

function breadthFirst(start: string, neighbours: Map<string, string[]>, visited: Set<string>): string[] {
  const order: string[] = [];
  const queue = [start];
  visited.add(start);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    order.push(id);
    for (const next of neighbours.get(id)!) {
      if (visited.has(next)) continue;
      visited.add(next);
      queue.push(next);
    }
  }
  return order;
}
