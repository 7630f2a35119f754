import { type Activation, MLP, type OutputActivation } from '@termgrad/models';
import { describe, expect, it } from 'vitest';
import { fromOnnx, toOnnx } from '../src/index.js';
import { inputs, labels, maxRelError, oneHot, runOrt } from './helpers.js';

// float32: a few accumulated roundings of ε = 6e-8 on O(1) values stay far below 1e-5 (issue's bound);
// float64: ε = 1.1e-16, ORT's own exp/tanh differ from V8's by a few ulps, far below 1e-9.
const TOL = { float32: 1e-5, float64: 1e-9 } as const;
const HIDDEN: Activation[] = ['sigmoid', 'tanh', 'relu', 'linear', 'leakyRelu'];
const OUTPUT: OutputActivation[] = ['sigmoid', 'tanh', 'relu', 'linear', 'leakyRelu', 'softmax'];

function trained(
  dtype: 'float32' | 'float64',
  hidden: Activation,
  output: OutputActivation,
  seed: number,
): MLP {
  const K = 3;
  const m = new MLP({
    layers: [4, 6, 5, K],
    activation: [hidden, hidden === 'tanh' ? 'relu' : 'tanh'],
    outputActivation: output,
    dtype,
    seed,
    leakyReluAlpha: 0.05,
  });
  const x = inputs(64, 4, seed);
  const t = oneHot(labels(x, K), K);
  for (let i = 0; i < 20; i++) m.trainBatch(x, t);
  return m;
}

describe('MLP → ONNX → ONNX Runtime', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const hidden of HIDDEN) {
      for (const output of OUTPUT) {
        it(`${dtype} ${hidden} hidden, ${output} output: ORT matches termgrad on held-out data`, async () => {
          const m = trained(dtype, hidden, output, 7);
          const held = inputs(50, 4, 99);
          const bytes = toOnnx(m);
          const out = await runOrt(bytes, held, dtype);
          expect(out.output!.dims).toEqual([50, 3]);
          expect(out.output!.type).toBe(dtype);
          expect(
            maxRelError(out.output!.data as Float64Array, m.forward(held).data),
          ).toBeLessThanOrEqual(TOL[dtype]);
        });
      }
    }
  }

  it('float64 ORT run detects a float32-rounded weight (the 1e-9 bound is meaningful)', async () => {
    const m = trained('float64', 'tanh', 'linear', 3);
    const held = inputs(20, 4, 5);
    const rounded = fromOnnx(toOnnx(m, { dtype: 'float32' }));
    expect(rounded.toJSON().dtype).toBe('float32');
    const out = await runOrt(toOnnx(m, { dtype: 'float32' }), held, 'float32');
    expect(maxRelError(out.output!.data as Float32Array, m.forward(held).data)).toBeGreaterThan(
      1e-9,
    );
  });

  it('has a symbolic batch dimension: one file runs on 1 and on 300 rows', async () => {
    const m = trained('float32', 'relu', 'softmax', 1);
    const bytes = toOnnx(m);
    for (const n of [1, 300]) {
      const x = inputs(n, 4, n);
      const out = await runOrt(bytes, x, 'float32');
      expect(out.output!.dims).toEqual([n, 3]);
      expect(maxRelError(out.output!.data as Float32Array, m.forward(x).data)).toBeLessThanOrEqual(
        TOL.float32,
      );
    }
  });

  it('ORT rejects a wrong input width with an error naming the dimension', async () => {
    const bytes = toOnnx(trained('float32', 'relu', 'softmax', 1));
    await expect(runOrt(bytes, inputs(3, 5, 1), 'float32')).rejects.toThrow(
      /dimension|Got: 5|Expected: 4/i,
    );
  });
});

describe('ONNX → MLP', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const hidden of HIDDEN) {
      it(`round trip ${dtype} ${hidden} reproduces weights, biases and activations exactly`, () => {
        const m = trained(dtype, hidden, hidden === 'relu' ? 'softmax' : 'sigmoid', 11);
        const back = fromOnnx(toOnnx(m));
        const a = m.toJSON();
        const b = back.toJSON();
        expect(b.dtype).toBe(dtype);
        expect(b.layers).toEqual(a.layers);
        expect(b.activations).toEqual(a.activations);
        expect(b.outputActivation).toBe(a.outputActivation);
        expect(b.loss).toBe(a.loss);
        if (hidden === 'leakyRelu') expect(b.leakyReluAlpha).toBe(a.leakyReluAlpha);
        for (let l = 0; l < m.depth; l++) {
          expect(back.getWeights(l).data).toEqual(m.getWeights(l).data);
          expect(back.getBias(l).data).toEqual(m.getBias(l).data);
        }
      });
    }
  }
});
