// Splits a long Reply into parts that each fit in one platform message. The platform decides
// what fits (Slack: block count and text length; Teams: card size); this only packs blocks.
import type { Reply, ReplyBlock } from '../app/reply.js';

export type Fits = (reply: Reply) => boolean;

const TRUNCATION_MARK = '…';

/**
 * Packs the blocks of a reply into as few parts as fit, in order. A heading moves with the block
 * after it; a block too large for a message on its own is split (list items, table rows, lines
 * of text), and a single line too long for any message is shortened. Never returns an empty list.
 */
export function splitReply(reply: Reply, fits: Fits): Reply[] {
  if (fits(reply)) return [reply];

  const parts: ReplyBlock[][] = [];
  let current: ReplyBlock[] = [];
  const fitsBlocks = (blocks: ReplyBlock[]) => fits({ text: reply.text, blocks });

  for (const block of reply.blocks.flatMap((candidate) => shrinkToFit(candidate, fitsBlocks))) {
    if (fitsBlocks([...current, block])) {
      current.push(block);
      continue;
    }
    // Keep a heading with the section it introduces.
    const carried = current.at(-1)?.type === 'heading' && current.length > 1 ? [current.pop()!] : [];
    if (current.length > 0) parts.push(current);
    current = fitsBlocks([...carried, block]) ? [...carried, block] : [block];
    if (current.length === 1 && carried.length > 0) parts.push(carried);
  }
  if (current.length > 0 || parts.length === 0) parts.push(current);

  return parts.map((blocks, index) => ({
    text: parts.length > 1 ? `${reply.text} (${index + 1}/${parts.length})` : reply.text,
    blocks,
    ...(reply.error && { error: reply.error }),
  }));
}

/** Splits one block into smaller blocks until each fits alone in a message. */
function shrinkToFit(block: ReplyBlock, fits: (blocks: ReplyBlock[]) => boolean): ReplyBlock[] {
  if (fits([block])) return [block];
  const halves = halve(block);
  if (halves) return halves.flatMap((half) => shrinkToFit(half, fits));
  if (block.type === 'text' || block.type === 'context' || block.type === 'heading') return [shorten(block, fits)];
  return [];
}

function halve(block: ReplyBlock): [ReplyBlock, ReplyBlock] | null {
  const cut = <T>(list: T[]): [T[], T[]] => [list.slice(0, Math.ceil(list.length / 2)), list.slice(Math.ceil(list.length / 2))];
  switch (block.type) {
    case 'items': {
      if (block.items.length < 2) return null;
      const [first, second] = cut(block.items);
      return [{ ...block, items: first }, { ...block, items: second }];
    }
    case 'table': {
      if (block.rows.length < 2) return null;
      const [first, second] = cut(block.rows);
      return [{ ...block, rows: first }, { ...block, rows: second }];
    }
    case 'fields': {
      if (block.fields.length < 2) return null;
      const [first, second] = cut(block.fields);
      return [{ ...block, fields: first }, { ...block, fields: second }];
    }
    case 'actions': {
      if (block.actions.length < 2) return null;
      const [first, second] = cut(block.actions);
      return [{ ...block, actions: first }, { ...block, actions: second }];
    }
    case 'text':
    case 'context': {
      const lines = block.text.split('\n');
      if (lines.length < 2) return null;
      const [first, second] = cut(lines);
      return [{ ...block, text: first.join('\n') }, { ...block, text: second.join('\n') }];
    }
    default:
      return null;
  }
}

/** Shortens a one-line text block by halving until it fits, then marks the cut. */
function shorten(block: Extract<ReplyBlock, { text: string }>, fits: (blocks: ReplyBlock[]) => boolean): ReplyBlock {
  let length = block.text.length;
  let candidate = block;
  while (length > 1 && !fits([candidate])) {
    length = Math.floor(length / 2);
    candidate = { ...block, text: block.text.slice(0, length) + TRUNCATION_MARK };
  }
  return candidate;
}
