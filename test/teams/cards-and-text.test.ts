import { describe, expect, it } from 'vitest';

import type { Reply } from '../../src/app/reply.js';
import { loadEnv } from '../../src/config/env.js';
import { translator } from '../../src/i18n/index.js';
import { baseConversationId, commandTextOf } from '../../src/teams/activity.js';
import { CARD_BUDGET_BYTES, cardBytes, renderReplyCard } from '../../src/teams/cards/reply-card.js';
import { aadObjectIdOf, mentionUserId } from '../../src/teams/commands/mentions.js';
import { resolveTeamsConfig } from '../../src/teams/config.js';
import { backoffDelay } from '../../src/teams/connector-errors.js';
import { ConversationCache } from '../../src/teams/conversations.js';
import { htmlToText } from '../../src/teams/html.js';

const t = translator('en');
const APP_ID = '3f2b6f4e-1c1d-4c7a-9d5e-5b1f0c2a7e11';

describe('htmlToText', () => {
  it('turns blocks and breaks into lines', () => {
    expect(htmlToText('<div>Hello<br>world</div><p>Bye</p>')).toBe('Hello\nworld\nBye');
  });

  it('decodes entities', () => {
    expect(htmlToText('AT&amp;T &lt;3 caf&#233; &nbsp;ok')).toBe('AT&T <3 café ok');
  });

  it('reads mentions as names', () => {
    expect(htmlToText('<div><at id="0">Relay Bot</at> - Hi</div>')).toBe('Relay Bot - Hi');
  });

  it('lists items with dashes', () => {
    expect(htmlToText('<ul><li>one</li><li>two</li></ul>')).toBe('- one\n- two');
  });
});

describe('commandTextOf', () => {
  const bot = { id: '28:bot', name: 'o2o' };
  const bob = { id: '29:bob', name: 'Bob' };

  it('drops the bot mention and keeps others as rendered', () => {
    const activity = {
      text: '<at>o2o</at> who-knows <at>Bob</at>',
      recipient: bot,
      entities: [
        { type: 'mention', text: '<at>o2o</at>', mentioned: bot },
        { type: 'mention', text: '<at>Bob</at>', mentioned: bob },
      ],
    };
    expect(commandTextOf(activity as never, (user) => `<@X|${user.name}>`)).toBe('who-knows <@X|Bob>');
  });

  it('drops a bot mention that has no entity', () => {
    expect(commandTextOf({ text: '<at>o2o</at>&nbsp;help', recipient: bot } as never)).toBe('help');
  });

  it('reads an empty message as empty', () => {
    expect(commandTextOf({ recipient: bot } as never)).toBe('');
  });
});

describe('conversation ids', () => {
  it('drops the thread of a channel reply', () => {
    expect(baseConversationId('19:abc@thread.skype;messageid=1611060744833')).toBe('19:abc@thread.skype');
  });
});

describe('mention user ids', () => {
  it('round-trip an Entra object id', () => {
    const aad = '1eecd444-f49f-32f9-a2ff-14ad53152526';
    expect(mentionUserId(aad)).toBe('U1EECD444F49F32F9A2FF14AD53152526');
    expect(aadObjectIdOf(mentionUserId(aad))).toBe(aad);
  });

  it('reject a Slack user id', () => {
    expect(aadObjectIdOf('U024BE7LH')).toBeUndefined();
  });
});

describe('renderReplyCard', () => {
  const reply: Reply = {
    text: 'Acme',
    blocks: [
      { type: 'heading', text: 'Acme' },
      { type: 'fields', fields: [{ label: 'Contacts', value: '3' }] },
      { type: 'divider' },
      { type: 'table', columns: ['Name', 'Title'], rows: [['Jane', 'CFO']] },
      { type: 'actions', actions: [{ id: 'run', label: 'Next page', value: 'who Acme page 2', style: 'primary' }] },
    ],
  };

  it('renders schema 1.5 elements', () => {
    const card = renderReplyCard(reply, t);
    expect(card.version).toBe('1.5');
    expect(card.body.map((element) => element.type)).toEqual(['TextBlock', 'FactSet', 'Table', 'ActionSet']);
    expect(card.body[2]!.separator).toBe(true);
  });

  it('carries the command in the button data', () => {
    const card = renderReplyCard(reply, t);
    const action = (card.body[3]!.actions as any[])[0];
    expect(action.type).toBe('Action.Submit');
    expect(action.data).toEqual({ verb: 'o2o', actionId: 'run', value: 'who Acme page 2' });
    expect(action.style).toBe('positive');
  });

  it('marks an error reply', () => {
    const card = renderReplyCard({ text: 'No', blocks: [{ type: 'text', text: 'No' }], error: { code: 'not_found' } }, t);
    expect(card.body[0]!.color).toBe('Attention');
  });

  it('stays under the size budget and says what it left out', () => {
    const items = Array.from({ length: 400 }, (_, index) => ({ title: `Contact ${index}`, subtitle: 'Head of something rather long', lines: ['x'.repeat(120)] }));
    const card = renderReplyCard({ text: 'many', blocks: [{ type: 'items', items }] }, t);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    const note = card.body.at(-1)!;
    expect(note.text).toMatch(/^\d+ more entries do not fit/);
  });
});

describe('resolveTeamsConfig', () => {
  it('is disabled by default', () => {
    expect(resolveTeamsConfig(loadEnv({})).mode).toBe('disabled');
  });

  it('is local only when asked', () => {
    expect(resolveTeamsConfig(loadEnv({ TEAMS_LOCAL_MODE: 'true' })).mode).toBe('local');
  });

  it('rejects local mode with an app id', () => {
    expect(() => resolveTeamsConfig(loadEnv({ TEAMS_LOCAL_MODE: 'true', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' }))).toThrow(/TEAMS_LOCAL_MODE/);
  });

  it('rejects an app id without password or certificate', () => {
    expect(() => resolveTeamsConfig(loadEnv({ MicrosoftAppId: APP_ID }))).toThrow(/MicrosoftAppPassword/);
  });

  it('asks a single-tenant app for its tenant', () => {
    expect(() => resolveTeamsConfig(loadEnv({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }))).toThrow(/MicrosoftAppTenantId/);
  });

  it('reads a certificate key file', () => {
    const env = loadEnv({ MicrosoftAppId: APP_ID, MicrosoftAppCertificateThumbprint: 'a'.repeat(40), MicrosoftAppCertificateKeyFile: '/keys/bot.pem' });
    const config = resolveTeamsConfig(env, () => '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n');
    expect(config.mode).toBe('authenticated');
    expect(config.mode === 'authenticated' ? config.credentials.certificate?.thumbprint : undefined).toBe('a'.repeat(40));
  });

  it('rejects a key file without a private key', () => {
    const env = loadEnv({ MicrosoftAppId: APP_ID, MicrosoftAppCertificateThumbprint: 'a'.repeat(40), MicrosoftAppCertificateKeyFile: '/keys/bot.pem' });
    expect(() => resolveTeamsConfig(env, () => 'not a key')).toThrow(/MicrosoftAppCertificateKeyFile/);
  });
});

describe('backoffDelay', () => {
  const policy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000 };

  it('doubles each retry, with jitter from half to all', () => {
    expect(backoffDelay(policy, 1, () => 0)).toBe(500);
    expect(backoffDelay(policy, 3, () => 1)).toBe(4_000);
  });

  it('never exceeds the ceiling', () => {
    expect(backoffDelay(policy, 20, () => 1)).toBe(30_000);
  });
});

describe('ConversationCache', () => {
  const activity = { conversation: { id: 'a:1', conversationType: 'personal' }, serviceUrl: 'http://127.0.0.1/', recipient: { id: '28:bot' }, channelId: 'msteams' };

  it('asks for a write once, then after an hour', () => {
    let now = 0;
    const cache = new ConversationCache(10, 3_600_000, () => now);
    expect(cache.isStale('t', activity as never, 'm')).toBe(true);
    cache.remember('t', activity as never, 'm');
    expect(cache.isStale('t', activity as never, 'm')).toBe(false);
    now = 3_600_001;
    expect(cache.isStale('t', activity as never, 'm')).toBe(true);
  });

  it('asks for a write when the service URL changes', () => {
    const cache = new ConversationCache();
    cache.remember('t', activity as never, 'm');
    expect(cache.isStale('t', { ...activity, serviceUrl: 'http://127.0.0.2/' } as never, 'm')).toBe(true);
  });
});
