// Renders the platform-neutral Reply as an Adaptive Card (schema 1.5), kept under a size budget.
import type { Reply, ReplyAction, ReplyBlock, ReplyItem } from '../../app/reply.js';
import type { Translate } from '../../i18n/index.js';

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body: CardElement[];
  [key: string]: unknown;
}

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.5';

/**
 * Serialised size a card should stay under. Teams rejects a message over about 100 KB with
 * 413; 28 KB leaves room for the activity envelope and for several cards in one message.
 */
export const CARD_BUDGET_BYTES = 28 * 1024;

// Teams shows at most six buttons in a row before it folds them into a menu.
const ACTIONS_PER_SET = 5;

/** The `data` an Action.Submit carries back to the bot. */
export interface SubmitData {
  verb: 'o2o';
  /** The ReplyAction id, such as "page" or "retry". */
  actionId: string;
  /** The command line or value to run. */
  value: string;
}

export const SUBMIT_VERB = 'o2o';

export function emptyCard(body: CardElement[] = []): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: CARD_VERSION, body, msteams: { width: 'Full' } };
}

/** Returns the card of a reply; long lists lose their last entries, and a note says how many. */
export function renderReplyCard(reply: Reply, t: Translate, budgetBytes = CARD_BUDGET_BYTES): AdaptiveCard {
  const blocks = reply.blocks.map(cloneBlock);
  let omitted = 0;
  let card = buildCard(blocks, reply, t, omitted);
  for (let bytes = cardBytes(card); bytes > budgetBytes; bytes = cardBytes(card)) {
    const dropped = dropLastEntries(blocks, 1 - budgetBytes / bytes);
    if (dropped === 0) break;
    omitted += dropped;
    card = buildCard(blocks, reply, t, omitted);
  }
  while (cardBytes(card) > budgetBytes && shortenLongestText(blocks)) {
    card = buildCard(blocks, reply, t, omitted);
  }
  return card;
}

export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

function buildCard(blocks: ReplyBlock[], reply: Reply, t: Translate, omitted: number): AdaptiveCard {
  const body: CardElement[] = [];
  let separateNext = false;
  for (const block of blocks) {
    if (block.type === 'divider') {
      separateNext = true;
      continue;
    }
    const element = renderBlock(block, Boolean(reply.error) && body.length === 0);
    if (separateNext) element.separator = true;
    separateNext = false;
    body.push(element);
  }
  if (omitted > 0) body.push(contextText(t('teams.cards.omitted', { count: omitted })));
  if (body.length === 0) body.push(textBlock(reply.text));
  return emptyCard(body);
}

function renderBlock(block: Exclude<ReplyBlock, { type: 'divider' }>, isErrorText: boolean): CardElement {
  switch (block.type) {
    case 'heading':
      return { type: 'TextBlock', text: block.text, size: 'Large', weight: 'Bolder', style: 'heading', wrap: true };
    case 'text':
      return { ...textBlock(block.text), ...(isErrorText && { color: 'Attention' }) };
    case 'context':
      return contextText(block.text);
    case 'fields':
      return { type: 'FactSet', facts: block.fields.map((field) => ({ title: field.label, value: field.value })) };
    case 'items':
      return { type: 'Container', items: block.items.map(renderItem) };
    case 'table':
      return renderTable(block.columns, block.rows);
    case 'actions':
      return renderActions(block.actions);
    case 'image':
      // allowExpand lets Teams open the picture full size in its image viewer (stage view).
      return { type: 'Image', url: block.url, altText: block.alt, msTeams: { allowExpand: true } };
  }
}

export function textBlock(text: string): CardElement {
  return { type: 'TextBlock', text, wrap: true };
}

function contextText(text: string): CardElement {
  return { type: 'TextBlock', text, isSubtle: true, size: 'Small', wrap: true };
}

function renderItem(item: ReplyItem): CardElement {
  const items: CardElement[] = [{ type: 'TextBlock', text: item.title, weight: 'Bolder', wrap: true }];
  if (item.subtitle) items.push({ type: 'TextBlock', text: item.subtitle, isSubtle: true, spacing: 'None', wrap: true });
  for (const line of item.lines ?? []) items.push({ type: 'TextBlock', text: line, spacing: 'None', wrap: true });
  return { type: 'Container', spacing: 'Medium', items };
}

function renderTable(columns: string[], rows: string[][]): CardElement {
  const row = (cells: string[], header: boolean) => ({
    type: 'TableRow',
    cells: cells.map((cell) => ({ type: 'TableCell', items: [{ type: 'TextBlock', text: cell, wrap: true, ...(header && { weight: 'Bolder' }) }] })),
  });
  return {
    type: 'Table',
    columns: columns.map(() => ({ width: 1 })),
    firstRowAsHeader: true,
    showGridLines: false,
    rows: [row(columns, true), ...rows.map((cells) => row(cells, false))],
  };
}

/** Buttons that send their action back to the bot as an Action.Submit, five to a row. */
export function renderActions(actions: ReplyAction[]): CardElement {
  const sets: CardElement[] = [];
  for (let start = 0; start < actions.length; start += ACTIONS_PER_SET) {
    sets.push({ type: 'ActionSet', actions: actions.slice(start, start + ACTIONS_PER_SET).map(submitAction) });
  }
  return sets.length === 1 ? sets[0]! : { type: 'Container', items: sets };
}

function submitAction(action: ReplyAction): CardElement {
  const data: SubmitData = { verb: SUBMIT_VERB, actionId: action.id, value: action.value };
  const style = action.style === 'primary' ? 'positive' : action.style === 'danger' ? 'destructive' : undefined;
  return { type: 'Action.Submit', title: action.label, data, ...(style && { style }) };
}

function cloneBlock(block: ReplyBlock): ReplyBlock {
  return JSON.parse(JSON.stringify(block)) as ReplyBlock;
}

/**
 * Drops entries from the end of the longest list or table: about `share` of them, at least one,
 * always keeping the first. Returns how many were dropped.
 */
function dropLastEntries(blocks: ReplyBlock[], share: number): number {
  let longest: { entries: unknown[] } | undefined;
  for (const block of blocks) {
    const entries = block.type === 'items' ? block.items : block.type === 'table' ? block.rows : undefined;
    if (entries && entries.length > 1 && (!longest || entries.length > longest.entries.length)) longest = { entries };
  }
  if (!longest) return 0;
  const count = Math.min(longest.entries.length - 1, Math.max(1, Math.floor(longest.entries.length * share)));
  longest.entries.splice(longest.entries.length - count, count);
  return count;
}

const SHORTENED_LENGTH = 2_000;

/** Cuts the longest text block to SHORTENED_LENGTH characters; false when none is that long. */
function shortenLongestText(blocks: ReplyBlock[]): boolean {
  const candidates = blocks.filter((block): block is Extract<ReplyBlock, { type: 'text' | 'context' }> => (block.type === 'text' || block.type === 'context') && block.text.length > SHORTENED_LENGTH);
  const longest = candidates.sort((a, b) => b.text.length - a.text.length)[0];
  if (!longest) return false;
  longest.text = `${longest.text.slice(0, SHORTENED_LENGTH - 1)}…`;
  return true;
}
