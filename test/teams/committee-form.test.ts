// The buying-committee form in Teams end to end: the deal card's button, the form card it sends,
// and its Save, Edit and Remove buttons posted to the real endpoint, with the rows that result.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Store } from '../../src/store/database.js';
import { buyingCommitteeMembers, contacts, deals, tenants } from '../../src/store/schema.js';
import { teamsTenantKey } from '../../src/teams/turn.js';
import { openTestStore } from '../helpers/store.js';
import { FakeConnector } from './helpers/fake-connector.js';
import { message, newScene, newSender, startTeamsServer, type Scene, type Sender, type TeamsServer } from './helpers/teams-server.js';

type Card = { body: any[]; actions?: any[] };

/** Collects every Action.Submit of a card, in its body and at its foot. */
function submitActions(card: Card): any[] {
  const found: any[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (element.type === 'Action.Submit') found.push(element);
    Object.values(element).forEach(visit);
  };
  visit(card);
  return found;
}

function input(card: Card, id: string): any {
  return card.body.find((element) => element.id === id);
}

/** Returns the sentence shown under a field, if any. */
function errorUnder(card: Card, id: string): string | undefined {
  const index = card.body.findIndex((element) => element.id === id);
  const next = card.body[index + 1];
  return next?.color === 'Attention' ? next.text : undefined;
}

describe('Teams buying-committee form', () => {
  let store: Store;
  let connector: FakeConnector;
  let server: TeamsServer;
  let scene: Scene;
  let seller: Sender;
  let tenantId: string;
  let dealId: string;
  let janeId: string;

  async function say(text: string, options: Parameters<typeof message>[3] = {}): Promise<Card[]> {
    connector.reset();
    const response = await server.post(message(scene, seller, text, options));
    expect(response.status).toBe(200);
    return connector.cards;
  }

  /** Presses a button (or Save, with the form's fields) on the card `replyToId`; returns the card that replaced it. */
  async function press(value: Record<string, unknown>, replyToId: string, locale?: string): Promise<Card> {
    connector.reset();
    const response = await server.post(message(scene, seller, '', { value, replyToId, ...(locale && { locale }) }));
    expect(response.status).toBe(200);
    expect(connector.updates).toHaveLength(1);
    expect(connector.updates[0]!.activityId).toBe(replyToId);
    return connector.updates[0]!.body.attachments[0].content;
  }

  const save = (value: string, fields: Record<string, string>) => ({ verb: 'o2o', actionId: 'deal.committee.save', value, ...fields });

  async function committee() {
    return store.db.select().from(buyingCommitteeMembers).where(eq(buyingCommitteeMembers.dealId, dealId));
  }

  beforeAll(async () => {
    store = await openTestStore();
    connector = await new FakeConnector().start();
    server = await startTeamsServer(store);
    scene = newScene(connector.url);
    seller = newSender('Camille Martin');

    await say('contact add "Jane Doe" at Acme Energy title CFO');
    await say('deal create "Acme Energy" "Grid upgrade"');
    const [tenant] = await store.db.select().from(tenants).where(eq(tenants.externalKey, teamsTenantKey(scene.tenantId)));
    tenantId = tenant!.id;
    const [deal] = await store.db.select().from(deals).where(and(eq(deals.tenantId, tenantId), eq(deals.name, 'Grid upgrade')));
    dealId = deal!.id;
    const [jane] = await store.db.select().from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.name, 'Jane Doe')));
    janeId = jane!.id;
  });

  afterAll(async () => {
    await server.close();
    await connector.stop();
    await store.close();
  });

  it('puts an edit button on the deal card', async () => {
    const [card] = await say('deal show "Grid upgrade"');
    const edit = submitActions(card!).find((action) => action.data.actionId === 'deal.committee.form');
    expect(edit?.title).toBe('Edit buying committee');
    expect(edit?.data.value).toBe(dealId);
  });

  it('sends the empty form from the deal card', async () => {
    connector.reset();
    await server.post(message(scene, seller, '', { value: { verb: 'o2o', actionId: 'deal.committee.form', value: dealId }, replyToId: 'deal-card-1' }));
    expect(connector.updates).toHaveLength(0);
    const [form] = connector.cards as Card[];
    expect(form!.body[0].text).toBe('Buying committee');
    expect(JSON.stringify(form)).toContain('Nobody is on the committee yet.');
    expect(input(form!, 'person')).toMatchObject({ type: 'Input.Text', value: '', isRequired: true });
    expect(input(form!, 'role').choices.map((choice: any) => choice.value)).toContain('economic_buyer');
    expect(input(form!, 'attitude').value).toBe('neutral');
    expect(input(form!, 'tags').isMultiSelect).toBe(true);
    expect(form!.actions![0].data).toEqual({ verb: 'o2o', actionId: 'deal.committee.save', value: dealId });
  });

  it('shows a missing buying role next to its field', async () => {
    const card = await press(save(dealId, { person: 'Jane Doe' }), 'form-1');
    expect(errorUnder(card, 'role')).toBe('Fill in this field.');
    expect(errorUnder(card, 'person')).toBeUndefined();
    expect(input(card, 'person').value).toBe('Jane Doe');
    expect(await committee()).toHaveLength(0);
  });

  it('names an unknown motivation tag and the choices', async () => {
    const card = await press(save(dealId, { person: 'Jane Doe', role: 'champion', tags: 'cost,luck' }), 'form-1');
    expect(errorUnder(card, 'tags')).toBe("'luck' is not a motivation tag. Use one of: cost, risk, career, innovation, control, speed, compliance, reputation.");
    expect(await committee()).toHaveLength(0);
  });

  it('adds a contact and answers with the updated deal card', async () => {
    const fields = { person: 'Jane Doe', role: 'champion', attitude: 'supporter', influence: 'high', motivations: 'Wants the audit passed', tags: 'cost,risk' };
    const card = await press(save(dealId, fields), 'form-1');
    expect(card.body[0].text).toBe('✓ Jane Doe joined the buying committee of Grid upgrade as Champion.');
    expect(JSON.stringify(card)).toContain('Grid upgrade — Acme Energy');
    expect(submitActions(card).some((action) => action.data.actionId === 'deal.committee.form' && action.data.value === dealId)).toBe(true);
    const [row] = await committee();
    expect(row).toMatchObject({ contactId: janeId, role: 'champion', attitude: 'supporter', influence: 'high', motivations: 'Wants the audit passed', motivationTags: ['cost', 'risk'] });
  });

  it('rejects a typo of a known contact', async () => {
    const card = await press(save(dealId, { person: 'Jane Doee', role: 'coach' }), 'form-2');
    expect(errorUnder(card, 'person')).toContain("'Jane Doe'");
    const janes = await store.db.select().from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.accountId, (await accountOfDeal()).accountId)));
    expect(janes.map((contact) => contact.name)).not.toContain('Jane Doee');
  });

  it('adds a new person of the account typed into the form', async () => {
    const card = await press(save(dealId, { person: 'Nora Quinn', role: 'technical_buyer' }), 'form-2');
    expect(card.body[0].text).toBe('✓ Nora Quinn joined the buying committee of Grid upgrade as Technical buyer.');
    const [nora] = await store.db.select().from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.name, 'Nora Quinn')));
    expect(nora?.accountId).toBe((await accountOfDeal()).accountId);
    expect((await committee()).map((row) => row.contactId)).toContain(nora!.id);
  });

  it('prefills the form with a member’s values', async () => {
    connector.reset();
    await server.post(message(scene, seller, '', { value: { verb: 'o2o', actionId: 'deal.committee.form', value: dealId }, replyToId: 'deal-card-2' }));
    const [list] = connector.cards as Card[];
    const edit = submitActions(list!).find((action) => action.data.actionId === 'deal.committee.form' && action.data.value === `${dealId}:${janeId}`);
    expect(edit?.title).toBe('Edit');
    expect(edit?.associatedInputs).toBe('none');

    const card = await press(edit!.data, 'form-4');
    expect(JSON.stringify(card)).toContain('Update Jane Doe');
    expect(input(card, 'person').value).toBe('Jane Doe');
    expect(input(card, 'role').value).toBe('champion');
    expect(input(card, 'attitude').value).toBe('supporter');
    expect(input(card, 'influence').value).toBe('high');
    expect(input(card, 'motivations').value).toBe('Wants the audit passed');
    expect(input(card, 'tags').value).toBe('cost,risk');
    expect(card.actions![0].data.value).toBe(`${dealId}:${janeId}`);
  });

  it('updates a member, in French', async () => {
    const fields = { person: 'Jane Doe', role: 'economic_buyer', attitude: 'sceptic', influence: 'high' };
    const card = await press(save(`${dealId}:${janeId}`, fields), 'form-4', 'fr-FR');
    expect(card.body[0].text).toBe('✓ Fiche mise à jour au comité d’achat de l’affaire Grid upgrade : Jane Doe.');
    expect(JSON.stringify(card)).toContain('Modifier le comité d’achat');
    const row = (await committee()).find((entry) => entry.contactId === janeId);
    expect(row).toMatchObject({ role: 'economic_buyer', attitude: 'sceptic', motivations: null, motivationTags: [] });
  });

  it('removes a member and shows the deal without them', async () => {
    const [nora] = await store.db.select().from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.name, 'Nora Quinn')));
    const card = await press({ verb: 'o2o', actionId: 'deal.committee.remove', value: `${dealId}:${nora!.id}`, inForm: true }, 'form-5');
    expect(card.body[0].text).toBe('✓ Nora Quinn left the buying committee of Grid upgrade.');
    expect((await committee()).map((row) => row.contactId)).toEqual([janeId]);
  });

  it('opens the form for "deal committee add" without a person', async () => {
    const [form] = await say('deal committee add "Grid upgrade"');
    expect(form!.body[0].text).toBe('Buying committee');
    expect(JSON.stringify(form)).toContain('Jane Doe');
    expect(input(form!, 'role')).toBeDefined();
  });

  async function accountOfDeal() {
    const [deal] = await store.db.select({ accountId: deals.accountId }).from(deals).where(eq(deals.id, dealId));
    return deal!;
  }
});
