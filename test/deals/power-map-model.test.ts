import { describe, expect, it } from 'vitest';

import { buildPowerMap, type MapPerson } from '../../src/domain/power-map/model.js';

function person(id: string, managerId: string | null, fields: Partial<MapPerson> = {}): MapPerson {
  return { id, label: id, title: null, managerId, role: null, attitude: null, coverage: { state: null, knownBy: [] }, ...fields };
}

/** A root with `branches` managers, each with `reports` reports: 1 + branches × (1 + reports) people. */
function organisation(branches: number, reports: number): MapPerson[] {
  const people = [person('root', null)];
  for (let b = 0; b < branches; b++) {
    people.push(person(`b${b}`, 'root'));
    for (let r = 0; r < reports; r++) people.push(person(`b${b}r${r}`, `b${b}`));
  }
  return people;
}

describe('power map model', () => {
  it('shows a small organisation whole', () => {
    const model = buildPowerMap(organisation(2, 2), [{ fromId: 'b0r0', toId: 'b1', weight: 0.5 }]);
    expect(model.shown).toBe(7);
    expect(model.collapsed).toBe(false);
    expect(model.groups).toEqual([]);
    expect(model.rootIds).toEqual(['root']);
    expect(model.reportingEdges).toHaveLength(6);
    expect(model.influenceEdges).toHaveLength(1);
  });

  it('keeps committee members and their chains', () => {
    // 1 + 10 × (1 + 9) = 101 people, limit 10. Kept: b3r4 (committee) with b3 and root, then
    // the known b7r1 with b7 (5 people). Hidden: 8 other branches under root (8 × 10 = 80) and
    // 8 + 8 reports under b3 and b7. 101 − 5 = 96 = 80 + 8 + 8.
    const people = organisation(10, 9).map((entry) => {
      if (entry.id === 'b3r4') return { ...entry, role: 'economic_buyer', attitude: 'supporter' as const };
      if (entry.id === 'b7r1') return { ...entry, coverage: { state: 'covered' as const, knownBy: [{ memberName: 'Ann', strength: 4 }] } };
      return entry;
    });
    const model = buildPowerMap(people, [{ fromId: 'b7r1', toId: 'b3r4', weight: 0.6 }, { fromId: 'b1', toId: 'b3', weight: 0.2 }], 10);
    expect(model.people.map((entry) => entry.id).sort()).toEqual(['b3', 'b3r4', 'b7', 'b7r1', 'root']);
    expect(model.collapsed).toBe(true);
    expect(model.total).toBe(101);
    expect(new Map(model.groups.map((group) => [group.parentId, group.count]))).toEqual(new Map([['root', 80], ['b3', 8], ['b7', 8]]));
    expect(model.influenceEdges).toEqual([{ fromId: 'b7r1', toId: 'b3r4', weight: 0.6 }]);
    expect(model.reportingEdges).toContainEqual({ fromId: 'root', toId: 'hidden:root' });
  });

  it('keeps committee members beyond the limit', () => {
    const people = organisation(4, 3).map((entry) => (entry.id.endsWith('r0') ? { ...entry, role: 'influencer' } : entry));
    const model = buildPowerMap(people, [], 3);
    // 4 committee members, their 4 managers and the root: 9 people, over the limit of 3.
    expect(model.shown).toBe(9);
  });

  it('adds known contacts only within the limit', () => {
    const people = organisation(3, 3).map((entry) => (entry.id.startsWith('b') && entry.id.includes('r') ? { ...entry, coverage: { state: 'weak' as const, knownBy: [{ memberName: 'Ann', strength: Number(entry.id.at(-1)) + 1 }] } } : entry));
    const model = buildPowerMap(people, [], 6);
    // Strongest first: the r2 reports (strength 3) of b0, b1, b2 … each needs its manager.
    expect(model.shown).toBeLessThanOrEqual(6);
    expect(model.people.map((entry) => entry.id)).toContain('b0r2');
  });

  it('shows the top when nobody is known', () => {
    const model = buildPowerMap(organisation(5, 5), [], 6);
    expect(model.people.map((entry) => entry.id).sort()).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'root']);
  });

  it('treats a missing manager as a root', () => {
    const model = buildPowerMap([person('a', 'gone'), person('b', 'a')], []);
    expect(model.rootIds).toEqual(['a']);
    expect(model.reportingEdges).toEqual([{ fromId: 'a', toId: 'b' }]);
  });

  it('survives a reporting loop', () => {
    const people = [person('a', 'b', { role: 'champion' }), person('b', 'a'), ...Array.from({ length: 5 }, (_, index) => person(`x${index}`, null))];
    const model = buildPowerMap(people, [], 2);
    expect(model.people.map((entry) => entry.id).sort()).toEqual(['a', 'b']);
  });
});
