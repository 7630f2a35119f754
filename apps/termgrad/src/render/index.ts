/**
 * Pure rendering primitives of the termgrad TUI: colour, visible-width layout, braille canvas,
 * half-block heat map and line chart. Every function here maps data to `string[]` rows; nothing
 * touches a terminal, so all of it is tested without one.
 *
 * - colour: `detectColorMode({ env, isTTY, flag })` → 'truecolor' | 'ansi256' | 'ansi16' | 'none';
 *   `fg/bg(mode, rgb)` SGR strings ('' in 'none'), `paint(mode, text, style)`, `RESET`,
 *   `rgbToAnsi256`, `divergingColor(v)` (Playground orange −1 ↔ white 0 ↔ blue +1), `mixRgb`.
 * - layout: `stripAnsi`, `visibleWidth`, `padEndVisible`, `padStartVisible`, `truncateVisible`,
 *   `fitVisible` (exact width), `centerVisible`, `hstack(blocks, gap)`, `vstack(blocks, gap)`,
 *   `box(title, rows, width, { height })`, `fitFrame(rows, w, h)` (the last safety net).
 * - `new BrailleCanvas(w, h)`: `setViewport`, `point`, `line`, `curve(fn | xs, ys)`, `text`,
 *   `render(mode)` → h rows of exactly w columns.
 * - `renderHeatmap(values, gridW, gridH, { mode, overlay: { points, domain } })` →
 *   ceil(gridH / 2) rows of exactly gridW columns ('▀' cells; shape ramp `MONO_RAMP` in 'none').
 * - `lineChart(series, { width, height, mode, colors, log })` → exactly height rows × width columns.
 * - frames: `frameBytes`, `frameDiff`, `frameUpdate(prev, next)` (escape string repainting only
 *   the changed rows).
 */

export type { CurveOptions, Viewport } from './braille-canvas.js';
export { BrailleCanvas, bresenham } from './braille-canvas.js';
export type {
  ColorMode,
  DetectColorModeOptions,
  DivergingScale,
  PaintStyle,
  Rgb,
} from './color.js';
export {
  bg,
  detectColorMode,
  divergingColor,
  fg,
  mixRgb,
  PLAYGROUND_BLUE,
  PLAYGROUND_ORANGE,
  PLAYGROUND_SCALE,
  PLAYGROUND_WHITE,
  paint,
  RESET,
  rgbToAnsi16,
  rgbToAnsi256,
  XTERM_CUBE_LEVELS,
} from './color.js';
export type { FrameUpdateOptions } from './frame-stats.js';
export { frameBytes, frameDiff, frameUpdate } from './frame-stats.js';
export type { HeatmapOptions, HeatmapOverlay, OverlayPoint } from './heatmap.js';
export { MONO_RAMP, monoLevel, pointColor, renderHeatmap } from './heatmap.js';
export type { LineChartOptions } from './line-chart.js';
export { binSeries, formatTick, lineChart } from './line-chart.js';
export { RenderError } from './render-error.js';
export type { BoxOptions } from './text.js';
export {
  blockWidth,
  box,
  centerVisible,
  charWidth,
  fitFrame,
  fitVisible,
  hstack,
  padEndVisible,
  padStartVisible,
  stripAnsi,
  truncateVisible,
  visibleWidth,
  vstack,
} from './text.js';
