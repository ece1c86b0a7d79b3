// Block Kit rendering of replies: every page within Slack's limits, whatever the reply's size.
import { describe, expect, it } from 'vitest';

import type { Reply, ReplyItem } from '../../src/app/reply.js';
import { translator } from '../../src/i18n/index.js';
import { decodeAction } from '../../src/slack/render/actions.js';
import { LIMITS, paginate, renderBlocks, renderMessage, textSize, type SlackBlock } from '../../src/slack/render/blocks.js';
import { escapeMrkdwn, splitText, truncate } from '../../src/slack/render/mrkdwn.js';

const t = translator('en');

function item(index: number, lineLength = 120): ReplyItem {
  return { title: `Contact ${index} — Société Générale`, subtitle: 'Directrice des achats', lines: [`${'x'.repeat(lineLength)} ${index}`, 'Known by Hélène Caron (4, strong)'] };
}

function bigReply(items: number, lineLength = 120): Reply {
  return {
    text: `${items} contacts`,
    blocks: [
      { type: 'heading', text: 'Who knows whom at Société Générale' },
      { type: 'items', items: Array.from({ length: items }, (_, index) => item(index, lineLength)) },
      { type: 'fields', fields: Array.from({ length: 23 }, (_, index) => ({ label: `Field ${index}`, value: 'v'.repeat(2_500) })) },
      { type: 'actions', actions: Array.from({ length: 60 }, (_, index) => ({ id: 'run', label: `Option ${index} ${'l'.repeat(100)}`, value: `who "Account ${index}"` })) },
      { type: 'text', text: 'word '.repeat(3_000) },
    ],
  };
}

/** Checks every limit of a message's blocks. */
function expectWithinLimits(blocks: SlackBlock[]) {
  expect(blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
  expect(blocks.reduce((sum, block) => sum + textSize(block), 0)).toBeLessThanOrEqual(12_000);
  for (const block of blocks as any[]) {
    if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    if (block.type === 'section' && block.fields) {
      expect(block.fields.length).toBeLessThanOrEqual(LIMITS.sectionFields);
      for (const field of block.fields) expect(field.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
    }
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    if (block.type === 'actions') {
      expect(block.elements.length).toBeLessThanOrEqual(LIMITS.actionsElements);
      for (const element of block.elements) {
        expect(element.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
        expect(element.value.length).toBeLessThanOrEqual(2_000);
      }
      const ids = block.elements.map((element: any) => element.action_id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  }
}

describe('renderMessage', () => {
  it('keeps every page of a huge reply within the limits', () => {
    const reply = bigReply(400);
    const first = renderMessage(reply, { t, line: 'who "Société Générale"', shareable: true });
    expect(first.pageCount).toBeGreaterThan(3);
    for (let part = 0; part < first.pageCount; part++) {
      const page = renderMessage(reply, { t, line: 'who "Société Générale"', part, shareable: true });
      expectWithinLimits(page.blocks);
      expect(page.text.length).toBeGreaterThan(0);
    }
  });

  it('adds show more on every page but the last', () => {
    const reply = bigReply(200);
    const first = renderMessage(reply, { t, line: 'contacts Acme', part: 0 });
    const more = (first.blocks.at(-1) as any).elements[0];
    expect(more.text.text).toBe(`Show more (2/${first.pageCount})`);
    expect(decodeAction(more.value)).toEqual({ line: 'contacts Acme', part: 1 });
    const last = renderMessage(reply, { t, line: 'contacts Acme', part: first.pageCount - 1 });
    const buttons = last.blocks.filter((block) => block.type === 'actions').flatMap((block: any) => block.elements);
    expect(buttons.some((button: any) => button.action_id.startsWith('o2o:more'))).toBe(false);
  });

  it('says which page is shown', () => {
    const page = renderMessage(bigReply(200), { t, line: 'who Acme', part: 1 });
    expect(JSON.stringify(page.blocks)).toContain('Page 2 of');
    expect(page.text).toBe('200 contacts (continued)');
  });

  it('clamps a page past the end', () => {
    const page = renderMessage({ text: 'Short', blocks: [{ type: 'text', text: 'Short' }] }, { t, line: 'who Acme', part: 9 });
    expect(page.pageCount).toBe(1);
    expect((page.blocks[0] as any).text.text).toBe('Short');
  });

  it('offers share only for shareable replies', () => {
    const reply: Reply = { text: 'x', blocks: [{ type: 'text', text: 'x' }] };
    expect(JSON.stringify(renderMessage(reply, { t, line: 'who A', shareable: true }).blocks)).toContain('Share in channel');
    expect(JSON.stringify(renderMessage(reply, { t, line: 'who A', shareable: false }).blocks)).not.toContain('Share in channel');
  });

  it('always sends a fallback text, escaped and within 3,000 characters', () => {
    const page = renderMessage({ text: `<!channel> & ${'y'.repeat(5_000)}`, blocks: [] }, { t });
    expect(page.text.startsWith('&lt;!channel&gt; &amp; ')).toBe(true);
    expect(page.text.length).toBeLessThanOrEqual(3_000);
  });
});

describe('renderBlocks', () => {
  it('escapes user data so it cannot mention or link', () => {
    const [block] = renderBlocks([{ type: 'text', text: '<!here> <@U1> a & b' }]) as any[];
    expect(block.text.text).toBe('&lt;!here&gt; &lt;@U1&gt; a &amp; b');
  });

  it('splits more than 10 fields into several sections', () => {
    const blocks = renderBlocks([{ type: 'fields', fields: Array.from({ length: 23 }, (_, index) => ({ label: `L${index}`, value: 'v' })) }]) as any[];
    expect(blocks.map((block) => block.fields.length)).toEqual([10, 10, 3]);
  });

  it('splits more than 25 buttons into several actions blocks', () => {
    const blocks = renderBlocks([{ type: 'actions', actions: Array.from({ length: 30 }, (_, index) => ({ id: 'run', label: `B${index}`, value: 'help' })) }], 'help') as any[];
    expect(blocks.map((block) => block.elements.length)).toEqual([25, 5]);
    expect(decodeAction(blocks[0].elements[0].value)).toEqual({ id: 'run', value: 'help', line: 'help' });
  });

  it('renders a table as lines', () => {
    const [block] = renderBlocks([{ type: 'table', columns: ['Name', 'Strength'], rows: [['Olivia', '5']] }]) as any[];
    expect(block.text.text).toBe('*Name · Strength*\n*Olivia* · Strength: 5');
  });

  it('packs items into as few sections as fit', () => {
    const blocks = renderBlocks([{ type: 'items', items: Array.from({ length: 10 }, (_, index) => item(index, 10)) }]);
    expect(blocks).toHaveLength(1);
  });
});

describe('paginate', () => {
  it('keeps room for the navigation blocks', () => {
    const blocks: SlackBlock[] = Array.from({ length: 120 }, () => ({ type: 'divider' }));
    const pages = paginate(blocks);
    expect(pages.map((page) => page.length)).toEqual([48, 48, 24]);
  });
});

describe('mrkdwn helpers', () => {
  it('splits at line breaks, then spaces, never inside an entity', () => {
    expect(splitText('aaa\nbbb', 5)).toEqual(['aaa', 'bbb']);
    expect(splitText('aaaa bbbb', 6)).toEqual(['aaaa', 'bbbb']);
    expect(splitText('abc&amp;def', 5)).toEqual(['abc', '&amp;', 'def']);
  });

  it('truncates with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(escapeMrkdwn('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
  });
});
