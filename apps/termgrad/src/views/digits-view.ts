import type { DigitsSnapshot } from '../driver/digits-snapshot.js';
import type { Charset } from '../render/charset.js';
import type { ColorMode, Rgb } from '../render/index.js';
import { lineChart, paint } from '../render/index.js';
import { DIGITS_FIELDS } from '../settings/digits-fields.js';
import { DIGIT_MODEL_TITLES } from '../settings/digits-settings.js';
import type { DigitsLabState } from '../state/digits-state.js';
import type { StripItem } from './digits-images.js';
import { imageStrip } from './digits-images.js';
import type { Placed, Rect } from './digits-layout.js';
import { compose, digitsLayout } from './digits-layout.js';
import { padRows, probabilityBars } from './digits-pad.js';
import { fieldPanel } from './field-panel.js';
import { fit, heading, line, muted, num, rate, TEST_COLOR, TRAIN_COLOR } from './layout.js';
import { settingsBar } from './settings-bar.js';

const GOOD: Rgb = [0x3c, 0xb3, 0x71];
const BAD: Rgb = [0xe0, 0x60, 0x40];

/** The test confusion matrix: true class down, predicted across; the diagonal green, mistakes red. */
export function confusionRows(snap: DigitsSnapshot, width: number, mode: ColorMode): string[] {
  const k = snap.data.classes;
  const head = `${'t\\p'.padStart(4)}${Array.from({ length: k }, (_, c) => (snap.data.classNames[c] ?? String(c)).slice(0, 3).padStart(4)).join('')}`;
  const rows = [line(muted(mode, head), width)];
  for (let t = 0; t < k; t++) {
    let row = (snap.data.classNames[t] ?? String(t)).slice(0, 3).padStart(4);
    for (let p = 0; p < k; p++) {
      const v = snap.confusion[t * k + p] ?? 0;
      const text = String(v).padStart(4);
      row +=
        v === 0
          ? muted(mode, text.replace(/0$/, '·'))
          : paint(mode, text, { fg: t === p ? GOOD : BAD, bold: t !== p });
    }
    rows.push(line(row, width));
  }
  return rows;
}

/** The run's numbers and the loss chart (when there is room). */
function metricsRows(
  lab: DigitsLabState,
  width: number,
  height: number,
  mode: ColorMode,
): string[] {
  const s = lab.snapshot;
  if (lab.error !== null)
    return fit(
      [line(`error: ${lab.error}`, width), muted(mode, 'd: next data set, m: next model')],
      width,
      height,
    );
  if (s === null) return fit([muted(mode, 'loading the images…')], width, height);
  const state = s.done ? '■ done' : lab.running ? '▶' : '❚❚';
  const pct = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');
  const rows = [
    line(`${heading(mode, `epoch ${s.epoch}`)} ${state}  ${rate(s.samplesPerSecond)} img/s`, width),
    line(
      `loss ${paint(mode, `train ${num(s.trainLoss, 3)}`, { fg: TRAIN_COLOR })} ${paint(mode, `test ${num(s.testLoss, 3)}`, { fg: TEST_COLOR })}`,
      width,
    ),
    line(`accuracy ${pct(s.trainAccuracy)} / test ${heading(mode, pct(s.testAccuracy))}`, width),
  ];
  const c = s.model?.collapse;
  if (c !== undefined)
    rows.push(
      line(`C = BA, c = Ba + b: same class`, width),
      line(`on ${c.agree}/${c.total}, accuracy ${pct(c.accuracy)}`, width),
    );
  if (s.rank !== undefined)
    rows.push(line(muted(mode, `design rank ${s.rank} of ${s.data.pixels + 1}`), width));
  const chartH = height - rows.length - 1;
  if (chartH >= 4 && lab.history.length >= 2) {
    const train = lab.history.map((p) => p.train);
    const test = lab.history.map((p) => p.test);
    rows.push(
      line(
        `${muted(mode, 'loss')} ${paint(mode, '─ train', { fg: TRAIN_COLOR })} ${paint(mode, mode === 'none' ? '┈ test' : '─ test', { fg: TEST_COLOR })}`,
        width,
      ),
    );
    rows.push(
      ...lineChart([train, test], {
        width,
        height: chartH,
        mode,
        colors: [TRAIN_COLOR, TEST_COLOR],
        log: train.every((v) => v > 0),
      }),
    );
  }
  return fit(rows, width, height);
}

function weightItems(s: DigitsSnapshot): StripItem[] {
  return (s.model?.weightImages ?? []).map((im) => ({ pixels: im.w, caption: im.label }));
}

function weightTitle(s: DigitsSnapshot): string {
  if (s.settings.model === 'mlp') return 'strongest hidden units: input weights';
  if (s.settings.model === 'linear2') return 'rows of C = BA (the two linear layers as one)';
  return 'rows of A: one weight image per class';
}

function mistakeItems(s: DigitsSnapshot): StripItem[] {
  const [h, w] = s.data.imageShape;
  const name = (c: number): string => s.data.classNames[c] ?? String(c);
  return s.wrong.map((m) => ({
    pixels: s.data.test.x.subarray(m.index * h * w, (m.index + 1) * h * w),
    caption: `${name(m.truth)}→${name(m.predicted)} ${m.p.toFixed(2).replace(/^0/, '')}`,
  }));
}

function dataItems(s: DigitsSnapshot, count: number): StripItem[] {
  const [h, w] = s.data.imageShape;
  return Array.from({ length: Math.min(count, s.data.train.n) }, (_, i) => ({
    pixels: s.data.train.x.subarray(i * h * w, (i + 1) * h * w),
    caption: s.data.classNames[s.data.train.labels[i] ?? 0] ?? '',
  }));
}

/** A titled strip of images in a rectangle. */
function strip(
  title: string,
  items: readonly StripItem[],
  s: DigitsSnapshot,
  thumb: number,
  r: Rect,
  mode: ColorMode,
  signed: boolean,
): string[] {
  const [h, w] = s.data.imageShape;
  if (items.length === 0)
    return [
      line(heading(mode, title), r.w),
      muted(
        mode,
        s.wrong.length === 0 && title.startsWith('most') ? 'no test image is wrong' : 'training…',
      ),
    ];
  const body = imageStrip(items, h, w, thumb, r.w, r.h - 1, mode, signed);
  return [line(heading(mode, title), r.w), ...body.rows];
}

/**
 * The digits lab: the settings, the drawing pad with p(class | x), the weight images, the
 * confusion matrix, the most wrong test images, the training images and the run's numbers.
 * Exactly width × height. `charset` 'ascii' draws images as density ramps.
 */
export function digitsView(
  lab: DigitsLabState,
  width: number,
  height: number,
  mode: ColorMode,
  charset: Charset = 'utf8',
): string[] {
  const L = digitsLayout(lab, width, height);
  const s = lab.snapshot;
  // ASCII has no half blocks: the images become density ramps (' .:+#@') without colour.
  const img: ColorMode = charset === 'ascii' ? 'none' : mode;
  const settings = lab.settings;
  const title = line(
    `${heading(mode, 'Digits')} ${DIGIT_MODEL_TITLES[settings.model]}${settings.model === 'mlp' ? `, σ = ${settings.activation}` : ''}${s !== null ? muted(mode, ` · ${s.data.source}, ${s.data.train.n}/${s.data.test.n} images`) : ''}`,
    width,
  );
  const blocks: Placed[] = [{ rect: { x: 0, y: 0, w: width, h: 1 }, rows: [title] }];
  if (L.panel !== null)
    blocks.push({
      rect: L.panel,
      rows: fieldPanel(DIGITS_FIELDS, settings, lab.field, L.panel.w, L.panel.h, mode),
    });
  if (L.bar !== null)
    blocks.push({
      rect: L.bar,
      rows: settingsBar(
        DIGITS_FIELDS,
        settings,
        lab.field,
        lab.focus === 'settings',
        L.bar.w,
        L.bar.h,
        mode,
      ),
    });
  const padHint =
    lab.focus === 'pad' ? 'pad: arrows, space ink, c clear' : 'draw: e or mouse · i sample';
  blocks.push({
    rect: { x: L.pad.x, y: L.pad.y - 1, w: L.pad.w + 1 + L.bars.w, h: 1 },
    rows: [muted(mode, padHint)],
  });
  blocks.push({
    rect: L.pad,
    rows: padRows(lab.pad, lab.padShape[0], lab.padShape[1], lab.cursor, lab.focus === 'pad', img),
  });
  const names = s?.data.classNames ?? ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  blocks.push({ rect: L.bars, rows: probabilityBars(s?.model, lab.pad, names, L.bars.w, mode) });
  blocks.push({ rect: L.metrics, rows: metricsRows(lab, L.metrics.w, L.metrics.h, mode) });
  if (s !== null) {
    if (L.main !== null) {
      const r = L.main;
      const next = `(v: ${lab.panel === 'weights' ? 'confusion' : lab.panel === 'confusion' ? 'mistakes' : lab.panel === 'mistakes' ? 'data' : 'weights'})`;
      let rows: string[];
      if (lab.panel === 'weights')
        rows = strip(weightTitle(s), weightItems(s), s, L.thumb, r, img, true);
      else if (lab.panel === 'confusion')
        rows = [
          line(heading(mode, 'confusion matrix (test images)'), r.w),
          ...confusionRows(s, r.w, mode),
        ];
      else if (lab.panel === 'mistakes')
        rows = strip(
          'most wrong test images: true→predicted p',
          mistakeItems(s),
          s,
          L.thumb,
          r,
          img,
          false,
        );
      else
        rows = strip(
          'training images and their labels',
          dataItems(s, 40),
          s,
          L.thumb,
          r,
          img,
          false,
        );
      blocks.push({ rect: r, rows: [...rows.slice(0, r.h - 1), muted(mode, next)] });
    }
    if (L.weights !== null)
      blocks.push({
        rect: L.weights,
        rows: strip(weightTitle(s), weightItems(s), s, L.thumb, L.weights, img, true),
      });
    if (L.confusion !== null && L.confusion.w > 0)
      blocks.push({
        rect: L.confusion,
        rows: [
          line(heading(mode, 'confusion (test)'), L.confusion.w),
          ...confusionRows(s, L.confusion.w, mode),
        ].slice(0, L.confusion.h),
      });
    if (L.mistakes !== null && L.mistakes.h > 1)
      blocks.push({
        rect: L.mistakes,
        rows: strip(
          'most wrong test images: true→predicted p',
          mistakeItems(s),
          s,
          L.thumb,
          L.mistakes,
          img,
          false,
        ),
      });
    if (L.data !== null)
      blocks.push({
        rect: L.data,
        rows: strip(
          'training images and their labels',
          dataItems(s, 40),
          s,
          L.thumb,
          L.data,
          img,
          false,
        ),
      });
  }
  return compose(blocks, width, height);
}
