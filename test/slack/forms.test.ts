// The modals end to end: typeahead options from the store, submissions that save, and
// validation errors on the right input, in English and French.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Store } from '../../src/store/database.js';
import { accounts, contacts, influenceLinks, interactionContacts, interactionMembers, interactions, relationships } from '../../src/store/schema.js';
import { openTestStore } from '../helpers/store.js';
import { sendSigned, startSlackServer, uniqueIds, type SlackServer } from './helpers/harness.js';
import { buttonClick, optionsRequest, viewSubmission } from './helpers/payloads.js';
import { seedWorld, type SeededWorld } from './helpers/seed.js';

const selected = (value: string, text = '') => ({ type: 'external_select', selected_option: { value, text: { type: 'plain_text', text } } });
const staticValue = (value: string) => ({ type: 'static_select', selected_option: { value, text: { type: 'plain_text', text: value } } });
const text = (value: string | null) => ({ type: 'plain_text_input', value });
const date = (value: string | null) => ({ type: 'datepicker', selected_date: value });

describe('Slack modals', () => {
  let store: Store;
  let server: SlackServer;
  let world: SeededWorld;
  const ids = uniqueIds();

  beforeAll(async () => {
    store = await openTestStore();
    world = await seedWorld(store, ids.team);
    server = await startSlackServer({ store });
    server.fake.users.set('W444', { id: 'W444', name: 'Yann Le Gall', email: 'yann.le.gall@northwind.example', locale: 'fr-FR' });
    server.fake.users.set('BOT1', { id: 'BOT1', name: 'Deploy Bot', isBot: true });
  });

  afterAll(async () => {
    await server.close();
    await store.close();
  });

  beforeEach(() => server.fake.reset());

  async function submit(callbackId: string, values: Record<string, Record<string, unknown>>, user = 'W111', privateMetadata?: string) {
    const body = viewSubmission(ids, { callback_id: callbackId, values, ...(privateMetadata && { private_metadata: privateMetadata }) }, { user });
    const response = await sendSigned(server, body);
    expect(response.status).toBe(200);
    return response.text ? (JSON.parse(response.text) as Record<string, any>) : {};
  }

  async function options(actionId: string, value: string, state: Record<string, unknown> = {}, user = 'W111') {
    const response = await sendSigned(server, optionsRequest(ids, actionId, value, state, { user }));
    expect(response.status).toBe(200);
    return (JSON.parse(response.text) as { options: Array<{ text: { text: string }; value: string; description?: { text: string } }> }).options;
  }

  describe('typeahead', () => {
    it('lists accounts like the query, accents ignored', async () => {
      const found = await options('account', 'societe')
      expect(found[0]).toMatchObject({ text: { text: 'Société Générale' }, value: `id:${world.accounts.socgen}` });
    });

    it('finds an account by alias', async () => {
      const found = await options('account', 'SocGen');
      expect(found.map((option) => option.value)).toContain(`id:${world.accounts.socgen}`);
    });

    it('offers to create an account that does not exist', async () => {
      const found = await options('account', 'Globex');
      expect(found.at(-1)).toEqual({ text: { type: 'plain_text', text: 'Create account “Globex”', emoji: true }, value: 'new:Globex' });
    });

    it('offers no create option for an exact match', async () => {
      const found = await options('account', 'acme energy');
      expect(found.some((option) => option.value.startsWith('new:'))).toBe(false);
    });

    it('lists the first accounts for an empty query', async () => {
      const found = await options('account', '');
      expect(found.map((option) => option.text.text)).toEqual(expect.arrayContaining(['Acme Energy', 'Société Générale', "L'Oréal"]));
    });

    it('narrows contacts to the chosen account', async () => {
      const state = { account: { account: selected(`id:${world.accounts.acme}`, 'Acme Energy') } };
      const found = await options('contact', '', state);
      const labels = found.map((option) => option.text.text);
      expect(labels).toContain('Olivia Rousseau');
      expect(labels).not.toContain('Freya Robert');
    });

    it('describes namesakes by account', async () => {
      const found = await options('contact', 'freya');
      expect(found[0]).toMatchObject({ text: { text: 'Freya Robert' }, description: { text: 'Société Générale' } });
    });

    it('offers to create a contact in French', async () => {
      const found = await options('contacts', 'Nouveau Nom', {}, 'W333');
      expect(found.at(-1)?.text.text).toBe('Créer le contact « Nouveau Nom »');
    });
  });

  describe('log a relationship', () => {
    it('saves and confirms', async () => {
      const answer = await submit('o2o:form:relationship', {
        account: { account: selected(`id:${world.accounts.acme}`, 'Acme Energy') },
        contact: { contact: selected(`id:${world.contacts.george}`, 'George Girard') },
        strength: { strength: staticValue('3') },
        kind: { kind: staticValue('former_colleague') },
        lastContactOn: { lastContactOn: date('2026-10-01') },
        visibility: { visibility: staticValue('private') },
        note: { note: text('Worked together at a previous firm') },
      });
      expect(answer.response_action).toBe('update');
      expect(answer.view.blocks[0].text.text).toBe('Saved: you know George Girard, strength 3 (working relationship).');
      const [row] = await store.db.select().from(relationships).where(and(eq(relationships.memberId, world.members.helene), eq(relationships.contactId, world.contacts.george)));
      expect(row).toMatchObject({ strength: 3, kind: 'former_colleague', lastContactOn: '2026-10-01', visibility: 'private', note: 'Worked together at a previous firm' });
    });

    it('puts missing fields under their inputs', async () => {
      const answer = await submit('o2o:form:relationship', { contact: { contact: { type: 'external_select', selected_option: null } }, strength: { strength: { type: 'static_select', selected_option: null } } });
      expect(answer).toEqual({ response_action: 'errors', errors: { contact: 'Fill in this field.', strength: 'Fill in this field.' } });
    });

    it('rejects a date in the future', async () => {
      const answer = await submit('o2o:form:relationship', {
        contact: { contact: selected(`id:${world.contacts.george}`) },
        strength: { strength: staticValue('2') },
        lastContactOn: { lastContactOn: date('2099-01-01') },
      });
      expect(answer.errors).toEqual({ lastContactOn: 'This date is in the future. Pick today or an earlier day.' });
    });

    it('asks for the account of a new contact, in French', async () => {
      const answer = await submit('o2o:form:relationship', { contact: { contact: selected('new:Inès Martin') }, strength: { strength: staticValue('2') } }, 'W333');
      expect(answer.errors).toEqual({ account: 'Choisissez le compte du nouveau contact.' });
    });

    it('creates a new contact and a new account together', async () => {
      const answer = await submit('o2o:form:relationship', {
        account: { account: selected('new:Globex Industries') },
        contact: { contact: selected('new:Inès Martin') },
        strength: { strength: staticValue('2') },
      });
      expect(answer.response_action).toBe('update');
      const [account] = await store.db.select().from(accounts).where(and(eq(accounts.tenantId, world.tenantId), eq(accounts.name, 'Globex Industries')));
      const [contact] = await store.db.select().from(contacts).where(eq(contacts.accountId, account!.id));
      expect(contact?.name).toBe('Inès Martin');
      const [row] = await store.db.select().from(relationships).where(eq(relationships.contactId, contact!.id));
      expect(row?.strength).toBe(2);
    });

    it('rejects a contact of another workspace', async () => {
      const answer = await submit('o2o:form:relationship', { contact: { contact: selected('id:00000000-0000-4000-8000-000000000000') }, strength: { strength: staticValue('2') } });
      expect(answer.errors).toEqual({ contact: 'This record no longer exists. Pick another one.' });
    });
  });

  describe('add a contact', () => {
    it('saves a contact at a new account', async () => {
      const answer = await submit('o2o:form:contact', {
        account: { account: selected('new:Initech') },
        name: { name: text('Bill Lumbergh') },
        title: { title: text('Division VP') },
        email: { email: text('bill@initech.example') },
        phone: { phone: text(null) },
      });
      expect(answer.view.blocks[0].text.text).toBe('Added Bill Lumbergh to Initech.');
      const [contact] = await store.db.select().from(contacts).where(and(eq(contacts.tenantId, world.tenantId), eq(contacts.email, 'bill@initech.example')));
      expect(contact?.title).toBe('Division VP');
      expect(contact?.phone).toBeNull();
    });

    it('puts an invalid e-mail under the e-mail input', async () => {
      const answer = await submit('o2o:form:contact', { account: { account: selected(`id:${world.accounts.acme}`) }, name: { name: text('Paul Martin') }, email: { email: text('paul-at-acme') } });
      expect(answer).toEqual({ response_action: 'errors', errors: { email: 'Must be an e-mail address such as name@example.com.' } });
    });

    it('puts an invalid e-mail under the e-mail input in French', async () => {
      const answer = await submit('o2o:form:contact', { account: { account: selected(`id:${world.accounts.acme}`) }, name: { name: text('Paul Martin') }, email: { email: text('paul-at-acme') } }, 'W333');
      expect(answer.errors).toEqual({ email: 'Doit être une adresse e-mail comme nom@exemple.fr.' });
    });

    it('asks for a name or a title', async () => {
      const answer = await submit('o2o:form:contact', { account: { account: selected(`id:${world.accounts.acme}`) }, name: { name: text(null) }, title: { title: text(null) } });
      expect(answer.errors).toEqual({ name: 'Give a name, or a job title when the name is unknown.' });
    });
  });

  describe('log influence', () => {
    it('saves an influence link', async () => {
      const answer = await submit('o2o:form:influence', {
        from: { from: selected(`id:${world.contacts.george}`, 'George Girard') },
        to: { to: selected(`id:${world.contacts.olivia}`, 'Olivia Rousseau') },
        weight: { weight: staticValue('0.75') },
        note: { note: text(null) },
      });
      expect(answer.view.blocks[0].text.text).toBe('Saved: George Girard influences Olivia Rousseau.');
      const [link] = await store.db.select().from(influenceLinks).where(eq(influenceLinks.fromContactId, world.contacts.george));
      expect(link?.weight).toBeCloseTo(0.75);
    });

    it('rejects the same person twice', async () => {
      const answer = await submit('o2o:form:influence', { from: { from: selected(`id:${world.contacts.theo}`) }, to: { to: selected(`id:${world.contacts.theo}`) }, weight: { weight: staticValue('0.5') } });
      expect(answer.errors).toEqual({ to: 'A person cannot influence themselves. Pick two different people.' });
    });

    it('rejects people of two accounts', async () => {
      const answer = await submit('o2o:form:influence', { from: { from: selected(`id:${world.contacts.freya}`) }, to: { to: selected(`id:${world.contacts.olivia}`) }, weight: { weight: staticValue('0.5') } });
      expect(answer.errors).toEqual({ to: 'These two people work at different accounts. Links join people of the same account.' });
    });
  });

  describe('log an interaction', () => {
    const users = (ids: string[]) => ({ type: 'multi_users_select', selected_users: ids });
    const many = (values: Array<{ value: string; text: string }>) => ({
      type: 'multi_external_select',
      selected_options: values.map((option) => ({ value: option.value, text: { type: 'plain_text', text: option.text } })),
    });

    it('saves an interaction and registers new members', async () => {
      const answer = await submit('o2o:form:interaction', {
        account: { account: selected(`id:${world.accounts.acme}`) },
        contacts: { contacts: many([{ value: `id:${world.contacts.olivia}`, text: 'Olivia Rousseau' }, { value: 'new:Nadia Benali', text: 'Create contact' }]) },
        members: { members: users(['W111', 'W444']) },
        occurredOn: { occurredOn: date('2026-11-30') },
        channel: { channel: staticValue('meeting') },
        note: { note: text('Renewal kick-off') },
        messageLink: { messageLink: text(null) },
      });
      expect(answer.response_action).toBe('update');
      expect(answer.view.blocks[0].text.text).toBe('Logged the interaction of 30 Nov 2026 with 2 contacts: Olivia Rousseau, Nadia Benali.');
      const [row] = await store.db.select().from(interactions).where(and(eq(interactions.tenantId, world.tenantId), eq(interactions.note, 'Renewal kick-off')));
      expect(row?.accountId).toBe(world.accounts.acme);
      const people = await store.db.select().from(interactionContacts).where(eq(interactionContacts.interactionId, row!.id));
      expect(people).toHaveLength(2);
      const team = await store.db.select().from(interactionMembers).where(eq(interactionMembers.interactionId, row!.id));
      expect(team).toHaveLength(2);
    });

    it('requires contacts, members and a date', async () => {
      const answer = await submit('o2o:form:interaction', { contacts: { contacts: many([]) }, members: { members: users([]) }, occurredOn: { occurredOn: date(null) } });
      expect(answer.errors).toEqual({ contacts: 'Fill in this field.', members: 'Fill in this field.', occurredOn: 'Fill in this field.' });
    });

    it('rejects a bot as a member', async () => {
      const answer = await submit('o2o:form:interaction', {
        contacts: { contacts: many([{ value: `id:${world.contacts.olivia}`, text: 'Olivia Rousseau' }]) },
        members: { members: users(['W111', 'BOT1']) },
        occurredOn: { occurredOn: date('2026-11-30') },
      });
      expect(answer.errors).toEqual({ members: 'A bot cannot be a member of your team. Pick people only.' });
    });

    it('rejects a link that is not a web address', async () => {
      const answer = await submit('o2o:form:interaction', {
        contacts: { contacts: many([{ value: `id:${world.contacts.olivia}`, text: 'Olivia Rousseau' }]) },
        members: { members: users(['W111']) },
        occurredOn: { occurredOn: date('2026-11-30') },
        messageLink: { messageLink: text('not a link') },
      });
      expect(answer.errors).toEqual({ messageLink: 'Must be a web address starting with https://.' });
    });
  });

  it('opens a form from a Home tab button in a modal', async () => {
    await sendSigned(server, buttonClick(ids, { action_id: 'o2o:open:1', value: JSON.stringify({ value: 'log' }) }, { inView: true }));
    const loading = await server.fake.waitFor('views.open');
    expect(loading.params.view.title.text).toBe('o2o');
    const update = await server.fake.waitFor('views.update');
    expect(update.params.view.callback_id).toBe('o2o:form:interaction');
    expect(JSON.parse(update.params.view.private_metadata)).toEqual({ source: 'home' });
  });

  it('refreshes the Home tab after a form opened there is saved', async () => {
    await submit(
      'o2o:form:relationship',
      { contact: { contact: selected(`id:${world.contacts.claire}`, 'Claire d’Arcy') }, strength: { strength: staticValue('4') } },
      'W111',
      JSON.stringify({ source: 'home' }),
    );
    const published = await server.fake.waitFor('views.publish');
    expect(published.params.user_id).toBe('W111');
    expect(JSON.stringify(published.params.view)).toContain('Claire d’Arcy');
  });
});
