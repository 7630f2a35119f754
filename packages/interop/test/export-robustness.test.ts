// Robustness branches of the ONNX and TF.js exporters (issue 14, item 2): float64 → float32
// narrowing (overflow is an error, subnormals and −0 survive), option validation, names, the two
// forms of leaky ReLU, the feature-map special cases, unsupported inputs. Each test names the
// branch it guards; every one fails with that branch broken (see the commit message).
import {
  type Activation,
  LogisticRegression,
  MLP,
  type OutputActivation,
  PolynomialRegression,
  polynomialFeatureMap,
  SoftmaxRegression,
} from '@termgrad/models';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { fromOnnx, InteropError, toOnnx, toTfjs } from '../src/index.js';
import { GraphBuilder } from '../src/onnx-builder.js';
import { activation } from '../src/onnx-graph-ops.js';
import { inputs, labels, maxRelError, runOrt } from './helpers.js';

const { onnx } = onnxProto;

function decode(bytes: Uint8Array) {
  return onnx.ModelProto.decode(bytes);
}

/** The float values of an initializer (raw little-endian bytes of its element type). */
function initializer(bytes: Uint8Array, name: string): number[] {
  const t = decode(bytes).graph?.initializer?.find((i) => i.name === name);
  if (!t?.rawData) throw new Error(`no initializer ${name}`);
  const raw = t.rawData;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const f32 = t.dataType === onnx.TensorProto.DataType.FLOAT;
  const size = f32 ? 4 : 8;
  return Array.from({ length: raw.byteLength / size }, (_, i) =>
    f32 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true),
  );
}

function mlp(
  layers: number[],
  hidden: Activation,
  output: OutputActivation,
  extra: { leakyReluAlpha?: number } = {},
): MLP {
  return new MLP({ layers, activation: hidden, outputActivation: output, seed: 5, ...extra });
}

describe('float64 weights exported as float32', () => {
  // 1e39 overflows float32 (max ≈ 3.4e38); 1e-40 is a float32 subnormal; 1e-46 underflows to 0
  const weights = [1.5, -0, 1e-40, -1e-40, 1e-46, 0.1, 3.4e38, -2 / 3];

  it('ONNX: every initializer holds Math.fround of the float64 weight (subnormals and −0 kept)', () => {
    const m = mlp([4, 2], 'linear', 'linear');
    m.setLayer(0, weights, [1e-40, -0]);
    const bytes = toOnnx(m, { dtype: 'float32' });
    const w = initializer(bytes, 'layer0.weight');
    expect(w.map((v) => Object.is(v, -0))).toEqual(weights.map((v) => Object.is(v, -0)));
    expect(w).toEqual(weights.map((v) => Math.fround(v)));
    expect(w[2]).toBeGreaterThan(0); // not flushed to zero
    expect(initializer(bytes, 'layer0.bias')).toEqual([Math.fround(1e-40), -0]);
    // the float64 export keeps every bit
    expect(initializer(toOnnx(m), 'layer0.weight')).toEqual(weights);
  });

  it('TF.js: the weight buffer holds Math.fround of every weight and bias', () => {
    const m = mlp([4, 2], 'linear', 'linear');
    m.setLayer(0, weights, [1e-40, -0]);
    const data = Array.from(new Float32Array(toTfjs(m).weightData));
    expect(data).toEqual([...weights, 1e-40, -0].map((v) => Math.fround(v)));
  });

  it('a finite weight beyond the float32 range is an error naming it, not a silent ±Infinity', () => {
    const m = mlp([2, 2, 1], 'tanh', 'linear');
    m.setLayer(1, [1, -1e39], [0]);
    expect(() => toOnnx(m, { dtype: 'float32' })).toThrow(
      /toOnnx: layer1\.weight\[1\] = -1e\+39 is outside the float32 range/,
    );
    expect(() => toTfjs(m)).toThrow(
      /toTfjs: dense_2\/kernel\[1\] = -1e\+39 is outside the float32 range/,
    );
    m.setLayer(1, [1, 1], [4e38]);
    expect(() => toTfjs(m)).toThrow(/toTfjs: dense_2\/bias\[0\] = 4e\+38/);
    expect(() => toOnnx(m, { dtype: 'float32' })).toThrow(InteropError);
    // float64 export of the same model is fine, and values that round to the largest float32 are accepted
    expect(toOnnx(m).length).toBeGreaterThan(0);
    m.setLayer(1, [3.4028235e38, -3.4028235e38], [0]);
    expect(new Float32Array(toTfjs(m).weightData).slice(-3, -1)).toEqual(
      Float32Array.from([3.4028234663852886e38, -3.4028234663852886e38]),
    );
  });

  it('a PolynomialRegression centred beyond the float32 range cannot be exported as float32', () => {
    const m = new PolynomialRegression({ degree: 1 }).fit([1e39, 2e39, 3e39], [1, 2, 3]);
    expect(() => toOnnx(m, { dtype: 'float32' })).toThrow(/toOnnx: center\[0\] = 2e\+39/);
  });
});

describe('options and names', () => {
  const m = mlp([3, 4, 2], 'tanh', 'softmax');

  it('opset: integers ≥ 17 are written as given; 16, 17.5 and NaN are rejected', async () => {
    const bytes = toOnnx(m, { opset: 18 });
    expect(Number(decode(bytes).opsetImport[0]?.version)).toBe(18);
    const x = inputs(5, 3, 1);
    const out = await runOrt(bytes, x, 'float64');
    expect(maxRelError(out.output!.data as Float64Array, m.forward(x).data)).toBeLessThan(1e-9);
    for (const opset of [16, 17.5, Number.NaN])
      expect(() => toOnnx(m, { opset })).toThrow(/opset must be an integer >= 17/);
  });

  it('dtype defaults to the MLP’s own, and to float64 for the classical models', () => {
    const f32 = new MLP({ layers: [2, 1], dtype: 'float32', seed: 1 });
    const elem = (b: Uint8Array) => decode(b).graph?.input?.[0]?.type?.tensorType?.elemType;
    expect(elem(toOnnx(f32))).toBe(onnx.TensorProto.DataType.FLOAT);
    expect(elem(toOnnx(m))).toBe(onnx.TensorProto.DataType.DOUBLE);
    const lr = new LogisticRegression().fit(
      [
        [0, 0],
        [1, 1],
        [0, 1],
        [1, 0],
      ],
      [0, 1, 1, 0],
    );
    expect(elem(toOnnx(lr))).toBe(onnx.TensorProto.DataType.DOUBLE);
    expect(elem(toOnnx(lr, { dtype: 'float32' }))).toBe(onnx.TensorProto.DataType.FLOAT);
    // [batch] outputs declare one dimension, [batch, K] outputs two (width null → no second dim)
    const dims = (b: Uint8Array) =>
      Object.fromEntries(
        (decode(b).graph?.output ?? []).map((o) => [
          o.name,
          (o.type?.tensorType?.shape?.dim ?? []).map((d) => d.dimParam || Number(d.dimValue)),
        ]),
      );
    expect(dims(toOnnx(lr))).toEqual({ probability: ['batch'], label: ['batch'] });
    expect(dims(toOnnx(m))).toEqual({ output: ['batch', 2] });
    expect(() => toOnnx(lr, { dtype: 'float16' as never })).toThrow(
      /unknown dtype; expected 'float32' or 'float64', got "float16"/,
    );
  });

  it('inputName renames the graph input (ORT runs it under that name); the graph name defaults to the model type', async () => {
    const bytes = toOnnx(m, { inputName: 'pixels' });
    const g = decode(bytes).graph!;
    expect(g.input?.[0]?.name).toBe('pixels');
    expect(g.name).toBe('MLP');
    const x = inputs(3, 3, 2);
    const out = await runOrt(bytes, x, 'float64', 'pixels');
    expect(maxRelError(out.output!.data as Float64Array, m.forward(x).data)).toBeLessThan(1e-9);
    expect(
      decode(toOnnx(new PolynomialRegression({ degree: 1 }).fit([0, 1], [0, 1]))).graph?.name,
    ).toBe('PolynomialRegression');
  });

  it('TF.js: the Sequential is named "termgrad_mlp" unless a name is given; only an MLP is accepted', () => {
    const cfg = (a: ReturnType<typeof toTfjs>) => (a.modelTopology.config as { name: string }).name;
    expect(cfg(toTfjs(m))).toBe('termgrad_mlp');
    expect(cfg(toTfjs(m, { name: 'digits' }))).toBe('digits');
    expect(() => toTfjs(new PolynomialRegression() as never)).toThrow(
      /toTfjs: expected an MLP, got PolynomialRegression/,
    );
    expect(() => toTfjs(null as never)).toThrow(/toTfjs: expected an MLP, got null/);
  });
});

describe('leaky ReLU: a LeakyRelu node when α is a float32, Where(x > 0, x, α·x) otherwise', () => {
  for (const alpha of [0, 0.25, 0.01]) {
    it(`α = ${alpha}`, async () => {
      const m = mlp([3, 5, 2], 'leakyRelu', 'linear', { leakyReluAlpha: alpha });
      const bytes = toOnnx(m);
      const nodes = decode(bytes).graph!.node!;
      const leaky = nodes.find((n) => n.opType === 'LeakyRelu');
      if (Math.fround(alpha) === alpha) {
        // the alpha attribute must be a FLOAT even when α is an integer (0): ORT rejects an INT
        expect(leaky?.attribute?.[0]?.type).toBe(onnx.AttributeProto.AttributeType.FLOAT);
        expect(leaky?.attribute?.[0]?.f).toBe(alpha);
      } else {
        expect(leaky).toBeUndefined();
        expect(nodes.some((n) => n.opType === 'Where')).toBe(true);
      }
      // inputs far from 0 so that α·x for x < 0 matters; float64 graph: ORT agrees to 1e-12
      const x = inputs(40, 3, 3).map((r) => r.map((v) => 5 * v));
      const out = await runOrt(bytes, x, 'float64');
      expect(maxRelError(out.output!.data as Float64Array, m.forward(x).data)).toBeLessThan(1e-12);
      expect(fromOnnx(bytes).leakyReluAlpha).toBe(alpha);
      // TF.js writes a LeakyReLU layer with the slope after a linear Dense
      const layers = (
        toTfjs(m).modelTopology.config as {
          layers: { class_name: string; config: { alpha?: number; activation?: string } }[];
        }
      ).layers;
      expect(layers.map((l) => l.class_name)).toEqual(['Dense', 'LeakyReLU', 'Dense']);
      expect(layers[0]?.config.activation).toBe('linear');
      expect(layers[1]?.config.alpha).toBe(alpha);
    });
  }

  it('the graph op for an unknown activation is an error naming it', () => {
    const g = new GraphBuilder('float64');
    expect(() => activation(g, 'x', 'swish' as never, 0.01, 'layer0')).toThrow(
      /toOnnx: unsupported activation; expected sigmoid, tanh, relu, linear, leakyRelu or softmax, got "swish"/,
    );
  });
});

describe('feature maps as graph ops: the special cases', () => {
  const x = inputs(60, 1, 4);
  const y = labels(x, 2);

  it('a single feature (degree 1 in 1-D, no bias column) is an Identity, not a one-input Concat', async () => {
    const m = new LogisticRegression({ features: polynomialFeatureMap(1, 1) }).fit(x, y);
    const bytes = toOnnx(m);
    const phi = decode(bytes).graph!.node!.find((n) => n.output?.[0] === 'phi');
    expect(phi?.opType).toBe('Identity');
    const out = await runOrt(bytes, x, 'float64');
    expect(maxRelError(out.probability!.data as Float64Array, m.predictProba(x).data)).toBeLessThan(
      1e-9,
    );
  });

  it('includeBias adds a constant column that keeps the batch size (x₀·0 + 1)', async () => {
    const xs = inputs(60, 2, 6);
    const m = new SoftmaxRegression({
      lambda: 0.1,
      features: polynomialFeatureMap(2, 2, { includeBias: true }),
    }).fit(xs, labels(xs, 3));
    const bytes = toOnnx(m);
    for (const rows of [1, 60]) {
      const out = await runOrt(bytes, xs.slice(0, rows), 'float64');
      expect(out.probabilities!.dims).toEqual([rows, 3]);
      expect(
        maxRelError(
          out.probabilities!.data as Float64Array,
          m.predictProba(xs.slice(0, rows)).data,
        ),
      ).toBeLessThan(1e-9);
    }
  });
});
