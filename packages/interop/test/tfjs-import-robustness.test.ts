// fromTfjs on hand-written TF.js layers documents (issue 14, item 2): every accepted variant of
// the format and every rejection, each a branch of fromTfjs/layerList that fails this file when
// broken. Expected outputs are computed by hand from the tiny weights written here.

import { MLP } from '@termgrad/models';
import { describe, expect, it } from 'vitest';
import { fromTfjs, InteropError, tfjsModelJson, toTfjs } from '../src/index.js';

interface Layer {
  class_name: string;
  config: Record<string, unknown>;
}

const dense = (name: string, units: number, activation?: string, extra = {}): Layer => ({
  class_name: 'Dense',
  config: { name, units, ...(activation === undefined ? {} : { activation }), ...extra },
});

/** Weights as (name, shape, values) in manifest order, packed as little-endian float32. */
function pack(weights: [string, number[], number[]][]) {
  const values = weights.flatMap((w) => w[2]);
  const buf = new ArrayBuffer(values.length * 4);
  const view = new DataView(buf);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return {
    weightSpecs: weights.map(([name, shape]) => ({ name, shape, dtype: 'float32' })),
    weightData: buf,
  };
}

function doc(layers: Layer[], weights: [string, number[], number[]][]) {
  return {
    modelTopology: { class_name: 'Sequential', config: { name: 's', layers } },
    ...pack(weights),
  };
}

// 2 → 2 → 1: W1 = [[1, -1], [2, 0.5]], b1 = [0.5, -0.25]; W2 = [[1], [-2]], b2 = [0.125]
const W1: [string, number[], number[]] = ['d1/kernel', [2, 2], [1, -1, 2, 0.5]];
const B1: [string, number[], number[]] = ['d1/bias', [2], [0.5, -0.25]];
const W2: [string, number[], number[]] = ['d2/kernel', [2, 1], [1, -2]];
const B2: [string, number[], number[]] = ['d2/bias', [1], [0.125]];

/** Hidden pre-activations at x = (1, −1): z = xW1 + b1 = (1 − 2 + 0.5, −1 − 0.5 − 0.25). */
const Z = [-0.5, -1.75];
const out = (h: (z: number) => number) => h(Z[0]!) * 1 + h(Z[1]!) * -2 + 0.125;

function forward(m: ReturnType<typeof fromTfjs>): number {
  return m.forward([[1, -1]]).data[0] as number;
}

describe('fromTfjs: accepted variants', () => {
  it('LeakyReLU after a linear Dense (α from the layer, 0.3 when absent); the loss follows the output', () => {
    for (const [cfg, alpha] of [
      [{ alpha: 0.125 }, 0.125],
      [{}, 0.3],
    ] as const) {
      const m = fromTfjs(
        doc(
          [
            dense('d1', 2, 'linear'),
            { class_name: 'LeakyReLU', config: { name: 'lr', ...cfg } },
            dense('d2', 1, 'sigmoid'),
          ],
          [W1, B1, W2, B2],
        ),
      );
      expect(m.hiddenActivations).toEqual(['leakyRelu']);
      expect(m.leakyReluAlpha).toBeCloseTo(alpha, 15);
      expect(m.lossType).toBe('binaryCrossEntropy');
      const s = out((z) => (z > 0 ? z : alpha * z));
      expect(forward(m)).toBeCloseTo(1 / (1 + Math.exp(-s)), 6);
    }
  });

  it('an Activation layer after a linear Dense sets its activation; a Dense without activation is linear', () => {
    const m = fromTfjs(
      doc(
        [
          dense('d1', 2),
          { class_name: 'Activation', config: { name: 'act', activation: 'tanh' } },
          dense('d2', 1),
        ],
        [W1, B1, W2, B2],
      ),
    );
    expect(m.hiddenActivations).toEqual(['tanh']);
    expect(m.outputActivation).toBe('linear');
    expect(m.lossType).toBe('squaredError');
    expect(forward(m)).toBeCloseTo(out(Math.tanh), 6);
  });

  it('use_bias: false gives a zero bias; a leading InputLayer is skipped; nested weight names are found', () => {
    const m = fromTfjs(
      doc(
        [
          { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 2] } },
          dense('d1', 2, 'relu', { use_bias: false }),
          dense('d2', 1, 'linear'),
        ],
        [
          ['sequential/d1/kernel', [2, 2], W1[2]],
          ['sequential/d2/kernel', [2, 1], W2[2]],
          ['sequential/d2/bias', [1], B2[2]],
        ],
      ),
    );
    // z without b1 = (−1, −1.5): both ReLU'd to 0 → output b2
    expect(Array.from(m.getBias(0).data)).toEqual([0, 0]);
    expect(forward(m)).toBe(0.125);
  });

  it('softmax output → categorical cross-entropy; Keras nesting (model_config), an old config list, weightsManifest groups, a Uint8Array view', () => {
    const layers = [dense('d1', 2, 'sigmoid'), dense('d3', 2, 'softmax')];
    const weights: [string, number[], number[]][] = [
      W1,
      B1,
      ['d3/kernel', [2, 2], [1, 0, 0, 1]],
      ['d3/bias', [2], [0, 0]],
    ];
    const { weightSpecs, weightData } = pack(weights);
    // weight bytes inside a larger buffer at offset 8
    const big = new Uint8Array(weightData.byteLength + 16);
    big.set(new Uint8Array(weightData), 8);
    const view = big.subarray(8, 8 + weightData.byteLength);
    const m = fromTfjs({
      modelTopology: { model_config: { class_name: 'Sequential', config: layers } },
      weightsManifest: [{ weights: weightSpecs.slice(0, 2) }, { weights: weightSpecs.slice(2) }],
      weightData: view,
    });
    expect(m.lossType).toBe('categoricalCrossEntropy');
    const s = Z.map((z) => 1 / (1 + Math.exp(-z)));
    const e = s.map(Math.exp);
    const p = m.forward([[1, -1]]).data;
    expect(p[0]).toBeCloseTo(e[0]! / (e[0]! + e[1]!), 6);
    expect(p[1]).toBeCloseTo(e[1]! / (e[0]! + e[1]!), 6);
  });
});

describe('fromTfjs: rejections name the problem', () => {
  const ok = () => doc([dense('d1', 2, 'tanh'), dense('d2', 1)], [W1, B1, W2, B2]);

  it('malformed documents', () => {
    const base = ok();
    expect(() => fromTfjs({ ...base, weightSpecs: undefined })).toThrow(
      /fromTfjs: malformed model: no weightSpecs or weightsManifest/,
    );
    expect(() => fromTfjs({ ...base, weightData: 'abc' as never })).toThrow(
      /weightData must be an ArrayBuffer or Uint8Array/,
    );
    expect(() => fromTfjs({ ...base, modelTopology: { config: {} } })).toThrow(
      /malformed model: expected modelTopology \{ class_name, config \}/,
    );
    expect(() => fromTfjs({ ...base, modelTopology: null })).toThrow(/malformed model/);
    expect(() =>
      fromTfjs({ ...base, modelTopology: { class_name: 'Sequential', config: {} } }),
    ).toThrow(/Sequential config has no layers array/);
    expect(() => fromTfjs(doc([], []))).toThrow(/unsupported model: no Dense layer/);
    // not objects where objects are expected: clear errors, not TypeErrors
    expect(() => fromTfjs('model.json' as never)).toThrow(
      /fromTfjs: expected \{ modelTopology, weightSpecs, weightData \}, got string/,
    );
    expect(() => fromTfjs({ ...base, modelTopology: 'Sequential' })).toThrow(
      /malformed model: expected modelTopology \{ class_name, config \}/,
    );
    expect(() =>
      fromTfjs({ ...base, modelTopology: { class_name: 'Sequential', config: null } }),
    ).toThrow(/Sequential config has no layers array/);
    expect(() =>
      fromTfjs({ ...base, modelTopology: { class_name: 'Sequential', config: [null] } }),
    ).toThrow(/fromTfjs: unsupported layer 0 "#0"/);
  });

  it('weights that are not plain float32', () => {
    const base = ok();
    const specs = base.weightSpecs.map((s, i) => (i === 0 ? { ...s, dtype: 'int32' } : s));
    expect(() => fromTfjs({ ...base, weightSpecs: specs })).toThrow(
      /unsupported weight "d1\/kernel"; expected unquantised float32, got int32/,
    );
    const q = base.weightSpecs.map((s, i) =>
      i === 0 ? { ...s, quantization: { dtype: 'uint8', scale: 1, min: 0 } } : s,
    );
    expect(() => fromTfjs({ ...base, weightSpecs: q })).toThrow(/unsupported weight "d1\/kernel"/);
  });

  it('missing or mis-shaped kernels and biases, and layers that do not chain', () => {
    expect(() => fromTfjs(doc([dense('d1', 2)], [B1]))).toThrow(
      /malformed weights: no 2-D d1\/kernel for layer 0 "d1" \(Dense\)/,
    );
    expect(() => fromTfjs(doc([dense('d1', 2)], [['d1/kernel', [4], [1, 2, 3, 4]], B1]))).toThrow(
      /no 2-D d1\/kernel/,
    );
    expect(() => fromTfjs(doc([dense('d1', 2)], [W1]))).toThrow(
      /expected d1\/bias of 2 values for layer 0 "d1" \(Dense\)/,
    );
    expect(() => fromTfjs(doc([dense('d1', 2)], [W1, ['d1/bias', [3], [1, 2, 3]]]))).toThrow(
      /expected d1\/bias of 2 values/,
    );
    expect(() =>
      fromTfjs(
        doc([dense('d1', 2), dense('d2', 1)], [W1, B1, ['d2/kernel', [3, 1], [1, 2, 3]], B2]),
      ),
    ).toThrow(/layer 1 "d2" \(Dense\) expects 3 inputs, but the previous layer gives 2/);
  });

  it('layers termgrad cannot represent', () => {
    const leaky = (name: string, alpha: number): Layer => ({
      class_name: 'LeakyReLU',
      config: { name, alpha },
    });
    // two different slopes
    expect(() =>
      fromTfjs(
        doc([dense('d1', 2), leaky('l1', 0.1), dense('d2', 1), leaky('l2', 0.2)], [W1, B1, W2, B2]),
      ),
    ).toThrow(
      /layer 3 "l2" \(LeakyReLU\): termgrad uses one leaky ReLU slope per network; expected 0\.1, got 0\.2/,
    );
    // the same slope twice is fine
    expect(
      fromTfjs(
        doc([dense('d1', 2), leaky('l1', 0.1), dense('d2', 1), leaky('l2', 0.1)], [W1, B1, W2, B2]),
      ).outputActivation,
    ).toBe('leakyRelu');
    // LeakyReLU or Activation after a Dense that already has a non-linear activation
    expect(() =>
      fromTfjs(doc([dense('d1', 2, 'relu'), leaky('l1', 0.1), dense('d2', 1)], [W1, B1, W2, B2])),
    ).toThrow(/unsupported layer 1 "l1" \(LeakyReLU\)/);
    expect(() =>
      fromTfjs(
        doc(
          [
            dense('d1', 2, 'tanh'),
            { class_name: 'Activation', config: { name: 'a', activation: 'relu' } },
            dense('d2', 1),
          ],
          [W1, B1, W2, B2],
        ),
      ),
    ).toThrow(/unsupported layer 1 "a" \(Activation\)/);
    // an Activation termgrad lacks, an InputLayer that is not first, a layer without a name
    expect(() =>
      fromTfjs(
        doc(
          [dense('d1', 2), { class_name: 'Activation', config: { name: 'a', activation: 'elu' } }],
          [W1, B1],
        ),
      ),
    ).toThrow(/unsupported layer 1 "a" \(Activation\)/);
    expect(() =>
      fromTfjs(
        doc([dense('d1', 2), { class_name: 'InputLayer', config: { name: 'in' } }], [W1, B1]),
      ),
    ).toThrow(/unsupported layer 1 "in" \(InputLayer\)/);
    expect(() =>
      fromTfjs(doc([dense('d1', 2), { class_name: 'Flatten', config: {} }], [W1, B1])),
    ).toThrow(/unsupported layer 1 "#1" \(Flatten\)/);
    // softmax on a hidden layer
    expect(() =>
      fromTfjs(doc([dense('d1', 2, 'softmax'), dense('d2', 1)], [W1, B1, W2, B2])),
    ).toThrow(/softmax on hidden Dense layer 0; termgrad allows it only on the output layer/);
    expect(() => fromTfjs(doc([dense('d1', 2, 'swish')], [W1, B1]))).toThrow(InteropError);
  });
});

describe('tfjsModelJson', () => {
  it('points the manifest at weights.bin unless another path is given', () => {
    const a = toTfjs(new MLP({ layers: [2, 1], seed: 1 }));
    expect(tfjsModelJson(a).weightsManifest).toEqual([
      { paths: ['weights.bin'], weights: a.weightSpecs },
    ]);
    expect(tfjsModelJson(a, 'w/0.bin').weightsManifest[0]?.paths).toEqual(['w/0.bin']);
  });
});
