// The power map of the demo's Acme Energy, an account without recorded reporting lines, drawn
// from the store to PNG.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadDemo } from '../../src/app/demo.js';
import { drawPowerMap, type PowerMap } from '../../src/app/power-map/power-map.js';
import type { Store } from '../../src/store/database.js';
import { createTestTenant, driverName, openTestStore, testContext } from '../helpers/store.js';

describe(`power map of a flat account on ${driverName}`, () => {
  let store: Store;
  let map: PowerMap;
  const count = (pattern: RegExp) => [...map.svg.matchAll(pattern)].length;

  beforeAll(async () => {
    store = await openTestStore();
    const ctx = testContext(store, await createTestTenant(store, 'power-map-flat'));
    await loadDemo(ctx);
    map = await drawPowerMap(ctx, 'Acme Energy', { format: 'png' });
  });
  afterAll(() => store?.close());

  it('draws 40 people without reporting lines', () => {
    expect(count(/<g class="person"/g)).toBe(40);
    expect(count(/class="edge reporting"/g)).toBe(0);
    expect(count(/class="edge influence"/g)).toBeGreaterThan(0);
  });

  it('wraps the people into rows', () => {
    const rows = new Set([...map.svg.matchAll(/<g class="person" [^>]*><rect x="[\d.-]+" y="([\d.-]+)"/g)].map((match) => match[1]));
    expect(rows.size).toBeGreaterThanOrEqual(5);
  });

  it('renders a PNG between 4:3 and 16:9', () => {
    const width = map.png!.readUInt32BE(16);
    const height = map.png!.readUInt32BE(20);
    expect(width).toBe(Math.min(4000, map.width * 2));
    expect(width / height).toBeGreaterThanOrEqual(4 / 3);
    expect(width / height).toBeLessThanOrEqual(16 / 9);
  });
});
