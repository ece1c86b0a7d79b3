// The two message shortcuts end to end, on every message shape Slack delivers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Store } from '../../src/store/database.js';
import { openTestStore } from '../helpers/store.js';
import { sendSigned, startSlackServer, uniqueIds, type SlackServer } from './helpers/harness.js';
import { messageShortcut } from './helpers/payloads.js';
import { seedWorld, type SeededWorld } from './helpers/seed.js';

const TS = '1764590400.000200'; // 2025-12-01T12:00:00Z

const SIGNATURE_TEXT = 'Thanks for the call.\n\nBest regards,\nNadia Benali\nHead of Procurement\nAcme Energy\nMobile: +44 7700 900123\n<mailto:nadia.benali@acme-energy.example|nadia.benali@acme-energy.example>';

const shapes: Array<[string, Record<string, unknown>]> = [
  ['plain text', { type: 'message', user: 'W333', ts: TS, text: SIGNATURE_TEXT }],
  [
    'rich text blocks',
    {
      type: 'message',
      user: 'W333',
      ts: TS,
      text: 'fallback that should not be used',
      blocks: [
        {
          type: 'rich_text',
          block_id: 'x',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'text', text: 'Thanks for the call.\n\nBest regards,\nNadia Benali\nHead of Procurement\nAcme Energy\nMobile: +44 7700 900123\n' },
                { type: 'link', url: 'mailto:nadia.benali@acme-energy.example', text: 'nadia.benali@acme-energy.example' },
              ],
            },
          ],
        },
      ],
    },
  ],
  ['an attachment', { type: 'message', user: 'W333', ts: TS, text: '', attachments: [{ fallback: 'forwarded', pretext: 'Forwarded e-mail', text: SIGNATURE_TEXT }] }],
  ['a bot message', { type: 'message', subtype: 'bot_message', bot_id: 'B123', username: 'Mail Bridge', ts: TS, text: SIGNATURE_TEXT }],
  ['a file share', { type: 'message', subtype: 'file_share', user: 'W333', ts: TS, text: SIGNATURE_TEXT, files: [{ id: 'F1', name: 'card.png', title: 'Business card' }] }],
  ['an edited message', { type: 'message', user: 'W333', ts: TS, text: SIGNATURE_TEXT, edited: { user: 'W333', ts: '1764590500.000000' } }],
];

describe('message shortcuts', () => {
  let store: Store;
  let server: SlackServer;
  let world: SeededWorld;
  const ids = uniqueIds();

  beforeAll(async () => {
    store = await openTestStore();
    world = await seedWorld(store, ids.team);
    server = await startSlackServer({ store });
    server.fake.users.set('W111', { id: 'W111', name: 'Hélène Caron' });
    server.fake.users.set('W333', { id: 'W333', name: 'Marc Lemaire', locale: 'fr-FR' });
    server.fake.users.set('W555', { id: 'W555', name: 'Siobhan Kelly' });
    server.fake.users.set('WEXT', { id: 'WEXT', name: 'Nadia Benali', email: 'nadia.benali@acme-energy.example', teamId: 'T-guest', stranger: true });
  });

  afterAll(async () => {
    await server.close();
    await store.close();
  });

  beforeEach(() => server.fake.reset());

  async function shortcut(callbackId: string, message: Record<string, unknown>, user = 'W111') {
    const response = await sendSigned(server, messageShortcut(ids, callbackId, message, { user, responseUrl: server.fake.responseUrl() }));
    expect(response.status).toBe(200);
    const loading = await server.fake.waitFor('views.open');
    const update = await server.fake.waitFor('views.update');
    expect(update.params.view_id).toBe(loading.result?.view.id);
    return { loading: loading.params.view, view: update.params.view };
  }

  const input = (view: any, blockId: string) => view.blocks.find((block: any) => block.block_id === blockId)?.element;

  describe('add contact from this message', () => {
    it.each(shapes)('reads the signature from %s', async (_shape, message) => {
      const { loading, view } = await shortcut('o2o_add_contact', message);
      expect(loading.blocks[0].text.text).toBe('Loading…');
      expect(view.callback_id).toBe('o2o:form:contact');
      expect(input(view, 'name').initial_value).toBe('Nadia Benali');
      expect(input(view, 'title').initial_value).toBe('Head of Procurement');
      expect(input(view, 'email').initial_value).toBe('nadia.benali@acme-energy.example');
      expect(input(view, 'phone').initial_value).toBe('+44 7700 900123');
      expect(input(view, 'account').initial_option.value).toBe(`id:${world.accounts.acme}`);
    });

    it('offers to create the company as an account', async () => {
      const { view } = await shortcut('o2o_add_contact', { type: 'message', user: 'W333', ts: TS, text: 'Inès Martin\nDirectrice financière\nGlobex Industries' });
      expect(input(view, 'account').initial_option).toEqual({ text: { type: 'plain_text', text: 'Create account “Globex Industries”', emoji: true }, value: 'new:Globex Industries' });
      expect(input(view, 'title').initial_value).toBe('Directrice financière');
    });

    it('falls back to the profile of a guest author', async () => {
      const { view } = await shortcut('o2o_add_contact', { type: 'message', user: 'WEXT', ts: TS, text: 'See you on Monday' });
      expect(input(view, 'name').initial_value).toBe('Nadia Benali');
      expect(input(view, 'email').initial_value).toBe('nadia.benali@acme-energy.example');
    });

    it('opens an empty form for an empty message, in French', async () => {
      const { view } = await shortcut('o2o_add_contact', { type: 'message', user: 'W111', ts: TS, text: '' }, 'W333');
      expect(view.title.text).toBe('Ajouter un contact');
      expect(input(view, 'name').initial_value).toBeUndefined();
    });
  });

  describe('log interaction from this message', () => {
    it('prefills text, permalink, author and mentions', async () => {
      const message = { type: 'message', user: 'W333', ts: TS, text: 'Met <@WEXT> with <@W555> about the renewal' };
      const { view } = await shortcut('o2o_log_interaction', message);
      expect(view.callback_id).toBe('o2o:form:interaction');
      expect(input(view, 'note').initial_value).toBe('Marc Lemaire: Met @Nadia Benali with @Siobhan Kelly about the renewal');
      expect(input(view, 'messageLink').initial_value).toBe(`https://fake.example/archives/C111/p${TS.replace('.', '')}`);
      // The guest is a customer, not one of our members.
      expect(input(view, 'members').initial_users).toEqual(['W111', 'W333', 'W555']);
      expect(input(view, 'occurredOn').initial_date).toBe('2025-12-01');
      expect(input(view, 'channel').initial_option.value).toBe('chat');
      const permalink = server.fake.callsTo('chat.getPermalink')[0];
      expect(permalink?.params).toMatchObject({ channel: 'C111', message_ts: TS });
    });

    it('reads mentions inside rich text blocks', async () => {
      const message = {
        type: 'message',
        user: 'W333',
        ts: TS,
        text: '',
        blocks: [
          {
            type: 'rich_text',
            elements: [
              { type: 'rich_text_section', elements: [{ type: 'text', text: 'Call with ' }, { type: 'user', user_id: 'W555' }, { type: 'emoji', name: 'telephone_receiver', unicode: '1f4de' }] },
              { type: 'rich_text_list', style: 'bullet', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'pricing' }] }] },
            ],
          },
        ],
      };
      const { view } = await shortcut('o2o_log_interaction', message);
      expect(input(view, 'note').initial_value).toBe('Marc Lemaire: Call with @Siobhan Kelly📞\n• pricing');
      expect(input(view, 'members').initial_users).toEqual(['W111', 'W333', 'W555']);
    });

    it.each(shapes)('opens the form for %s', async (_shape, message) => {
      const { view } = await shortcut('o2o_log_interaction', message);
      expect(input(view, 'note').initial_value).toContain('Nadia Benali');
    });

    it('names a bot author by its name', async () => {
      const { view } = await shortcut('o2o_log_interaction', { type: 'message', subtype: 'bot_message', bot_id: 'B1', bot_profile: { name: 'Mail Bridge' }, ts: TS, text: 'Forwarded: pricing' });
      expect(input(view, 'note').initial_value).toBe('Mail Bridge: Forwarded: pricing');
      expect(input(view, 'members').initial_users).toEqual(['W111']);
    });

    it('opens the form for an empty message', async () => {
      const { view } = await shortcut('o2o_log_interaction', { type: 'message', user: 'W111', ts: TS, text: '', files: [] });
      expect(input(view, 'note').initial_value).toBeUndefined();
      expect(input(view, 'members').initial_users).toEqual(['W111']);
    });

    it('opens the form when the permalink cannot be read', async () => {
      const { view } = await shortcut('o2o_log_interaction', { type: 'message', user: 'W111', ts: 'not-a-ts', text: 'hello' });
      expect(view.callback_id).toBe('o2o:form:interaction');
    });
  });
});
