// Places a power map's boxes with dagre: the reporting tree top-down. Influence links are left
// out of the layout so they never bend the formal structure; the SVG draws them over it.
// Two or more reports without reports of their own stack in a column under their manager, as
// org charts do, so a flat organisation stays narrow enough to read. People outside every
// reporting line wrap into a grid below the trees once there are GRID_FROM of them.
import dagre from '@dagrejs/dagre';

import { isolatedByInfluence } from '../../domain/power-map/isolated.js';
import type { PowerMapModel } from '../../domain/power-map/model.js';
import { assignCells, chooseColumns, placeGrid, ROW_GAP } from './grid.js';
import { HEADER_HEIGHT, LEGEND_HEIGHT, MIN_WIDTH } from './svg.js';

export interface PlacedNode {
  id: string;
  kind: 'person' | 'group';
  /** Top-left corner and size, in SVG user units (pixels at scale 1). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  fromId: string;
  toId: string;
  points: Array<{ x: number; y: number }>;
}

export interface MapLayout {
  nodes: Map<string, PlacedNode>;
  reporting: PlacedEdge[];
  width: number;
  height: number;
}

export const PERSON_SIZE = { width: 210, height: 64 };
export const GROUP_SIZE = { width: 150, height: 34 };
/** Minimum number of leaf reports under one manager that stack in a column. */
export const STACK_FROM = 2;
/**
 * Minimum number of people without manager or reports on the map that go into a grid. Fewer
 * stay in the trees' layout, in the top row beside the roots.
 */
export const GRID_FROM = 4;
const MARGIN = 16;
const RANK_GAP = 40;
const STACK_GAP = 14;
/** Distance of a stack's connecting line from the left edge of its boxes. */
const BUS_OFFSET = 10;

/**
 * Lays out the kept people and the branches hanging off no kept person. Branches folded under a
 * kept person are drawn inside that person's box, so they take no room of their own. When at
 * least GRID_FROM people are outside every reporting line, they fill a grid below the trees,
 * most influential first and close to the people they influence, followed by detached branches.
 */
export function layoutPowerMap(model: PowerMapModel): MapLayout {
  const isolated = isolatedByInfluence(model);
  if (isolated.length < GRID_FROM) return layoutTrees(model, new Set());

  const detached = model.groups.filter((group) => group.parentId === null).map((group) => group.id);
  const gridIds = [...isolated, ...detached];
  return appendGrid(layoutTrees(model, new Set(gridIds)), gridIds, model.influenceEdges);
}

/** Lays out the reporting trees with dagre, leaving out the boxes in `excluded`. */
function layoutTrees(model: PowerMapModel, excluded: Set<string>): MapLayout {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 18, ranksep: RANK_GAP, marginx: MARGIN, marginy: MARGIN });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const person of model.people) if (!excluded.has(person.id)) graph.setNode(person.id, { ...PERSON_SIZE });
  for (const group of model.groups) if (group.parentId === null && !excluded.has(group.id)) graph.setNode(group.id, { ...GROUP_SIZE });
  if (graph.nodeCount() === 0) return { nodes: new Map(), reporting: [], width: 0, height: 0 };

  const personEdges = model.reportingEdges.filter((edge) => !edge.toId.startsWith('hidden:'));
  const stacked = stackedReports(personEdges);
  for (const edge of personEdges) if (!stacked.has(edge.toId)) graph.setEdge(edge.fromId, edge.toId);
  for (const column of stackColumns(personEdges, stacked)) {
    graph.setEdge(column.managerId, column.reports[0]!, { minlen: 1 });
    column.reports.slice(1).forEach((reportId, index) => graph.setEdge(column.reports[index]!, reportId, { minlen: 1 }));
  }
  dagre.layout(graph);

  const nodes = new Map<string, PlacedNode>();
  for (const id of graph.nodes()) {
    const node = graph.node(id) as { x: number; y: number; width: number; height: number };
    nodes.set(id, { id, kind: id.startsWith('hidden:') ? 'group' : 'person', x: node.x - node.width / 2, y: node.y - node.height / 2, width: node.width, height: node.height });
  }
  const reporting = personEdges.map((edge) => {
    if (stacked.has(edge.toId)) return { ...edge, points: busPoints(nodes.get(edge.fromId)!, nodes.get(edge.toId)!) };
    const points = (graph.edge(edge.fromId, edge.toId) as { points?: Array<{ x: number; y: number }> } | undefined)?.points ?? [];
    return { ...edge, points: points.map((point) => ({ x: point.x, y: point.y })) };
  });
  const size = graph.graph() as { width?: number; height?: number };
  return { nodes, reporting, width: size.width ?? 0, height: size.height ?? 0 };
}

/** Places `ids` in a grid below the trees, and centres the narrower of the two on the wider. */
function appendGrid(trees: MapLayout, ids: string[], influence: PowerMapModel['influenceEdges']): MapLayout {
  const boxes = ids.map((id) => (id.startsWith('hidden:') ? { id, kind: 'group' as const, ...GROUP_SIZE } : { id, kind: 'person' as const, ...PERSON_SIZE }));
  const top = trees.height === 0 ? MARGIN : trees.height + ROW_GAP - MARGIN;
  const columns = chooseColumns(boxes.length, PERSON_SIZE, { treeWidth: trees.width, top, margin: MARGIN, extraHeight: HEADER_HEIGHT + LEGEND_HEIGHT, minWidth: MIN_WIDTH });
  const grid = placeGrid(assignCells(boxes, influence, columns, PERSON_SIZE), columns);

  const width = Math.max(trees.width, grid.width + 2 * MARGIN);
  const treeShift = (width - trees.width) / 2;
  const gridLeft = (width - grid.width) / 2;
  const nodes = new Map<string, PlacedNode>();
  for (const node of trees.nodes.values()) nodes.set(node.id, { ...node, x: node.x + treeShift });
  for (const node of grid.nodes) nodes.set(node.id, { ...node, x: node.x + gridLeft, y: node.y + top });
  const reporting = trees.reporting.map((edge) => ({ ...edge, points: edge.points.map((point) => ({ x: point.x + treeShift, y: point.y })) }));
  return { nodes, reporting, width, height: top + grid.height + MARGIN };
}

/** Finds the reports that stack: leaves (without reports of their own) of a manager with STACK_FROM leaves or more. */
function stackedReports(edges: PowerMapModel['reportingEdges']): Set<string> {
  const managers = new Set(edges.map((edge) => edge.fromId));
  const leavesOf = new Map<string, string[]>();
  for (const edge of edges) {
    if (managers.has(edge.toId)) continue;
    leavesOf.set(edge.fromId, [...(leavesOf.get(edge.fromId) ?? []), edge.toId]);
  }
  return new Set([...leavesOf.values()].filter((leaves) => leaves.length >= STACK_FROM).flat());
}

function stackColumns(edges: PowerMapModel['reportingEdges'], stacked: Set<string>): Array<{ managerId: string; reports: string[] }> {
  const columns = new Map<string, string[]>();
  for (const edge of edges) if (stacked.has(edge.toId)) columns.set(edge.fromId, [...(columns.get(edge.fromId) ?? []), edge.toId]);
  return [...columns.entries()].map(([managerId, reports]) => ({ managerId, reports }));
}

/** Routes an elbow from the manager's bottom edge down a line left of the column, into the report's side. */
function busPoints(manager: PlacedNode, report: PlacedNode): Array<{ x: number; y: number }> {
  const busX = report.x - BUS_OFFSET;
  const top = manager.y + manager.height;
  const middle = report.y + report.height / 2;
  const startX = Math.min(Math.max(busX, manager.x + 12), manager.x + manager.width - 12);
  return [
    { x: startX, y: top },
    { x: startX, y: top + STACK_GAP },
    { x: busX, y: top + STACK_GAP },
    { x: busX, y: middle },
    { x: report.x, y: middle },
  ];
}
