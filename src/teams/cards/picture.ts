// Pictures inside cards: Teams shows an image given as a data URL, within the message size limit.
import type { ReplyFile } from '../../app/commands/types.js';
import { renderPng } from '../../app/power-map/png.js';
import type { Reply } from '../../app/reply.js';
import type { Translate } from '../../i18n/index.js';

/**
 * Largest picture sent inside a card, as base64 text. Teams refuses a message over about 100 KB,
 * so the picture and the card around it stay under 80 KB.
 */
export const PICTURE_BUDGET_BYTES = 72 * 1024;

/**
 * Adds a command's picture to a reply, after its heading, rendered at its drawn size when the
 * drawing comes with it (the 2x rendering rarely fits). A picture over the budget is left out
 * and the reply says so, with the text alternative in its place.
 */
export function withPicture(reply: Reply, file: ReplyFile, t: Translate): Reply {
  const png = file.svg && file.svgWidth ? renderPng(file.svg, file.svgWidth, 1) : file.data;
  const { alt } = file;
  const url = `data:image/png;base64,${png.toString('base64')}`;
  const insertAt = reply.blocks[0]?.type === 'heading' ? 1 : 0;
  const added: Reply['blocks'] =
    url.length > PICTURE_BUDGET_BYTES ? [{ type: 'context', text: alt }, { type: 'context', text: t('teams.cards.pictureTooLarge') }] : [{ type: 'image', url, alt }];
  return { ...reply, blocks: [...reply.blocks.slice(0, insertAt), ...added, ...reply.blocks.slice(insertAt)] };
}
