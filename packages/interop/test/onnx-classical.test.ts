import {
  GaussianGenerativeClassifier,
  gaussianBasis,
  LinearClassifier,
  LogisticRegression,
  PolynomialRegression,
  polynomialFeatureMap,
  SoftmaxRegression,
} from '@termgrad/models';
import { describe, expect, it } from 'vitest';
import { fromOnnx, InteropError, toOnnx } from '../src/index.js';
import { inputs, labels, maxRelError, runOrt } from './helpers.js';

// float64 graphs run in float64: only a few ulps of ORT's exp/division differ (bound 1e-9, issue's);
// float32 graphs: inputs and weights rounded to 6e-8 relative, a few ops deep: 1e-5 (issue's).
const held = inputs(80, 2, 2024);
const x = inputs(120, 2, 1);

describe('classical models → ONNX → ONNX Runtime (held-out data)', () => {
  it('LinearClassifier: scores and labels', async () => {
    const m = new LinearClassifier().fit(x, labels(x, 3));
    const out = await runOrt(toOnnx(m), held, 'float64');
    expect(maxRelError(out.scores!.data as Float64Array, m.scores(held).data)).toBeLessThanOrEqual(
      1e-9,
    );
    expect(Array.from(out.label!.data as BigInt64Array, Number)).toEqual(
      Array.from(m.predict(held).data),
    );
  });

  for (const features of [null, 'polynomial', 'gaussian'] as const) {
    const phi =
      features === 'polynomial'
        ? polynomialFeatureMap(2, 3)
        : features === 'gaussian'
          ? gaussianBasis({ count: 3, data: x, s: 1.2 })
          : undefined;
    it(`LogisticRegression${features ? ` with a ${features} feature map` : ''}: probability and label`, async () => {
      const m = new LogisticRegression({ lambda: 0.1, ...(phi ? { features: phi } : {}) }).fit(
        x,
        labels(x, 2),
      );
      const out = await runOrt(toOnnx(m), held, 'float64');
      expect(out.probability!.dims).toEqual([80]);
      expect(
        maxRelError(out.probability!.data as Float64Array, m.predictProba(held).data),
      ).toBeLessThanOrEqual(1e-9);
      expect(Array.from(out.label!.data as BigInt64Array, Number)).toEqual(
        Array.from(m.predict(held).data),
      );
    });
    it(`SoftmaxRegression${features ? ` with a ${features} feature map` : ''}: probabilities and labels`, async () => {
      const m = new SoftmaxRegression({ lambda: 0.1, ...(phi ? { features: phi } : {}) }).fit(
        x,
        labels(x, 3),
      );
      const out = await runOrt(toOnnx(m), held, 'float64');
      expect(out.probabilities!.dims).toEqual([80, 3]);
      expect(
        maxRelError(out.probabilities!.data as Float64Array, m.predictProba(held).data),
      ).toBeLessThanOrEqual(1e-9);
      expect(Array.from(out.label!.data as BigInt64Array, Number)).toEqual(
        Array.from(m.predict(held).data),
      );
    });
  }

  it('SoftmaxRegression exported as float32 stays within 1e-5 of the float64 model', async () => {
    const m = new SoftmaxRegression({
      lambda: 0.1,
      features: gaussianBasis({ count: 3, data: x, s: 1.2 }),
    }).fit(x, labels(x, 3));
    const out = await runOrt(toOnnx(m, { dtype: 'float32' }), held, 'float32');
    expect(out.probabilities!.type).toBe('float32');
    expect(
      maxRelError(out.probabilities!.data as Float32Array, m.predictProba(held).data),
    ).toBeLessThanOrEqual(1e-5);
  });

  // Every classical model also exports as float32 (weights and inputs rounded to float32, run in
  // float32 by ORT): within 1e-5 relative of the float64 model, labels equal away from ties.
  const f32Cases: readonly [
    string,
    () => { onnx: Uint8Array; want: ArrayLike<number>; output: string; rows: number[][] },
  ][] = [
    [
      'LinearClassifier scores',
      () => {
        const m = new LinearClassifier().fit(x, labels(x, 3));
        return {
          onnx: toOnnx(m, { dtype: 'float32' }),
          want: m.scores(held).data,
          output: 'scores',
          rows: held,
        };
      },
    ],
    [
      'LogisticRegression (Gaussian basis) probability',
      () => {
        const m = new LogisticRegression({
          lambda: 0.1,
          features: gaussianBasis({ count: 3, data: x, s: 1.2 }),
        }).fit(x, labels(x, 2));
        return {
          onnx: toOnnx(m, { dtype: 'float32' }),
          want: m.predictProba(held).data,
          output: 'probability',
          rows: held,
        };
      },
    ],
    [
      'LogisticRegression (polynomial map) probability',
      () => {
        const m = new LogisticRegression({ lambda: 0.1, features: polynomialFeatureMap(2, 3) }).fit(
          x,
          labels(x, 2),
        );
        return {
          onnx: toOnnx(m, { dtype: 'float32' }),
          want: m.predictProba(held).data,
          output: 'probability',
          rows: held,
        };
      },
    ],
    [
      'GaussianGenerativeClassifier probabilities',
      () => {
        const m = new GaussianGenerativeClassifier({ lambda: 1e-3 }).fit(x, labels(x, 3));
        return {
          onnx: toOnnx(m, { dtype: 'float32' }),
          want: m.predictProba(held).data,
          output: 'probabilities',
          rows: held,
        };
      },
    ],
    [
      'PolynomialRegression (degree 3) y',
      () => {
        const xs = Array.from({ length: 30 }, (_, i) => i / 29);
        const m = new PolynomialRegression({ degree: 3 }).fit(
          xs,
          xs.map((v) => Math.sin(2 * Math.PI * v)),
        );
        const hx = Array.from({ length: 20 }, (_, i) => 0.013 + i / 20.5);
        return {
          onnx: toOnnx(m, { dtype: 'float32' }),
          want: m.predict(hx).data,
          output: 'y',
          rows: hx.map((v) => [v]),
        };
      },
    ],
  ];
  for (const [name, make] of f32Cases) {
    it(`${name}: float32 export runs in ORT within 1e-5 of the float64 model`, async () => {
      const c = make();
      const out = await runOrt(c.onnx, c.rows, 'float32');
      const got = out[c.output]!;
      expect(got.type).toBe('float32');
      expect(maxRelError(got.data as Float32Array, c.want)).toBeLessThanOrEqual(1e-5);
    });
  }

  it('GaussianGenerativeClassifier as its linear discriminant: the softmax is the posterior', async () => {
    const m = new GaussianGenerativeClassifier({ lambda: 1e-3 }).fit(x, labels(x, 3));
    const out = await runOrt(toOnnx(m), held, 'float64');
    expect(
      maxRelError(out.probabilities!.data as Float64Array, m.predictProba(held).data),
    ).toBeLessThanOrEqual(1e-9);
    expect(Array.from(out.label!.data as BigInt64Array, Number)).toEqual(
      Array.from(m.predict(held).data),
    );
  });

  it('PolynomialRegression far from the origin: the centring/scaling in the graph keeps 1e-9', async () => {
    // x ∈ [1000, 1001], degree 9: Horner in the raw x with the original-x coefficients loses many digits
    const xs = Array.from({ length: 40 }, (_, i) => 1000 + i / 39);
    const ts = xs.map((v) => Math.sin(6 * (v - 1000)));
    const m = new PolynomialRegression({ degree: 9 }).fit(xs, ts);
    const hx = Array.from({ length: 25 }, (_, i) => 1000.01 + i / 25.5);
    const out = await runOrt(
      toOnnx(m),
      hx.map((v) => [v]),
      'float64',
    );
    const want = m.predict(hx).data;
    expect(maxRelError(out.y!.data as Float64Array, want)).toBeLessThanOrEqual(1e-9);
    // the check is sensitive: the unscaled polynomial in x is far off
    const w = m.toJSON().coefficients.map(Number);
    const raw = hx.map((v) => w.reduceRight((acc, c) => acc * v + c, 0));
    expect(maxRelError(raw, want)).toBeGreaterThan(1e-6);
  });

  it('PolynomialRegression of degree 0 keeps the batch dimension', async () => {
    const m = new PolynomialRegression({ degree: 0 }).fit([0, 1, 2], [1, 2, 6]);
    const out = await runOrt(toOnnx(m), [[5], [7]], 'float64');
    expect(out.y!.dims).toEqual([2]);
    // degree 0 least squares is the mean of the targets, 3 (up to the solver's rounding)
    for (const v of out.y!.data as Float64Array) expect(v).toBeCloseTo(3, 12);
    expect(maxRelError(out.y!.data as Float64Array, m.predict([5, 7]).data)).toBeLessThanOrEqual(
      1e-9,
    );
  });
});

describe('ONNX graph metadata and errors', () => {
  it('fills names, doc strings and producer fields; opset ≥ 17', async () => {
    const { onnx } = (await import('onnx-proto')).default;
    const m = onnx.ModelProto.decode(
      toOnnx(
        new LinearClassifier({
          weights: [
            [1, 0],
            [0, 1],
          ],
          bias: [0, 0],
        }),
        { name: 'lin', docString: 'hello' },
      ),
    );
    expect(m.producerName).toBe('@termgrad/interop');
    expect(m.docString as string).toBe('hello');
    expect(m.graph!.name).toBe('lin');
    expect(Number(m.opsetImport[0]!.version)).toBe(17);
    expect(m.graph?.input?.[0]?.type?.tensorType?.shape?.dim?.[0]?.dimParam).toBe('batch');
    expect((m.graph?.output ?? []).map((o) => (o.docString ?? '').length > 0)).toEqual([
      true,
      true,
    ]);
  });

  it('rejects bad options and unsupported models', () => {
    const lin = new LinearClassifier({ weights: [[1]], bias: [0] });
    expect(() => toOnnx(lin, { opset: 12 })).toThrow(/opset must be an integer >= 17; got 12/);
    expect(() => toOnnx(lin, { dtype: 'int8' as never })).toThrow(InteropError);
    expect(() => toOnnx({} as never)).toThrow(/unsupported model; expected MLP.*got Object/);
  });

  it('fromOnnx names the first unsupported node and rejects malformed bytes', () => {
    const m = new SoftmaxRegression({ features: polynomialFeatureMap(2, 2) }).fit(x, labels(x, 3));
    expect(() => fromOnnx(toOnnx(m))).toThrow(/unsupported node 0 "phi\.col0" \(Gather\)/);
    expect(() => fromOnnx(toOnnx(new LinearClassifier({ weights: [[1, 2]], bias: [0] })))).toThrow(
      /unsupported node 2 "label" \(ArgMax\)/,
    );
    expect(() => fromOnnx(new Uint8Array([0x0a, 0xff, 0xff, 0xff]))).toThrow(
      /fromOnnx: malformed ONNX file/,
    );
    expect(() => fromOnnx(new Uint8Array(0))).toThrow(/no graph with nodes/);
    expect(() => fromOnnx('model.onnx' as never)).toThrow(/expected the bytes of an ONNX file/);
  });
});
