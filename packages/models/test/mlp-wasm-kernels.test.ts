import { Random, setKernelMode, Tensor, useWasmKernels } from '@termgrad/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { MLP } from '../src/index.js';

afterEach(() => setKernelMode('auto'));

/** A [37, 19, 13, 5] net (odd sizes, none a multiple of the 4×8 SIMD tile) with seeded weights. */
function net(dtype: 'float32' | 'float64'): MLP {
  const m = new MLP({
    layers: [37, 19, 13, 5],
    activation: 'tanh',
    outputActivation: 'softmax',
    dtype,
    seed: 3,
  });
  const rng = new Random(4);
  for (let l = 0; l < m.depth; l++) {
    const w = Array.from({ length: m.layers[l]! * m.layers[l + 1]! }, () =>
      Math.fround(rng.uniform(-0.4, 0.4)),
    );
    m.setLayer(
      l,
      w,
      Array.from({ length: m.layers[l + 1]! }, () => Math.fround(rng.uniform(-0.2, 0.2))),
    );
  }
  return m;
}

function batch(rows: number): { x: Tensor; y: Tensor } {
  const rng = new Random(9);
  const x = new Tensor(
    Float64Array.from({ length: rows * 37 }, () => Math.fround(rng.normal(0, 1))),
    [rows, 37],
  );
  return {
    x,
    y: new Tensor(
      Float64Array.from({ length: rows }, (_, i) => i % 5),
      [rows],
    ),
  };
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

describe('MLP float32 kernels on WebAssembly SIMD', () => {
  it('routes the products of a large net to wasm and keeps the Playground 2-8-8-1 net on JavaScript', () => {
    expect(useWasmKernels(64, 128, 784)).toBe(true); // MNIST first layer, batch 64
    expect(useWasmKernels(10, 8, 8)).toBe(false); // 2-8-8-1 hidden layer, batch 10
  });

  it('forward pass and gradients agree with a float64 network and with the JavaScript kernels (batch 1, 13, 70)', () => {
    // Each float32 sum has ≤ 70 terms: error ≲ 70·2⁻²⁴ ≈ 4e-6 relative per layer, ~3 layers
    // deep; 3e-5 of the largest magnitude leaves a 2× margin over that rounding bound.
    for (const rows of [1, 13, 70]) {
      const { x, y } = batch(rows);
      const ref = net('float64');
      ref.computeGradients(x, y);
      const refOut = ref.forward(x).data;
      const refGrads = ref.gradients().map((g) => Float64Array.from(g));
      const results: Float64Array[][] = [];
      for (const mode of ['wasm', 'js'] as const) {
        setKernelMode(mode);
        const m = net('float32');
        const out = m.forward(x).data;
        for (let i = 0; i < out.length; i++)
          expect(Math.abs(out[i]! - refOut[i]!)).toBeLessThan(3e-5);
        m.computeGradients(x, y);
        const grads = m.gradients().map((g) => Float64Array.from(g));
        grads.forEach((g, i) => {
          const r = refGrads[i]!;
          const tol = 3e-5 * maxAbs(r);
          for (let j = 0; j < g.length; j++)
            expect(Math.abs(g[j]! - r[j]!)).toBeLessThanOrEqual(tol);
        });
        results.push(grads);
      }
      // wasm and JavaScript paths against each other: twice the bound above
      results[0]!.forEach((g, i) => {
        const h = results[1]![i]!;
        const tol = 6e-5 * maxAbs(h);
        for (let j = 0; j < g.length; j++) expect(Math.abs(g[j]! - h[j]!)).toBeLessThanOrEqual(tol);
      });
    }
  });

  it('trains to the same accuracy on both paths', () => {
    const rng = new Random(21);
    const rows = 300;
    // two Gaussian blobs per class centre in 37-D, 5 classes
    const centres = Array.from({ length: 5 }, () =>
      Array.from({ length: 37 }, () => rng.normal(0, 1)),
    );
    const xs = new Float64Array(rows * 37);
    const ys = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      ys[i] = i % 5;
      for (let j = 0; j < 37; j++) xs[i * 37 + j] = centres[i % 5]![j]! + rng.normal(0, 0.7);
    }
    const x = new Tensor(xs, [rows, 37]);
    const y = new Tensor(ys, [rows]);
    const acc: number[] = [];
    for (const mode of ['wasm', 'js'] as const) {
      setKernelMode(mode);
      const m = net('float32');
      for (let step = 0; step < 400; step++) m.trainBatch(x, y); // full-batch gradient descent
      acc.push(m.evaluate(x, y).accuracy);
    }
    expect(acc[0]).toBeGreaterThan(0.9);
    expect(Math.abs(acc[0]! - acc[1]!)).toBeLessThanOrEqual(0.01);
  });
});
