// Renders the platform-neutral Reply as Block Kit within Slack's limits, and splits a long reply
// into pages a "show more" button walks through, so Slack never rejects a message as too long.
import type { types } from '@slack/bolt';

import type { Reply, ReplyAction, ReplyBlock, ReplyItem } from '../../app/reply.js';
import type { Translate } from '../../i18n/index.js';
import { actionId, encodeAction, type ActionKind, type ActionValue } from './actions.js';
import { bold, escapeMrkdwn, splitText, truncate } from './mrkdwn.js';

export type SlackBlock = types.KnownBlock;

/** Block Kit limits, from Slack's Block Kit reference (2026). */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3_000,
  sectionFields: 10,
  fieldText: 2_000,
  headerText: 150,
  actionsElements: 25,
  buttonText: 75,
  contextText: 3_000,
  // Undocumented ceiling of a message's total block text (about 12,000 characters reported);
  // pages stay well under it.
  messageText: 11_000,
  fallbackText: 3_000,
} as const;

// Blocks and text kept free on each page for the navigation buttons.
const RESERVED_BLOCKS = 2;
const RESERVED_TEXT = 400;

function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text };
}

function sections(text: string): SlackBlock[] {
  return splitText(text, LIMITS.sectionText).map((piece) => ({ type: 'section', text: mrkdwn(piece) }));
}

function itemText(item: ReplyItem): string {
  const head = item.subtitle ? `${bold(escapeMrkdwn(item.title))} — ${escapeMrkdwn(item.subtitle)}` : bold(escapeMrkdwn(item.title));
  return [head, ...(item.lines ?? []).map((line) => escapeMrkdwn(line))].join('\n');
}

/** Packs paragraphs into as few sections as the section limit allows. */
function packedSections(paragraphs: string[], separator: string): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let current = '';
  for (const paragraph of paragraphs) {
    const candidate = current ? `${current}${separator}${paragraph}` : paragraph;
    if (candidate.length <= LIMITS.sectionText) {
      current = candidate;
      continue;
    }
    if (current) blocks.push(...sections(current));
    current = paragraph;
  }
  if (current) blocks.push(...sections(current));
  return blocks;
}

// Ten full fields would hold 20,000 characters: a section of fields also stops at this size,
// so that one block always fits in a page.
const FIELDS_TEXT = 5_000;

function fieldBlocks(fields: Array<{ label: string; value: string }>): SlackBlock[] {
  const texts = fields.map((field) => truncate(`${bold(escapeMrkdwn(field.label))}\n${escapeMrkdwn(field.value)}`, LIMITS.fieldText));
  const blocks: SlackBlock[] = [];
  let chunk: string[] = [];
  let size = 0;
  for (const text of texts) {
    if (chunk.length === LIMITS.sectionFields || (chunk.length > 0 && size + text.length > FIELDS_TEXT)) {
      blocks.push({ type: 'section', fields: chunk.map(mrkdwn) });
      chunk = [];
      size = 0;
    }
    chunk.push(text);
    size += text.length;
  }
  if (chunk.length > 0) blocks.push({ type: 'section', fields: chunk.map(mrkdwn) });
  return blocks;
}

// A label followed by its value; French puts a space before the colon, so a translation sets it.
type Labelled = (label: string, value: string) => string;

const englishLabelled: Labelled = (label, value) => `${label}: ${value}`;

function tableLines(columns: string[], rows: string[][], labelled: Labelled): string[] {
  return rows.map((row) =>
    row
      .map((cell, index) => (index === 0 ? bold(escapeMrkdwn(cell)) : labelled(escapeMrkdwn(columns[index] ?? ''), escapeMrkdwn(cell))))
      .join(' · '),
  );
}

/** Builds a button for a reply action; returns null when its value would not fit. */
export function button(kind: ActionKind, index: number, label: string, value: ActionValue, style?: 'primary' | 'danger'): types.Button | null {
  const encoded = encodeAction(value);
  if (!encoded) return null;
  return {
    type: 'button',
    action_id: actionId(kind, index),
    text: { type: 'plain_text', text: truncate(label, LIMITS.buttonText), emoji: true },
    value: encoded,
    ...(style && { style }),
  };
}

function actionBlocks(actions: ReplyAction[], line: string | undefined, counter: { next: number }): SlackBlock[] {
  const buttons = actions.flatMap((action) => {
    const built = button('reply', counter.next++, action.label, { id: action.id, value: action.value, ...(line && { line }) }, action.style);
    return built ? [built] : [];
  });
  const blocks: SlackBlock[] = [];
  for (let start = 0; start < buttons.length; start += LIMITS.actionsElements) {
    blocks.push({ type: 'actions', elements: buttons.slice(start, start + LIMITS.actionsElements) });
  }
  return blocks;
}

function renderBlock(block: ReplyBlock, line: string | undefined, counter: { next: number }, labelled: Labelled): SlackBlock[] {
  switch (block.type) {
    case 'heading':
      return [{ type: 'header', text: { type: 'plain_text', text: truncate(block.text, LIMITS.headerText), emoji: true } }];
    case 'text':
      return sections(escapeMrkdwn(block.text));
    case 'context':
      return [{ type: 'context', elements: [mrkdwn(truncate(escapeMrkdwn(block.text), LIMITS.contextText))] }];
    case 'divider':
      return [{ type: 'divider' }];
    case 'fields':
      return fieldBlocks(block.fields);
    case 'items':
      return packedSections(block.items.map(itemText), '\n\n');
    case 'table':
      return packedSections([bold(block.columns.map(escapeMrkdwn).join(' · ')), ...tableLines(block.columns, block.rows, labelled)], '\n');
    case 'actions':
      return actionBlocks(block.actions, line, counter);
    case 'image':
      return [{ type: 'image', image_url: block.url, alt_text: truncate(block.alt || ' ', 2_000) }];
  }
}

/**
 * Renders every block of a reply; `line` is the command line its buttons refer back to. `t` sets
 * how a table cell follows its column name; without it the English form is used.
 */
export function renderBlocks(blocks: ReplyBlock[], line?: string, t?: Translate): SlackBlock[] {
  const counter = { next: 0 };
  const labelled: Labelled = t ? (label, value) => t('labelled', { label, value }) as string : englishLabelled;
  return blocks.flatMap((block) => renderBlock(block, line, counter, labelled));
}

/** Counts the characters of a block that count towards Slack's per-message text ceiling. */
export function textSize(block: SlackBlock): number {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') return;
    if (Array.isArray(value)) return value.forEach(visit);
    if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'text' && typeof child === 'string') texts.push(child);
        else visit(child);
      }
    }
  };
  visit(block);
  return texts.reduce((sum, text) => sum + text.length, 0);
}

/** Splits blocks into pages that each fit one message with room for navigation buttons. */
export function paginate(blocks: SlackBlock[], maxBlocks: number = LIMITS.messageBlocks): SlackBlock[][] {
  const pages: SlackBlock[][] = [];
  let page: SlackBlock[] = [];
  let size = 0;
  for (const block of blocks) {
    const blockSize = textSize(block);
    const full = page.length + 1 > maxBlocks - RESERVED_BLOCKS || size + blockSize > LIMITS.messageText - RESERVED_TEXT;
    if (full && page.length > 0) {
      pages.push(page);
      page = [];
      size = 0;
    }
    page.push(block);
    size += blockSize;
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}

export interface RenderedMessage {
  text: string;
  blocks: SlackBlock[];
  pageCount: number;
}

export interface MessageOptions {
  t: Translate;
  /** The command line that produced the reply, for "show more" and "share". */
  line?: string;
  /** Zero-based page to render. */
  part?: number;
  /** Whether to offer a button that posts the reply in the conversation. */
  shareable?: boolean;
}

/** Renders one page of a reply as a message, with "show more" and "share" buttons as they apply. */
export function renderMessage(reply: Reply, options: MessageOptions): RenderedMessage {
  const pages = paginate(renderBlocks(reply.blocks, options.line, options.t));
  const part = Math.min(Math.max(options.part ?? 0, 0), pages.length - 1);
  const blocks = [...pages[part]!];

  const navigation: types.Button[] = [];
  if (part < pages.length - 1 && options.line) {
    const more = button('more', 0, options.t('slack.message.showMore', { page: part + 2, pages: pages.length }), { line: options.line, part: part + 1 });
    if (more) navigation.push(more);
  }
  if (options.shareable && options.line) {
    const share = button('share', 0, options.t('slack.message.share'), { line: options.line, part });
    if (share) navigation.push(share);
  }
  if (pages.length > 1) blocks.push({ type: 'context', elements: [mrkdwn(options.t('slack.message.page', { page: part + 1, pages: pages.length }))] });
  if (navigation.length > 0) blocks.push({ type: 'actions', elements: navigation });

  const fallback = part === 0 ? reply.text : options.t('slack.message.continued', { text: reply.text });
  return { text: truncate(escapeMrkdwn(fallback), LIMITS.fallbackText), blocks, pageCount: pages.length };
}
