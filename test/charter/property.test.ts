// Property tests: random organisations, relationships, charter settings and viewers, through the
// real queries (who, who-knows, reach, coverage). Each run checks that a query shows exactly what
// the pure policy of src/domain/charter.ts discloses, and that another tenant's data never shows.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { accountCoverage } from '../../src/app/coverage.js';
import { howToReach, whoKnows, whoKnowsWhomAt } from '../../src/app/queries.js';
import { currentCharterVersion } from '../../src/app/charter/settings.js';
import { discloseRelationship, type CharterRules, type DealTeam, type Disclosure, type Visibility } from '../../src/domain/charter.js';
import type { Store } from '../../src/store/database.js';
import { charterAcceptances, charterOptOuts } from '../../src/store/schema.js';
import { createTestTenant, driverName, openTestStore } from '../helpers/store.js';
import { addAccount, addContact, addDeal, addMember, addRelationship, as, setCharter } from './helpers.js';

const MEMBERS = 4;
const CONTACTS_PER_ACCOUNT = 3;

const visibility = fc.constantFrom<Visibility>('private', 'deal_team', 'tenant');
const scenario = fc.record({
  rules: fc.record({
    hiddenRelationships: fc.constantFrom('nothing' as const, 'existence' as const),
    dealTeam: fc.constantFrom('same_deal' as const, 'same_open_deal' as const, 'account_open_deals' as const),
    requireAcceptance: fc.boolean(),
  }),
  standings: fc.array(fc.record({ optedOut: fc.boolean(), accepted: fc.boolean(), active: fc.boolean() }), { minLength: MEMBERS, maxLength: MEMBERS }),
  // One entry per member and contact of the two accounts: no relationship, or one with this visibility.
  ties: fc.array(fc.option(visibility, { freq: 2 }), { minLength: MEMBERS * CONTACTS_PER_ACCOUNT * 2, maxLength: MEMBERS * CONTACTS_PER_ACCOUNT * 2 }),
  deals: fc.array(fc.record({ account: fc.nat(1), open: fc.boolean(), team: fc.subarray([0, 1, 2, 3]) }), { maxLength: 3 }),
  viewer: fc.option(fc.nat(MEMBERS - 1), { freq: 4 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

interface World {
  tenantId: string;
  members: string[];
  accounts: string[];
  accountNames: string[];
  contacts: Array<{ id: string; name: string; accountId: string }>;
  relationships: Array<{ ownerId: string; contactId: string; visibility: Visibility; accountId: string }>;
  dealTeams: DealTeam[];
}

describe(`charter policy on random organisations on ${driverName}`, () => {
  let store: Store;
  let run = 0;

  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store?.close());

  /** Writes a scenario into a new tenant; `label` keeps names apart between tenants. */
  async function build(input: Scenario, label: string): Promise<World> {
    const tenantId = await createTestTenant(store, `property-${label}`);
    const members: string[] = [];
    for (let index = 0; index < MEMBERS; index++) {
      const standing = input.standings[index]!;
      // The viewer stays active: a member who left looks at nothing.
      members.push(await addMember(store, tenantId, `Member ${index} ${label}`, { active: standing.active || index === input.viewer }));
    }
    const accountNames = [`Account A ${label}`, `Account B ${label}`];
    const accounts = [await addAccount(store, tenantId, accountNames[0]!), await addAccount(store, tenantId, accountNames[1]!)];
    const contacts: World['contacts'] = [];
    for (const [index, accountId] of accounts.entries()) {
      for (let number = 0; number < CONTACTS_PER_ACCOUNT; number++) {
        const name = `Person ${index}${number} ${label}`;
        contacts.push({ id: await addContact(store, tenantId, accountId, name), name, accountId });
      }
    }
    const relationships: World['relationships'] = [];
    for (const [index, tie] of input.ties.entries()) {
      if (tie === null) continue;
      const ownerId = members[index % MEMBERS]!;
      const contact = contacts[Math.floor(index / MEMBERS)]!;
      await addRelationship(store, tenantId, ownerId, contact.id, tie);
      relationships.push({ ownerId, contactId: contact.id, visibility: tie, accountId: contact.accountId });
    }
    const dealTeams: DealTeam[] = [];
    for (const [index, deal] of input.deals.entries()) {
      const team = deal.team.map((member) => members[member]!);
      await addDeal(store, tenantId, accounts[deal.account]!, `Deal ${index} ${label}`, team, deal.open ? 'open' : 'won');
      dealTeams.push({ accountId: accounts[deal.account]!, memberIds: team, open: deal.open });
    }
    await setCharter(store, tenantId, { ...input.rules, revision: 3 });
    const version = currentCharterVersion({ revision: 3 });
    for (const [index, standing] of input.standings.entries()) {
      if (standing.optedOut) await store.db.insert(charterOptOuts).values({ tenantId, memberId: members[index]! });
      // An acceptance of an older version must not count.
      await store.db.insert(charterAcceptances).values({ tenantId, memberId: members[index]!, version: standing.accepted ? version : '1.2', locale: 'en' });
    }
    return { tenantId, members, accounts, accountNames, contacts, relationships, dealTeams };
  }

  function expected(world: World, input: Scenario): Map<string, Disclosure> {
    const viewerId = input.viewer === null ? null : world.members[input.viewer]!;
    const rules: CharterRules = { ...input.rules, defaultVisibility: 'tenant', retentionMonths: 24 };
    const disclosures = new Map<string, Disclosure>();
    for (const relationship of world.relationships) {
      const standing = input.standings[world.members.indexOf(relationship.ownerId)]!;
      const owner = { active: standing.active || relationship.ownerId === viewerId, optedOut: standing.optedOut, acceptedCurrent: standing.accepted };
      disclosures.set(`${relationship.ownerId}:${relationship.contactId}`, discloseRelationship(viewerId, relationship, owner, rules, world.dealTeams));
    }
    return disclosures;
  }

  const ownersWith = (disclosures: Map<string, Disclosure>, contactId: string, wanted: Disclosure) =>
    [...disclosures].filter(([key, value]) => key.endsWith(`:${contactId}`) && value === wanted).map(([key]) => key.split(':')[0]!).sort();

  it('reveals no more and no less than the policy', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (input) => {
        run += 1;
        const world = await build(input, `${run}`);
        // Another tenant with the same organisation, where everything is shared with everyone.
        const other = await build({ ...input, ties: input.ties.map(() => 'tenant' as const), standings: input.standings.map(() => ({ optedOut: false, accepted: true, active: true })) }, `${run}-other`);
        const disclosures = expected(world, input);
        const viewer = input.viewer === null ? null : world.members[input.viewer]!;
        const ctx = as(store, world.tenantId, viewer);
        const ours = new Set(world.members);

        for (const contact of world.contacts) {
          const result = await whoKnows(ctx, contact.name);
          const shown = result.knownBy.map((entry) => entry.member.id).sort();
          expect(shown).toEqual(ownersWith(disclosures, contact.id, 'full'));
          expect(result.othersKnow ?? false).toBe(ownersWith(disclosures, contact.id, 'existence').length > 0);

          const reach = await howToReach(ctx, contact.name, { maxHops: 1, limit: 20 });
          for (const path of reach.paths) expect(disclosures.get(`${path.from.id}:${contact.id}`)).toBe('full');
          expect(reach.paths.map((path) => path.from.id).sort()).toEqual(ownersWith(disclosures, contact.id, 'full'));
          expect(reach.othersKnow ?? false).toBe(ownersWith(disclosures, contact.id, 'existence').length > 0);
        }

        for (const [index, accountId] of world.accounts.entries()) {
          const who = await whoKnowsWhomAt(ctx, world.accountNames[index]!, { limit: 50 });
          for (const contact of world.contacts.filter((candidate) => candidate.accountId === accountId)) {
            const entry = who.contacts.find((candidate) => candidate.contact.id === contact.id);
            const full = ownersWith(disclosures, contact.id, 'full');
            const existence = ownersWith(disclosures, contact.id, 'existence');
            expect(entry?.knownBy.map((known) => known.member.id).sort() ?? []).toEqual(full);
            expect(entry?.othersKnow ?? false).toBe(existence.length > 0);
            expect(entry !== undefined).toBe(full.length > 0 || existence.length > 0);
          }
          expect(who.contacts.flatMap((entry) => entry.knownBy).every((known) => ours.has(known.member.id))).toBe(true);

          const coverage = await accountCoverage(ctx, accountId);
          for (const { seat } of coverage.seats) {
            expect(seat.ties.map((tie) => tie.memberId).sort()).toEqual(ownersWith(disclosures, seat.contactId, 'full'));
          }
        }

        // A viewer id from the other tenant is a stranger here.
        const stranger = as(store, world.tenantId, other.members[0]!);
        for (const contact of world.contacts) {
          const seen = await whoKnows(stranger, contact.name);
          expect(seen.knownBy.every((entry) => ours.has(entry.member.id))).toBe(true);
          expect(seen.knownBy.every((entry) => entry.visibility === 'tenant')).toBe(true);
        }
      }),
      { numRuns: driverName === 'pglite' ? 25 : 40, seed: 20261201 },
    );
  });
});
