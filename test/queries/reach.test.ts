// Introduction paths on the Acme graph (see acme-graph.ts), worked out by hand:
//   relationship score = strength / 5 × (0.25 + 0.75 × 2^(−days / 180))
//     Hélène→Freya 0.7685, Marc→Freya 0.1736, Marc→George 0.5058, Yann→Zoé 0.5880, Siobhan→Olivia 0.25
//   step weights: manages 0.8, reports to 0.6, influences 0.4 + 0.5 w, influenced by 0.2 + 0.4 w
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AppContext } from '../../src/app/context.js';
import { AppError } from '../../src/app/errors.js';
import { howToReach } from '../../src/app/queries.js';
import type { Store } from '../../src/store/database.js';
import { createTestTenant, driverName, openTestStore, TEST_NOW, testContext } from '../helpers/store.js';
import { buildAcmeGraph, MEMBER_NAMES, type AcmeGraph } from './acme-graph.js';

describe(`howToReach on ${driverName}`, () => {
  let store: Store;
  let tenantId: string;
  let graph: AcmeGraph;
  const as = (member: keyof typeof MEMBER_NAMES | null): AppContext =>
    testContext(store, tenantId, member ? { actor: { memberId: graph.members[member], name: MEMBER_NAMES[member] } } : {});
  const summary = (result: Awaited<ReturnType<typeof howToReach>>) =>
    result.paths.map((path) => [path.from.name, ...path.steps.map((step) => `${step.kind} ${step.to.contact.label}`), path.score]);

  beforeAll(async () => {
    store = await openTestStore();
    tenantId = await createTestTenant(store, 'reach');
    graph = await buildAcmeGraph(store, tenantId, TEST_NOW);
  });
  afterAll(() => store?.close());

  it('goes down two reporting lines', async () => {
    // Nina reports to Théo, who reports to Freya. Hélène: 0.7685 × 0.8 × 0.8 = 0.492.
    // Yann knows Zoé, who influences Théo (0.4 + 0.25 = 0.65 beats reporting to him, 0.6):
    // 0.5880 × 0.65 × 0.8 = 0.306. Marc: 0.1736 × 0.64 = 0.111. Paul knows Nina but has left us.
    const result = await howToReach(as('helene'), 'Nina Petit');
    expect(result.target).toMatchObject({ id: graph.contacts.nina, label: 'Nina Petit' });
    expect(summary(result)).toEqual([
      ['Hélène Caron', 'knows Freya Robert', 'manages Théo Nguyen', 'manages Nina Petit', 0.492],
      ['Yann Le Gall', 'knows Zoé Martin', 'influences Théo Nguyen', 'manages Nina Petit', 0.306],
      ['Marc Lemaire', 'knows Freya Robert', 'manages Théo Nguyen', 'manages Nina Petit', 0.111],
    ]);
  });

  it('describes the knows step', async () => {
    const result = await howToReach(as('helene'), 'Nina Petit');
    expect(result.paths[0]!.steps[0]).toMatchObject({ kind: 'knows', strength: 4, weight: 0.769 });
    expect(result.paths[0]!.steps[1]).toMatchObject({ kind: 'manages', weight: 0.8 });
  });

  it('goes up a reporting line and through an influence link', async () => {
    // Olivia: Freya reports to her (0.6); George reports to her (0.6) and influences her
    // (0.4 + 0.5 × 0.8 = 0.8). Hélène sees Marc's deal-team relationship with George.
    // Hélène 0.7685 × 0.6 = 0.461; Marc via George 0.5058 × 0.8 = 0.405; Marc via Freya 0.104.
    // Hélène also knows Ana, who reports to Olivia, but Ana has left: no path through her.
    const result = await howToReach(as('helene'), 'Olivia Rousseau');
    expect(summary(result)).toEqual([
      ['Hélène Caron', 'knows Freya Robert', 'reports_to Olivia Rousseau', 0.461],
      ['Marc Lemaire', 'knows George Girard', 'influences Olivia Rousseau', 0.405],
      ['Marc Lemaire', 'knows Freya Robert', 'reports_to Olivia Rousseau', 0.104],
    ]);
  });

  it('shows a private relationship to its owner only', async () => {
    // Siobhan knows Olivia herself: strength 5, no date, 0.25. She cannot see Marc's deal-team
    // relationship with George (her deal with Marc is at Globex).
    const siobhan = await howToReach(as('siobhan'), 'Olivia Rousseau');
    expect(summary(siobhan)).toEqual([
      ['Hélène Caron', 'knows Freya Robert', 'reports_to Olivia Rousseau', 0.461],
      ['Siobhan Kelly', 'knows Olivia Rousseau', 0.25],
      ['Marc Lemaire', 'knows Freya Robert', 'reports_to Olivia Rousseau', 0.104],
    ]);
    const anonymous = await howToReach(as(null), 'Olivia Rousseau');
    expect(anonymous.paths.map((path) => path.from.name)).toEqual(['Hélène Caron', 'Marc Lemaire']);
  });

  it('stops at three hops', async () => {
    // Zoé: Yann knows her (0.588); Freya manages Théo, who manages Zoé (three hops). Siobhan's
    // Olivia would be four hops (Olivia → Freya → Théo → Zoé), so she has no path.
    const result = await howToReach(as('siobhan'), 'Zoé Martin');
    expect(summary(result)).toEqual([
      ['Yann Le Gall', 'knows Zoé Martin', 0.588],
      ['Hélène Caron', 'knows Freya Robert', 'manages Théo Nguyen', 'manages Zoé Martin', 0.492],
      ['Marc Lemaire', 'knows Freya Robert', 'manages Théo Nguyen', 'manages Zoé Martin', 0.111],
    ]);
    expect(result.paths.every((path) => path.steps.length <= 3)).toBe(true);
  });

  it('takes a shorter maximum', async () => {
    const result = await howToReach(as('helene'), 'Zoé Martin', { maxHops: 2 });
    expect(result.paths.map((path) => path.from.name)).toEqual(['Yann Le Gall']);
    expect(result.maxHops).toBe(2);
  });

  it('visits no contact twice', async () => {
    for (const person of ['Nina Petit', 'Olivia Rousseau', 'Zoé Martin', 'Théo Nguyen', 'George Girard']) {
      const result = await howToReach(as('helene'), person, { limit: 20 });
      for (const path of result.paths) {
        const visited = path.steps.map((step) => step.to.contact.id);
        expect(new Set(visited).size).toBe(visited.length);
        expect(visited.at(-1)).toBe(result.target.id);
      }
    }
  });

  it('keeps one path per member and first contact', async () => {
    const result = await howToReach(as('helene'), 'Théo Nguyen', { limit: 20 });
    const pairs = result.paths.map((path) => `${path.from.id}:${path.steps[0]!.to.contact.id}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('returns no path when nobody is close', async () => {
    const result = await howToReach(as('helene'), 'Ravi Shah');
    expect(result.paths).toEqual([]);
    expect(result.target.title).toBe('Director');
  });

  it('stops at the limit', async () => {
    const result = await howToReach(as('helene'), 'Nina Petit', { limit: 1 });
    expect(result.paths).toHaveLength(1);
  });

  it('rejects more than three hops', async () => {
    const error = await howToReach(as('helene'), 'Nina Petit', { maxHops: 4 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors[0]?.field).toBe('maxHops');
  });

  it('looks the person up at the account given', async () => {
    const error = await howToReach(as('helene'), 'Nina Petit', { account: 'Globex' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('not_found');
  });
});
