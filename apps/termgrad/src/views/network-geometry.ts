import type { NetworkSettings } from '../settings/network-settings.js';
import { columnCount, rowCount } from '../state/network-edit.js';

/** One column of the network diagram as drawn. */
export interface DiagramColumn {
  /** Column index (0 inputs, 1..L hidden layers, L + 1 output). */
  readonly col: number;
  readonly kind: 'inputs' | 'hidden' | 'output';
  /** Left edge of the column (the input column starts with its labels). */
  readonly x: number;
  /** Left edge of the column's thumbnails. */
  readonly cellX: number;
  readonly width: number;
  /** Rows of the column (features, neurons) and how many of them are drawn. */
  readonly rows: number;
  readonly shownRows: number;
}

/**
 * Where everything of the network diagram goes, in characters relative to its top-left corner:
 * row 0 the title with the [+] [-] layer buttons, row 1 the column headers, thumbnails from row 2.
 * The views draw from it and the mouse hit-tests with it, so both always agree.
 */
export interface DiagramGeometry {
  readonly width: number;
  readonly height: number;
  /** Thumbnail size: cw characters × ch rows (2·ch pixel rows with half blocks). */
  readonly cw: number;
  readonly ch: number;
  /** Rows from one thumbnail to the next in a column. */
  readonly rowStep: number;
  /** Width of the input labels. */
  readonly labelW: number;
  /** First row of thumbnails. */
  readonly top: number;
  /** The columns drawn (a window around the cursor when not all fit). */
  readonly columns: readonly DiagramColumn[];
  /** Rows below the thumbnails for the selected element's details. */
  readonly detailY: number;
  /** Columns between two diagram columns. */
  readonly gap: number;
  /**
   * Whether the weights are drawn as links between adjacent columns (there is room: every column
   * fits with at least {@link LINK_GAP} columns between them, at thumbnails no smaller than without
   * links or at least two rows tall); else the selected neuron's weights are drawn as marks.
   */
  readonly links: boolean;
  /** Title-row buttons: x of "[+]" and "[-]" (add / remove a layer). */
  readonly addLayerX: number;
  readonly removeLayerX: number;
}

/** What a point of the diagram is. */
export type DiagramHit =
  | { readonly kind: 'cell'; readonly col: number; readonly row: number }
  | { readonly kind: 'header'; readonly col: number }
  | { readonly kind: 'addLayer' }
  | { readonly kind: 'removeLayer' };

/** Width of the input labels ("sin x₁"). */
const LABEL_W = 6;
/** Columns between diagram columns without links (weight marks of the selected neuron go there). */
const GAP = 3;
/** Fewest columns between diagram columns with links (the last one is the cursor's `>`). */
export const LINK_GAP = 6;
/** Most columns between diagram columns with links (spare width beyond goes unused on the right). */
const MAX_LINK_GAP = 14;
/** Largest thumbnail, in rows. */
const MAX_CH = 6;
/** Title: "[+] [-] layer" buttons start at this column. */
export const TITLE_BUTTONS = 'layers [+] [-]';

/**
 * The diagram's layout for `s` in width × height, the window of columns chosen so that the
 * cursor's column is drawn. Null when nothing fits (fewer than 4 rows or 20 columns).
 */
export function diagramGeometry(
  s: NetworkSettings,
  width: number,
  height: number,
  cursorCol: number,
): DiagramGeometry | null {
  if (height < 4 || width < 20) return null;
  const ncols = columnCount(s);
  const maxRows = Math.max(...Array.from({ length: ncols }, (_, c) => rowCount(s, c)));
  const top = 2;
  // Bigger thumbnails only when two rows are left for the details below them.
  const room = height - top;
  const widthOf = (kind: DiagramColumn['kind'], cw: number): number =>
    kind === 'inputs' ? LABEL_W + 1 + cw : Math.max(cw, 3);
  const kindOf = (c: number): DiagramColumn['kind'] =>
    c === 0 ? 'inputs' : c === ncols - 1 ? 'output' : 'hidden';
  // The largest thumbnail (in rows) whose columns fit with `gap` columns between them, or 0.
  const largest = (gap: number): number => {
    for (let c = MAX_CH; c >= 1; c--) {
      const step = c > 1 ? c + 1 : c;
      let w = 0;
      for (let k = 0; k < ncols; k++) w += widthOf(kindOf(k), 2 * c) + (k > 0 ? gap : 0);
      if (w <= width && maxRows * step - (step - c) <= (c > 1 ? room - 2 : room)) return c;
    }
    return 0;
  };
  // Links where every column fits with room between them, at thumbnails no smaller than without
  // links (or at least two rows tall).
  const plain = Math.max(1, largest(GAP));
  const linked = largest(LINK_GAP);
  const links = ncols > 1 && linked >= Math.min(plain, 2);
  const ch = links ? linked : plain;
  const cw = 2 * ch;
  const rowStep = ch > 1 ? ch + 1 : ch;
  const widths = Array.from({ length: ncols }, (_, c) => widthOf(kindOf(c), cw));
  const total = widths.reduce((t, w) => t + w, 0);
  // With links the spare width widens the gaps (longer links are easier to follow).
  const gap = links
    ? Math.min(
        MAX_LINK_GAP,
        LINK_GAP + Math.floor((width - total - (ncols - 1) * LINK_GAP) / (ncols - 1)),
      )
    : GAP;
  // Columns: all that fit, as a window that contains the cursor's column.
  let first = 0;
  let last = 0;
  const span = (a: number, b: number): number =>
    widths.slice(a, b + 1).reduce((t, w) => t + w, 0) + (b - a) * gap;
  while (last + 1 < ncols && span(first, last + 1) <= width) last++;
  const want = Math.max(0, Math.min(ncols - 1, cursorCol));
  while (want > last && last + 1 < ncols) {
    last++;
    while (span(first, last) > width && first < last) first++;
  }
  if (span(first, last) > width) return null;
  const columns: DiagramColumn[] = [];
  let x = 0;
  for (let c = first; c <= last; c++) {
    const kind = kindOf(c);
    const w = widths[c] ?? 0;
    const rows = rowCount(s, c);
    const shownRows = Math.max(0, Math.min(rows, Math.floor((room + (rowStep - ch)) / rowStep)));
    columns.push({
      col: c,
      kind,
      x,
      cellX: kind === 'inputs' ? x + LABEL_W + 1 : x,
      width: w,
      rows,
      shownRows,
    });
    x += w + gap;
  }
  const used = Math.min(room, maxRows * rowStep - (rowStep - ch));
  const titleLen = `network ${s.layers.join('-') || 'no hidden'}  `.length;
  const addLayerX = Math.min(width - 7, titleLen + 'layers '.length);
  return {
    width,
    height,
    cw,
    ch,
    rowStep,
    labelW: LABEL_W,
    top,
    columns,
    detailY: top + Math.max(0, used),
    gap,
    links,
    addLayerX,
    removeLayerX: addLayerX + 4,
  };
}

/**
 * Rows the diagram uses in `width` columns when it may take up to `maxHeight` rows: its title,
 * headers, thumbnails at the largest size that fits and two rows of details.
 */
export function diagramHeight(s: NetworkSettings, width: number, maxHeight: number): number {
  const g = diagramGeometry(s, width, maxHeight, 0);
  return g === null ? maxHeight : Math.min(maxHeight, g.detailY + 2);
}

/** The diagram element at (x, y) relative to the diagram's corner, or null. */
export function diagramHit(g: DiagramGeometry, x: number, y: number): DiagramHit | null {
  if (y === 0) {
    if (x >= g.addLayerX && x < g.addLayerX + 3) return { kind: 'addLayer' };
    if (x >= g.removeLayerX && x < g.removeLayerX + 3) return { kind: 'removeLayer' };
    return null;
  }
  for (const c of g.columns) {
    if (x < c.x || x >= c.x + c.width) continue;
    if (y === 1) return { kind: 'header', col: c.col };
    if (y < g.top) return null;
    const row = Math.floor((y - g.top) / g.rowStep);
    const within = (y - g.top) % g.rowStep < g.ch;
    if (row < c.shownRows && within) return { kind: 'cell', col: c.col, row };
    return null;
  }
  return null;
}
