// Places the boxes that hang off no reporting line (people without manager or reports on the map,
// and detached "+N" branches) in a grid below the reporting trees. Without the grid, an account
// with no recorded reporting lines is drawn as a single row dozens of boxes wide.
import type { PlacedNode } from './layout.js';

/** Width-to-height ratio of the drawn picture (title and legend included) that the grid aims at: 16:9. */
export const TARGET_RATIO = 16 / 9;
/** Gaps between grid cells, in pixels at scale 1: wider than the trees' so influence arrows have room. */
export const COLUMN_GAP = 40;
export const ROW_GAP = 36;

export interface GridBox {
  id: string;
  kind: PlacedNode['kind'];
  width: number;
  height: number;
}

export interface Grid {
  columns: number;
  rows: number;
  /** Boxes placed with the grid's top-left corner at (0, 0). */
  nodes: PlacedNode[];
  width: number;
  height: number;
}

/**
 * Chooses the column count that brings the drawn picture closest to TARGET_RATIO, comparing
 * ratios on a logarithmic scale so "twice too wide" and "twice too tall" weigh the same. `cell`
 * is the size of one box without gaps. `frame.treeWidth` is the width of the trees drawn above
 * the grid, and `frame.top` the grid's distance from the top of the layout. `frame.margin` is
 * the layout's margin around its contents. The picture adds `frame.extraHeight` to the layout's
 * height (title and legend) and is at least `frame.minWidth` wide.
 */
export function chooseColumns(count: number, cell: { width: number; height: number }, frame: { treeWidth: number; top: number; margin: number; extraHeight: number; minWidth: number }): number {
  let best = { columns: 1, distance: Infinity };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const width = Math.max(frame.minWidth, frame.treeWidth, columns * (cell.width + COLUMN_GAP) - COLUMN_GAP + 2 * frame.margin);
    const height = frame.extraHeight + frame.top + rows * (cell.height + ROW_GAP) - ROW_GAP + frame.margin;
    const distance = Math.abs(Math.log(width / height / TARGET_RATIO));
    if (distance < best.distance) best = { columns, distance };
  }
  return best.columns;
}

/**
 * Assigns each box a cell of a grid with `columns` columns, in the given order, so that linked
 * boxes sit close together. A box with a linked box already placed takes the free cell nearest
 * to those boxes, counting cell steps with diagonals as one step, because an arrow between
 * neighbouring cells crosses no other box. Ties go to the nearer in pixels, then to the first
 * cell in reading order. Any other box takes the first free cell in reading order that has as
 * many free cells around it as the box has links (up to 8), so its linked boxes can surround it.
 * Returns the box of each cell in reading order, null for an empty cell.
 */
export function assignCells<Box extends { id: string }>(boxes: Box[], links: Array<{ fromId: string; toId: string }>, columns: number, cell: { width: number; height: number }): Array<Box | null> {
  const cells: Array<Box | null> = Array.from({ length: Math.ceil(boxes.length / columns) * columns }, () => null);
  const cellOf = new Map<string, number>();
  const ids = new Set(boxes.map((box) => box.id));
  const neighbours = new Map<string, Set<string>>([...ids].map((id) => [id, new Set()]));
  for (const link of links) {
    if (!ids.has(link.fromId) || !ids.has(link.toId) || link.fromId === link.toId) continue;
    neighbours.get(link.fromId)!.add(link.toId);
    neighbours.get(link.toId)!.add(link.fromId);
  }

  for (const box of boxes) {
    const linked = neighbours.get(box.id)!;
    const placed = [...linked].flatMap((id) => (cellOf.has(id) ? [cellOf.get(id)!] : []));
    let best = { index: placed.length === 0 ? firstCellWithRoom(cells, columns, Math.min(8, linked.size)) : -1, steps: Infinity, pixels: Infinity };
    for (let index = 0; placed.length > 0 && index < cells.length; index++) {
      if (cells[index] !== null) continue;
      const steps = sum(placed.map((other) => cellSteps(index, other, columns)));
      const pixels = sum(placed.map((other) => cellPixels(index, other, columns, cell)));
      if (steps < best.steps || (steps === best.steps && pixels < best.pixels)) best = { index, steps, pixels };
    }
    cells[best.index] = box;
    cellOf.set(box.id, best.index);
  }
  return cells;
}

/** Finds the first free cell with `room` free cells around it, or else the one with the most. */
function firstCellWithRoom(cells: Array<unknown>, columns: number, room: number): number {
  let best = { index: -1, free: -1 };
  for (let index = 0; index < cells.length; index++) {
    if (cells[index] !== null) continue;
    const free = cells.filter((other, otherIndex) => other === null && otherIndex !== index && cellSteps(index, otherIndex, columns) === 1).length;
    if (free >= room) return index;
    if (free > best.free) best = { index, free };
  }
  return best.index;
}

function cellSteps(a: number, b: number, columns: number): number {
  return Math.max(Math.abs((a % columns) - (b % columns)), Math.abs(Math.floor(a / columns) - Math.floor(b / columns)));
}

function cellPixels(a: number, b: number, columns: number, cell: { width: number; height: number }): number {
  const dx = ((a % columns) - (b % columns)) * (cell.width + COLUMN_GAP);
  const dy = (Math.floor(a / columns) - Math.floor(b / columns)) * (cell.height + ROW_GAP);
  return Math.hypot(dx, dy);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Places the boxes of `cells` (reading order, null for an empty cell), each centred in a cell as large as the largest box. */
export function placeGrid(cells: Array<GridBox | null>, columns: number): Grid {
  const boxes = cells.filter((box): box is GridBox => box !== null);
  const cellWidth = Math.max(...boxes.map((box) => box.width));
  const cellHeight = Math.max(...boxes.map((box) => box.height));
  const rows = Math.ceil(cells.length / columns);

  const nodes = cells.flatMap((box, index) => {
    if (box === null) return [];
    const left = (index % columns) * (cellWidth + COLUMN_GAP);
    const top = Math.floor(index / columns) * (cellHeight + ROW_GAP);
    return [{ id: box.id, kind: box.kind, x: left + (cellWidth - box.width) / 2, y: top + (cellHeight - box.height) / 2, width: box.width, height: box.height }];
  });
  return { columns, rows, nodes, width: columns * (cellWidth + COLUMN_GAP) - COLUMN_GAP, height: rows * (cellHeight + ROW_GAP) - ROW_GAP };
}
