// Reading a Slack message of any shape into text, mentions and author.
import { describe, expect, it } from 'vitest';

import { nameMentions, readMessage } from '../../src/slack/message-content.js';

describe('readMessage', () => {
  it('reads plain text and its mentions', () => {
    const content = readMessage({ type: 'message', user: 'U1', text: 'Met <@U2> and <@W3|siobhan>, then <@U2> again' });
    expect(content.text).toBe('Met <@U2> and <@W3|siobhan>, then <@U2> again');
    expect(content.mentionedUserIds).toEqual(['U2', 'W3']);
    expect(content.authorUserId).toBe('U1');
  });

  it('prefers rich text blocks to the text fallback', () => {
    const content = readMessage({
      type: 'message',
      user: 'U1',
      text: 'fallback',
      blocks: [
        {
          type: 'rich_text',
          elements: [
            { type: 'rich_text_section', elements: [{ type: 'text', text: 'See ' }, { type: 'link', url: 'https://acme.example', text: 'the site' }, { type: 'text', text: ' with ' }, { type: 'user', user_id: 'U9' }] },
            { type: 'rich_text_list', style: 'ordered', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }, { type: 'rich_text_section', elements: [{ type: 'text', text: 'two' }] }] },
            { type: 'rich_text_quote', elements: [{ type: 'text', text: 'quoted\nlines' }] },
            { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'code' }] },
          ],
        },
      ],
    });
    expect(content.text).toBe('See <https://acme.example|the site> with <@U9>\n1. one\n2. two\n> quoted\n> lines\ncode');
    expect(content.mentionedUserIds).toEqual(['U9']);
  });

  it('reads section and header blocks of app messages', () => {
    const content = readMessage({ type: 'message', bot_id: 'B1', text: '', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Deal won' } }, { type: 'section', text: { type: 'mrkdwn', text: 'Acme' }, fields: [{ type: 'mrkdwn', text: '*Owner* <@U4>' }] }] });
    expect(content.text).toBe('Deal won\nAcme\n*Owner* <@U4>');
    expect(content.authorUserId).toBeUndefined();
    expect(content.mentionedUserIds).toEqual(['U4']);
  });

  it('reads attachments, including shared messages and fields', () => {
    const content = readMessage({
      type: 'message',
      user: 'U1',
      text: 'FYI',
      attachments: [
        { fallback: 'x', pretext: 'Shared', author_name: 'Olivia Rousseau', text: 'Pricing attached', fields: [{ title: 'Amount', value: '120k' }] },
        { fallback: 'Only a fallback' },
        { is_msg_unfurl: true, message_blocks: [{ message: { blocks: [{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'unfurled' }] }] }] } }] },
      ],
    });
    expect(content.text).toBe('FYI\n\nShared\nOlivia Rousseau\nPricing attached\nAmount: 120k\n\nOnly a fallback\n\nunfurled');
  });

  it('names bot authors and never takes them for members', () => {
    expect(readMessage({ type: 'message', subtype: 'bot_message', bot_id: 'B1', username: 'Mail Bridge', text: 'hi' })).toEqual({ text: 'hi', mentionedUserIds: [], botName: 'Mail Bridge' });
    expect(readMessage({ type: 'message', bot_id: 'B1', user: 'U5', bot_profile: { name: 'CRM' }, text: 'hi' })).toMatchObject({ botName: 'CRM' });
  });

  it('lists shared files by title', () => {
    expect(readMessage({ type: 'message', subtype: 'file_share', user: 'U1', text: '', files: [{ name: 'a.pdf', title: 'Proposal' }, { name: 'b.png' }] }).text).toBe('[Proposal]\n[b.png]');
  });

  it('reads an empty or odd message without failing', () => {
    expect(readMessage({ type: 'message', user: 'U1', text: '' })).toEqual({ text: '', mentionedUserIds: [], authorUserId: 'U1' });
    expect(readMessage({ type: 'message', blocks: 'not blocks', attachments: [null], files: {} } as never)).toEqual({ text: '', mentionedUserIds: [] });
  });

  it('renders emoji from their code points', () => {
    const content = readMessage({ type: 'message', user: 'U1', blocks: [{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'emoji', name: 'flag-fr', unicode: '1f1eb-1f1f7' }, { type: 'emoji', name: 'custom' }] }] }] });
    expect(content.text).toBe('🇫🇷:custom:');
  });
});

describe('nameMentions', () => {
  it('replaces mentions by names, labels or ids', () => {
    expect(nameMentions('<@U1> <@U2|marc> <@U3>', new Map([['U1', 'Hélène Caron']]))).toBe('@Hélène Caron @marc @U3');
  });
});
