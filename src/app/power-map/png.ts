// Rasterises a power-map SVG to PNG with resvg, using the DejaVu fonts shipped as a package so
// the text renders the same on a machine without system fonts.
import { createRequire } from 'node:module';

import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);
const FONT_FILES = ['dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'].map((file) => require.resolve(file));

/** Widest PNG we produce, in pixels: chat clients scale larger images down anyway. */
export const MAX_PNG_WIDTH = 4000;

/** Renders SVG to PNG at `scale` (2 for sharp text on high-density screens), capped at MAX_PNG_WIDTH. */
export function renderPng(svg: string, svgWidth: number, scale = 2): Buffer {
  const width = Math.min(MAX_PNG_WIDTH, Math.round(svgWidth * scale));
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
