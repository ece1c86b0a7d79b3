// Coverage, recommendations and power maps on the demo data (Acme Energy, HM Treasury and the
// Northwind seller team), with deals and committees created here. Expected values are worked
// out from the data files and the formulas of docs/coverage.md and docs/scoring.md. "Today" is
// TEST_NOW, 2026-12-01. The viewer is anonymous, so private relationships do not count.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { accountCoverage, dealCoverage, type CoverageReport } from '../../src/app/coverage.js';
import { createDeal } from '../../src/app/deals.js';
import { addCommitteeMember, addTeamMember } from '../../src/app/deals/people.js';
import { drawPowerMapOf, type PowerMap } from '../../src/app/power-map/power-map.js';
import { addInfluenceLink } from '../../src/app/structure.js';
import { loadDemo } from '../../src/app/demo.js';
import { resolveAccount, resolveMember } from '../../src/app/lookup.js';
import { presentCoverage } from '../../src/app/present/coverage.js';
import { updateTenantSettings } from '../../src/app/settings.js';
import type { AppContext } from '../../src/app/context.js';
import { translator } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/database.js';
import { contacts } from '../../src/store/schema.js';
import { createTestTenant, driverName, openTestStore, testContext, TEST_NOW } from '../helpers/store.js';

const MEMBERS = ['Oliver Grant', 'Yann Le Gall', 'Agnès Perrin', 'Dominique Fabre', 'Nadia Benali', 'Priya Raman'] as const;

describe(`coverage on the demo data on ${driverName}`, () => {
  let store: Store;
  let ctx: AppContext;
  const member: Record<string, string> = {};
  const hmt: Record<string, string> = {};
  const acme: Record<string, string> = {};
  let spendingReview: string;
  let tradingAnalytics: string;

  async function contactIds(account: string, refs: string[]): Promise<Record<string, string>> {
    const accountId = (await resolveAccount(ctx, account)).id;
    const ids: Record<string, string> = {};
    for (const ref of refs) {
      const [row] = await store.db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.accountId, accountId), eq(contacts.externalRef, ref)));
      ids[ref] = row!.id;
    }
    return ids;
  }

  beforeAll(async () => {
    store = await openTestStore();
    ctx = testContext(store, await createTestTenant(store, 'demo-coverage'));
    await loadDemo(ctx);
    for (const name of MEMBERS) member[name] = (await resolveMember(ctx, name)).id;
    Object.assign(hmt, await contactIds('HM Treasury', ['19614', '19596', '19809', '10971', '11198', '17876', '19617', '19678', '19547', '11095']));
    Object.assign(acme, await contactIds('Acme Energy', ['48', '56', '45', '80', '138', '67', '65', '24', '131', '121', '43', '156']));
  });
  afterAll(() => store?.close());

  describe('HM Treasury deal', () => {
    // Committee of "Spending Review Platform", at the stage "proposal":
    //   Thomas Simon (19614)      decision maker, high      nobody knows him            uncovered
    //   Nathan Ødegaard (19596)   economic buyer, high      nobody knows him            uncovered
    //   Ruby Taylor (19809)       champion, medium          Agnès 4, 56 days ago        covered
    //   General Expenditure (10971) technical buyer, medium Oliver 3, 49 days ago       covered
    //   Workforce, Pay (11198)    user buyer, low           Oliver 4, 78 days ago       weak
    //   Group Commercial (17876)  procurement, low          nobody                      uncovered
    //   Elise Vincent (19617)     influencer, high, opponent  nobody                    uncovered
    beforeAll(async () => {
      spendingReview = (await createDeal(ctx, { account: 'HM Treasury', name: 'Spending Review Platform', stage: 'proposal' })).id;
      await addTeamMember(ctx, { dealId: spendingReview, memberId: member['Oliver Grant']!, role: 'account_executive' });
      await addTeamMember(ctx, { dealId: spendingReview, memberId: member['Yann Le Gall']!, role: 'sales_engineer' });
      const seats: Array<[string, string, string, string]> = [
        ['19614', 'decision_maker', 'high', 'neutral'],
        ['19596', 'economic_buyer', 'high', 'neutral'],
        ['19809', 'champion', 'medium', 'champion'],
        ['10971', 'technical_buyer', 'medium', 'supporter'],
        ['11198', 'user_buyer', 'low', 'neutral'],
        ['17876', 'procurement', 'low', 'neutral'],
        ['19617', 'influencer', 'high', 'opponent'],
      ];
      for (const [ref, role, influence, attitude] of seats) await addCommitteeMember(ctx, { dealId: spendingReview, contactId: hmt[ref]!, role, influence, attitude });
    });

    let report: CoverageReport;
    beforeAll(async () => {
      report = await dealCoverage(ctx, spendingReview);
    });

    it('classifies each committee member', () => {
      expect(report.seats).toHaveLength(7);
      expect(report.assessment.counts).toEqual({ covered: 2, weak: 1, uncovered: 4 });
      const byId = new Map(report.seats.map(({ seat, coverage }) => [seat.contactId, coverage.state]));
      expect(byId.get(hmt['19809']!)).toBe('covered');
      expect(byId.get(hmt['10971']!)).toBe('covered');
      expect(byId.get(hmt['11198']!)).toBe('weak');
      expect(byId.get(hmt['19596']!)).toBe('uncovered');
    });

    it('scores 10', () => {
      // Weights: 0.9 + 1.0 + 0.48 + 0.36 + 0.15 + 0.12 + 0.6 = 3.61.
      // Credit: Ruby 0.48 + General Expenditure 0.36 + Workforce 0.4 × 0.15 = 0.90.
      // Base 100 × 0.90 / 3.61 = 24.93; the economic buyer is not covered at "proposal": −15.
      expect(report.assessment.score.base).toBeCloseTo(24.93, 2);
      expect(report.assessment.score.penalties).toEqual([{ kind: 'stage_expectation', points: 15 }]);
      expect(report.assessment.score.value).toBe(10);
    });

    it('finds the seven gaps', () => {
      const gaps = report.assessment.gaps.map((gap) => ('contactId' in gap && gap.contactId ? `${gap.kind}:${gap.contactId}` : gap.kind));
      expect(gaps.sort()).toEqual(
        [
          `key_role_uncovered:${hmt['19614']}`,
          `key_role_uncovered:${hmt['19596']}`,
          `opponent_unengaged:${hmt['19617']}`,
          'stage_expectation',
          // Ruby: 56 days, 4 days left in the 60-day window; General Expenditure: 49 days, 11
          // left (both past the 46-day safe mark); Workforce: 78 days, lapsed.
          `stale:${hmt['19809']}`,
          `stale:${hmt['10971']}`,
          `stale:${hmt['11198']}`,
        ].sort(),
      );
      const stale = report.assessment.gaps.filter((gap) => gap.kind === 'stale');
      expect(stale.map((gap) => gap.kind === 'stale' && [gap.contactId, gap.lapsed, gap.daysLeft])).toEqual(
        expect.arrayContaining([
          [hmt['19809'], false, 4],
          [hmt['10971'], false, 11],
          [hmt['11198'], true, null],
        ]),
      );
    });

    it('ranks whom to reach', () => {
      // priority = gap factor × (0.5 × weight + 0.5 × influence); influence = 0.5 × grade rank
      // + 0.3 × span / (span + 10), no influence links at HM Treasury:
      //   Thomas SCS3 (0.85), 34 people below: 0.425 + 0.2318 = 0.6568 → 0.45 + 0.3284 = 0.7784
      //   Nathan SCS2 (0.7), 2 below: 0.35 + 0.05 = 0.40 → 0.5 + 0.2 = 0.70
      //   Elise SCS2, 5 below: 0.35 + 0.10 = 0.45 → 0.3 + 0.225 = 0.525
      //   Group Commercial SCS1 (0.5): 0.25 → 0.06 + 0.125 = 0.185
      //   Workforce SCS1, weak: 0.6 × (0.075 + 0.125) = 0.12
      const order = report.recommendations.map((recommendation) => recommendation.target.contactId);
      expect(order).toEqual([hmt['19614'], hmt['19596'], hmt['19617'], hmt['17876'], hmt['11198']]);
      const priorities = report.recommendations.map((recommendation) => recommendation.target.priority);
      expect(priorities[0]).toBeCloseTo(0.7784, 4);
      expect(priorities[1]).toBeCloseTo(0.7, 4);
      expect(priorities[2]).toBeCloseTo(0.525, 4);
      expect(priorities[3]).toBeCloseTo(0.185, 4);
      expect(priorities[4]).toBeCloseTo(0.12, 4);
      expect(report.recommendations[0]!.target.reasons).toContainEqual({ code: 'span', count: 34 });
    });

    it('chooses whom to send', () => {
      // Route scores: relationship worth (strength / 5 × (0.25 + 0.75 × 2^(−days/180))) × step.
      //   Thomas: Agnès knows Ruby (4, 56 days: 0.6836), who reports to him (0.6): 0.4102.
      //   Nathan: Oliver knows Workforce (4, 78 days: 0.6443) × 0.6 = 0.3866, better than
      //           General Expenditure (3, 49 days: 0.5226) × 0.6 = 0.3136.
      //   Elise:  Yann knows Assurance (3, 76 days: 0.4858) × 0.6 = 0.2915 (× 1.25 on the team),
      //           better than Agnès through Government Estimates (0.1923).
      //   Group Commercial: no route. Workforce: Oliver directly (0.6443), his second assignment.
      const senders = report.recommendations.map(({ sender }) => (sender.status === 'proposed' ? [sender.route.kind, sender.route.memberId, sender.route.kind === 'via_contact' ? sender.route.viaContactId : null] : [sender.status]));
      expect(senders).toEqual([
        ['via_contact', member['Agnès Perrin'], hmt['19809']],
        ['via_contact', member['Oliver Grant'], hmt['11198']],
        ['via_contact', member['Yann Le Gall'], expect.any(String)],
        ['no_route'],
        ['direct', member['Oliver Grant'], null],
      ]);
      expect(report.recommendations[0]!.sender).toMatchObject({ status: 'proposed', score: expect.closeTo(0.4102, 4), route: { relation: 'reports_to' } });
    });

    it('caps one member at one assignment', async () => {
      // With a cap of 1, Oliver takes Nathan; Workforce's only route is Oliver's, so it is capped.
      await updateTenantSettings(ctx, { coverage: { maxAssignmentsPerMember: 1 } });
      try {
        const capped = await dealCoverage(ctx, spendingReview);
        expect(capped.recommendations.at(-1)!.sender).toMatchObject({ status: 'capped', best: { kind: 'direct', memberId: member['Oliver Grant'] } });
      } finally {
        await updateTenantSettings(ctx, { coverage: { maxAssignmentsPerMember: 2 } });
      }
    });

    it('says it in English and French', () => {
      const english = presentCoverage(report, translator('en'), 'en', TEST_NOW);
      const french = presentCoverage(report, translator('fr'), 'fr', TEST_NOW);
      const text = (reply: typeof english) => JSON.stringify(reply.blocks);
      expect(english.text).toBe('Coverage of Spending Review Platform (HM Treasury): 10/100');
      expect(text(english)).toContain('From Proposal on, the economic buyer must be covered: Nathan Ødegaard is not.');
      expect(text(english)).toContain('Agnès Perrin goes through Ruby Taylor (relationship 4/5), who reports to Thomas Simon.');
      expect(text(french)).toContain('Agnès Perrin passe par Ruby Taylor (relation 4/5), qui rend compte à Thomas Simon.');
      expect(french.text).toBe('Couverture de l’affaire Spending Review Platform (HM Treasury) : 10/100');
    });

    it('offers to assign and to show the map', () => {
      const reply = presentCoverage(report, translator('en'), 'en', TEST_NOW);
      const actions = reply.blocks.flatMap((block) => (block.type === 'actions' ? block.actions : []));
      expect(actions.filter((action) => action.id === 'deal.outreach.assign')).toHaveLength(4);
      expect(actions.find((action) => action.id === 'deal.outreach.assign')!.value).toBe(`${spendingReview}:${hmt['19614']}:${member['Agnès Perrin']}:c:${hmt['19809']}`);
      expect(actions.at(-1)).toMatchObject({ id: 'deal.power-map', value: `deal:${spendingReview}` });
    });

    it('hides a private relationship from others', async () => {
      // Oliver knows Kenji Hall (19547) privately, strength 1: weak for Oliver, uncovered for others.
      const deal = await createDeal(ctx, { account: 'HM Treasury', name: 'Macro Dashboard' });
      await addCommitteeMember(ctx, { dealId: deal.id, contactId: hmt['19547']!, role: 'influencer' });
      const anonymous = await dealCoverage(ctx, deal.id);
      const asOliver = await dealCoverage({ ...ctx, actor: { memberId: member['Oliver Grant']!, name: 'Oliver Grant' } }, deal.id);
      expect(anonymous.seats[0]!.coverage.state).toBe('uncovered');
      expect(asOliver.seats[0]!.coverage.state).toBe('weak');
    });
  });

  describe('HM Treasury power map', () => {
    // The deal map keeps the 7 committee members and their chains to Aoife Bernard (9 people).
    // Then come known contacts, strongest first, while 40 people fit: 31 more. Group Human
    // Resources is skipped because its director would come too (41), and so are the two
    // strength-1 contacts. The other 115 − 40 = 75 people fold into "+N" tags. The test adds
    // two influence links.
    let map: PowerMap;
    let frenchMap: PowerMap;
    beforeAll(async () => {
      await addInfluenceLink(ctx, { fromContactId: hmt['19809']!, toContactId: hmt['19596']!, weight: 0.7 });
      await addInfluenceLink(ctx, { fromContactId: hmt['19617']!, toContactId: hmt['19614']!, weight: 0.5 });
      map = await drawPowerMapOf(ctx, { type: 'deal', id: spendingReview }, { format: 'png' });
      frenchMap = await drawPowerMapOf({ ...ctx, locale: 'fr' }, { type: 'deal', id: spendingReview });
    });

    const count = (svg: string, pattern: RegExp) => [...svg.matchAll(pattern)].length;

    it('draws 40 of 115 people', () => {
      expect(count(map.svg, /<g class="person"/g)).toBe(40);
      expect(map.model.total).toBe(115);
      expect(map.caption).toBe('40 of 115 people shown: committee members, known contacts and their managers. Other branches are folded into "+N" boxes.');
      expect(map.svg).toContain(`<desc>${map.caption.replace(/"/g, '&quot;')}</desc>`);
    });

    it('draws the tree and the influence', () => {
      expect(count(map.svg, /class="edge reporting"/g)).toBe(39);
      expect(count(map.svg, /class="edge influence"/g)).toBe(2);
      expect(map.svg).toContain(`class="edge influence" data-from="${hmt['19809']}" data-to="${hmt['19596']}"`);
    });

    it('has the Permanent Secretary as root', () => {
      const targets = new Set([...map.svg.matchAll(/class="edge reporting" data-from="[^"]+" data-to="([^"]+)"/g)].map((match) => match[1]));
      const people = [...map.svg.matchAll(/<g class="person" data-id="([^"]+)"/g)].map((match) => match[1]);
      expect(people.filter((id) => !targets.has(id))).toEqual([hmt['19678']]);
    });

    it('folds the other 75 people', () => {
      const folded = [...map.svg.matchAll(/class="collapsed" data-count="(\d+)"/g)].reduce((sum, match) => sum + Number(match[1]), 0);
      expect(folded).toBe(75);
    });

    it('marks roles, attitudes and coverage', () => {
      expect(count(map.svg, /data-role="[a-z_]+"/g)).toBe(7);
      expect(map.svg).toMatch(new RegExp(`data-id="${hmt['19617']}" data-attitude="opponent" data-role="influencer" data-coverage="uncovered"`));
      expect(map.svg).toMatch(new RegExp(`data-id="${hmt['19809']}" data-attitude="champion" data-role="champion" data-coverage="covered"`));
    });

    it('renders a PNG', () => {
      expect(map.png!.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(map.png!.readUInt32BE(16)).toBe(Math.min(4000, map.width * 2));
    });

    it('translates the legend and caption', () => {
      expect(frenchMap.caption).toContain('Personnes affichées : 40 sur 115');
      expect(frenchMap.svg).toContain('rend compte à');
      expect(frenchMap.svg).toContain('hors comité');
      expect(frenchMap.title).toBe('Spending Review Platform — HM Treasury : carte d’influence');
    });
  });

  describe('Acme Energy', () => {
    it('falls back on the most influential contacts', async () => {
      // No deal yet. Influence = 0.5 × title rank + 0.2 × W / (W + 2), W = the weights of the
      // e-mail influence links a person sends (no reporting lines at Acme). Top ten:
      //   Hugo Al-Hassan 0.6534, Mathis Mercier 0.6415, Hugo Wood 0.6350, Isla Bertrand 0.6091,
      //   Paul Garnier 0.6054, Zoé Morel 0.5978, Inès Green 0.5910, Amelia Green 0.5895,
      //   Clara Brown 0.5877, Inès Walker 0.5853; eleventh is Elise Moreau at 0.5807.
      const report = await accountCoverage(ctx, (await resolveAccount(ctx, 'Acme Energy')).id);
      expect(report.basis).toBe('influential');
      expect(report.seats.map(({ seat }) => seat.contactId)).toEqual(['67', '65', '24', '48', '138', '45', '131', '121', '43', '156'].map((ref) => acme[ref]));
      expect(report.seats[0]!.profile.score).toBeCloseTo(0.6534, 4);
      expect(report.seats.every(({ seat }) => seat.role === null)).toBe(true);
      expect(report.assessment.gaps.some((gap) => gap.kind === 'no_economic_buyer')).toBe(false);
    });

    describe('deal', () => {
      // Committee of "Trading Analytics", at "discovery"; deal team Dominique and Nadia:
      //   Isla Bertrand (48)  economic buyer, high   Dominique 4, 72 days ago    weak
      //   Lucas Jones (56)    decision maker, high   nobody                      uncovered
      //   Zoé Morel (45)      champion, medium       Nadia 3, 6 days ago         covered
      //   Théo Fournier (80)  technical buyer, medium  nobody                    uncovered
      //   Paul Garnier (138)  blocker, medium, opponent  nobody                  uncovered
      let report: CoverageReport;
      beforeAll(async () => {
        tradingAnalytics = (await createDeal(ctx, { account: 'Acme Energy', name: 'Trading Analytics', stage: 'discovery' })).id;
        await addTeamMember(ctx, { dealId: tradingAnalytics, memberId: member['Dominique Fabre']!, role: 'executive_sponsor' });
        await addTeamMember(ctx, { dealId: tradingAnalytics, memberId: member['Nadia Benali']!, role: 'customer_success' });
        const seats: Array<[string, string, string, string]> = [
          ['48', 'economic_buyer', 'high', 'supporter'],
          ['56', 'decision_maker', 'high', 'neutral'],
          ['45', 'champion', 'medium', 'champion'],
          ['80', 'technical_buyer', 'medium', 'sceptic'],
          ['138', 'blocker', 'medium', 'opponent'],
        ];
        for (const [ref, role, influence, attitude] of seats) await addCommitteeMember(ctx, { dealId: tradingAnalytics, contactId: acme[ref]!, role, influence, attitude });
        report = await dealCoverage(ctx, tradingAnalytics);
      });

      it('scores 18', () => {
        // Weights 1.0 + 0.9 + 0.48 + 0.36 + 0.42 = 3.16; credit 0.4 × 1.0 + 0.48 = 0.88;
        // base 27.85; Nadia alone covers Zoé alone: single-threaded, −10.
        expect(report.assessment.counts).toEqual({ covered: 1, weak: 1, uncovered: 3 });
        expect(report.assessment.score.base).toBeCloseTo(27.848, 2);
        expect(report.assessment.score.value).toBe(18);
      });

      it('finds the five gaps', () => {
        const gaps = report.assessment.gaps;
        expect(gaps.map((gap) => gap.kind).sort()).toEqual(['key_role_uncovered', 'key_role_uncovered', 'opponent_unengaged', 'single_threaded', 'stale']);
        expect(gaps.find((gap) => gap.kind === 'single_threaded')).toEqual({ kind: 'single_threaded', severity: 'medium', memberId: member['Nadia Benali'], contactId: acme['45'] });
        expect(gaps.find((gap) => gap.kind === 'stale')).toMatchObject({ contactId: acme['48'], memberId: member['Dominique Fabre'], lapsed: true });
      });

      it('sends the best free route', () => {
        // Priorities: Lucas 0.7187, Paul 0.5127, Isla 0.4827 (weak), Théo 0.4490.
        //   Lucas: Dominique through Isla, who influences him (41 e-mails, step 0.67): 0.4387.
        //   Paul:  Priya through Björn Michel (194 e-mails, step 0.78): 0.5480, ahead of Nadia
        //          through Zoé (0.4128 × 1.25 = 0.5160) and Siobhan through 120 (0.4777).
        //   Isla:  Dominique directly (0.6547): his second assignment, the cap.
        //   Théo:  Dominique through Isla (0.4354) is capped; next, Agnès through Elise Moreau (0.2355).
        const senders = report.recommendations.map(({ target, sender }) => [target.contactId, sender.status === 'proposed' ? sender.route.memberId : sender.status]);
        expect(senders).toEqual([
          [acme['56'], member['Dominique Fabre']],
          [acme['138'], member['Priya Raman']],
          [acme['48'], member['Dominique Fabre']],
          [acme['80'], member['Agnès Perrin']],
        ]);
        expect(report.recommendations[1]!.sender).toMatchObject({ status: 'proposed', score: expect.closeTo(0.548, 3), route: { relation: 'influences' } });
      });
    });
  });
});
