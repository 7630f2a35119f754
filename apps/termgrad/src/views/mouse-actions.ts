import type { MouseEvent } from '../mouse.js';
import { networkFields } from '../settings/fields.js';
import { LAB_TITLES, LABS } from '../settings/lab.js';
import type { Action } from '../state/actions.js';
import type { AppState } from '../state/app-state.js';
import { digitsMouseActions } from './digits-mouse.js';
import { MIN_HEIGHT, MIN_WIDTH } from './layout.js';
import { diagramGeometry, diagramHit } from './network-geometry.js';
import type { Rect } from './network-view.js';
import { networkLayoutOf } from './network-view.js';
import { settingsBarCells } from './settings-bar.js';

const inside = (r: Rect | null, x: number, y: number): r is Rect =>
  r !== null && x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;

/** The lab whose tab is at column x of the tab bar (as `tabBar` draws it: "termgrad " then " 1 Title " tabs split by one column). */
function tabAt(x: number): (typeof LABS)[number] | null {
  let at = 'termgrad '.length;
  for (const [i, lab] of LABS.entries()) {
    const w = ` ${i + 1} ${LAB_TITLES[lab]} `.length;
    if (x >= at && x < at + w) return lab;
    at += w + 1;
  }
  return null;
}

/**
 * What a mouse event on the dashboard (width × height, as drawn by appView) asks for, pure:
 * a click on a tab switches lab; in the network lab a click on a setting selects it, on a neuron
 * or layer header selects it, on an input feature toggles it, on the title's [+] / [-] adds or
 * removes a layer; the wheel over a setting changes its value and over a hidden layer changes its
 * neurons. Releases and other buttons do nothing.
 * @example
 * mouseActions(initialState(), { kind: 'press', button: 0, x: 12, y: 0 }, 80, 24); // [{ type: 'switchLab', lab: 'curve' }]
 */
export function mouseActions(
  state: AppState,
  e: MouseEvent,
  width: number,
  height: number,
): Action[] {
  // The digits lab's pad takes drags and the right button (erase); the other labs only left clicks and the wheel.
  const digits = state.lab === 'digits' && !state.help;
  if (
    width < MIN_WIDTH ||
    height < MIN_HEIGHT - 1 ||
    e.kind === 'release' ||
    (!digits && (e.kind === 'drag' || (e.kind === 'press' && e.button !== 0)))
  )
    return [];
  const wheel = e.kind === 'wheelUp' ? 1 : e.kind === 'wheelDown' ? -1 : 0;
  if (state.help) return wheel === 0 ? [{ type: 'closeHelp' }] : [];
  if (e.y === 0) {
    const lab = e.kind === 'press' && e.button === 0 ? tabAt(e.x) : null;
    return lab === null ? [] : [{ type: 'switchLab', lab }];
  }
  if (digits) return e.y >= height - 1 ? [] : digitsMouseActions(state, e, width, height);
  if (state.lab !== 'network' || e.y >= height - 1) return [];
  const n = state.network;
  const bodyH = height - 2;
  const x = e.x;
  const y = e.y - 1;
  const L = networkLayoutOf(n, width, bodyH);
  const dir = wheel > 0 ? 1 : -1;
  const field = (index: number): Action[] => [
    { type: 'selectFieldAt', index },
    ...(wheel !== 0 ? [{ type: 'changeField', dir } as const] : []),
  ];
  const panel = L.panel;
  if (inside(panel, x, y)) {
    const index = L.panelStart + (y - panel.y) - 1;
    return y === panel.y || index >= networkFields(n.settings, n.dataFile).length
      ? []
      : field(index);
  }
  const bar = L.bar;
  if (inside(bar, x, y)) {
    const cells = settingsBarCells(
      networkFields(n.settings, n.dataFile),
      n.settings,
      n.field,
      bar.w,
      bar.h,
    );
    const cell = cells.find((c) => c.y === y - bar.y && x >= c.x && x < c.x + c.width);
    return cell === undefined ? [] : field(cell.index);
  }
  if (inside(L.diagram, x, y)) {
    const g = diagramGeometry(n.settings, L.diagram.w, L.diagram.h, n.cursor.col);
    const hit = g === null ? null : diagramHit(g, x - L.diagram.x, y - L.diagram.y);
    if (hit === null) return [];
    if (hit.kind === 'addLayer' || hit.kind === 'removeLayer')
      return wheel !== 0 ? [] : [{ type: 'editNetwork', op: hit.kind }];
    const row = hit.kind === 'cell' ? hit.row : n.cursor.col === hit.col ? n.cursor.row : 0;
    const select: Action = { type: 'selectNeuron', col: hit.col, row };
    const hidden = hit.col >= 1 && hit.col <= n.settings.layers.length;
    if (wheel !== 0)
      return hidden
        ? [select, { type: 'editNetwork', op: wheel > 0 ? 'addNeuron' : 'removeNeuron' }]
        : [];
    if (hit.col === 0 && hit.kind === 'cell')
      return [select, { type: 'editNetwork', op: 'toggleFeature' }];
    return [select];
  }
  return [];
}
