// Deals in Slack end to end: /o2o deal, coverage and map signed into the real receiver, their
// buttons clicked, the deal modals submitted, and the rows and uploads that result.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { setReportingLine } from '../../src/app/structure.js';
import type { Store } from '../../src/store/database.js';
import { buyingCommitteeMembers, contacts, dealTeamMembers, deals, outreachAssignments, relationships } from '../../src/store/schema.js';
import { openTestStore } from '../helpers/store.js';
import { sendSigned, startSlackServer, uniqueIds, type SlackServer } from './helpers/harness.js';
import { buttonClick, optionsRequest, slashCommand, viewSubmission } from './helpers/payloads.js';
import { seedWorld, type SeededWorld } from './helpers/seed.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('deals in Slack', () => {
  let store: Store;
  let server: SlackServer;
  let world: SeededWorld;
  let dealId: string;
  const ids = uniqueIds();
  let requests = 0;

  beforeAll(async () => {
    store = await openTestStore();
    world = await seedWorld(store, ids.team);
    server = await startSlackServer({ store });
    server.fake.users.set('W111', { id: 'W111', name: 'Hélène Caron', locale: 'en-GB' });
    server.fake.users.set('W333', { id: 'W333', name: 'Marc Lemaire', locale: 'fr-FR' });
    // Théo reports to Olivia, whom Marc knows well: Marc's way to Théo goes through her.
    const ctx = { db: store.db, tenantId: world.tenantId, actor: null, logger: server.runtime.logger, now: () => new Date() };
    await setReportingLine(ctx, { contactId: world.contacts.theo, managerId: world.contacts.olivia });
  });

  afterAll(async () => {
    await server.close();
    await store.close();
  });

  beforeEach(() => server.fake.reset());

  /** Sends a command and returns what o2o posted to its own response_url. */
  async function run(text: string, options: { user?: string; channel?: string } = {}) {
    const target = `deal-${++requests}`;
    const response = await sendSigned(server, slashCommand(ids, text, { user: options.user ?? 'W111', responseUrl: server.fake.responseUrl(target), ...(options.channel && { channel: options.channel }) }));
    expect(response.status).toBe(200);
    return (await server.fake.waitFor('response_url', (call) => call.target === target)).params;
  }

  async function click(button: Record<string, any>, options: { user?: string; channel?: string } = {}) {
    const target = `click-${++requests}`;
    await sendSigned(server, buttonClick(ids, { action_id: button.action_id, value: button.value }, { responseUrl: server.fake.responseUrl(target), ...options }));
    return target;
  }

  function buttons(message: Record<string, any>): Array<Record<string, any>> {
    return (message.blocks ?? []).filter((block: any) => block.type === 'actions').flatMap((block: any) => block.elements);
  }

  const buttonWith = (message: Record<string, any>, id: string) => buttons(message).filter((button) => JSON.parse(button.value).id === id);

  it('creates a deal in English', async () => {
    const message = await run('deal create "Acme Energy" "Grid Modernisation" --stage proposal');
    expect(message.text).toBe("Deal 'Grid Modernisation' created at Acme Energy, stage Proposal.");
    const [row] = await store.db.select().from(deals).where(and(eq(deals.tenantId, world.tenantId), eq(deals.name, 'Grid Modernisation')));
    expect(row?.accountId).toBe(world.accounts.acme);
    expect(row?.stage).toBe('proposal');
    dealId = row!.id;
  });

  it('creates a deal in French', async () => {
    const message = await run('deal create "Société Générale" "Renouvellement 2027"', { user: 'W333' });
    expect(message.text).toBe('Affaire « Renouvellement 2027 » créée chez Société Générale, étape Qualification.');
    const [row] = await store.db.select().from(deals).where(and(eq(deals.tenantId, world.tenantId), eq(deals.name, 'Renouvellement 2027')));
    expect(row?.accountId).toBe(world.accounts.socgen);
  });

  it('explains a deal command it cannot read', async () => {
    const message = await run('deal frobnicate');
    expect(message.text).toContain("'frobnicate' is not a deal command.");
    expect(JSON.stringify(message.blocks)).toContain('deal create|show|list|stage|update|team|committee|assign|log');
  });

  it('moves a deal to another stage', async () => {
    const message = await run('deal stage "Grid Modernisation" negotiation');
    expect(message.text).toBe("'Grid Modernisation' moved from Proposal to Negotiation.");
    const [row] = await store.db.select({ stage: deals.stage }).from(deals).where(eq(deals.id, dealId));
    expect(row?.stage).toBe('negotiation');
  });

  it('adds a mentioned colleague to the deal team', async () => {
    const message = await run('deal team add "Grid Modernisation" <@W333|marc> --role sales_engineer');
    expect(message.text).toBe('Marc Lemaire joined the deal team of Grid Modernisation as Sales engineer.');
    const [row] = await store.db.select().from(dealTeamMembers).where(and(eq(dealTeamMembers.dealId, dealId), eq(dealTeamMembers.memberId, world.members.marc)));
    expect(row?.role).toBe('sales_engineer');
  });

  it('adds people to the buying committee in English and French', async () => {
    const english = await run('deal committee add "Grid Modernisation" "Olivia Rousseau" --role economic_buyer --attitude supporter');
    expect(english.text).toBe('Olivia Rousseau joined the buying committee of Grid Modernisation as Economic buyer.');
    const french = await run('deal committee add "Grid Modernisation" "Théo Nguyen" --role champion --influence high', { user: 'W333' });
    expect(french.text).toBe('Théo Nguyen entre au comité d’achat de l’affaire Grid Modernisation comme Champion.');
    const rows = await store.db.select().from(buyingCommitteeMembers).where(eq(buyingCommitteeMembers.dealId, dealId));
    expect(rows.map((row) => [row.contactId, row.role, row.attitude]).sort()).toEqual(
      [
        [world.contacts.olivia, 'economic_buyer', 'supporter'],
        [world.contacts.theo, 'champion', 'neutral'],
      ].sort(),
    );
  });

  it('shows a deal typed without quotes, with its committee and an edit button', async () => {
    const message = await run('deal show Grid Modernisation');
    expect(message.blocks[0].text.text).toBe('Grid Modernisation — Acme Energy');
    expect(JSON.stringify(message.blocks)).toContain('Olivia Rousseau');
    const [edit] = buttonWith(message, 'deal.committee.form');
    expect(edit?.text.text).toBe('Edit buying committee');
    expect(JSON.parse(edit!.value).value).toBe(dealId);
  });

  it('shows a deal in French', async () => {
    const message = await run('deal show "Grid Modernisation"', { user: 'W333' });
    expect(JSON.stringify(message.blocks)).toContain('Comité d’achat');
    expect(buttonWith(message, 'deal.committee.form')[0]?.text.text).toBe('Modifier le comité d’achat');
  });

  it('answers coverage with assign and power-map buttons', async () => {
    const message = await run('coverage Grid Modernisation');
    expect(message.blocks[0].text.text).toBe('Coverage of Grid Modernisation (Acme Energy)');
    const [assign] = buttonWith(message, 'deal.outreach.assign');
    expect(assign?.text.text).toBe('Assign Marc Lemaire → Théo Nguyen');
    expect(buttonWith(message, 'deal.power-map')).toHaveLength(1);
  });

  it('records the outreach when assign is clicked', async () => {
    const coverage = await run('coverage Grid Modernisation');
    const [assign] = buttonWith(coverage, 'deal.outreach.assign');
    const target = await click(assign!);
    const answer = await server.fake.waitFor('response_url', (call) => call.target === target);
    expect(answer.params.text).toBe('Marc Lemaire will reach Théo Nguyen for Grid Modernisation.');
    expect(answer.params.replace_original).toBe(false);
    const [assignment] = await store.db.select().from(outreachAssignments).where(and(eq(outreachAssignments.dealId, dealId), eq(outreachAssignments.contactId, world.contacts.theo)));
    expect(assignment?.memberId).toBe(world.members.marc);
    expect(assignment?.viaContactId).toBe(world.contacts.olivia);
    expect(assignment?.status).toBe('open');
  });

  it('logs the outreach result from its modal', async () => {
    const coverage = await run('coverage Grid Modernisation');
    const [log] = buttonWith(coverage, 'deal.outreach.log');
    expect(log?.text.text).toBe('Log result with Théo Nguyen');
    server.fake.reset();
    await click(log!);
    await server.fake.waitFor('views.open');
    const update = await server.fake.waitFor('views.update');
    const view = update.params.view;
    expect(view.callback_id).toBe('o2o:deal:outreach');
    expect(view.blocks.map((block: any) => block.block_id).filter(Boolean)).toEqual(['outcome', 'strength', 'note']);

    server.fake.reset();
    const values = { outcome: { outcome: { type: 'static_select', selected_option: { value: 'reached' } } }, strength: { strength: { type: 'static_select', selected_option: { value: '3' } } }, note: { note: { type: 'plain_text_input', value: 'Coffee at their office' } } };
    const response = await sendSigned(server, viewSubmission(ids, { callback_id: view.callback_id, private_metadata: view.private_metadata, values }, { user: 'W333' }));
    expect(JSON.parse(response.text).view.blocks[0].text.text).toBe('Prise de contact avec Théo Nguyen pour Grid Modernisation enregistrée : contact établi.');
    const [assignment] = await store.db.select().from(outreachAssignments).where(and(eq(outreachAssignments.dealId, dealId), eq(outreachAssignments.contactId, world.contacts.theo)));
    expect(assignment?.status).toBe('done');
    expect(assignment?.outcome).toBe('reached');
    const [relationship] = await store.db.select().from(relationships).where(and(eq(relationships.memberId, world.members.marc), eq(relationships.contactId, world.contacts.theo)));
    expect(relationship?.strength).toBe(3);
  });

  it('opens the committee modal for a deal without a person', async () => {
    await sendSigned(server, slashCommand(ids, 'deal committee add "Grid Modernisation"', { responseUrl: server.fake.responseUrl('committee') }));
    const loading = await server.fake.waitFor('views.open');
    expect(loading.params.view.blocks[0].text.text).toBe('Loading…');
    const update = await server.fake.waitFor('views.update');
    const view = update.params.view;
    expect(view.callback_id).toBe('o2o:deal:committee');
    expect(view.title.text).toBe('Buying committee');
    expect(view.blocks.map((block: any) => block.block_id).filter(Boolean)).toEqual(['contact', 'role', 'attitude', 'influence', 'motivations', 'tags']);
    expect(JSON.stringify(view.blocks[1])).toContain('Olivia Rousseau (Economic buyer)');
  });

  it('offers only the deal account contacts in the committee modal', async () => {
    const metadata = JSON.stringify({ origin: { source: 'command' }, dealId, dealName: 'Grid Modernisation', accountId: world.accounts.acme });
    const response = await sendSigned(server, optionsRequest(ids, 'contact', 'r', {}, { callbackId: 'o2o:deal:committee', privateMetadata: metadata }));
    const labels = JSON.parse(response.text).options.map((option: any) => option.text.text);
    expect(labels).toContain('Olivia Rousseau');
    expect(labels).not.toContain('Freya Robert');
  });

  it('adds a new contact to the committee from the modal', async () => {
    const metadata = JSON.stringify({ origin: { source: 'command' }, dealId, dealName: 'Grid Modernisation', accountId: world.accounts.acme });
    const values = {
      contact: { contact: { type: 'external_select', selected_option: { value: 'new:Nadia Benali', text: { type: 'plain_text', text: 'Create contact “Nadia Benali”' } } } },
      role: { role: { type: 'static_select', selected_option: { value: 'procurement' } } },
      attitude: { attitude: { type: 'static_select', selected_option: { value: 'sceptic' } } },
      influence: { influence: { type: 'static_select', selected_option: { value: 'low' } } },
      motivations: { motivations: { type: 'plain_text_input', value: 'Wants three quotes' } },
      tags: { tags: { type: 'multi_static_select', selected_options: [{ value: 'cost' }, { value: 'risk' }] } },
    };
    const response = await sendSigned(server, viewSubmission(ids, { callback_id: 'o2o:deal:committee', private_metadata: metadata, values }));
    expect(JSON.parse(response.text).view.blocks[0].text.text).toBe('Nadia Benali joined the buying committee of Grid Modernisation as Procurement.');
    const [nadia] = await store.db.select().from(contacts).where(and(eq(contacts.tenantId, world.tenantId), eq(contacts.name, 'Nadia Benali')));
    expect(nadia?.accountId).toBe(world.accounts.acme);
    const [seat] = await store.db.select().from(buyingCommitteeMembers).where(and(eq(buyingCommitteeMembers.dealId, dealId), eq(buyingCommitteeMembers.contactId, nadia!.id)));
    expect(seat?.attitude).toBe('sceptic');
    expect(seat?.influence).toBe('low');
    expect(seat?.motivations).toBe('Wants three quotes');
    expect(seat?.motivationTags).toEqual(['cost', 'risk']);
  });

  it('rejects a committee member of another account under the contact input', async () => {
    const metadata = JSON.stringify({ origin: { source: 'command' }, dealId, dealName: 'Grid Modernisation', accountId: world.accounts.acme });
    const values = {
      contact: { contact: { type: 'external_select', selected_option: { value: `id:${world.contacts.freya}`, text: { type: 'plain_text', text: 'Freya Robert' } } } },
      role: { role: { type: 'static_select', selected_option: { value: 'legal' } } },
    };
    const response = await sendSigned(server, viewSubmission(ids, { callback_id: 'o2o:deal:committee', private_metadata: metadata, values }));
    const body = JSON.parse(response.text);
    expect(body.response_action).toBe('errors');
    expect(body.errors.contact).toBe('This person works at another account than the deal. Pick a contact of the deal’s account.');
  });

  it('uploads the power map as a PNG into the channel', async () => {
    await sendSigned(server, slashCommand(ids, 'map Grid Modernisation', { responseUrl: server.fake.responseUrl('map'), channel: 'CDEALS' }));
    const upload = await server.fake.waitFor('file_upload');
    expect(upload.bytes!.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const requested = server.fake.callsTo('files.getUploadURLExternal')[0]!;
    expect(Number(requested.params.length)).toBe(upload.bytes!.length);
    expect(requested.params.alt_text).toMatch(/^Power map of Grid Modernisation: \d+ people/);
    const completed = await server.fake.waitFor('files.completeUploadExternal');
    expect(completed.params.channel_id).toBe('CDEALS');
    expect(completed.params.initial_comment).toContain('Shared by <@W111>. Private relationships are left out.');
    expect(server.fake.callsTo('response_url')).toHaveLength(0);
  });

  it('explains when it may not post the map in a channel', async () => {
    server.fake.channelErrors.set('CPRIVATE', 'channel_not_found');
    const message = await run('map "Acme Energy"', { channel: 'CPRIVATE' });
    expect(message.response_type).toBe('ephemeral');
    expect(message.text).toBe('o2o cannot post the power map here: it is not a member of this conversation. Invite it with /invite @o2o, or ask in a channel o2o is in.');
    expect(JSON.stringify(message.blocks)).toContain('Power map of Acme Energy');
  });

  it('uploads the power map from the coverage button', async () => {
    const coverage = await run('coverage Grid Modernisation', { channel: 'CDEALS' });
    const [map] = buttonWith(coverage, 'deal.power-map');
    server.fake.reset();
    await click(map!, { channel: 'CDEALS' });
    const upload = await server.fake.waitFor('file_upload');
    expect(upload.bytes!.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const completed = await server.fake.waitFor('files.completeUploadExternal');
    expect(completed.params.channel_id).toBe('CDEALS');
  });

  it('lists deal, coverage and map in the help, in both languages', async () => {
    const english = JSON.stringify((await run('help')).blocks);
    for (const syntax of ['coverage DEAL|ACCOUNT [--top N]', 'map DEAL|ACCOUNT [--limit N]', 'digest subscribe|unsubscribe|list|preview', 'ask @MEMBER about PERSON']) expect(english).toContain(syntax);
    const french = JSON.stringify((await run('help', { user: 'W333' })).blocks);
    expect(french).toContain('coverage AFFAIRE|COMPTE [--top N]');
    expect(french).toContain('ask @MEMBRE about PERSONNE');
  });
});
