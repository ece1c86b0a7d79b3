// Who knows whom, who knows a person, whom a member knows, and the contact list, on the Acme
// graph (see acme-graph.ts). Expected values are worked out by hand from the formulas:
//   relationship score = strength / 5 × (0.25 + 0.75 × 2^(−days / 180)), 0.25 × strength / 5 with no date
//   influence = 0.5 × rank + 0.3 × reports / (reports + 10) + 0.2 × weight / (weight + 2)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AppContext } from '../../src/app/context.js';
import { AppError } from '../../src/app/errors.js';
import { listContacts, whoKnows, whoKnowsWhomAt, whomDoesMemberKnow } from '../../src/app/queries.js';
import type { Store } from '../../src/store/database.js';
import { createTestTenant, driverName, openTestStore, TEST_NOW, testContext } from '../helpers/store.js';
import { buildAcmeGraph, MEMBER_NAMES, type AcmeGraph } from './acme-graph.js';

describe(`read queries on ${driverName}`, () => {
  let store: Store;
  let tenantId: string;
  let graph: AcmeGraph;
  const as = (member: keyof typeof MEMBER_NAMES | null): AppContext =>
    testContext(store, tenantId, member ? { actor: { memberId: graph.members[member], name: MEMBER_NAMES[member] } } : {});

  beforeAll(async () => {
    store = await openTestStore();
    tenantId = await createTestTenant(store, 'who-knows');
    graph = await buildAcmeGraph(store, tenantId, TEST_NOW);
  });
  afterAll(() => store?.close());

  describe('whoKnowsWhomAt', () => {
    it('lists known contacts, most influential first', async () => {
      // Hélène sees Freya (tenant), George (Marc's deal-team relationship: both are on the Acme
      // deal team) and Zoé. Olivia is Siobhan's private contact; Nina is known only by Paul, who
      // has left; Ana has left Acme. Influence: Freya 0.425 + 0.3 × 3/13 = 0.494,
      // George 0.075 + 0.2 × 0.8/2.8 = 0.132, Zoé 0.075 + 0.2 × 0.5/2.5 = 0.115.
      const result = await whoKnowsWhomAt(as('helene'), 'Acme Energy');
      expect(result.account).toEqual({ id: graph.accounts.acme, name: 'Acme Energy' });
      expect(result.contacts.map((entry) => entry.contact.label)).toEqual(['Freya Robert', 'George Girard', 'Zoé Martin']);
      expect(result.contacts.map((entry) => entry.influence)).toEqual([0.494, 0.132, 0.115]);
    });

    it('counts the contacts nobody visible knows', async () => {
      // Seven active contacts (Ana has left), three known to Hélène's eyes.
      const result = await whoKnowsWhomAt(as('helene'), 'Acme Energy');
      expect(result.totalContacts).toBe(7);
      expect(result.unknownCount).toBe(4);
    });

    it('ranks the members who know a contact', async () => {
      // Hélène: 0.8 × (0.25 + 0.75 × 2^(−14/180)) = 0.769; Marc: 0.4 × (0.25 + 0.75 × 2^(−365/180)) = 0.174.
      const result = await whoKnowsWhomAt(as('helene'), 'Acme Energy');
      const freya = result.contacts[0]!;
      expect(freya.knownBy.map((entry) => entry.member.name)).toEqual(['Hélène Caron', 'Marc Lemaire']);
      expect(freya.knownBy.map((entry) => entry.score)).toEqual([0.769, 0.174]);
      expect(freya.knownBy[0]).toMatchObject({ strength: 4, kind: 'work', visibility: 'tenant' });
    });

    it('shows a private relationship to its owner', async () => {
      // Olivia: 0.5 × 1 + 0.3 × 6/16 (Ana's line is still current) = 0.6125, first.
      const result = await whoKnowsWhomAt(as('siobhan'), 'Acme Energy');
      expect(result.contacts.map((entry) => entry.contact.label)).toEqual(['Olivia Rousseau', 'Freya Robert', 'Zoé Martin']);
      expect(result.contacts[0]!.influence).toBe(0.613);
      expect(result.contacts[0]!.knownBy).toMatchObject([{ member: { name: 'Siobhan Kelly' }, visibility: 'private', score: 0.25 }]);
    });

    it('shows the anonymous viewer tenant relationships only', async () => {
      const result = await whoKnowsWhomAt(as(null), 'Acme Energy');
      expect(result.contacts.map((entry) => entry.contact.label)).toEqual(['Freya Robert', 'Zoé Martin']);
      expect(result.unknownCount).toBe(5);
    });

    it('pages through the known contacts', async () => {
      const first = await whoKnowsWhomAt(as('helene'), 'Acme Energy', { limit: 2 });
      const second = await whoKnowsWhomAt(as('helene'), 'Acme Energy', { offset: 2, limit: 2 });
      expect(first.contacts.map((entry) => entry.contact.label)).toEqual(['Freya Robert', 'George Girard']);
      expect(first.hasMore).toBe(true);
      expect(second.contacts.map((entry) => entry.contact.label)).toEqual(['Zoé Martin']);
      expect(second.hasMore).toBe(false);
      expect(second.offset).toBe(2);
    });

    it('suggests the account on a typo', async () => {
      const error = await whoKnowsWhomAt(as('helene'), 'Acme Enrgy').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('not_found');
      expect((error as AppError).suggestions.map((suggestion) => suggestion.label)).toEqual(['Acme Energy']);
    });

    it('rejects a page size out of range', async () => {
      const error = await whoKnowsWhomAt(as('helene'), 'Acme Energy', { limit: 500 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fieldErrors[0]?.field).toBe('limit');
    });

    it('reports an account without known contacts', async () => {
      const result = await whoKnowsWhomAt(as('helene'), 'Globex');
      expect(result.totalContacts).toBe(0);
      expect(result.contacts).toEqual([]);
      expect(result.hasMore).toBe(false);
    });
  });

  describe('whoKnows', () => {
    it('lists the members who know a person, best first', async () => {
      const result = await whoKnows(as(null), 'Freya Robert');
      expect(result.contact).toMatchObject({ id: graph.contacts.freya, title: 'VP Trading', accountName: 'Acme Energy', status: 'active' });
      expect(result.knownBy.map((entry) => entry.member.name)).toEqual(['Hélène Caron', 'Marc Lemaire']);
    });

    it('applies the deal-team rule', async () => {
      expect((await whoKnows(as('helene'), 'George Girard')).knownBy.map((entry) => entry.member.name)).toEqual(['Marc Lemaire']);
      expect((await whoKnows(as('marc'), 'George Girard')).knownBy.map((entry) => entry.member.name)).toEqual(['Marc Lemaire']);
      // Siobhan shares a deal team with Marc, but at Globex, not at Acme.
      expect((await whoKnows(as('siobhan'), 'George Girard')).knownBy).toEqual([]);
      expect((await whoKnows(as(null), 'George Girard')).knownBy).toEqual([]);
    });

    it('leaves out members who have left our team', async () => {
      expect((await whoKnows(as('helene'), 'Nina Petit')).knownBy).toEqual([]);
    });

    it('finds the person within the account given', async () => {
      const result = await whoKnows(as('siobhan'), 'olivia rousseau', { account: 'acme energy' });
      expect(result.knownBy.map((entry) => entry.member.name)).toEqual(['Siobhan Kelly']);
    });

    it('reports a contact who has left', async () => {
      const result = await whoKnows(as(null), 'Ana Costa');
      expect(result.contact.status).toBe('left');
      expect(result.knownBy.map((entry) => entry.member.name)).toEqual(['Hélène Caron']);
    });
  });

  describe('whomDoesMemberKnow', () => {
    it('lists the relationships the viewer may see, best first', async () => {
      // George: 0.6 × (0.25 + 0.75 × 2^(−61/180)) = 0.506; Freya: 0.174.
      const result = await whomDoesMemberKnow(as('helene'), 'Marc Lemaire');
      expect(result.member).toEqual({ id: graph.members.marc, name: 'Marc Lemaire' });
      expect(result.relationships.map((entry) => entry.contact.label)).toEqual(['George Girard', 'Freya Robert']);
      expect(result.relationships.map((entry) => entry.score)).toEqual([0.506, 0.174]);
    });

    it('hides what the viewer may not see', async () => {
      const result = await whomDoesMemberKnow(as(null), 'marc@northwind.example');
      expect(result.relationships.map((entry) => entry.contact.label)).toEqual(['Freya Robert']);
      expect(result.total).toBe(1);
    });

    it('filters on an account', async () => {
      const result = await whomDoesMemberKnow(as('marc'), 'Marc Lemaire', { account: 'Globex' });
      expect(result.account).toEqual({ id: graph.accounts.globex, name: 'Globex' });
      expect(result.relationships).toEqual([]);
    });

    it('pages through the relationships', async () => {
      const result = await whomDoesMemberKnow(as('marc'), 'Marc Lemaire', { limit: 1 });
      expect(result.relationships.map((entry) => entry.contact.label)).toEqual(['George Girard']);
      expect(result.hasMore).toBe(true);
      expect(result.total).toBe(2);
    });
  });

  describe('listContacts', () => {
    it('lists contacts in name order with counts and managers', async () => {
      const result = await listContacts(as('helene'), 'Acme Energy');
      expect(result.total).toBe(8);
      expect(result.contacts.map((contact) => [contact.label, contact.knownByCount, contact.managerLabel])).toEqual([
        ['Ana Costa', 1, 'Olivia Rousseau'],
        ['Freya Robert', 2, 'Olivia Rousseau'],
        ['George Girard', 1, 'Olivia Rousseau'],
        ['Nina Petit', 0, 'Théo Nguyen'],
        ['Olivia Rousseau', 0, null],
        ['Ravi Shah', 0, null],
        ['Théo Nguyen', 0, 'Freya Robert'],
        ['Zoé Martin', 1, 'Théo Nguyen'],
      ]);
      expect(result.contacts[0]!.status).toBe('left');
    });

    it('counts what the viewer may see', async () => {
      const result = await listContacts(as('siobhan'), 'Acme Energy');
      const counts = Object.fromEntries(result.contacts.map((contact) => [contact.label, contact.knownByCount]));
      expect(counts['Olivia Rousseau']).toBe(1);
      expect(counts['George Girard']).toBe(0);
    });

    it('pages through the contacts', async () => {
      const result = await listContacts(as('helene'), 'Acme Energy', { offset: 3, limit: 3 });
      expect(result.contacts.map((contact) => contact.label)).toEqual(['Nina Petit', 'Olivia Rousseau', 'Ravi Shah']);
      expect(result.hasMore).toBe(true);
      expect(result.offset).toBe(3);
    });
  });
});
