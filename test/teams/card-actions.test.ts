import { describe, expect, it } from 'vitest';

import type { PowerMap } from '../../src/app/power-map/power-map.js';
import { translator } from '../../src/i18n/index.js';
import { mapReply, PICTURE_BUDGET_BYTES } from '../../src/teams/handlers/card-actions.js';

/** Builds a map whose picture is noise: coloured squares that PNG cannot compress. */
function noisyMap(squares: number): PowerMap {
  let seed = 7;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const rects = Array.from({ length: squares }, () => {
    const colour = Math.floor(next() * 0xffffff).toString(16).padStart(6, '0');
    return `<rect x="${Math.floor(next() * 1200)}" y="${Math.floor(next() * 800)}" width="6" height="6" fill="#${colour}"/>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">${rects.join('')}</svg>`;
  return { svg, width: 1200, height: 800, title: 'Acme Energy: power map', caption: '120 people.', alt: 'Power map of Acme Energy: 120 people.' } as PowerMap;
}

describe('power map in a Teams card', () => {
  it('embeds a small map as a picture', () => {
    const reply = mapReply(noisyMap(10), translator('en'));
    const image = reply.blocks.find((block) => block.type === 'image');
    expect(image).toMatchObject({ type: 'image', alt: 'Power map of Acme Energy: 120 people.' });
    expect((image as { url: string }).url.length).toBeLessThanOrEqual(PICTURE_BUDGET_BYTES);
  });

  it('describes a map too large for a message', () => {
    const reply = mapReply(noisyMap(20_000), translator('fr'));
    expect(reply.blocks.some((block) => block.type === 'image')).toBe(false);
    expect(reply.blocks).toContainEqual({ type: 'context', text: 'Power map of Acme Energy: 120 people.' });
    expect(reply.blocks).toContainEqual({ type: 'context', text: 'L’image est trop lourde pour un message Teams : seule sa description est affichée.' });
  });
});
