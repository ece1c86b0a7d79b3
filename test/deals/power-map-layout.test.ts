import { describe, expect, it } from 'vitest';

import { isolatedByInfluence } from '../../src/domain/power-map/isolated.js';
import { buildPowerMap, type MapInfluence, type MapPerson } from '../../src/domain/power-map/model.js';
import { GRID_FROM, layoutPowerMap, type MapLayout, type PlacedNode } from '../../src/app/power-map/layout.js';
import { renderMapSvg } from '../../src/app/power-map/svg.js';
import { translator } from '../../src/i18n/index.js';

function person(id: string, managerId: string | null = null): MapPerson {
  return { id, label: id, title: null, managerId, role: null, attitude: null, coverage: { state: null, knownBy: [] } };
}

function link(fromId: string, toId: string, weight = 0.5): MapInfluence {
  return { fromId, toId, weight };
}

/** `count` people without reporting lines, p0 … p(count − 1). */
function flatPeople(count: number): MapPerson[] {
  return Array.from({ length: count }, (_, index) => person(`p${index}`));
}

/** Rows of a layout: the distinct top edges of its boxes. */
function rowsOf(nodes: PlacedNode[]): number[] {
  return [...new Set(nodes.map((node) => node.y))].sort((a, b) => a - b);
}

/** Cell steps between two boxes of one grid, diagonals counting as one step. */
function steps(layout: MapLayout, a: string, b: string): number {
  const first = layout.nodes.get(a)!;
  const second = layout.nodes.get(b)!;
  const columns = Math.abs(first.x - second.x) / (first.width + 40);
  const rows = Math.abs(first.y - second.y) / (first.height + 36);
  return Math.max(Math.round(columns), Math.round(rows));
}

function pictureOf(people: MapPerson[], influence: MapInfluence[] = []) {
  const model = buildPowerMap(people, influence);
  const layout = layoutPowerMap(model);
  const t = translator('en');
  const picture = renderMapSvg(model, layout, { title: 'Map', caption: 'Caption', t, label: (_kind, id) => id });
  return { model, layout, picture };
}

describe('power map layout', () => {
  it('wraps a flat 40-person map into rows', () => {
    // 40 people, none with a manager: 20 influence links between neighbours in name order.
    const influence = Array.from({ length: 20 }, (_, index) => link(`p${2 * index}`, `p${2 * index + 1}`));
    const { model, layout, picture } = pictureOf(flatPeople(40), influence);

    expect(model.shown).toBe(40);
    expect(layout.nodes.size).toBe(40);
    expect(rowsOf([...layout.nodes.values()]).length).toBeGreaterThanOrEqual(5);
    // The drawn picture, title and legend included, is between 4:3 and 16:9.
    expect(picture.width / picture.height).toBeGreaterThanOrEqual(4 / 3);
    expect(picture.width / picture.height).toBeLessThanOrEqual(16 / 9);
    // The layout alone is at most 2.5 times as wide as it is tall.
    expect(layout.width / layout.height).toBeLessThanOrEqual(2.5);
    expect(layout.width / layout.height).toBeGreaterThanOrEqual(1);
  });

  it('keeps boxes apart', () => {
    const { layout } = pictureOf(flatPeople(40));
    const nodes = [...layout.nodes.values()];
    for (const [index, a] of nodes.entries()) {
      for (const b of nodes.slice(index + 1)) {
        const overlaps = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlaps, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
    for (const node of nodes) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.y).toBeGreaterThanOrEqual(0);
      expect(node.x + node.width).toBeLessThanOrEqual(layout.width);
      expect(node.y + node.height).toBeLessThanOrEqual(layout.height);
    }
  });

  it('keeps ratio for other sizes', () => {
    for (const count of [GRID_FROM, 7, 12, 25, 33]) {
      const { picture } = pictureOf(flatPeople(count));
      expect(picture.width / picture.height, `${count} people`).toBeGreaterThanOrEqual(1);
      expect(picture.width / picture.height, `${count} people`).toBeLessThanOrEqual(2.5);
    }
  });

  it('places influencer and influenced side by side', () => {
    // p30 influences four people spread over the name order; each lands next to p30.
    const influence = [link('p30', 'p3'), link('p30', 'p12'), link('p30', 'p21'), link('p30', 'p39')];
    const { layout } = pictureOf(flatPeople(40), influence);
    for (const target of ['p3', 'p12', 'p21', 'p39']) expect(steps(layout, 'p30', target), target).toBe(1);
  });

  it('puts the strongest influencer first', () => {
    const influence = [link('p5', 'p6', 0.9), link('p5', 'p7', 0.9), link('p1', 'p2', 0.3)];
    const { layout } = pictureOf(flatPeople(12), influence);
    const first = [...layout.nodes.values()].sort((a, b) => a.y - b.y || a.x - b.x)[0]!;
    expect(first.id).toBe('p5');
  });

  it('keeps a hierarchy unchanged', () => {
    // A root with three managers of three reports each: no one outside the reporting lines.
    const people = [person('root'), ...['a', 'b', 'c'].flatMap((manager) => [person(manager, 'root'), ...[1, 2, 3].map((index) => person(`${manager}${index}`, manager))])];
    const withLinks = layoutPowerMap(buildPowerMap(people, [link('a1', 'c3')]));
    const withoutLinks = layoutPowerMap(buildPowerMap(people, []));
    expect(withLinks).toEqual(withoutLinks);
    // The root is alone on the top row, and the reports stack in columns under their managers.
    const topRow = [...withLinks.nodes.values()].filter((node) => node.y === Math.min(...[...withLinks.nodes.values()].map((entry) => entry.y)));
    expect(topRow.map((node) => node.id)).toEqual(['root']);
    expect(withLinks.nodes.get('a1')!.x).toBe(withLinks.nodes.get('a3')!.x);
  });

  it('leaves a few loose people beside the tree', () => {
    const people = [person('root'), person('a', 'root'), person('b', 'root'), ...flatPeople(GRID_FROM - 1)];
    const layout = layoutPowerMap(buildPowerMap(people, []));
    const rootY = layout.nodes.get('root')!.y;
    for (let index = 0; index < GRID_FROM - 1; index++) expect(layout.nodes.get(`p${index}`)!.y).toBe(rootY);
  });

  it('puts many loose people below the tree', () => {
    const tree = [person('root'), person('a', 'root'), person('b', 'root'), person('a1', 'a'), person('b1', 'b')];
    const alone = layoutPowerMap(buildPowerMap(tree, []));
    const mixed = layoutPowerMap(buildPowerMap([...tree, ...flatPeople(20)], []));

    const treeBottom = Math.max(...['root', 'a', 'b', 'a1', 'b1'].map((id) => mixed.nodes.get(id)!.y + mixed.nodes.get(id)!.height));
    for (let index = 0; index < 20; index++) expect(mixed.nodes.get(`p${index}`)!.y).toBeGreaterThan(treeBottom);
    // The tree keeps its shape: every box moves by the same amount, if at all.
    const shift = mixed.nodes.get('root')!.x - alone.nodes.get('root')!.x;
    for (const id of ['a', 'b', 'a1', 'b1']) {
      expect(mixed.nodes.get(id)!.x - alone.nodes.get(id)!.x, id).toBeCloseTo(shift, 6);
      expect(mixed.nodes.get(id)!.y, id).toBe(alone.nodes.get(id)!.y);
    }
    expect(mixed.reporting).toHaveLength(4);
    expect(mixed.height).toBeGreaterThan(alone.height);
  });

  it('places a detached branch in the grid', () => {
    // Over the limit with nobody known, the first 40 people are kept and the other 4 fold into
    // one "+4" box that belongs to no kept person.
    const { model, layout } = pictureOf(flatPeople(44));
    expect(model.groups).toEqual([{ id: 'hidden:root', parentId: null, count: 4 }]);
    const group = layout.nodes.get('hidden:root')!;
    const people = [...layout.nodes.values()].filter((node) => node.kind === 'person');
    expect(group.kind).toBe('group');
    expect(rowsOf(people).length).toBeGreaterThanOrEqual(5);
    expect(group.y).toBeGreaterThan(Math.min(...people.map((node) => node.y)));
    expect(group.y + group.height).toBeLessThanOrEqual(Math.max(...people.map((node) => node.y + node.height)));
  });
});

describe('isolated people by influence', () => {
  it('orders clusters largest first', () => {
    const people = flatPeople(8);
    // Cluster {p6, p7} and cluster {p2, p3, p4}; p4 sends the most weight of all.
    const influence = [link('p6', 'p7', 0.9), link('p4', 'p2', 0.6), link('p4', 'p3', 0.6), link('p1', 'p1', 1)];
    const model = buildPowerMap(people, influence);
    expect(isolatedByInfluence(model)).toEqual(['p4', 'p2', 'p3', 'p6', 'p7', 'p1', 'p0', 'p5']);
  });

  it('skips people on reporting lines', () => {
    const model = buildPowerMap([person('boss'), person('report', 'boss'), person('alone')], []);
    expect(isolatedByInfluence(model)).toEqual(['alone']);
  });
});
