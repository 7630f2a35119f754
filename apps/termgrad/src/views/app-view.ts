import { formatSpeed } from '../driver/pacer.js';
import { rowsForCharset } from '../render/charset.js';
import type { ColorMode } from '../render/index.js';
import { visibleWidth } from '../render/index.js';
import { LAB_TITLES, LABS } from '../settings/lab.js';
import type { AppState } from '../state/app-state.js';
import { fieldsOf } from '../state/reducer.js';
import { classifyView } from './classify-view.js';
import { curveView } from './curve-view.js';
import { digitsView } from './digits-view.js';
import { helpView } from './help-view.js';
import { centered, fit, heading, line, MIN_HEIGHT, MIN_WIDTH, muted, selected } from './layout.js';
import { diagramHint } from './network-diagram.js';
import { networkView } from './network-view.js';

/** The tab bar: the labs with their number keys, the current one highlighted. */
export function tabBar(state: AppState, width: number, mode: ColorMode): string {
  const tabs = LABS.map((lab, i) => {
    const text = ` ${i + 1} ${LAB_TITLES[lab]} `;
    return lab === state.lab ? selected(mode, text) : text;
  }).join(muted(mode, '│'));
  // Four tabs leave 80 columns no room for both hints: '? help' stays (the help names q).
  const hints =
    visibleWidth(`termgrad ${tabs}  ? help  q quit`) <= width ? '? help  q quit' : '? help';
  return line(`${heading(mode, 'termgrad')} ${tabs}  ${muted(mode, hints)}`, width);
}

/** Key hints of the status line, most useful first; the curve lab has nothing to play or step. */
function hintsOf(state: AppState): string[] {
  const common = ['r reset', 'g new data', 's save'];
  return state.lab === 'curve' ? common : ['space play/pause', 'n step', ...common];
}

/**
 * The status line: the selected setting, the speed (labs that animate), the key hints that fit
 * (the rest collapse to `? help`), or the last message.
 */
export function statusLine(state: AppState, width: number, now: number, mode: ColorMode): string {
  const lab = state[state.lab];
  const field = fieldsOf(state)[lab.field];
  const fieldText =
    state.lab === 'network' && state.network.focus === 'network'
      ? diagramHint(state.network.settings, state.network.cursor)
      : state.lab === 'digits' && state.digits.focus === 'pad'
        ? 'pad: ←→↑↓ move · space ink/erase · c clear · i sample · e settings'
        : field === undefined
          ? ''
          : `${field.label.trim()}: ${field.show(lab.settings as never)} (←→)${state.lab === 'network' ? ' · e network' : state.lab === 'digits' ? ' · e pad' : ''}`;
  const message = state.message !== null && now < state.messageUntil ? state.message : '';
  if (message !== '') return line(`${heading(mode, '»')} ${message}`, width);
  // The selected thing's keys come first; on a narrow line its ' · '-separated key list keeps the
  // segments that fit beside '? help', then the speed, then the lab's hints.
  const closing = '   ? help'.length;
  const segments = fieldText.split(' · ');
  let text = segments[0] ?? '';
  for (const seg of segments.slice(1)) {
    if (visibleWidth(`${text} · ${seg}`) + closing > width) break;
    text = `${text} · ${seg}`;
  }
  const cut = text !== fieldText;
  const speed = state.lab === 'curve' ? '' : `speed ${formatSpeed(state.speed)} (<>)`;
  if (!cut && speed !== '' && visibleWidth(`${text}   ${speed}`) + closing <= width)
    text = text === '' ? speed : `${text}   ${speed}`;
  const hints = cut ? [] : hintsOf(state);
  let shown = 0;
  for (const h of hints) {
    const next = `${text}${shown === 0 ? '   ' : ' · '}${h}`;
    // Keep room for the closing '· ? help' unless this is the last hint.
    const room = shown === hints.length - 1 ? width : width - ' · ? help'.length;
    if (visibleWidth(next) > room) break;
    text = next;
    shown++;
  }
  if (shown < hints.length || cut || (speed !== '' && !text.includes(speed)))
    text += `${shown === 0 ? '   ' : ' · '}? help`;
  return line(muted(mode, text), width);
}

/** Shown instead of the dashboard when the terminal is smaller than MIN_WIDTH × MIN_HEIGHT. */
export function tooSmallView(width: number, height: number, terminalHeight = height): string[] {
  const rows =
    width < 24 || height < 3
      ? [`need ${MIN_WIDTH}x${MIN_HEIGHT}`]
      : [
          'termgrad needs a bigger terminal',
          `at least ${MIN_WIDTH}×${MIN_HEIGHT}, this one is ${width}×${terminalHeight}`,
          'enlarge it, or press q to quit',
        ];
  return centered(
    rows.map((r) => r.slice(0, Math.max(1, width))),
    Math.max(1, width),
    Math.max(1, height),
  );
}

/**
 * The whole screen as rows of text: tab bar, the current lab (or help), status line.
 * Pure: the same state, size, time and mode give the same rows. Exactly `height` rows, none wider
 * than `width`. `terminalHeight` (default `height`) is the terminal's row count, for the
 * too-small check when fewer rows are drawn than the terminal has.
 */
export function appView(
  state: AppState,
  width: number,
  height: number,
  now = 0,
  mode: ColorMode = state.color,
  terminalHeight = height,
): string[] {
  // The App draws one row fewer than the terminal has: the minimum is about the terminal.
  if (width < MIN_WIDTH || terminalHeight < MIN_HEIGHT)
    return [...rowsForCharset(tooSmallView(width, height, terminalHeight), state.charset)];
  const bodyH = height - 2;
  let body: string[];
  if (state.help) body = helpView(state.lab, width, bodyH, mode, state.helpScroll);
  else if (state.lab === 'network')
    body = networkView(state.network, width, bodyH, mode, state.charset);
  else if (state.lab === 'curve') body = curveView(state.curve, width, bodyH, mode, now);
  else if (state.lab === 'digits')
    body = digitsView(state.digits, width, bodyH, mode, state.charset);
  else body = classifyView(state.classify, width, bodyH, mode);
  const rows = fit(
    [tabBar(state, width, mode), ...fit(body, width, bodyH), statusLine(state, width, now, mode)],
    width,
    height,
  );
  // The screen's character set applies to every view at once: in ASCII each glyph becomes one
  // ASCII character of the same width (density ramps, background-coloured maps, ASCII charts).
  return [...rowsForCharset(rows, state.charset)];
}
