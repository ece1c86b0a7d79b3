// Draws a laid-out power map as SVG: boxes coloured by attitude with a buying-role badge and a
// coverage dot, solid reporting lines, dashed influence arrows, a title, caption and legend.
import type { Attitude, CoverageState } from '../../domain/coverage.js';
import type { MapPerson, PowerMapModel } from '../../domain/power-map/model.js';
import type { Translate } from '../../i18n/index.js';
import type { MapLayout, PlacedNode } from './layout.js';

export const ATTITUDE_COLOURS: Record<Attitude | 'none', { fill: string; stroke: string }> = {
  champion: { fill: '#d4efdc', stroke: '#1b7f3b' },
  supporter: { fill: '#e8f6eb', stroke: '#5cb270' },
  neutral: { fill: '#eef0f3', stroke: '#8a94a6' },
  sceptic: { fill: '#fdebd3', stroke: '#e08a1e' },
  opponent: { fill: '#f9dada', stroke: '#c93434' },
  none: { fill: '#ffffff', stroke: '#c5cad3' },
};
export const COVERAGE_COLOURS: Record<CoverageState, string> = { covered: '#1b7f3b', weak: '#e0a21e', uncovered: '#c93434' };
const INFLUENCE_COLOUR = '#6b4fbb';
/** Room above and below the laid-out map, and the narrowest picture, in pixels at scale 1. */
export const HEADER_HEIGHT = 64;
export const LEGEND_HEIGHT = 96;
export const MIN_WIDTH = 900;
const FONT = "'DejaVu Sans', Arial, sans-serif";

export interface MapText {
  title: string;
  caption: string;
  t: Translate;
  /** Label of a buying role or attitude in the reader's language. */
  label(kind: 'committeeRole' | 'attitude', id: string): string;
}

/** Draws the SVG document of a laid-out map; width and height are in pixels at scale 1. */
export function renderMapSvg(model: PowerMapModel, layout: MapLayout, text: MapText): { svg: string; width: number; height: number } {
  const width = Math.max(MIN_WIDTH, Math.ceil(layout.width));
  const offsetX = (width - layout.width) / 2;
  const height = Math.ceil(HEADER_HEIGHT + layout.height + LEGEND_HEIGHT);
  const byId = new Map(model.people.map((person) => [person.id, person]));
  const groupCount = new Map(model.groups.map((group) => [group.id, group.count]));
  const hiddenBelow = new Map(model.groups.filter((group) => group.parentId !== null).map((group) => [group.parentId!, group.count]));

  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<title>${escapeXml(text.title)}</title>`,
    `<desc>${escapeXml(text.caption)}</desc>`,
    `<defs><marker id="influence-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${INFLUENCE_COLOUR}"/></marker></defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="28" font-size="18" font-weight="bold" fill="#1f2937">${escapeXml(text.title)}</text>`,
    `<text class="caption" x="16" y="50" font-size="12" fill="#4b5563">${escapeXml(text.caption)}</text>`,
    `<g transform="translate(${offsetX.toFixed(1)},${HEADER_HEIGHT})">`,
    `<g class="reporting-edges">${layout.reporting.map((edge) => drawReporting(edge)).join('')}</g>`,
    `<g class="nodes">${[...layout.nodes.values()].map((node) => (node.kind === 'person' ? drawPerson(node, byId.get(node.id)!, hiddenBelow.get(node.id) ?? 0, text) : drawGroup(node, groupCount.get(node.id) ?? 0, text))).join('')}</g>`,
    `<g class="influence-edges">${model.influenceEdges.map((link) => drawInfluence(link, layout)).join('')}</g>`,
    `</g>`,
    drawLegend(HEADER_HEIGHT + layout.height + 12, text),
    `</svg>`,
  ].join('\n');
  return { svg, width, height };
}

function drawReporting(edge: MapLayout['reporting'][number]): string {
  const d = edge.points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(' ');
  return `<path class="edge reporting" data-from="${edge.fromId}" data-to="${edge.toId}" d="${d}" fill="none" stroke="#8a94a6" stroke-width="1.4"/>`;
}

function drawPerson(node: PlacedNode, person: MapPerson, hidden: number, text: MapText): string {
  const colours = ATTITUDE_COLOURS[person.attitude ?? 'none'];
  const known = person.coverage.knownBy.slice(0, 3).map((entry) => `${entry.memberName} (${entry.strength})`);
  const lines = [
    `<text x="${node.x + 22}" y="${node.y + 19}" font-size="12" font-weight="bold" fill="#111827">${escapeXml(truncate(person.label, 24))}</text>`,
    person.title ? `<text x="${node.x + 10}" y="${node.y + 36}" font-size="10.5" fill="#374151">${escapeXml(truncate(person.title, 34))}</text>` : '',
    known.length > 0 ? `<text x="${node.x + 10}" y="${node.y + 53}" font-size="10" fill="#1f2937">${escapeXml(truncate(text.t('deals.map.knownBy', { names: known.join(', ') }) as string, hidden > 0 ? 22 : 36))}</text>` : '',
  ];
  const dot = person.coverage.state
    ? `<circle class="coverage ${person.coverage.state}" cx="${node.x + 12}" cy="${node.y + 15}" r="5" fill="${person.coverage.state === 'uncovered' ? '#ffffff' : COVERAGE_COLOURS[person.coverage.state]}" stroke="${COVERAGE_COLOURS[person.coverage.state]}" stroke-width="2"/>`
    : '';
  return [
    `<g class="person" data-id="${person.id}" data-attitude="${person.attitude ?? ''}" data-role="${person.role ?? ''}" data-coverage="${person.coverage.state ?? ''}">`,
    `<rect x="${node.x}" y="${node.y}" width="${node.width}" height="${node.height}" rx="6" fill="${colours.fill}" stroke="${colours.stroke}" stroke-width="${person.attitude ? 2 : 1}"/>`,
    dot,
    ...lines,
    person.role ? drawBadge(node, text.t(`deals.map.badge.${person.role}`, { defaultValue: person.role.slice(0, 3).toUpperCase() }) as string) : '',
    hidden > 0 ? drawHiddenTag(node, hidden, text) : '',
    `</g>`,
  ].join('');
}

function drawBadge(node: PlacedNode, code: string): string {
  const width = 10 + code.length * 7.5;
  const x = node.x + node.width - width - 4;
  const y = node.y - 8;
  return `<g class="badge"><rect x="${x}" y="${y}" width="${width}" height="16" rx="8" fill="#2d3a4f"/><text x="${x + width / 2}" y="${y + 12}" font-size="10" font-weight="bold" fill="#ffffff" text-anchor="middle">${escapeXml(code)}</text></g>`;
}

/** Draws the "+N more" tag of a person whose folded reports are not drawn. */
function drawHiddenTag(node: PlacedNode, count: number, text: MapText): string {
  const label = text.t('deals.map.more', { count }) as string;
  const width = 14 + label.length * 6;
  const x = node.x + node.width - width - 6;
  const y = node.y + node.height - 8;
  return `<g class="collapsed" data-count="${count}"><rect x="${x}" y="${y}" width="${width}" height="15" rx="7" fill="#f9fafb" stroke="#9ca3af" stroke-dasharray="3 2"/><text x="${x + width / 2}" y="${y + 11}" font-size="9.5" fill="#4b5563" text-anchor="middle">${escapeXml(label)}</text></g>`;
}

function drawGroup(node: PlacedNode, count: number, text: MapText): string {
  const label = text.t('deals.map.more', { count }) as string;
  return `<g class="collapsed" data-count="${count}"><rect x="${node.x}" y="${node.y}" width="${node.width}" height="${node.height}" rx="6" fill="#f9fafb" stroke="#9ca3af" stroke-dasharray="4 3"/><text x="${node.x + node.width / 2}" y="${node.y + 21}" font-size="11" fill="#4b5563" text-anchor="middle">${escapeXml(label)}</text></g>`;
}

// A curve between box edges, bowed sideways so it stays clear of the straight reporting lines.
function drawInfluence(link: PowerMapModel['influenceEdges'][number], layout: MapLayout): string {
  const from = layout.nodes.get(link.fromId)!;
  const to = layout.nodes.get(link.toId)!;
  const start = borderPoint(from, centre(to));
  const end = borderPoint(to, centre(from));
  const mid = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  const length = Math.hypot(dx, dy) || 1;
  const bow = Math.min(60, length / 4);
  const control = { x: mid.x - (dy / length) * bow, y: mid.y + (dx / length) * bow };
  const widthPx = (1 + 2 * link.weight).toFixed(1);
  return `<path class="edge influence" data-from="${link.fromId}" data-to="${link.toId}" d="M${start.x.toFixed(1)},${start.y.toFixed(1)} Q${control.x.toFixed(1)},${control.y.toFixed(1)} ${end.x.toFixed(1)},${end.y.toFixed(1)}" fill="none" stroke="${INFLUENCE_COLOUR}" stroke-width="${widthPx}" stroke-dasharray="6 4" marker-end="url(#influence-arrow)"/>`;
}

function centre(node: PlacedNode): { x: number; y: number } {
  return { x: node.x + node.width / 2, y: node.y + node.height / 2 };
}

/** Returns the point where the line from a box's centre towards `towards` leaves the box. */
function borderPoint(node: PlacedNode, towards: { x: number; y: number }): { x: number; y: number } {
  const c = centre(node);
  const dx = towards.x - c.x;
  const dy = towards.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const scale = Math.min(dx === 0 ? Infinity : node.width / 2 / Math.abs(dx), dy === 0 ? Infinity : node.height / 2 / Math.abs(dy));
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

function drawLegend(top: number, text: MapText): string {
  const { t } = text;
  const attitudes: Array<Attitude | 'none'> = ['champion', 'supporter', 'neutral', 'sceptic', 'opponent', 'none'];
  const swatches = attitudes.map((attitude, index) => {
    const x = 16 + index * 140;
    const label = attitude === 'none' ? (t('deals.map.legend.notOnCommittee') as string) : text.label('attitude', attitude);
    const colours = ATTITUDE_COLOURS[attitude];
    return `<rect x="${x}" y="${top + 8}" width="18" height="12" rx="3" fill="${colours.fill}" stroke="${colours.stroke}" stroke-width="2"/><text x="${x + 24}" y="${top + 18}" font-size="11" fill="#374151">${escapeXml(truncate(label, 17))}</text>`;
  });
  const states: CoverageState[] = ['covered', 'weak', 'uncovered'];
  const dots = states.map((state, index) => {
    const x = 16 + index * 140;
    return `<circle cx="${x + 8}" cy="${top + 40}" r="5" fill="${state === 'uncovered' ? '#ffffff' : COVERAGE_COLOURS[state]}" stroke="${COVERAGE_COLOURS[state]}" stroke-width="2"/><text x="${x + 24}" y="${top + 44}" font-size="11" fill="#374151">${escapeXml(t(`deals.coverage.state.${state}`) as string)}</text>`;
  });
  const lines = [
    `<path d="M436,${top + 40} h30" stroke="#8a94a6" stroke-width="1.4"/><text x="472" y="${top + 44}" font-size="11" fill="#374151">${escapeXml(t('deals.map.legend.reporting') as string)}</text>`,
    `<path d="M576,${top + 40} h30" stroke="${INFLUENCE_COLOUR}" stroke-width="2" stroke-dasharray="6 4" marker-end="url(#influence-arrow)"/><text x="612" y="${top + 44}" font-size="11" fill="#374151">${escapeXml(t('deals.map.legend.influence') as string)}</text>`,
    `<rect x="716" y="${top + 32}" width="26" height="16" rx="8" fill="#2d3a4f"/><text x="748" y="${top + 44}" font-size="11" fill="#374151">${escapeXml(t('deals.map.legend.badge') as string)}</text>`,
  ];
  return `<g class="legend">${[...swatches, ...dots, ...lines].join('')}</g>`;
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char]!);
}
