// Pictures in cards. With O2O_PUBLIC_URL, the card links to the picture, which is stored in
// Postgres and served by this server. Without it, the picture travels in the message as a data
// URL, so it must fit the message size limit.
import type { ReplyFile } from '../../app/commands/types.js';
import { MAX_PNG_WIDTH, renderPng } from '../../app/power-map/png.js';
import type { Reply } from '../../app/reply.js';
import type { Translate } from '../../i18n/index.js';
import { insertPicture } from '../../store/pictures.js';
import type { TeamsTurn } from '../turn.js';

/**
 * Largest picture sent inside a card, as base64 text. Teams refuses a message over about 100 KB,
 * so the picture and the card around it stay under 80 KB.
 */
export const PICTURE_BUDGET_BYTES = 72 * 1024;

/**
 * How long a linked picture is served, in milliseconds. The chat history keeps the card for good,
 * so the link must outlive the days when people read the conversation. After 30 days the card
 * shows a broken image, and the map can be requested again.
 */
export const PICTURE_LIFETIME_MS = 30 * 86_400_000;

/**
 * Largest linked picture rendered at 2x, in pixels. Above it the picture is rendered at its drawn
 * size, which keeps rendering time and the stored bytes bounded: the demo's 40-person maps are
 * 4 to 5 million pixels at 2x.
 */
const MAX_SHARP_PIXELS = 8_000_000;

/** A picture to show: its drawing when there is one, else PNG bytes already rendered. */
export type PictureSource = Pick<ReplyFile, 'alt' | 'svg' | 'svgWidth'> & { data?: Buffer };

/** The parts of a turn used to store a linked picture. */
export type PictureTurn = Pick<TeamsTurn, 'app' | 't' | 'publicUrl'>;

/**
 * Adds a command's picture to a reply, after its heading. Linked when O2O_PUBLIC_URL is set,
 * otherwise inside the card at its drawn size (the 2x rendering rarely fits).
 */
export async function withPicture(reply: Reply, file: PictureSource, turn: PictureTurn): Promise<Reply> {
  const added = await pictureBlocks(turn, file);
  const insertAt = reply.blocks[0]?.type === 'heading' ? 1 : 0;
  return { ...reply, blocks: [...reply.blocks.slice(0, insertAt), ...added, ...reply.blocks.slice(insertAt)] };
}

/**
 * Builds the blocks that show a picture, storing it first when O2O_PUBLIC_URL is set. They are one
 * image block or, for a picture too large to send inside a message, its text alternative and
 * notes saying why and how to show it.
 */
export async function pictureBlocks(turn: PictureTurn, source: PictureSource): Promise<Reply['blocks']> {
  if (turn.publicUrl) {
    const png = pngOf(source, source.svg && source.svgWidth ? linkedPictureScale(source.svg, source.svgWidth) : 1);
    const expiresAt = new Date(turn.app.now().getTime() + PICTURE_LIFETIME_MS);
    const id = await insertPicture(turn.app.db, turn.app.tenantId, png, expiresAt);
    return [{ type: 'image', url: `${turn.publicUrl}/pictures/${id}.png`, alt: source.alt }];
  }

  return inlinePictureBlocks(pngOf(source, 1), source.alt, turn.t);
}

/** Renders the drawing at `scale`, or returns the PNG bytes of a source without one. */
function pngOf(source: PictureSource, scale: 1 | 2): Buffer {
  if (source.svg && source.svgWidth) return renderPng(source.svg, source.svgWidth, scale);
  if (source.data) return source.data;
  throw new Error('A picture needs its SVG drawing or its PNG bytes.');
}

/** Returns the blocks of a picture sent inside the card as a data URL, or its description when it does not fit. */
export function inlinePictureBlocks(png: Buffer, alt: string, t: Translate): Reply['blocks'] {
  const url = `data:image/png;base64,${png.toString('base64')}`;
  if (url.length <= PICTURE_BUDGET_BYTES) return [{ type: 'image', url, alt }];
  return [
    { type: 'context', text: alt },
    { type: 'context', text: t('teams.cards.pictureTooLarge') },
    { type: 'context', text: t('teams.cards.pictureByUrl') },
  ];
}

/** Returns 2 for sharp text on high-density screens, or 1 when the 2x rendering would exceed MAX_SHARP_PIXELS. */
function linkedPictureScale(svg: string, svgWidth: number): 1 | 2 {
  const svgHeight = svgHeightOf(svg) ?? svgWidth;
  const width = Math.min(MAX_PNG_WIDTH, svgWidth * 2);
  const height = (svgHeight * width) / svgWidth;
  return width * height <= MAX_SHARP_PIXELS ? 2 : 1;
}

/** Reads the height attribute of the SVG root element, in pixels. */
function svgHeightOf(svg: string): number | undefined {
  const match = /<svg\b[^>]*?\sheight="([\d.]+)"/.exec(svg);
  return match ? Number(match[1]) : undefined;
}
