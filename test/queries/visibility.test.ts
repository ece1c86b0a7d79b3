// The SQL visibility rule agrees with the policy in src/domain/visibility.ts, tenants never see
// each other's data, and the account copy on relationships and links follows its contact.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ensureAccount } from '../../src/app/accounts.js';
import { upsertContact } from '../../src/app/contacts.js';
import type { AppContext } from '../../src/app/context.js';
import { howToReach, listContacts, whoKnows, whoKnowsWhomAt, whomDoesMemberKnow } from '../../src/app/queries.js';
import { logRelationship } from '../../src/app/relationships.js';
import { canViewRelationship, type DealTeam, type Visibility } from '../../src/domain/visibility.js';
import type { Store } from '../../src/store/database.js';
import { contacts, relationships } from '../../src/store/schema.js';
import { createTestTenant, driverName, openTestStore, TEST_NOW, testContext } from '../helpers/store.js';
import { buildAcmeGraph, MEMBER_NAMES, type AcmeGraph } from './acme-graph.js';

const VISIBILITIES: Visibility[] = ['private', 'deal_team', 'tenant'];

describe(`visibility on ${driverName}`, () => {
  let store: Store;
  let tenantId: string;
  let otherTenantId: string;
  let graph: AcmeGraph;
  let otherGraph: AcmeGraph;
  const as = (member: keyof typeof MEMBER_NAMES | null, tenant = tenantId, members = graph.members): AppContext =>
    testContext(store, tenant, member ? { actor: { memberId: members[member], name: MEMBER_NAMES[member] } } : {});

  beforeAll(async () => {
    store = await openTestStore();
    tenantId = await createTestTenant(store, 'visibility');
    otherTenantId = await createTestTenant(store, 'visibility-other');
    graph = await buildAcmeGraph(store, tenantId, TEST_NOW);
    // The same organisation and team in another tenant, where Siobhan also knows Freya.
    otherGraph = await buildAcmeGraph(store, otherTenantId, TEST_NOW);
    const ctx = testContext(store, otherTenantId);
    await logRelationship(ctx, { memberId: otherGraph.members.siobhan, contactId: otherGraph.contacts.freya, strength: 5, visibility: 'tenant' });
  });
  afterAll(() => store?.close());

  describe('agrees with the policy', () => {
    // Owner Marc; Hélène shares the Acme deal team with him, Siobhan the Globex one, Yann none.
    const viewers = [null, 'marc', 'helene', 'siobhan', 'yann'] as const;
    const teams = (): DealTeam[] => [
      { accountId: graph.accounts.acme, memberIds: [graph.members.helene, graph.members.marc] },
      { accountId: graph.accounts.globex, memberIds: [graph.members.siobhan, graph.members.marc] },
    ];

    for (const visibility of VISIBILITIES) {
      it.each(viewers.map((viewer) => [viewer ?? 'anonymous', viewer]))(`${visibility} relationship seen by %s`, async (_label, viewer) => {
        const contactId = await contactKnownByMarc(visibility);
        const expected = canViewRelationship(viewer ? graph.members[viewer] : null, { ownerId: graph.members.marc, visibility, accountId: graph.accounts.acme }, teams());
        const result = await whoKnows(as(viewer), `Probe ${visibility}`);
        expect(result.contact.id).toBe(contactId);
        expect(result.knownBy.some((entry) => entry.member.id === graph.members.marc)).toBe(expected);
      });
    }

    it('gives the same answers in every query', async () => {
      // The deal-team probe counts for Hélène in the account-wide queries too.
      const probeId = await contactKnownByMarc('deal_team');
      const helene = await whoKnowsWhomAt(as('helene'), 'Acme Energy', { limit: 50 });
      const yann = await whoKnowsWhomAt(as('yann'), 'Acme Energy', { limit: 50 });
      expect(helene.contacts.some((entry) => entry.contact.id === probeId)).toBe(true);
      expect(yann.contacts.some((entry) => entry.contact.id === probeId)).toBe(false);
      const listed = await listContacts(as('yann'), 'Acme Energy', { limit: 50 });
      expect(listed.contacts.find((contact) => contact.id === probeId)?.knownByCount).toBe(0);
      const marc = await whomDoesMemberKnow(as('yann'), 'Marc Lemaire', { limit: 50 });
      expect(marc.relationships.some((entry) => entry.contact.id === probeId)).toBe(false);
    });
  });

  describe('between tenants', () => {
    it('keeps relationships apart', async () => {
      const here = await whoKnows(as(null), 'Freya Robert');
      const there = await whoKnows(as(null, otherTenantId, otherGraph.members), 'Freya Robert');
      expect(here.knownBy.map((entry) => entry.member.id)).toEqual([graph.members.helene, graph.members.marc]);
      // Siobhan's strength 5 with no date scores 0.25: between Hélène (0.769) and Marc (0.174).
      expect(there.knownBy.map((entry) => entry.member.id)).toEqual([otherGraph.members.helene, otherGraph.members.siobhan, otherGraph.members.marc]);
    });

    it('keeps counts and paths apart', async () => {
      const who = await whoKnowsWhomAt(as(null), 'Acme Energy', { limit: 50 });
      expect(who.contacts.flatMap((entry) => entry.knownBy.map((known) => known.member.id)).every((id) => Object.values(graph.members).includes(id))).toBe(true);
      const reach = await howToReach(as(null), 'Olivia Rousseau');
      expect(reach.paths.every((path) => Object.values(graph.members).includes(path.from.id))).toBe(true);
      expect(reach.target.id).toBe(graph.contacts.olivia);
    });

    it('does not let a member of another tenant see private relationships', async () => {
      // A viewer id from the other tenant owns nothing here.
      const stranger = testContext(store, tenantId, { actor: { memberId: otherGraph.members.siobhan, name: 'Siobhan Kelly' } });
      expect((await whoKnows(stranger, 'Olivia Rousseau')).knownBy).toEqual([]);
    });

    it('finds no account of another tenant', async () => {
      const ctx = testContext(store, tenantId);
      await ensureAccount(testContext(store, otherTenantId), { name: 'Initech Only There' });
      await expect(whoKnowsWhomAt(ctx, 'Initech Only There')).rejects.toMatchObject({ code: 'not_found' });
    });
  });

  describe('account copy', () => {
    it('fills the account of new relationships', async () => {
      const [row] = await store.db.select({ accountId: relationships.accountId }).from(relationships).where(eq(relationships.contactId, graph.contacts.freya));
      expect(row?.accountId).toBe(graph.accounts.acme);
    });

    it('follows a contact that moves to another account', async () => {
      const ctx = testContext(store, tenantId);
      const { contact } = await upsertContact(ctx, { accountId: graph.accounts.acme, name: 'Moving Person', title: 'Buyer' });
      await logRelationship(ctx, { memberId: graph.members.yann, contactId: contact.id, strength: 3, visibility: 'tenant' });
      await store.db.update(contacts).set({ accountId: graph.accounts.globex }).where(eq(contacts.id, contact.id));
      const globex = await whoKnowsWhomAt(as(null), 'Globex');
      expect(globex.contacts.map((entry) => entry.contact.id)).toEqual([contact.id]);
      const [row] = await store.db.select({ accountId: relationships.accountId }).from(relationships).where(eq(relationships.contactId, contact.id));
      expect(row?.accountId).toBe(graph.accounts.globex);
    });
  });

  /** A contact at Acme whom only Marc knows, with the given visibility; created once per visibility. */
  async function contactKnownByMarc(visibility: Visibility): Promise<string> {
    const ctx = testContext(store, tenantId);
    const { contact } = await upsertContact(ctx, { accountId: graph.accounts.acme, name: `Probe ${visibility}`, title: 'Buyer' });
    await logRelationship(ctx, { memberId: graph.members.marc, contactId: contact.id, strength: 3, visibility });
    return contact.id;
  }
});
