// The read queries on the demo data (examples/), checked against values worked out from the CSV
// files with the formulas of docs/scoring.md, on 1 December 2026:
//
// - Relationships: rows with visibility "team" are seen by everyone, "private" by their member
//   only. Score = strength / 5 × (0.25 + 0.75 × 2^(−days / 180)).
// - Acme Energy has no reporting lines, so influence = 0.5 × rank + 0.2 × w / (w + 2), where w is
//   the sum of the weights of the links the person sends: one per pair with at least 20 e-mails,
//   weight min(1, log10(messages) / 3) rounded to 0.01.
// - HM Treasury has reporting lines and no influence links: influence = 0.5 × grade rank +
//   0.3 × reports / (reports + 10). Two relationship rows point at post "0", a vacancy that names
//   no single post; the demo attaches them to nobody.
// - Path steps: manages 0.8, reports to 0.6, influences 0.4 + 0.5 w, influenced by 0.2 + 0.4 w.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AppContext } from '../../src/app/context.js';
import { loadDemo } from '../../src/app/demo.js';
import { resolveMember } from '../../src/app/lookup.js';
import { howToReach, whoKnows, whoKnowsWhomAt } from '../../src/app/queries.js';
import type { Store } from '../../src/store/database.js';
import { createTestTenant, driverName, openTestStore, TEST_NOW, testContext } from '../helpers/store.js';

describe(`read queries on the demo data, ${driverName}`, () => {
  let store: Store;
  let tenantId: string;
  let anonymous: AppContext;

  beforeAll(async () => {
    store = await openTestStore();
    tenantId = await createTestTenant(store, 'demo-queries');
    anonymous = testContext(store, tenantId);
    await loadDemo(anonymous);
  }, 300_000);
  afterAll(() => store?.close());

  async function asMember(email: string): Promise<AppContext> {
    const member = await resolveMember(anonymous, email);
    return testContext(store, tenantId, { actor: { memberId: member.id, name: member.label } });
  }

  describe('Acme Energy', () => {
    it('counts known and unknown people', async () => {
      // 156 people; 63 distinct people have at least one "team" relationship.
      const result = await whoKnowsWhomAt(anonymous, 'Acme Energy');
      expect(result.totalContacts).toBe(156);
      expect(result.unknownCount).toBe(93);
    });

    it('lists the most influential first', async () => {
      // Mathis Mercier, COO, Senior: rank 1 (0.9 + 0.1), links sent weigh 4.84:
      // 0.5 + 0.2 × 4.84 / 6.84 = 0.642. Hugo Wood, President & CEO: 0.5 + 0.2 × 4.15 / 6.15 = 0.635.
      // Isla Bertrand, VP & CFO: rank 1, w 2.40: 0.609. Zoé Morel, Mng Director & Gen Cnsl: rank
      // 0.95, w 3.18: 0.598. Clara Brown, VP Trading: rank 0.85, w 8.73: 0.588. Inès Walker,
      // Mng Dir Trading: rank 0.95, w 2.46: 0.585.
      const result = await whoKnowsWhomAt(anonymous, 'Acme Energy', { limit: 6 });
      expect(result.contacts.map((entry) => entry.contact.label)).toEqual(['Mathis Mercier', 'Hugo Wood', 'Isla Bertrand', 'Zoé Morel', 'Clara Brown', 'Inès Walker']);
      expect(result.contacts.map((entry) => entry.influence)).toEqual([0.642, 0.635, 0.609, 0.598, 0.588, 0.585]);
    });

    it('ranks who knows each of them', async () => {
      // Clara Brown: Lukas Brandt, strength 3, 41 days: 0.6 × 0.890 = 0.534; Tom Whitaker,
      // strength 2, 3 days: 0.4 × 0.991 = 0.397. Mathis Mercier: Dominique Fabre, strength 4,
      // 369 days: 0.8 × 0.431 = 0.345.
      const result = await whoKnowsWhomAt(anonymous, 'Acme Energy', { limit: 6 });
      const byName = new Map(result.contacts.map((entry) => [entry.contact.label, entry.knownBy]));
      expect(byName.get('Clara Brown')!.map((entry) => [entry.member.name, entry.score])).toEqual([['Lukas Brandt', 0.534], ['Tom Whitaker', 0.397]]);
      expect(byName.get('Mathis Mercier')!.map((entry) => [entry.member.name, entry.score])).toEqual([['Dominique Fabre', 0.345]]);
    });

    it('adds private relationships for their owner', async () => {
      // Siobhan Kelly's two private Acme relationships are with people nobody else knows: 65.
      // Hélène Caron's one private relationship is with someone a "team" row already covers: 63.
      expect((await whoKnowsWhomAt(await asMember('siobhan.kelly@northwind.example'), 'Acme Energy')).unknownCount).toBe(91);
      expect((await whoKnowsWhomAt(await asMember('helene.caron@northwind.example'), 'Acme Energy')).unknownCount).toBe(93);
    });

    it('finds introduction paths through influence links', async () => {
      // Olivia Rousseau (ref 1) is known to nobody. Lukas Brandt knows Côme Martin (0.739), who
      // influences her: 0.462. Tom Whitaker knows George Clarke (0.944), who influences Oliver
      // Ødegaard, who influences her: 0.389. Priya Raman knows Björn Michel (0.703), who
      // influences Margaux Wright, who influences her: 0.345.
      const result = await howToReach(anonymous, 'Olivia Rousseau', { account: 'Acme Energy' });
      expect(result.paths.slice(0, 3).map((path) => [path.from.name, ...path.steps.map((step) => `${step.kind} ${step.to.contact.label}`), path.score])).toEqual([
        ['Lukas Brandt', 'knows Côme Martin', 'influences Olivia Rousseau', 0.462],
        ['Tom Whitaker', 'knows George Clarke', 'influences Oliver Ødegaard', 'influences Olivia Rousseau', 0.389],
        ['Priya Raman', 'knows Björn Michel', 'influences Margaux Wright', 'influences Olivia Rousseau', 0.345],
      ]);
    });
  });

  describe('HM Treasury', () => {
    it('ranks by grade and span of control', async () => {
      // 115 posts, 26 known through "team" rows. Amelia Dupont, SCS3 with 8 people below:
      // 0.5 × 0.85 + 0.3 × 8 / 18 = 0.558. Ruby Taylor, SCS2 with 7: 0.35 + 0.3 × 7 / 17 = 0.474.
      // Aoife Laurent, SCS2 with 3: 0.35 + 0.3 × 3 / 13 = 0.419.
      const result = await whoKnowsWhomAt(anonymous, 'HM Treasury', { limit: 3 });
      expect(result.totalContacts).toBe(115);
      expect(result.unknownCount).toBe(89);
      expect(result.contacts.map((entry) => [entry.contact.label, entry.influence])).toEqual([
        ['Amelia Dupont', 0.558],
        ['Ruby Taylor', 0.474],
        ['Aoife Laurent', 0.419],
      ]);
    });

    it('finds introduction paths through reporting lines', async () => {
      // Björn Wilson (SCS2) is known to nobody. Marc Lemaire knows one of his deputy directors
      // (Corporate Finance, Business, Innovation and Skills; 0.986), who reports to him: 0.591.
      // Agnès Perrin knows Ruby Taylor (0.684), who reports to Thomas Simon, Björn's manager:
      // 0.684 × 0.6 × 0.8 = 0.328. Marc also knows a second deputy director with that title
      // (0.315): 0.189.
      const result = await howToReach(anonymous, 'Björn Wilson', { account: 'HM Treasury' });
      const deputy = 'Deputy Director, Corporate Finance, Business, Innovation and Skills';
      expect(result.paths.map((path) => [path.from.name, ...path.steps.map((step) => `${step.kind} ${step.to.contact.label}`), path.score])).toEqual([
        ['Marc Lemaire', `knows ${deputy}`, 'reports_to Björn Wilson', 0.591],
        ['Agnès Perrin', 'knows Ruby Taylor', 'reports_to Thomas Simon', 'manages Björn Wilson', 0.328],
        ['Marc Lemaire', `knows ${deputy}`, 'reports_to Björn Wilson', 0.189],
      ]);
    });

    it('shows who knows a post whose holder is not named', async () => {
      // "Deputy Director, Chief Analyst" is known through two "team" rows.
      const result = await whoKnows(anonymous, 'Deputy Director, Chief Analyst', { account: 'HM Treasury' });
      expect(result.contact.name).toBeNull();
      expect(result.knownBy).toHaveLength(2);
    });
  });
});
