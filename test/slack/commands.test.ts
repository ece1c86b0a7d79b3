// /o2o end to end: each subcommand signed into the real receiver, with the reply posted to the
// response_url or the modal opened on the fake Slack API, and the rows it writes.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Store } from '../../src/store/database.js';
import { accounts, contacts, influenceLinks, relationships, reportingLines } from '../../src/store/schema.js';
import { createAccount } from '../../src/app/accounts.js';
import { upsertContact } from '../../src/app/contacts.js';
import { logRelationship } from '../../src/app/relationships.js';
import { openTestStore } from '../helpers/store.js';
import { sendSigned, startSlackServer, uniqueIds, type SlackServer } from './helpers/harness.js';
import { buttonClick, slashCommand } from './helpers/payloads.js';
import { seedWorld, type SeededWorld } from './helpers/seed.js';

describe('/o2o', () => {
  let store: Store;
  let server: SlackServer;
  let world: SeededWorld;
  const ids = uniqueIds();

  beforeAll(async () => {
    store = await openTestStore();
    world = await seedWorld(store, ids.team);
    server = await startSlackServer({ store });
    server.fake.users.set('W111', { id: 'W111', name: 'Hélène Caron', locale: 'en-GB' });
    server.fake.users.set('W333', { id: 'W333', name: 'Marc Lemaire', locale: 'fr-FR' });
    server.fake.users.set('WEXT', { id: 'WEXT', name: 'Nadia Benali', email: 'nadia.benali@acme-energy.example', teamId: 'T-guest', stranger: true });

    // An account with more known contacts than one page shows.
    const ctx = { db: store.db, tenantId: world.tenantId, actor: { memberId: world.members.marc, name: 'Marc Lemaire' }, now: () => new Date() };
    const big = await createAccount(ctx, { name: 'Big Corp' });
    for (let index = 1; index <= 14; index++) {
      const { contact } = await upsertContact(ctx, { accountId: big.id, name: `Person ${String(index).padStart(2, '0')}` });
      await logRelationship(ctx, { memberId: world.members.marc, contactId: contact.id, strength: 3 });
    }
  });

  afterAll(async () => {
    await server.close();
    await store.close();
  });

  beforeEach(() => server.fake.reset());

  let requests = 0;

  /** Sends a command and returns what o2o posted to its own response_url. */
  async function run(text: string, user = 'W111') {
    const target = `command-${++requests}`;
    const response = await sendSigned(server, slashCommand(ids, text, { user, responseUrl: server.fake.responseUrl(target) }));
    expect(response.status).toBe(200);
    return (await server.fake.waitFor('response_url', (call) => call.target === target)).params;
  }

  function buttons(message: Record<string, any>): Array<Record<string, any>> {
    return (message.blocks ?? []).filter((block: any) => block.type === 'actions').flatMap((block: any) => block.elements);
  }

  it('acknowledges at once with an empty body', async () => {
    const response = await sendSigned(server, slashCommand(ids, 'help', { responseUrl: server.fake.responseUrl('ack') }));
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    await server.fake.waitFor('response_url', (call) => call.target === 'ack');
  });

  it('answers help in English', async () => {
    const message = await run('help');
    expect(message.response_type).toBe('ephemeral');
    expect(message.text).toBe('Type help to list the commands.');
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'What you can ask o2o', emoji: true } });
    expect(JSON.stringify(message.blocks)).toContain('who ACCOUNT [page N]');
  });

  it('answers help in French for a French user', async () => {
    const message = await run('help', 'W333');
    expect(message.text).toBe('Tapez help pour lister les commandes.');
    expect(message.blocks[0].text.text).toBe('Ce que vous pouvez demander à o2o');
    expect(JSON.stringify(message.blocks)).toContain('who COMPTE [page N]');
  });

  it('answers an empty command with the help', async () => {
    const message = await run('');
    expect(message.blocks[0].text.text).toBe('What you can ask o2o');
  });

  it('offers a corrected command for a typo', async () => {
    const message = await run('woh "Acme Energy"');
    expect(message.text).toContain("'woh' is not a command.");
    const runButton = buttons(message)[0]!;
    expect(runButton.text.text).toBe('Run: who "Acme Energy"');
    expect(JSON.parse(runButton.value)).toMatchObject({ id: 'run', value: 'who "Acme Energy"' });
  });

  it('shows the usage of a command with a wrong argument', async () => {
    const message = await run('know Théo strength 9');
    expect(message.text).toContain("The strength '9' is not valid: use a whole number from 1 (met once) to 5 (trusted).");
    expect(JSON.stringify(message.blocks)).toContain('know PERSON [at ACCOUNT] [strength 1-5]');
  });

  it('records a relationship with know', async () => {
    const message = await run('know Théo Nguyen at Acme Energy strength 4');
    expect(message.text).toBe('Saved: you know Théo Nguyen, strength 4 (strong).');
    const [row] = await store.db.select().from(relationships).where(and(eq(relationships.memberId, world.members.helene), eq(relationships.contactId, world.contacts.theo)));
    expect(row?.strength).toBe(4);
    expect(row?.source).toBe('self');
  });

  it('confirms know in French', async () => {
    const message = await run('know “Olivia Rousseau” at "Acme Energy" strength 5', 'W333');
    expect(message.text).toBe('Confirmé : vous connaissez Olivia Rousseau, force 5 (confiance totale).');
  });

  it('records a relationship with a guest named by mention', async () => {
    const message = await run('know <@WEXT|nadia> at Acme Energy strength 3');
    expect(message.text).toBe('Saved: you know Nadia Benali, strength 3 (working relationship).');
    const [contact] = await store.db.select().from(contacts).where(and(eq(contacts.tenantId, world.tenantId), eq(contacts.email, 'nadia.benali@acme-energy.example')));
    expect(contact?.name).toBe('Nadia Benali');
    expect(contact?.accountId).toBe(world.accounts.acme);
    const [row] = await store.db.select().from(relationships).where(eq(relationships.contactId, contact!.id));
    expect(row?.strength).toBe(3);
  });

  it('offers suggestions and an add button for an unknown contact', async () => {
    const message = await run('know Théo Nguyem at Acme Energy strength 2');
    expect(message.text).toContain("No contact matches 'Théo Nguyem'.");
    const offered = buttons(message);
    const retry = offered.find((button) => JSON.parse(button.value).id === 'retry');
    expect(JSON.parse(retry!.value).value).toBe('know "Théo Nguyen" at "Acme Energy" strength 2');
    const add = offered.find((button) => button.text.text === 'Add Théo Nguyem to Acme Energy');
    expect(JSON.parse(add!.value).value).toBe('contact add "Théo Nguyem" at "Acme Energy"');
  });

  it('runs the suggested command when its button is clicked', async () => {
    const message = await run('know Théo Nguyem at Acme Energy strength 2');
    const retry = buttons(message).find((button) => JSON.parse(button.value).id === 'retry')!;
    server.fake.reset();
    await sendSigned(server, buttonClick(ids, { action_id: retry.action_id, value: retry.value }, { responseUrl: server.fake.responseUrl('click') }));
    const answer = await server.fake.waitFor('response_url', (call) => call.target === 'click');
    expect(answer.params.text).toBe('Updated: you know Théo Nguyen, strength 2 (acquainted).');
  });

  it('opens the relationship form when the strength is missing', async () => {
    await sendSigned(server, slashCommand(ids, 'know Théo Nguyen at Acme Energy', { responseUrl: server.fake.responseUrl() }));
    const loading = await server.fake.waitFor('views.open');
    expect(loading.params.trigger_id).toBe('111.111.xxx');
    expect(loading.params.view.blocks[0].text.text).toBe('Loading…');
    const update = await server.fake.waitFor('views.update');
    const view = update.params.view;
    expect(update.params.view_id).toBe('V1');
    expect(view.callback_id).toBe('o2o:form:relationship');
    expect(view.title.text).toBe('Log a relationship');
    const contactInput = view.blocks.find((block: any) => block.block_id === 'contact');
    expect(contactInput.element.type).toBe('external_select');
    expect(contactInput.element.initial_option).toEqual({ text: { type: 'plain_text', text: 'Théo Nguyen', emoji: true }, value: `id:${world.contacts.theo}` });
    const accountInput = view.blocks.find((block: any) => block.block_id === 'account');
    expect(accountInput.element.initial_option.value).toBe(`id:${world.accounts.acme}`);
  });

  it('adds a contact and creates a new account', async () => {
    const message = await run('contact add "Marie-Claire Dupont" at "Banque Populaire" title "Directrice achats" email marie-claire.dupont@bp.example phone "+33 6 12 34 56 78"');
    expect(message.text).toBe('Added Marie-Claire Dupont to Banque Populaire. The account Banque Populaire was new, so o2o created it.');
    const [contact] = await store.db.select().from(contacts).where(and(eq(contacts.tenantId, world.tenantId), eq(contacts.email, 'marie-claire.dupont@bp.example')));
    expect(contact?.title).toBe('Directrice achats');
    expect(contact?.phone).toBe('+33 6 12 34 56 78');
    const [account] = await store.db.select().from(accounts).where(eq(accounts.id, contact!.accountId));
    expect(account?.name).toBe('Banque Populaire');
  });

  it('adds a contact at an account with an apostrophe', async () => {
    const message = await run("contact add Jean d’Ormesson at L'Oréal");
    expect(message.text).toBe("Added Jean d’Ormesson to L'Oréal.");
  });

  it('rejects an invalid e-mail in contact add', async () => {
    const message = await run('contact add Paul Martin at Acme Energy email paul-at-acme');
    expect(message.text).toBe('Invalid e-mail: must be an e-mail address such as name@example.com.');
  });

  it('opens the contact form without arguments', async () => {
    await sendSigned(server, slashCommand(ids, 'contact add', { responseUrl: server.fake.responseUrl() }));
    const update = await server.fake.waitFor('views.update');
    expect(update.params.view.callback_id).toBe('o2o:form:contact');
    expect(update.params.view.blocks.map((block: any) => block.block_id)).toEqual(['account', 'name', 'title', 'email', 'phone']);
  });

  it('records influence', async () => {
    const message = await run('influence "Théo Nguyen" on "Olivia Rousseau" weight 0.8');
    expect(message.text).toBe('Saved: Théo Nguyen influences Olivia Rousseau.');
    const [link] = await store.db.select().from(influenceLinks).where(eq(influenceLinks.fromContactId, world.contacts.theo));
    expect(link?.toContactId).toBe(world.contacts.olivia);
    expect(link?.weight).toBeCloseTo(0.8);
  });

  it('records a reporting line with quoted names', async () => {
    const message = await run('reports-to "Théo Nguyen" "Olivia Rousseau"');
    expect(message.text).toBe('Saved: Théo Nguyen reports to Olivia Rousseau.');
    const [line] = await store.db.select().from(reportingLines).where(eq(reportingLines.contactId, world.contacts.theo));
    expect(line?.managerId).toBe(world.contacts.olivia);
  });

  it('records a reporting line from unquoted names', async () => {
    const message = await run('reports-to George Girard Olivia Rousseau');
    expect(message.text).toBe('Saved: George Girard reports to Olivia Rousseau.');
  });

  it('rejects a reporting line across accounts', async () => {
    const message = await run('reports-to "Freya Robert" "Olivia Rousseau"');
    expect(message.text).toContain("No contact matches 'Olivia Rousseau'.");
  });

  it('opens the interaction form for log', async () => {
    await sendSigned(server, slashCommand(ids, 'log lunch with <@W333|marc> about the renewal', { responseUrl: server.fake.responseUrl() }));
    const update = await server.fake.waitFor('views.update');
    const view = update.params.view;
    expect(view.callback_id).toBe('o2o:form:interaction');
    const membersInput = view.blocks.find((block: any) => block.block_id === 'members');
    expect(membersInput.element.initial_users).toEqual(['W111', 'W333']);
    const note = view.blocks.find((block: any) => block.block_id === 'note');
    expect(note.element.initial_value).toBe('lunch with @marc about the renewal');
    const date = view.blocks.find((block: any) => block.block_id === 'occurredOn');
    expect(date.element.initial_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.parse(view.private_metadata)).toMatchObject({ source: 'command', channel: 'C111' });
  });

  describe('read commands', () => {
    it('answers who with a share button', async () => {
      const message = await run('who "Société Générale"');
      expect(message.response_type).toBe('ephemeral');
      expect(message.blocks[0].text.text).toBe('Who knows whom at Société Générale');
      expect(JSON.stringify(message.blocks)).toContain('Freya Robert');
      const share = buttons(message).find((button) => button.action_id.startsWith('o2o:share'));
      expect(JSON.parse(share!.value)).toEqual({ line: 'who "Société Générale"', part: 0 });
    });

    it('finds an account by its alias', async () => {
      const message = await run('who SocGen');
      expect(JSON.stringify(message.blocks)).toContain('Freya Robert');
    });

    it('answers who-knows', async () => {
      const message = await run('who-knows Olivia Rousseau');
      expect(JSON.stringify(message.blocks)).toContain('Marc Lemaire');
    });

    it('answers who-knows for a mentioned colleague', async () => {
      const message = await run('who-knows <@W333>');
      expect(JSON.stringify(message.blocks)).toContain('Olivia Rousseau');
    });

    it('answers reach', async () => {
      const message = await run('reach "Théo Nguyen"');
      expect(message.blocks[0].text.text).toBe('How to reach Théo Nguyen');
      expect(JSON.stringify(message.blocks)).toContain('Through Marc Lemaire');
    });

    it('answers who in French', async () => {
      const message = await run('who "Société Générale"', 'W333');
      expect(message.blocks[0].text.text).not.toBe('Who knows whom at Société Générale');
      expect(buttons(message).map((button) => button.text.text)).toContain('Partager dans le canal');
    });

    it('shows the next page when its button is clicked', async () => {
      const message = await run('who "Big Corp"');
      const text = JSON.stringify(message.blocks);
      expect(text).toContain('Person 01');
      expect(text).not.toContain('Person 14');
      const more = buttons(message).find((button) => JSON.parse(button.value).id === 'page')!;
      expect(JSON.parse(more.value)).toMatchObject({ id: 'page', value: 'who "Big Corp" page 2', line: 'who "Big Corp"' });
      server.fake.reset();
      await sendSigned(server, buttonClick(ids, { action_id: more.action_id, value: more.value }, { responseUrl: server.fake.responseUrl('page2') }));
      const next = await server.fake.waitFor('response_url', (call) => call.target === 'page2');
      expect(JSON.stringify(next.params.blocks)).toContain('Person 14');
      expect(next.params.replace_original).toBe(false);
    });

    it('runs the line of a show more button at its page', async () => {
      const value = JSON.stringify({ line: 'who "Big Corp"', part: 0 });
      await sendSigned(server, buttonClick(ids, { action_id: 'o2o:more:0', value }, { responseUrl: server.fake.responseUrl('more') }));
      const page = await server.fake.waitFor('response_url', (call) => call.target === 'more');
      expect(page.params.blocks[0].text.text).toBe('Who knows whom at Big Corp');
      expect(page.params.response_type).toBe('ephemeral');
    });

    it('ignores a button whose value it cannot read', async () => {
      await sendSigned(server, buttonClick(ids, { action_id: 'o2o:reply:0', value: 'not json' }, { responseUrl: server.fake.responseUrl('bad') }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(server.fake.callsTo('response_url').filter((call) => call.target === 'bad')).toEqual([]);
      expect(server.logs.some((line) => line.msg === 'Slack button with an unreadable value ignored')).toBe(true);
    });

    it('reads an account name quoted with guillemets', async () => {
      const message = await run('contacts « Big Corp » page 2');
      expect(JSON.stringify(message.blocks)).toContain('Person 14');
    });

    it('answers contacts', async () => {
      const message = await run('contacts Acme Energy');
      const text = JSON.stringify(message.blocks);
      expect(text).toContain('Olivia Rousseau');
      expect(text).toContain('George Girard');
    });

    it('offers the closest account for a typo', async () => {
      const message = await run('who Acme Enrgy');
      const retry = buttons(message).find((button) => JSON.parse(button.value).id === 'retry');
      expect(JSON.parse(retry!.value).value).toBe('who "Acme Energy"');
    });

    it('shares an answer in the channel without private relationships', async () => {
      const message = await run('who "Société Générale"');
      const share = buttons(message).find((button) => button.action_id.startsWith('o2o:share'))!;
      server.fake.reset();
      await sendSigned(server, buttonClick(ids, { action_id: share.action_id, value: share.value }, { responseUrl: server.fake.responseUrl('share') }));
      const shared = await server.fake.waitFor('response_url', (call) => call.target === 'share');
      expect(shared.params.response_type).toBe('in_channel');
      expect(JSON.stringify(shared.params.blocks)).toContain('Shared by <@W111>');
      expect(buttons(shared.params).some((button) => button.action_id.startsWith('o2o:share'))).toBe(false);
    });
  });
});
