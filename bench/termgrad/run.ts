/**
 * Benchmark of the termgrad dashboard (Network lab). Not a test: prints a table.
 *
 *   pnpm bench termgrad [--width 120] [--height 40] [--frames 120] [--seconds 2] [--reps 4] [--fps 15] [--no-link | --link-only | --startup-only]
 *
 * Measures, for the Network lab at width × height:
 *  1. the pure view `appView(state, w, h)`: median and p95 ms per frame, per colour mode;
 *  2. bytes per frame: full redraw, and changed rows only (what TerminalScreen sends);
 *  3. the cost of putting a frame on the terminal: TerminalScreen (what the app does: changed rows
 *     written directly, in one write) against the Ink renderer the app used before (rows as Ink
 *     <Text> elements) and a one-<Text> Ink variant;
 *  4. training throughput (samples/s) headless vs while drawing at `fps` frames per second — the
 *     frame paths of 3 in a loop, and the real <App> (Ink for keys, useTraining at speed max,
 *     TerminalScreen into a counting stream) — interleaved paired reps;
 *  5. key latency of the real <App> while it trains at speed max: key press to the frame showing it;
 *  6. startup: spawn `node dist/cli.js` in a pty (`script`, its pacing requests answered as a
 *     terminal answers them): first frame, first frame with results;
 *  7. the link section (link.ts): the app through ssh and a throttled relay, key → screen latency
 *     and bytes/s at 16/32/64 KB/s (`--link-only` runs just this, `--no-link` all but this).
 * Targets: p95 frame < 20 ms, < 30 KB per frame, training while rendering >= 80 % of headless,
 * keys answered within 100 ms, first frame with content < 500 ms.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random } from '@termgrad/tensor';
import { networkSession } from '../../apps/termgrad/src/driver/network-session.js';
import { createSessionFactory } from '../../apps/termgrad/src/driver/sessions.js';
import type { NetworkSnapshot } from '../../apps/termgrad/src/driver/snapshots.js';
import type { ColorMode } from '../../apps/termgrad/src/render/index.js';
import {
  BrailleCanvas,
  frameBytes,
  frameUpdate,
  lineChart,
  renderHeatmap,
} from '../../apps/termgrad/src/render/index.js';
import type { NetworkSettings } from '../../apps/termgrad/src/settings/network-settings.js';
import { DEFAULT_NETWORK_SETTINGS } from '../../apps/termgrad/src/settings/network-settings.js';
import type { AppState } from '../../apps/termgrad/src/state/app-state.js';
import { initialState } from '../../apps/termgrad/src/state/app-state.js';
import { reducer } from '../../apps/termgrad/src/state/reducer.js';
import { TerminalScreen } from '../../apps/termgrad/src/terminal-screen.js';
import { appView } from '../../apps/termgrad/src/views/app-view.js';
import { BenchScreen, CountingStream, countingFactory, inkRenderer, startApp } from './harness.js';

// Ink reads CI at import time and then renders nothing (toolchain P9): clear it before importing.
delete process.env['CI'];

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

const WIDTH = arg('width', 120);
const HEIGHT = arg('height', 40);
const FRAMES = arg('frames', 120);
const SECONDS = arg('seconds', 2);
const REPS = arg('reps', 4);
const FPS = arg('fps', 15);
const APP_DIR = fileURLToPath(new URL('../../apps/termgrad/', import.meta.url));
const CLI = join(APP_DIR, 'dist', 'cli.js');
const SETTINGS: NetworkSettings = { ...DEFAULT_NETWORK_SETTINGS, seed: 1 };
/** Training points of SETTINGS (the Playground's split: the first ⌊n · ratio / 100⌋). */
const TRAIN_N = Math.floor((SETTINGS.samples * SETTINGS.trainRatio) / 100);

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i] ?? NaN;
}
const median = (xs: readonly number[]): number => quantile(xs, 0.5);
const f = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : '—');
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** A sequence of dashboard states: one per epoch of a real training run (model captured). */
async function trainingStates(n: number, mode: ColorMode): Promise<AppState[]> {
  const session = networkSession(SETTINGS);
  let state = initialState({ color: mode, network: SETTINGS });
  const states: AppState[] = [];
  await session.next(); // epoch 0
  for (let i = 0; i < n; i++) {
    await session.next();
    const r = await session.next({ capture: true });
    if (r.done === true) break;
    const snap: NetworkSnapshot = r.value;
    state = reducer(state, {
      type: 'networkSnapshot',
      generation: state.network.generation,
      snapshot: snap,
      losses: [{ epoch: snap.epoch, train: snap.trainLoss, test: snap.testLoss }],
    });
    states.push(state);
  }
  await session.return(undefined);
  return states;
}

/** Dashboard states of the digits lab: one per epoch of softmax regression on the embedded digits (model captured), a test image on the pad. */
async function digitsStates(n: number, mode: ColorMode): Promise<AppState[]> {
  const { digitsSession } = await import('../../apps/termgrad/src/driver/digits-session.js');
  const { DEFAULT_DIGITS_SETTINGS } = await import(
    '../../apps/termgrad/src/settings/digits-settings.js'
  );
  const session = digitsSession({ ...DEFAULT_DIGITS_SETTINGS, seed: 1 });
  let state = initialState({ color: mode, lab: 'digits' });
  const states: AppState[] = [];
  await session.next(); // epoch 0
  for (let i = 0; i < n; i++) {
    await session.next();
    const r = await session.next({ capture: true });
    if (r.done === true) break;
    const snap = r.value;
    state = reducer(state, {
      type: 'digitsSnapshot',
      generation: state.digits.generation,
      snapshot: snap,
      losses: [{ epoch: snap.epoch, train: snap.trainLoss, test: snap.testLoss }],
    });
    if (i === 0) state = reducer(state, { type: 'padSample' });
    states.push(state);
  }
  await session.return(undefined);
  return states;
}

/** The digits lab's frames next to the network lab's: view time and bytes per frame (full, and changed rows). */
async function labsTable(networkStates: ReadonlyMap<ColorMode, AppState[]> | null): Promise<void> {
  const modes: ColorMode[] = ['ansi256', 'none'];
  const rows: string[][] = [
    ['lab', 'mode', 'median ms', 'p95 ms', 'full frame', 'frameUpdate (median)'],
  ];
  const labs: [string, Map<ColorMode, AppState[]>][] = [];
  if (networkStates !== null)
    labs.push(['network', new Map(modes.map((m) => [m, networkStates.get(m) ?? []]))]);
  labs.push([
    'digits',
    new Map(
      await Promise.all(
        modes.map(async (m) => [m, await digitsStates(40, m)] as [ColorMode, AppState[]]),
      ),
    ),
  ]);
  const stats = new Map<string, ViewStats>();
  for (let rep = 0; rep < REPS; rep++) {
    for (const [lab, byMode] of labs) {
      for (const m of modes) {
        const key = `${lab} ${m}`;
        if (!stats.has(key)) stats.set(key, { times: [], fullBytes: [], diffBytes: [] });
        measureViews(byMode.get(m) ?? [], m, stats.get(key)!);
      }
    }
  }
  console.log(
    `\nLabs side by side: appView at ${WIDTH}×${HEIGHT} while training (interleaved reps)`,
  );
  table([
    ...rows,
    ...labs.flatMap(([lab]) =>
      modes.map((m) => {
        const v = stats.get(`${lab} ${m}`)!;
        return [
          lab,
          m,
          f(median(v.times)),
          f(quantile(v.times, 0.95)),
          kb(median(v.fullBytes)),
          kb(median(v.diffBytes.slice(1))),
        ];
      }),
    ),
  ]);
}

interface ViewStats {
  times: number[];
  fullBytes: number[];
  diffBytes: number[];
}

function measureViews(states: readonly AppState[], mode: ColorMode, into: ViewStats): void {
  let prev: string[] = [];
  for (let i = 0; i < FRAMES; i++) {
    const st = states[i % states.length]!;
    const t0 = performance.now();
    const rows = appView(st, WIDTH, HEIGHT, 0, mode);
    into.times.push(performance.now() - t0);
    into.fullBytes.push(frameBytes(rows));
    // What TerminalScreen sends: changed rows only, each with a cursor move and erase-line.
    into.diffBytes.push(Buffer.byteLength(frameUpdate(prev, rows, { sgr: mode !== 'none' })));
    prev = rows;
  }
}

type OutputKind = 'screen' | 'ink' | 'inkSingle';

const OUTPUT_LABEL: Record<OutputKind, string> = {
  screen: 'TerminalScreen (the app: changed rows, one write)',
  ink: 'Ink, one <Text> per row (before)',
  inkSingle: 'Ink, one <Text> for the frame (variant)',
};

/** A frame drawer of each kind into a counting fake TTY. */
async function outputPath(
  kind: OutputKind,
  out: CountingStream,
  maxFps: number,
): Promise<{ draw: (rows: readonly string[]) => void; close: () => void }> {
  if (kind === 'screen') {
    const screen = new TerminalScreen(out);
    return { draw: (rows) => screen.draw(rows, WIDTH, HEIGHT), close: () => screen.close() };
  }
  return inkRenderer(out, kind === 'ink' ? 'rows' : 'single', maxFps);
}

/**
 * ms from handing a frame to the output path until its bytes are written (TerminalScreen writes
 * synchronously; Ink renders then writes), and bytes per frame, over a real training sequence.
 */
async function measureOutput(
  kind: OutputKind,
  states: readonly AppState[],
  mode: ColorMode,
): Promise<{ times: number[]; bytes: number[]; silent: number }> {
  const out = new CountingStream(WIDTH, HEIGHT);
  const path = await outputPath(kind, out, 1000);
  path.draw(appView(states[0]!, WIDTH, HEIGHT, 0, mode));
  await new Promise((r) => setTimeout(r, 50));
  const times: number[] = [];
  const bytes: number[] = [];
  let silent = 0;
  for (let i = 1; i < FRAMES; i++) {
    const rows = appView(states[i % states.length]!, WIDTH, HEIGHT, 0, mode);
    const before = out.bytes;
    let wrote = false;
    const written = new Promise<void>((resolve) => {
      out.onWrite = () => {
        wrote = true;
        resolve();
      };
      setTimeout(resolve, kind === 'screen' ? 0 : 200); // unchanged frame: nothing is written
    });
    const t0 = performance.now();
    path.draw(rows);
    await written;
    const dt = performance.now() - t0;
    if (wrote) {
      times.push(dt);
      bytes.push(out.bytes - before);
    } else {
      silent++;
    }
    if (kind !== 'screen') await new Promise((r) => setTimeout(r, 5)); // let Ink's throttle window pass
  }
  path.close();
  return { times, bytes, silent };
}

type RenderCase = 'headless' | 'view' | OutputKind | 'app';

/**
 * Samples trained per second for `seconds`. Every 1/fps s a frame is made: 'view' computes the
 * rows only; the output kinds also draw them. 'headless' makes no frames. Every case yields to the
 * event loop once per frame slot so timers (Ink's throttle) can run.
 */
async function throughput(
  seconds: number,
  kind: RenderCase,
  mode: ColorMode,
): Promise<{ samplesPerSec: number; frames: number; bytes: number }> {
  if (kind === 'app') return appThroughput(seconds, mode);
  const session = networkSession(SETTINGS);
  let state = initialState({ color: mode, network: SETTINGS });
  await session.next();
  const frameMs = 1000 / FPS;
  const out = new CountingStream(WIDTH, HEIGHT);
  let draw: ((rows: readonly string[]) => void) | null = null;
  let cleanup = (): void => {};
  if (kind === 'view') {
    draw = () => {};
  } else if (kind !== 'headless') {
    const path = await outputPath(kind, out, FPS);
    draw = path.draw;
    cleanup = path.close;
  }
  let epochs = 0;
  let frames = 0;
  const t0 = performance.now();
  let lastFrame = t0;
  while (performance.now() - t0 < seconds * 1000) {
    await session.next();
    epochs++;
    if (performance.now() - lastFrame >= frameMs) {
      lastFrame = performance.now();
      if (draw !== null) {
        const r = await session.next({ capture: true });
        if (r.done !== true) {
          state = reducer(state, {
            type: 'networkSnapshot',
            generation: state.network.generation,
            snapshot: r.value,
            losses: [{ epoch: r.value.epoch, train: r.value.trainLoss, test: r.value.testLoss }],
          });
          draw(appView(state, WIDTH, HEIGHT, 0, mode));
          frames++;
        }
      }
      await new Promise((r) => setImmediate(r));
    }
  }
  const dt = (performance.now() - t0) / 1000;
  cleanup();
  await session.return(undefined);
  return { samplesPerSec: (epochs * TRAIN_N) / dt, frames, bytes: out.bytes };
}

/** The real <App> at speed max for `seconds`: epochs counted in its session, frames on a BenchScreen. */
async function appThroughput(
  seconds: number,
  mode: ColorMode,
): Promise<{ samplesPerSec: number; frames: number; bytes: number }> {
  const counter = { epochs: 0 };
  const sessions = countingFactory(await createSessionFactory(), counter);
  const screen = new BenchScreen(WIDTH, HEIGHT);
  const app = await startApp(
    initialState({ color: mode, network: SETTINGS, speed: Infinity }),
    sessions,
    FPS,
    screen,
  );
  // Start counting once the session runs (its module has loaded and epoch 0 is on screen).
  while (counter.epochs === 0) await new Promise((r) => setTimeout(r, 1));
  const e0 = counter.epochs;
  const f0 = screen.frames;
  const b0 = screen.out.bytes;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const dt = (performance.now() - t0) / 1000;
  const result = {
    samplesPerSec: ((counter.epochs - e0) * TRAIN_N) / dt,
    frames: screen.frames - f0,
    bytes: screen.out.bytes - b0,
  };
  await app.stop();
  return result;
}

/** Key press to the frame that shows it ('?' opens and closes the help), in the real <App> training at speed max. */
async function keyLatency(presses: number, mode: ColorMode): Promise<number[]> {
  const sessions = await createSessionFactory();
  const screen = new BenchScreen(WIDTH, HEIGHT);
  const app = await startApp(
    initialState({ color: mode, network: SETTINGS, speed: Infinity }),
    sessions,
    FPS,
    screen,
  );
  await new Promise((r) => setTimeout(r, 500));
  const helpShown = (rows: readonly string[]): boolean =>
    rows.some((r) => r.includes('Keys (every lab)'));
  const times: number[] = [];
  for (let i = 0; i < presses; i++) {
    const want = !helpShown(screen.last);
    const shown = new Promise<void>((resolve) => {
      screen.onDraw = (rows) => {
        if (helpShown(rows) === want) resolve();
      };
    });
    const t0 = performance.now();
    app.stdin.write('?');
    await shown;
    times.push(performance.now() - t0);
    screen.onDraw = null;
    // A random phase against the training slices and frames.
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 150));
  }
  await app.stop();
  return times;
}

/**
 * ms from spawning `node dist/cli.js` in a pty until the first dashboard frame arrives, and until
 * the first frame with results (the untrained network's loss) arrives.
 */
async function startupOnce(): Promise<{ first: number; content: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
  delete env['CI'];
  delete env['NO_COLOR'];
  const cmd = `stty cols ${WIDTH} rows ${HEIGHT}; exec node ${JSON.stringify(CLI)} network --seed 1`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let text = '';
    let first = NaN;
    let done = false;
    const finish = (v: { first: number; content: number } | Error): void => {
      if (done) return;
      done = true;
      child.stdin.write('q');
      setTimeout(() => {
        if (child.exitCode === null && child.pid !== undefined) child.kill('SIGTERM');
      }, 1500);
      if (v instanceof Error) reject(v);
      else resolve(v);
    };
    child.stdout.on('data', (d: Buffer) => {
      const chunk = d.toString('utf8');
      // Answer the pacer's cursor-position requests as a terminal does (a request split across
      // two reads is missed: the app then goes on after its 1 s first-reply timeout).
      for (let i = chunk.indexOf('\x1b[6n'); i >= 0; i = chunk.indexOf('\x1b[6n', i + 1))
        if (!done) child.stdin.write('\x1b[1;1R');
      text += chunk;
      const plain = text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
      if (Number.isNaN(first) && /termgrad/.test(plain)) first = performance.now() - t0;
      if (/loss train/.test(plain)) finish({ first, content: performance.now() - t0 });
    });
    child.on('error', (e) => finish(e));
    setTimeout(
      () => finish(new Error(`no frame within 10 s; got ${JSON.stringify(text.slice(0, 200))}`)),
      10_000,
    );
  });
}

function nodeBaselineMs(): number {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - t0;
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const r of rows)
    console.log(
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  '),
    );
}

/** Median µs of `fn` over `n` calls after a warm-up. */
function timeUs(fn: () => unknown, n: number): number {
  for (let i = 0; i < Math.min(20, n); i++) fn();
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    ts.push((performance.now() - t0) * 1000);
  }
  return median(ts);
}

/** The primitives alone, at the sizes the Network lab uses at 120×40. */
function primitives(): void {
  const gw = 76;
  const gh = 76;
  const values = new Float64Array(gw * gh);
  for (let r = 0; r < gh; r++) {
    for (let c = 0; c < gw; c++) {
      const x = -6 + (12 * c) / (gw - 1);
      const y = 6 - (12 * r) / (gh - 1);
      values[r * gw + c] = Math.tanh((x * x + y * y - 12) / 4);
    }
  }
  const rng = new Random(1);
  const points = Array.from({ length: 250 }, () => ({
    x: rng.uniform(-6, 6),
    y: rng.uniform(-6, 6),
    label: rng.random() < 0.5 ? -1 : 1,
  }));
  const overlay = { points, domain: { xmin: -6, xmax: 6, ymin: -6, ymax: 6 } };
  const loss = Array.from({ length: 512 }, (_, i) => 0.7 * Math.exp(-i / 80) + 0.01 * rng.random());
  const rows: string[][] = [
    ['primitive', ...(['ansi256', 'truecolor', 'none'] as const).map((m) => `${m} µs (bytes)`)],
  ];
  const cell = (fn: () => string[]): string => `${f(timeUs(fn, 200), 0)} (${frameBytes(fn())})`;
  rows.push([
    'renderHeatmap 76×76 grid + 250 points',
    ...(['ansi256', 'truecolor', 'none'] as const).map((mode) =>
      cell(() => renderHeatmap(values, gw, gh, { mode, overlay })),
    ),
  ]);
  rows.push([
    'lineChart 2×512 points → 44×12',
    ...(['ansi256', 'truecolor', 'none'] as const).map((mode) =>
      cell(() =>
        lineChart([loss, loss.map((v) => v * 1.1)], {
          width: 44,
          height: 12,
          mode,
          colors: [
            [47, 143, 223],
            [255, 159, 47],
          ],
          log: true,
        }),
      ),
    ),
  ]);
  rows.push([
    'BrailleCanvas 60×20: sin curve + 100 points',
    ...(['ansi256', 'truecolor', 'none'] as const).map((mode) =>
      cell(() => {
        const c = new BrailleCanvas(60, 20).setViewport(0, 1, -1.5, 1.5);
        c.curve((x) => Math.sin(2 * Math.PI * x), { color: [60, 179, 113] });
        for (let i = 0; i < 100; i++)
          c.point(
            i / 99,
            Math.sin((2 * Math.PI * i) / 99) + 0.3 * Math.sin(i * 7.1),
            [64, 144, 255],
          );
        return c.render(mode);
      }),
    ),
  ]);
  console.log('\nPrimitives (median µs per call, bytes of the output)');
  table(rows);
}

async function main(): Promise<void> {
  console.log(
    `termgrad bench: Network lab ${WIDTH}×${HEIGHT}, ${FRAMES} frames × ${REPS} reps, throughput ${SECONDS} s × ${REPS} reps @ ${FPS} fps, node ${process.version}`,
  );
  primitives();
  const modes: ColorMode[] = ['ansi256', 'truecolor', 'none'];
  const statesByMode = new Map<ColorMode, AppState[]>();
  for (const m of modes) statesByMode.set(m, await trainingStates(40, m));

  // 1-2. Pure view, interleaved across modes.
  const views = new Map<ColorMode, ViewStats>(
    modes.map((m) => [m, { times: [], fullBytes: [], diffBytes: [] }]),
  );
  for (let rep = 0; rep < REPS; rep++)
    for (const m of modes) measureViews(statesByMode.get(m)!, m, views.get(m)!);
  console.log('\nPure view appView(state, w, h) and bytes per frame');
  table([
    ['mode', 'median ms', 'p95 ms', 'full frame', 'frameUpdate (median)', 'full × fps /s'],
    ...modes.map((m) => {
      const v = views.get(m)!;
      return [
        m,
        f(median(v.times)),
        f(quantile(v.times, 0.95)),
        kb(median(v.fullBytes)),
        kb(median(v.diffBytes.slice(1))),
        kb(median(v.fullBytes) * FPS),
      ];
    }),
  ]);

  await labsTable(statesByMode);

  // 3. Putting frames on the terminal.
  console.log(
    '\nFrame output into a fake TTY: ms from handing over the rows to the write, bytes per frame (ansi256 / none)',
  );
  const outRows: string[][] = [
    [
      'path',
      'mode',
      'median ms',
      'p95 ms',
      'view + output p95 ms',
      'bytes/frame (median)',
      'bytes/frame (p95)',
      'per second @fps',
    ],
  ];
  for (const kind of ['screen', 'ink', 'inkSingle'] as const) {
    for (const m of ['ansi256', 'none'] as const) {
      const o = await measureOutput(kind, statesByMode.get(m)!, m);
      const viewP95 = quantile(views.get(m)!.times, 0.95);
      outRows.push([
        OUTPUT_LABEL[kind],
        m,
        f(median(o.times)),
        f(quantile(o.times, 0.95)),
        f(viewP95 + quantile(o.times, 0.95)),
        kb(median(o.bytes)),
        kb(quantile(o.bytes, 0.95)),
        kb(median(o.bytes) * FPS),
      ]);
    }
  }
  table(outRows);

  // 4. Throughput, interleaved paired reps.
  const cases: RenderCase[] = ['headless', 'view', 'screen', 'ink', 'app'];
  const tp = new Map<RenderCase, { sps: number[]; frames: number; bytes: number }>(
    cases.map((c) => [c, { sps: [], frames: 0, bytes: 0 }]),
  );
  // Warm up every path once (JIT, Ink import), then alternate the order each rep (ABCDE, EDCBA, ...)
  // so that neither load drift on the shared cores nor warm-up favours one case.
  for (const c of cases) await throughput(0.5, c, 'ansi256');
  for (let rep = 0; rep < REPS; rep++) {
    for (const c of rep % 2 === 0 ? cases : [...cases].reverse()) {
      const r = await throughput(SECONDS, c, 'ansi256');
      const e = tp.get(c)!;
      e.sps.push(r.samplesPerSec);
      e.frames += r.frames;
      e.bytes += r.bytes;
    }
  }
  const headless = median(tp.get('headless')!.sps);
  const label: Record<RenderCase, string> = {
    headless: 'headless (no frames)',
    view: `appView only @${FPS} fps`,
    screen: `appView + TerminalScreen @${FPS} fps`,
    ink: `appView + Ink <Text> rows @${FPS} fps (before)`,
    inkSingle: `appView + Ink one <Text> @${FPS} fps`,
    app: `the real <App>, speed max, @${FPS} fps (the app)`,
  };
  console.log(
    `\nTraining throughput (samples/s; ${SETTINGS.layers.join('-')} net, batch ${SETTINGS.batchSize}, ansi256, ${SECONDS} s × ${REPS} interleaved reps)`,
  );
  table([
    [
      'case',
      'median samples/s',
      'vs headless',
      'paired: median (min–max)',
      'frames/s drawn',
      'bytes/s written',
    ],
    ...cases.map((c) => {
      const e = tp.get(c)!;
      const secs = REPS * SECONDS;
      // Per rep, against the headless run of the same rep (adjacent in time): load drift cancels.
      const paired = e.sps.map((v, i) => v / (tp.get('headless')!.sps[i] ?? NaN));
      return [
        label[c],
        f(median(e.sps), 0),
        f(median(e.sps) / headless),
        `${f(median(paired))} (${f(Math.min(...paired))}–${f(Math.max(...paired))})`,
        f(e.frames / secs, 1),
        c === 'headless' || c === 'view' ? '—' : kb(e.bytes / secs),
      ];
    }),
  ]);

  // 5. Key latency.
  const keys = await keyLatency(Math.max(10, REPS * 5), 'ansi256');
  console.log(
    "\nKey latency of the real <App> training at speed max ('?' pressed → frame showing it)",
  );
  table([
    ['presses', 'median ms', 'p95 ms', 'max ms'],
    [String(keys.length), f(median(keys), 1), f(quantile(keys, 0.95), 1), f(Math.max(...keys), 1)],
  ]);

  await startupTable();
}

/** 6. Startup: spawn to the first dashboard frame, and to the first one with results. */
async function startupTable(): Promise<void> {
  if (!existsSync(CLI)) {
    console.log('\nStartup: skipped (dist/cli.js missing: run pnpm build)');
  } else if (spawnSync('script', ['--version']).error !== undefined) {
    console.log('\nStartup: skipped (`script` not found)');
  } else {
    const first: number[] = [];
    const content: number[] = [];
    const base: number[] = [];
    for (let rep = 0; rep < Math.max(5, REPS); rep++) {
      base.push(nodeBaselineMs());
      const t = await startupOnce();
      first.push(t.first);
      content.push(t.content);
      await new Promise((r) => setTimeout(r, 300));
    }
    console.log('\nStartup: spawn to first dashboard frame (pty via script)');
    table([
      ['case', 'median ms', 'min ms', 'max ms'],
      [
        'node dist/cli.js network: first frame',
        f(median(first), 0),
        f(Math.min(...first), 0),
        f(Math.max(...first), 0),
      ],
      [
        'node dist/cli.js network: first frame with results',
        f(median(content), 0),
        f(Math.min(...content), 0),
        f(Math.max(...content), 0),
      ],
      [
        'node -e 0 (baseline)',
        f(median(base), 0),
        f(Math.min(...base), 0),
        f(Math.max(...base), 0),
      ],
    ]);
  }
}

if (process.argv.includes('--digits-only')) {
  console.log(
    `termgrad bench: network and digits labs ${WIDTH}×${HEIGHT}, ${FRAMES} frames × ${REPS} reps, node ${process.version}`,
  );
  const network = new Map<ColorMode, AppState[]>();
  for (const m of ['ansi256', 'none'] as const) network.set(m, await trainingStates(40, m));
  await labsTable(network);
} else if (process.argv.includes('--startup-only')) {
  await startupTable();
} else if (process.argv.includes('--link-only')) {
  const { linkBench } = await import('./link.js');
  await linkBench(CLI, APP_DIR);
} else {
  await main();
  if (!process.argv.includes('--no-link')) {
    const { linkBench } = await import('./link.js');
    await linkBench(CLI, APP_DIR);
  }
}
