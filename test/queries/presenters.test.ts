// The replies of the read queries, in English and French, on results from the Acme graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AppContext } from '../../src/app/context.js';
import { describePath, presentContacts, presentMemberKnows, presentReach, presentWhoKnows, presentWhoKnowsWhom, quoteArgument } from '../../src/app/present/queries.js';
import { howToReach, listContacts, whoKnows, whoKnowsWhomAt, whomDoesMemberKnow } from '../../src/app/queries.js';
import type { Reply, ReplyBlock } from '../../src/app/reply.js';
import { translator } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/database.js';
import { createTestTenant, openTestStore, TEST_NOW, testContext } from '../helpers/store.js';
import { buildAcmeGraph, MEMBER_NAMES, type AcmeGraph } from './acme-graph.js';

const en = translator('en');
const fr = translator('fr');

function block<T extends ReplyBlock['type']>(reply: Reply, type: T): Extract<ReplyBlock, { type: T }> {
  const found = reply.blocks.find((candidate) => candidate.type === type);
  if (!found) throw new Error(`no ${type} block in ${JSON.stringify(reply.blocks)}`);
  return found as Extract<ReplyBlock, { type: T }>;
}

function allText(reply: Reply): string {
  return JSON.stringify(reply.blocks);
}

describe('query presenters', () => {
  let store: Store;
  let tenantId: string;
  let graph: AcmeGraph;
  const as = (member: keyof typeof MEMBER_NAMES | null): AppContext =>
    testContext(store, tenantId, member ? { actor: { memberId: graph.members[member], name: MEMBER_NAMES[member] } } : {});

  beforeAll(async () => {
    store = await openTestStore();
    tenantId = await createTestTenant(store, 'presenters');
    graph = await buildAcmeGraph(store, tenantId, TEST_NOW);
  });
  afterAll(() => store?.close());

  describe('presentWhoKnowsWhom', () => {
    it('writes the table and the counts in English', async () => {
      const reply = presentWhoKnowsWhom(await whoKnowsWhomAt(as('helene'), 'Acme Energy'), en, 'en');
      expect(block(reply, 'heading').text).toBe('Who knows whom at Acme Energy');
      expect(block(reply, 'context').text).toBe('3 of 7 contacts are known to our team. 4 contacts are known to nobody on our team yet.');
      const table = block(reply, 'table');
      expect(table.columns).toEqual(['Contact', 'Title', 'Known by']);
      expect(table.rows[0]).toEqual(['Freya Robert', 'VP Trading', 'Hélène Caron (strong, 2 weeks ago); Marc Lemaire (acquainted, 12 months ago)']);
      expect(reply.text).toContain('Who knows whom at Acme Energy');
    });

    it('writes French', async () => {
      const reply = presentWhoKnowsWhom(await whoKnowsWhomAt(as('helene'), 'Acme Energy'), fr, 'fr');
      expect(block(reply, 'heading').text).toBe('Qui connaît qui chez Acme Energy');
      expect(block(reply, 'context').text).toBe('3 contacts sur 7 sont connus de notre équipe. 4 contacts ne sont encore connus de personne dans l’équipe.');
      expect(block(reply, 'table').rows[0]![2]).toBe('Hélène Caron (relation forte, il y a 2 semaines) ; Marc Lemaire (connaissance, il y a 12 mois)');
    });

    it('offers the next page as a chat command', async () => {
      const reply = presentWhoKnowsWhom(await whoKnowsWhomAt(as('helene'), 'Acme Energy', { limit: 2 }), en, 'en');
      expect(block(reply, 'actions').actions).toEqual([{ id: 'page', label: 'Show more', value: 'who "Acme Energy" page 2' }]);
      expect(reply.blocks.filter((candidate) => candidate.type === 'context').map((candidate) => (candidate as { text: string }).text)).toContain('Showing 1–2 of 3.');
    });

    it('takes another page command', async () => {
      const result = await whoKnowsWhomAt(as('helene'), 'Acme Energy', { limit: 2 });
      const reply = presentWhoKnowsWhom(result, en, 'en', { pageCommand: (offset, limit) => `o2o who x --offset ${offset} --limit ${limit}` });
      expect(block(reply, 'actions').actions[0]!.value).toBe('o2o who x --offset 2 --limit 2');
    });

    it('offers no button on the last page', async () => {
      const reply = presentWhoKnowsWhom(await whoKnowsWhomAt(as('helene'), 'Acme Energy', { offset: 2, limit: 2 }), en, 'en');
      expect(reply.blocks.some((candidate) => candidate.type === 'actions')).toBe(false);
    });

    it('says when nobody is known', async () => {
      const reply = presentWhoKnowsWhom(await whoKnowsWhomAt(as('helene'), 'Globex'), en, 'en');
      expect(block(reply, 'text').text).toBe('Globex has no contacts yet. Import some or add them one by one.');
    });
  });

  describe('presentWhoKnows', () => {
    it('lists the members with strength, date and sharing', async () => {
      const reply = presentWhoKnows(await whoKnows(as('helene'), 'George Girard'), en, 'en');
      expect(block(reply, 'heading').text).toBe('Who knows George Girard');
      expect(block(reply, 'context').text).toBe('Specialist Legal · Acme Energy');
      expect(block(reply, 'table').rows).toEqual([['Marc Lemaire', 'working relationship', '2 months ago', 'deal team']]);
      expect(reply.text).toBe('1 person on our team knows George Girard.');
    });

    it('says when nobody knows the person', async () => {
      const reply = presentWhoKnows(await whoKnows(as(null), 'Nina Petit'), fr, 'fr');
      expect(block(reply, 'text').text).toBe('Personne dans l’équipe ne connaît encore Nina Petit, d’après ce que vous pouvez voir.');
    });

    it('marks a person who has left', async () => {
      const reply = presentWhoKnows(await whoKnows(as(null), 'Ana Costa'), en, 'en');
      expect(block(reply, 'context').text).toBe('Director · Acme Energy (has left)');
    });
  });

  describe('presentMemberKnows', () => {
    it('lists contacts with their account', async () => {
      const reply = presentMemberKnows(await whomDoesMemberKnow(as('helene'), 'Marc Lemaire'), en, 'en');
      expect(block(reply, 'heading').text).toBe('Whom Marc Lemaire knows');
      expect(block(reply, 'table').columns).toEqual(['Contact', 'Account', 'Title', 'Strength', 'Last contact']);
      expect(block(reply, 'table').rows[0]).toEqual(['George Girard', 'Acme Energy', 'Specialist Legal', 'working relationship', '2 months ago']);
    });

    it('says when nothing is visible at the account', async () => {
      const reply = presentMemberKnows(await whomDoesMemberKnow(as('helene'), 'Marc Lemaire', { account: 'Globex' }), fr, 'fr');
      expect(block(reply, 'text').text).toBe('Marc Lemaire n’a aucune relation chez Globex que vous puissiez voir.');
    });
  });

  describe('presentReach', () => {
    it('writes each path as a sentence', async () => {
      const reply = presentReach(await howToReach(as('helene'), 'Nina Petit'), en, 'en');
      expect(block(reply, 'heading').text).toBe('How to reach Nina Petit');
      const items = block(reply, 'items').items;
      expect(items[0]).toEqual({
        title: 'Through Hélène Caron',
        subtitle: '3 steps · score 49/100',
        lines: ['Hélène Caron knows Freya Robert (strong, 2 weeks ago), who manages Théo Nguyen, who manages Nina Petit'],
      });
      expect(items[1]!.lines).toEqual(['Yann Le Gall knows Zoé Martin (working relationship, 7 days ago), who influences Théo Nguyen, who manages Nina Petit']);
    });

    it('writes French', async () => {
      const result = await howToReach(as('helene'), 'Olivia Rousseau');
      expect(describePath(result.paths[0]!, fr, 'fr', TEST_NOW)).toBe('Hélène Caron connaît Freya Robert (relation forte, il y a 2 semaines), qui rend compte à Olivia Rousseau');
      expect(describePath(result.paths[1]!, fr, 'fr', TEST_NOW)).toBe('Marc Lemaire connaît George Girard (relation de travail, il y a 2 mois), qui influence Olivia Rousseau');
    });

    it('writes a missing date', async () => {
      const result = await howToReach(as('siobhan'), 'Olivia Rousseau');
      const direct = result.paths.find((path) => path.steps.length === 1)!;
      expect(describePath(direct, en, 'en', TEST_NOW)).toBe('Siobhan Kelly knows Olivia Rousseau (trusted, no date on record)');
    });

    it('says when there is no path', async () => {
      const reply = presentReach(await howToReach(as('helene'), 'Ravi Shah'), en, 'en');
      expect(block(reply, 'text').text).toContain('No introduction path of 3 steps or fewer');
    });
  });

  describe('presentContacts', () => {
    it('lists contacts with managers and counts', async () => {
      const reply = presentContacts(await listContacts(as('helene'), 'Acme Energy', { limit: 3 }), en, 'en');
      expect(block(reply, 'table').rows).toEqual([
        ['Ana Costa (has left)', 'Director', 'Olivia Rousseau', '1 person'],
        ['Freya Robert', 'VP Trading', 'Olivia Rousseau', '2 people'],
        ['George Girard', 'Specialist Legal', 'Olivia Rousseau', '1 person'],
      ]);
      expect(block(reply, 'actions').actions[0]!.value).toBe('contacts "Acme Energy" page 2');
    });

    it('writes French', async () => {
      const reply = presentContacts(await listContacts(as('helene'), 'Acme Energy', { offset: 3, limit: 3 }), fr, 'fr');
      expect(block(reply, 'heading').text).toBe('Contacts chez Acme Energy');
      expect(block(reply, 'table').rows[0]).toEqual(['Nina Petit', 'Trader', 'Théo Nguyen', 'personne']);
    });
  });

  it('keeps a full page within chat limits', async () => {
    const replies = [
      presentWhoKnowsWhom(await whoKnowsWhomAt(as('helene'), 'Acme Energy', { limit: 50 }), fr, 'fr'),
      presentContacts(await listContacts(as('helene'), 'Acme Energy', { limit: 50 }), fr, 'fr'),
      presentReach(await howToReach(as('helene'), 'Théo Nguyen', { limit: 20 }), fr, 'fr'),
    ];
    for (const reply of replies) {
      expect(reply.blocks.length).toBeLessThanOrEqual(50);
      expect(allText(reply).length).toBeLessThan(28_000);
    }
  });

  it('quotes names with spaces for a command line', () => {
    expect(quoteArgument('Globex')).toBe('Globex');
    expect(quoteArgument('Acme Energy')).toBe('"Acme Energy"');
    expect(quoteArgument('The "Best" Co')).toBe('«The "Best" Co»');
  });
});
