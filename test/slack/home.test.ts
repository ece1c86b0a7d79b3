// The Home tab: the member's relationships with stale ones first, their accounts, quick actions.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { upsertContact } from '../../src/app/contacts.js';
import { logRelationship } from '../../src/app/relationships.js';
import type { Store } from '../../src/store/database.js';
import { openTestStore } from '../helpers/store.js';
import { sendSigned, startSlackServer, uniqueIds, type SlackServer } from './helpers/harness.js';
import { appHomeOpened } from './helpers/payloads.js';
import { seedWorld, type SeededWorld } from './helpers/seed.js';

describe('Slack Home tab', () => {
  let store: Store;
  let server: SlackServer;
  let world: SeededWorld;
  const ids = uniqueIds();
  let events = 0;

  beforeAll(async () => {
    store = await openTestStore();
    world = await seedWorld(store, ids.team);
    const ctx = { db: store.db, tenantId: world.tenantId, actor: { memberId: world.members.helene, name: 'Hélène Caron' }, now: () => new Date() };
    const recent = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    await logRelationship(ctx, { memberId: world.members.helene, contactId: world.contacts.olivia, strength: 4, lastContactOn: recent });
    await logRelationship(ctx, { memberId: world.members.helene, contactId: world.contacts.theo, strength: 2 });
    const gone = await upsertContact(ctx, { accountId: world.accounts.acme, name: 'Left Person', status: 'left' });
    await logRelationship(ctx, { memberId: world.members.helene, contactId: gone.contact.id, strength: 5 });
    server = await startSlackServer({ store });
    server.fake.users.set('W777', { id: 'W777', name: 'Nouvelle Recrue', locale: 'fr-FR' });
  });

  afterAll(async () => {
    await server.close();
    await store.close();
  });

  beforeEach(() => server.fake.reset());

  async function openHome(user: string, tab: 'home' | 'messages' = 'home', enterprise = false) {
    const response = await sendSigned(server, appHomeOpened(ids, tab, { eventId: `Ev${ids.team}${++events}`, user, enterprise }), { contentType: 'json' });
    expect(response.status).toBe(200);
  }

  const texts = (view: any): string[] =>
    view.blocks.flatMap((block: any) => [block.text?.text, ...(block.elements ?? []).map((element: any) => element.text?.text ?? element.text)].filter(Boolean));

  it('lists relationships with the stale ones first', async () => {
    await openHome('W111');
    const published = await server.fake.waitFor('views.publish');
    expect(published.params.user_id).toBe('W111');
    const view = published.params.view;
    expect(view.type).toBe('home');
    const all = texts(view).join('\n');
    expect(all).toContain('Hello Hélène Caron');
    const theo = all.indexOf('Théo Nguyen');
    const freya = all.indexOf('Freya Robert');
    const olivia = all.indexOf('Olivia Rousseau');
    // Never contacted, then contacted long ago, then contacted this week.
    expect(theo).toBeGreaterThan(-1);
    expect(theo).toBeLessThan(freya);
    expect(freya).toBeLessThan(olivia);
    expect(all).toContain('2 relationships have had no contact for 90 days or more.');
    // The charter view below lists every relationship, those with people who left included.
    expect(all.slice(0, all.indexOf('Privacy and sharing'))).not.toContain('Left Person');
  });

  it('lists accounts by coverage', async () => {
    await openHome('W111');
    const all = texts((await server.fake.waitFor('views.publish')).params.view).join('\n');
    expect(all).toContain('My accounts');
    expect(all.indexOf('*Acme Energy* — 2 relationships')).toBeLessThan(all.indexOf('*Société Générale* — 1 relationship'));
  });

  it('offers the quick actions', async () => {
    await openHome('W111');
    const view = (await server.fake.waitFor('views.publish')).params.view;
    const actions = view.blocks.find((block: any) => block.block_id === 'quick-actions');
    expect(actions.elements.map((element: any) => element.text.text)).toEqual(['Log a relationship', 'Log an interaction', 'Add a contact', 'Log influence']);
    expect(actions.elements.map((element: any) => JSON.parse(element.value).value)).toEqual(['know', 'log', 'contact add', 'influence']);
  });

  it('registers a new user and speaks French to them', async () => {
    await openHome('W777');
    const view = (await server.fake.waitFor('views.publish')).params.view;
    const all = texts(view).join('\n');
    expect(all).toContain('Bonjour Nouvelle Recrue');
    expect(all).toContain('Vous n’avez encore enregistré aucune relation.');
    expect(all).toContain('Consigner une relation');
  });

  it('publishes nothing for the Messages tab', async () => {
    await openHome('W111', 'messages', true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.fake.callsTo('views.publish')).toEqual([]);
  });

  it('stays within the Home tab block limit', async () => {
    await openHome('W111');
    const view = (await server.fake.waitFor('views.publish')).params.view;
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });
});
