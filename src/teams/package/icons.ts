// The app's two icons, drawn in code: two linked rings ("organisation to organisation"), white on
// the accent colour for the 192×192 colour icon, white on transparent for the 32×32 outline icon.
import { deflateSync } from 'node:zlib';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
const ACCENT = [0x1f, 0x6f, 0x8b] as const;

// The mark in unit coordinates (0 to 1 across the icon).
const RINGS = [
  { x: 0.3, y: 0.5 },
  { x: 0.7, y: 0.5 },
];
const RING_RADIUS = 0.17;
const RING_WIDTH = 0.07;
const BAR = { left: 0.45, right: 0.55, halfHeight: 0.035 };

function insideMark(x: number, y: number): boolean {
  for (const ring of RINGS) {
    const distance = Math.hypot(x - ring.x, y - ring.y);
    if (Math.abs(distance - RING_RADIUS) <= RING_WIDTH / 2) return true;
  }
  return x >= BAR.left && x <= BAR.right && Math.abs(y - 0.5) <= BAR.halfHeight;
}

// Samples per pixel side: 4 × 4 samples give smooth edges at both sizes.
const SAMPLES = 4;

/** Share of a pixel the mark covers, from 0 to 1. */
function coverage(column: number, row: number, size: number): number {
  let inside = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      if (insideMark((column + (sx + 0.5) / SAMPLES) / size, (row + (sy + 0.5) / SAMPLES) / size)) inside++;
    }
  }
  return inside / (SAMPLES * SAMPLES);
}

function drawIcon(size: number, pixel: (cover: number) => readonly [number, number, number, number]): Buffer {
  const rgba = Buffer.alloc(size * size * 4);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) rgba.set(pixel(coverage(column, row, size)), (row * size + column) * 4);
  }
  return encodePng(size, size, rgba);
}

/** Draws the colour icon: a white mark on the accent colour, opaque. */
export function drawColorIcon(): Buffer {
  return drawIcon(COLOR_ICON_SIZE, (cover) => {
    const channel = (index: 0 | 1 | 2) => Math.round(ACCENT[index] + (255 - ACCENT[index]) * cover);
    return [channel(0), channel(1), channel(2), 255];
  });
}

/** Draws the outline icon. Teams accepts only white pixels in it, with any transparency. */
export function drawOutlineIcon(): Buffer {
  return drawIcon(OUTLINE_ICON_SIZE, (cover) => [255, 255, 255, Math.round(255 * cover)]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes 8-bit RGBA pixels as a PNG, every row with filter type 0 (none). */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, default compression, filter, no interlace

  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let row = 0; row < height; row++) rgba.copy(rows, row * (width * 4 + 1) + 1, row * width * 4, (row + 1) * width * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
