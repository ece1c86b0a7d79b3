// The charter view on the Home tab: standing, visibility selects and introductions, driven through
// the real Bolt receiver with signed block_actions and a fake Slack Web API.
import { randomUUID } from 'node:crypto';

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { upsertMember } from '../../src/app/members.js';
import type { Store } from '../../src/store/database.js';
import { auditLog, charterAcceptances, charterOptOuts, introductionRequests, relationshipHistory, relationships } from '../../src/store/schema.js';
import { addContact, addRelationship } from '../charter/helpers.js';
import { openTestStore } from '../helpers/store.js';
import { fixtureJson, sendSigned, startSlackServer, uniqueIds, type SlackServer } from './helpers/harness.js';
import { appHomeOpened } from './helpers/payloads.js';
import { seedWorld, type SeededWorld } from './helpers/seed.js';

type HomeAction =
  | { type: 'button'; action_id: string; value?: string }
  | { type: 'static_select'; action_id: string; block_id: string; value: string };

describe('charter view on the Slack Home tab', () => {
  let store: Store;
  let server: SlackServer;
  let world: SeededWorld;
  // Hélène's relationships with the eleven contacts added below, by contact name.
  const relationshipIds = new Map<string, string>();
  let requestId: string;
  const ids = uniqueIds();
  let events = 0;

  beforeAll(async () => {
    store = await openTestStore();
    world = await seedWorld(store, ids.team);
    for (let index = 1; index <= 11; index++) {
      const name = `Contact ${String(index).padStart(2, '0')}`;
      const contactId = await addContact(store, world.tenantId, world.accounts.acme, name);
      relationshipIds.set(name, await addRelationship(store, world.tenantId, world.members.helene, contactId, 'private'));
    }
    const [request] = await store.db
      .insert(introductionRequests)
      .values({ tenantId: world.tenantId, groupId: randomUUID(), requesterId: world.members.marc, ownerId: world.members.helene, contactId: world.contacts.theo })
      .returning({ id: introductionRequests.id });
    requestId = request!.id;
    server = await startSlackServer({ store });
  });

  afterAll(async () => {
    await server.close();
    await store.close();
  });

  beforeEach(() => server.fake.reset());

  /** Opens the Home tab and returns the published view. */
  async function openHome(user = 'W111'): Promise<any> {
    server.fake.reset();
    const response = await sendSigned(server, appHomeOpened(ids, 'home', { eventId: `Ev${ids.team}${++events}`, user }), { contentType: 'json' });
    expect(response.status).toBe(200);
    return (await server.fake.waitFor('views.publish')).params.view;
  }

  /** Sends a click or a selection made on the Home tab `view`, and returns the Home tab published next. */
  async function act(view: any, action: HomeAction, user = 'W111'): Promise<any> {
    server.fake.reset();
    const body = fixtureJson('block_actions_button_in_message.json', ids);
    body.team = { id: ids.team, domain: 'workspace-domain' };
    body.user.id = user;
    body.user.team_id = ids.team;
    body.container = { type: 'view', view_id: 'VHOME' };
    body.view = { id: 'VHOME', type: 'home', private_metadata: view.private_metadata ?? '' };
    delete body.response_url;
    delete body.channel;
    body.actions = [
      action.type === 'button'
        ? { type: 'button', action_id: action.action_id, block_id: 'b', text: { type: 'plain_text', text: 'x' }, ...(action.value && { value: action.value }), action_ts: '1.2' }
        : { type: 'static_select', action_id: action.action_id, block_id: action.block_id, selected_option: { text: { type: 'plain_text', text: 'x' }, value: action.value }, action_ts: '1.2' },
    ];
    const response = await sendSigned(server, new URLSearchParams({ payload: JSON.stringify(body) }).toString());
    expect(response.status).toBe(200);
    return (await server.fake.waitFor('views.publish')).params.view;
  }

  const texts = (view: any): string =>
    view.blocks
      .flatMap((block: any) => [block.text?.text, ...(block.elements ?? []).map((element: any) => element.text?.text ?? element.text)])
      .filter(Boolean)
      .join('\n');
  const buttons = (view: any): any[] => view.blocks.filter((block: any) => block.type === 'actions').flatMap((block: any) => block.elements);
  const button = (view: any, label: string): any => {
    const found = buttons(view).find((element) => element.text.text === label);
    expect(found, `button "${label}"`).toBeDefined();
    return found;
  };
  const selectBlock = (view: any, contact: string): any => view.blocks.find((block: any) => block.accessory?.type === 'static_select' && block.text.text.startsWith(`*${contact}*`));
  const notice = (view: any): string | undefined => view.blocks.find((block: any) => block.block_id === 'charter-notice')?.text.text;

  /** Selects the option of `label` in the select of a contact's relationship. */
  async function choose(view: any, contact: string, label: string): Promise<any> {
    const block = selectBlock(view, contact);
    expect(block, `select of ${contact}`).toBeDefined();
    const picked = block.accessory.options.find((option: any) => option.text.text === label);
    return act(view, { type: 'static_select', action_id: block.accessory.action_id, block_id: block.block_id, value: picked.value });
  }

  it('shows standing, relationships and introductions', async () => {
    const view = await openHome();
    const all = texts(view);
    expect(all).toContain('Privacy and sharing');
    expect(all).toMatch(/You have not accepted version \S+ of the relationship charter yet\./);
    expect(buttons(view).map((element) => element.text.text)).toEqual(expect.arrayContaining(['Accept the charter', 'Opt out of sharing', 'Next page', 'Accept', 'Decline']));
    expect(buttons(view).map((element) => element.text.text)).not.toContain('Share again');

    const selects = view.blocks.filter((block: any) => block.accessory?.type === 'static_select');
    expect(selects).toHaveLength(10);
    const first = selectBlock(view, 'Contact 01');
    expect(first.accessory.options.map((option: any) => option.text.text)).toEqual(['Me only', 'My deal team', 'Everyone in our team']);
    expect(first.accessory.initial_option.text.text).toBe('Me only');
    expect(all).toContain('Relationships 1 to 10 of 12.');
    expect(all).toContain('Introductions waiting for you');
    expect(all).toContain('Marc Lemaire asks for an introduction to Théo Nguyen (Acme Energy)');
    expect(JSON.parse(view.private_metadata)).toEqual({ charterOffset: 0 });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('stores and audits a visibility change', async () => {
    const view = await choose(await openHome(), 'Contact 01', 'Everyone in our team');
    expect(notice(view)).toBe(':white_check_mark: Your relationship with Contact 01 is now visible to everyone in our team.');
    expect(selectBlock(view, 'Contact 01').accessory.initial_option.text.text).toBe('Everyone in our team');

    const relationshipId = relationshipIds.get('Contact 01')!;
    const [stored] = await store.db.select().from(relationships).where(eq(relationships.id, relationshipId));
    expect(stored!.visibility).toBe('tenant');
    const history = await store.db.select().from(relationshipHistory).where(eq(relationshipHistory.relationshipId, relationshipId));
    expect(history.map((row) => [row.field, row.oldValue, row.newValue])).toEqual([['visibility', 'private', 'tenant']]);
    const audit = await store.db.select().from(auditLog).where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.targetId, relationshipId)));
    expect(audit.map((row) => row.action)).toEqual(['relationship.visibility']);
    expect(audit[0]!.actorMemberId).toBe(world.members.helene);
  });

  it('pages through relationships and stays there', async () => {
    const first = await openHome();
    const second = await act(first, { type: 'button', action_id: button(first, 'Next page').action_id, value: '10' });
    expect(texts(second)).toContain('Relationships 11 to 12 of 12.');
    expect(JSON.parse(second.private_metadata)).toEqual({ charterOffset: 10 });
    expect(buttons(second).map((element) => element.text.text)).toContain('Previous page');
    expect(selectBlock(second, 'Contact 01')).toBeUndefined();

    const changed = await choose(second, 'Freya Robert', 'My deal team');
    expect(notice(changed)).toBe(':white_check_mark: Your relationship with Freya Robert is now visible to your deal team.');
    expect(JSON.parse(changed.private_metadata)).toEqual({ charterOffset: 10 });
    expect(selectBlock(changed, 'Freya Robert').accessory.initial_option.text.text).toBe('My deal team');
  });

  it('rejects a forged visibility value', async () => {
    const view = await openHome();
    const block = selectBlock(view, 'Contact 02');
    const answered = await act(view, { type: 'static_select', action_id: block.accessory.action_id, block_id: block.block_id, value: `${relationshipIds.get('Contact 02')}:public` });
    expect(notice(answered)).toBe(':warning: This visibility is not valid. Open the view again and choose me only, my deal team or everyone in our team.');
    const [stored] = await store.db.select().from(relationships).where(eq(relationships.id, relationshipIds.get('Contact 02')!));
    expect(stored!.visibility).toBe('private');
  });

  it('accepts the charter, opts out and shares again', async () => {
    const home = await openHome();
    const accepted = await act(home, { type: 'button', action_id: button(home, 'Accept the charter').action_id, value: button(home, 'Accept the charter').value });
    expect(notice(accepted)).toMatch(/^:white_check_mark: Thank you: you accepted version \S+ of the charter\./);
    expect(texts(accepted)).toMatch(/You accepted version \S+ of the relationship charter on /);
    expect(buttons(accepted).map((element) => element.text.text)).not.toContain('Accept the charter');
    const acceptances = await store.db.select().from(charterAcceptances).where(eq(charterAcceptances.memberId, world.members.helene));
    expect(acceptances).toHaveLength(1);

    const optedOut = await act(accepted, { type: 'button', action_id: button(accepted, 'Opt out of sharing').action_id });
    expect(notice(optedOut)).toContain('Done: your relationships are now visible to you alone.');
    expect(texts(optedOut)).toContain('You opted out of sharing, so your relationships are visible to you alone.');
    expect(await store.db.select().from(charterOptOuts).where(eq(charterOptOuts.memberId, world.members.helene))).toHaveLength(1);

    const back = await act(optedOut, { type: 'button', action_id: button(optedOut, 'Share again').action_id });
    expect(notice(back)).toBe(':white_check_mark: Done: your relationships are shared again, each as its visibility says.');
    expect(buttons(back).map((element) => element.text.text)).toContain('Opt out of sharing');
    expect(await store.db.select().from(charterOptOuts).where(eq(charterOptOuts.memberId, world.members.helene))).toHaveLength(0);
    const actions = await store.db.select().from(auditLog).where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.targetId, world.members.helene)));
    expect(actions.map((row) => row.action).sort()).toEqual(['charter.accept', 'charter.opt_in', 'charter.opt_out']);
  });

  it('rejects in French an answer for a colleague', async () => {
    const marcHome = await openHome('W333');
    expect(texts(marcHome)).toContain('Confidentialité et partage');
    expect(texts(marcHome)).toContain('Aucune demande de mise en relation n’attend votre réponse.');
    // Marc replays the Accept button of a request sent to Hélène.
    const answered = await act(marcHome, { type: 'button', action_id: 'o2o-charter:charter-view.intro-accept:9', value: requestId }, 'W333');
    expect(notice(answered)).toBe(':warning: Cette demande de mise en relation a été adressée à un collègue, pas à vous.');
    const [request] = await store.db.select().from(introductionRequests).where(eq(introductionRequests.id, requestId));
    expect(request!.status).toBe('pending');
  });

  it('changes one of two same-name contacts at one account', async () => {
    // Yann knows two different people called Sam Martin at Acme Energy.
    const yann = (await upsertMember({ db: store.db, tenantId: world.tenantId }, { name: 'Yann Le Gall', email: 'yann.legall@northwind.example', slackUserId: 'W222', locale: 'en-GB' })).member.id;
    const cfo = await addRelationship(store, world.tenantId, yann, await addContact(store, world.tenantId, world.accounts.acme, 'Sam Martin', { title: 'CFO' }), 'private');
    const plant = await addRelationship(store, world.tenantId, yann, await addContact(store, world.tenantId, world.accounts.acme, 'Sam Martin', { title: 'Plant manager' }), 'private');

    const view = await openHome('W222');
    const samBlocks = view.blocks.filter((block: any) => block.accessory?.type === 'static_select' && block.text.text.startsWith('*Sam Martin*'));
    expect(samBlocks).toHaveLength(2);
    const block = samBlocks.find((candidate: any) => candidate.accessory.options.some((option: any) => option.value.startsWith(plant)));
    const everyone = block.accessory.options.find((option: any) => option.text.text === 'Everyone in our team');
    const changed = await act(view, { type: 'static_select', action_id: block.accessory.action_id, block_id: block.block_id, value: everyone.value }, 'W222');
    expect(notice(changed)).toBe(':white_check_mark: Your relationship with Sam Martin is now visible to everyone in our team.');

    const stored = await store.db.select().from(relationships).where(eq(relationships.memberId, yann));
    expect(Object.fromEntries(stored.map((row) => [row.id, row.visibility]))).toEqual({ [cfo]: 'private', [plant]: 'tenant' });
    const history = await store.db.select().from(relationshipHistory).where(eq(relationshipHistory.changedBy, yann));
    expect(history.map((row) => [row.relationshipId, row.oldValue, row.newValue])).toEqual([[plant, 'private', 'tenant']]);
    const audit = await store.db.select().from(auditLog).where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.actorMemberId, yann)));
    expect(audit.map((row) => [row.action, row.targetId])).toEqual([['relationship.visibility', plant]]);
  });

  it('rejects a visibility change of a colleague relationship', async () => {
    // Marc replays Hélène's choice for Contact 03 with his own user id.
    const view = await openHome('W333');
    const value = `${relationshipIds.get('Contact 03')}:tenant`;
    const answered = await act(view, { type: 'static_select', action_id: 'o2o-charter:charter-view.visibility:0', block_id: 'charter-relationship-0', value }, 'W333');
    expect(notice(answered)).toBe(':warning: Cette relation n’existe plus ou n’est pas la vôtre. Rouvrez la vue pour voir vos relations actuelles.');
    const [stored] = await store.db.select().from(relationships).where(eq(relationships.id, relationshipIds.get('Contact 03')!));
    expect(stored!.visibility).toBe('private');
  });

  it('accepts an introduction', async () => {
    const view = await openHome();
    const accept = buttons(view).find((element) => element.text.text === 'Accept' && element.value === requestId);
    expect(accept).toBeDefined();
    const answered = await act(view, { type: 'button', action_id: accept.action_id, value: accept.value });
    expect(notice(answered)).toBe(':white_check_mark: Thank you. Marc Lemaire now knows that you will introduce them to Théo Nguyen.');
    expect(texts(answered)).toContain('No introduction request is waiting for your answer.');
    const [request] = await store.db.select().from(introductionRequests).where(eq(introductionRequests.id, requestId));
    expect(request!.status).toBe('accepted');
    const audit = await store.db.select().from(auditLog).where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.targetId, requestId)));
    expect(audit.map((row) => row.action)).toEqual(['introduction.accept']);
  });
});
