/**
 * Benchmark of the termgrad dashboard (Network lab). Not a test: prints a table.
 *
 *   pnpm --filter termgrad bench -- [--width 120] [--height 40] [--frames 120] [--seconds 2] [--reps 4] [--fps 15]
 *
 * Measures, for the Network lab at width × height:
 *  1. the pure view `appView(state, w, h)`: median and p95 ms per frame, per colour mode;
 *  2. bytes per frame: full redraw, and changed rows only (what a line-diffing writer sends);
 *  3. the Ink render of those rows (<Screen>) into a fake TTY stream: ms per frame and bytes
 *     actually written per frame (incremental rendering on, as the app uses it);
 *  4. training throughput (samples/s) headless vs while rendering at `fps` frames per second
 *     (view only, through Ink, through the frameUpdate direct writer), interleaved paired reps;
 *  5. startup: spawn `node dist/cli.js` in a pty (`script`), time to the first dashboard frame.
 * Targets: p95 frame < 20 ms, < 30 KB per frame, training while rendering >= 80 % of headless,
 * startup < 500 ms.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { networkSession } from '../src/driver/network-session.js';
import type { NetworkSnapshot } from '../src/driver/snapshots.js';
import { Random } from '@termgrad/tensor';
import { BrailleCanvas, frameBytes, frameUpdate, lineChart, renderHeatmap } from '../src/render/index.js';
import type { ColorMode } from '../src/render/index.js';
import { DEFAULT_NETWORK_SETTINGS } from '../src/settings/network-settings.js';
import type { NetworkSettings } from '../src/settings/network-settings.js';
import { initialState } from '../src/state/app-state.js';
import type { AppState } from '../src/state/app-state.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';

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
const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(APP_DIR, 'dist', 'cli.js');
const SETTINGS: NetworkSettings = { ...DEFAULT_NETWORK_SETTINGS, seed: 1 };

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
    state = reducer(state, { type: 'networkSnapshot', generation: state.network.generation, snapshot: snap, losses: [{ epoch: snap.epoch, train: snap.trainLoss, test: snap.testLoss }] });
    states.push(state);
  }
  await session.return(undefined);
  return states;
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
    // What the direct writer sends: changed rows only, each with a cursor move and erase-line.
    into.diffBytes.push(Buffer.byteLength(frameUpdate(prev, rows)));
    prev = rows;
  }
}

/** A fake TTY for Ink that counts the bytes written. */
class CountingStream extends Writable {
  bytes = 0;
  writes = 0;
  columns = WIDTH;
  rows = HEIGHT;
  isTTY = true;
  onWrite: (() => void) | null = null;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    this.writes++;
    const w = this.onWrite;
    this.onWrite = null;
    w?.();
    cb();
  }
}

async function measureInk(states: readonly AppState[], mode: ColorMode): Promise<{ times: number[]; bytes: number[]; silent: number }> {
  const { render } = await import('ink');
  const React = await import('react');
  const { Screen } = await import('../src/ui/Screen.js');
  const out = new CountingStream();
  const el = (rows: string[]): React.ReactElement => React.createElement(Screen, { rows });
  const instance = render(el(appView(states[0]!, WIDTH, HEIGHT, 0, mode)), {
    stdout: out as unknown as NodeJS.WriteStream,
    stderr: new CountingStream() as unknown as NodeJS.WriteStream,
    patchConsole: false,
    exitOnCtrlC: false,
    maxFps: 1000,
    incrementalRendering: true,
  });
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
      setTimeout(resolve, 200); // unchanged frame: Ink writes nothing
    });
    const t0 = performance.now();
    instance.rerender(el(rows));
    await written;
    const dt = performance.now() - t0;
    if (wrote) {
      times.push(dt);
      bytes.push(out.bytes - before);
    } else {
      silent++;
    }
    await new Promise((r) => setTimeout(r, 5)); // let Ink's throttle window pass
  }
  instance.unmount();
  return { times, bytes, silent };
}

type RenderCase = 'headless' | 'view' | 'ink' | 'direct';

/**
 * Samples trained per second for `seconds`. Every 1/fps s a frame is made: 'view' computes the
 * rows only; 'ink' also renders them through Ink's <Screen> into a counting fake TTY (the app's
 * path); 'direct' writes them with frameUpdate (changed rows only). 'headless' makes no frames.
 * Every case yields to the event loop once per frame slot so timers (Ink's throttle) can run.
 */
async function throughput(seconds: number, kind: RenderCase, mode: ColorMode): Promise<{ samplesPerSec: number; frames: number; bytes: number }> {
  const session = networkSession(SETTINGS);
  let state = initialState({ color: mode, network: SETTINGS });
  await session.next();
  const trainN = Math.round((SETTINGS.samples * SETTINGS.trainRatio) / 100);
  const frameMs = 1000 / FPS;
  const out = new CountingStream();
  let draw: ((rows: string[]) => void) | null = null;
  let cleanup = (): void => {};
  if (kind === 'ink') {
    const { render } = await import('ink');
    const React = await import('react');
    const { Screen } = await import('../src/ui/Screen.js');
    const el = (rows: string[]): React.ReactElement => React.createElement(Screen, { rows });
    const inst = render(el([]), {
      stdout: out as unknown as NodeJS.WriteStream,
      stderr: new CountingStream() as unknown as NodeJS.WriteStream,
      patchConsole: false,
      exitOnCtrlC: false,
      maxFps: FPS,
      incrementalRendering: true,
    });
    draw = (rows) => inst.rerender(el(rows));
    cleanup = () => inst.unmount();
  } else if (kind === 'direct') {
    let prev: string[] = [];
    draw = (rows) => {
      out.write(frameUpdate(prev, rows));
      prev = rows;
    };
  } else if (kind === 'view') {
    draw = (rows) => {
      out.bytes += rows.length;
    };
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
          state = reducer(state, { type: 'networkSnapshot', generation: state.network.generation, snapshot: r.value, losses: [{ epoch: r.value.epoch, train: r.value.trainLoss, test: r.value.testLoss }] });
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
  return { samplesPerSec: (epochs * trainN) / dt, frames, bytes: out.bytes };
}

/** ms from spawning `node dist/cli.js` in a pty until the first dashboard frame arrives. */
async function startupOnce(): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
  delete env['CI'];
  delete env['NO_COLOR'];
  const cmd = `stty cols ${WIDTH} rows ${HEIGHT}; exec node ${JSON.stringify(CLI)} network --seed 1`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let text = '';
    let done = false;
    const finish = (v: number | Error): void => {
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
      text += d.toString('utf8');
      if (/loss|termgrad/.test(text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''))) finish(performance.now() - t0);
    });
    child.on('error', (e) => finish(e));
    setTimeout(() => finish(new Error(`no frame within 10 s; got ${JSON.stringify(text.slice(0, 200))}`)), 10_000);
  });
}

function nodeBaselineMs(): number {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - t0;
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
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
  const points = Array.from({ length: 250 }, () => ({ x: rng.uniform(-6, 6), y: rng.uniform(-6, 6), label: rng.random() < 0.5 ? -1 : 1 }));
  const overlay = { points, domain: { xmin: -6, xmax: 6, ymin: -6, ymax: 6 } };
  const loss = Array.from({ length: 512 }, (_, i) => 0.7 * Math.exp(-i / 80) + 0.01 * rng.random());
  const rows: string[][] = [['primitive', ...(['ansi256', 'truecolor', 'none'] as const).map((m) => `${m} µs (bytes)`)]];
  const cell = (fn: () => string[]): string => `${f(timeUs(fn, 200), 0)} (${frameBytes(fn())})`;
  rows.push(['renderHeatmap 76×76 grid + 250 points', ...(['ansi256', 'truecolor', 'none'] as const).map((mode) => cell(() => renderHeatmap(values, gw, gh, { mode, overlay })))]);
  rows.push(['lineChart 2×512 points → 44×12', ...(['ansi256', 'truecolor', 'none'] as const).map((mode) => cell(() => lineChart([loss, loss.map((v) => v * 1.1)], { width: 44, height: 12, mode, colors: [[47, 143, 223], [255, 159, 47]], log: true })))]);
  rows.push([
    'BrailleCanvas 60×20: sin curve + 100 points',
    ...(['ansi256', 'truecolor', 'none'] as const).map((mode) =>
      cell(() => {
        const c = new BrailleCanvas(60, 20).setViewport(0, 1, -1.5, 1.5);
        c.curve((x) => Math.sin(2 * Math.PI * x), { color: [60, 179, 113] });
        for (let i = 0; i < 100; i++) c.point(i / 99, Math.sin((2 * Math.PI * i) / 99) + 0.3 * Math.sin(i * 7.1), [64, 144, 255]);
        return c.render(mode);
      }),
    ),
  ]);
  console.log('\nPrimitives (median µs per call, bytes of the output)');
  table(rows);
}

async function main(): Promise<void> {
  console.log(`termgrad bench: Network lab ${WIDTH}×${HEIGHT}, ${FRAMES} frames × ${REPS} reps, throughput ${SECONDS} s × ${REPS} reps @ ${FPS} fps, node ${process.version}`);
  primitives();
  const modes: ColorMode[] = ['ansi256', 'truecolor', 'none'];
  const statesByMode = new Map<ColorMode, AppState[]>();
  for (const m of modes) statesByMode.set(m, await trainingStates(40, m));

  // 1-2. Pure view, interleaved across modes.
  const views = new Map<ColorMode, ViewStats>(modes.map((m) => [m, { times: [], fullBytes: [], diffBytes: [] }]));
  for (let rep = 0; rep < REPS; rep++) for (const m of modes) measureViews(statesByMode.get(m)!, m, views.get(m)!);
  console.log('\nPure view appView(state, w, h) and bytes per frame');
  table([
    ['mode', 'median ms', 'p95 ms', 'full frame', 'frameUpdate (median)', 'full × fps /s'],
    ...modes.map((m) => {
      const v = views.get(m)!;
      return [m, f(median(v.times)), f(quantile(v.times, 0.95)), kb(median(v.fullBytes)), kb(median(v.diffBytes.slice(1))), kb(median(v.fullBytes) * FPS)];
    }),
  ]);

  // 3. Ink.
  console.log('\nInk render of the rows (<Screen>, incrementalRendering) into a fake TTY');
  const inkRows: string[][] = [['mode', 'median ms', 'p95 ms', 'bytes/frame (median)', 'bytes/frame (p95)', 'per second @fps', 'frames without output']];
  for (const m of ['ansi256', 'none'] as const) {
    const ink = await measureInk(statesByMode.get(m)!, m);
    inkRows.push([m, f(median(ink.times)), f(quantile(ink.times, 0.95)), kb(median(ink.bytes)), kb(quantile(ink.bytes, 0.95)), kb(median(ink.bytes) * FPS), String(ink.silent)]);
  }
  table(inkRows);

  // 4. Throughput, interleaved paired reps (headless, view only, Ink, direct writer).
  const cases: RenderCase[] = ['headless', 'view', 'ink', 'direct'];
  const tp = new Map<RenderCase, { sps: number[]; frames: number; bytes: number }>(cases.map((c) => [c, { sps: [], frames: 0, bytes: 0 }]));
  // Warm up every path once (JIT, Ink import), then alternate the order each rep (ABCD, DCBA, ...)
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
    ink: `appView + Ink <Screen> @${FPS} fps (the app's path)`,
    direct: `appView + frameUpdate writer @${FPS} fps`,
  };
  console.log(`\nTraining throughput (samples/s; ${SETTINGS.layers.join('-')} net, batch ${SETTINGS.batchSize}, ansi256, ${SECONDS} s × ${REPS} interleaved reps)`);
  table([
    ['case', 'median samples/s', 'vs headless', 'frames/s drawn', 'bytes/s written'],
    ...cases.map((c) => {
      const e = tp.get(c)!;
      const secs = REPS * SECONDS;
      return [label[c], f(median(e.sps), 0), f(median(e.sps) / headless), f(e.frames / secs, 1), c === 'ink' || c === 'direct' ? kb(e.bytes / secs) : '—'];
    }),
  ]);

  // 5. Startup.
  if (!existsSync(CLI)) {
    console.log('\nStartup: skipped (dist/cli.js missing: run pnpm build)');
  } else if (spawnSync('script', ['--version']).error !== undefined) {
    console.log('\nStartup: skipped (`script` not found)');
  } else {
    const times: number[] = [];
    const base: number[] = [];
    for (let rep = 0; rep < Math.max(3, REPS); rep++) {
      base.push(nodeBaselineMs());
      times.push(await startupOnce());
      await new Promise((r) => setTimeout(r, 300));
    }
    console.log('\nStartup: spawn to first dashboard frame (pty via script)');
    table([
      ['case', 'median ms', 'min ms'],
      ['node dist/cli.js network', f(median(times), 0), f(Math.min(...times), 0)],
      ['node -e 0 (baseline)', f(median(base), 0), f(Math.min(...base), 0)],
    ]);
  }
}

await main();
