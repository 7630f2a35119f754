// fromOnnx on hand-built graphs (issue 14, item 2): every accepted variant of an MLP-shaped graph
// and every rejection, each a branch of onnx-import.ts that fails this file when broken. The
// expected outputs are computed by hand from the tiny weights written here.
import onnxProto, { type onnx } from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { fromOnnx } from '../src/index.js';

const proto = onnxProto.onnx;
const F = proto.TensorProto.DataType.FLOAT;
const D = proto.TensorProto.DataType.DOUBLE;
const { INT, FLOAT } = proto.AttributeProto.AttributeType;

type Attr = [string, 'i' | 'f', number];

function node(
  opType: string,
  input: string[],
  output: string,
  attrs: Attr[] = [],
): onnx.INodeProto {
  return {
    opType,
    input,
    output: [output],
    name: output,
    attribute: attrs.map(([name, kind, v]) =>
      kind === 'i' ? { name, type: INT, i: v } : { name, type: FLOAT, f: v },
    ),
  };
}

function init(name: string, dims: number[], values: number[], type = F): onnx.ITensorProto {
  return type === F
    ? { name, dims, dataType: F, floatData: values }
    : { name, dims, dataType: D, doubleData: values };
}

function vi(name: string, width?: number): onnx.IValueInfoProto {
  const dim: onnx.TensorShapeProto.IDimension[] = [{ dimParam: 'N' }];
  if (width !== undefined) dim.push({ dimValue: width });
  return { name, type: { tensorType: { elemType: F, shape: { dim } } } };
}

function model(
  nodes: onnx.INodeProto[],
  inits: onnx.ITensorProto[],
  opts: { inputs?: onnx.IValueInfoProto[]; outputs?: string[]; meta?: Record<string, string> } = {},
): Uint8Array {
  const last = nodes[nodes.length - 1]?.output?.[0] ?? 'x';
  return proto.ModelProto.encode(
    proto.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      metadataProps: Object.entries(opts.meta ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: 'g',
        node: nodes,
        initializer: inits,
        input: opts.inputs ?? [vi('x', 2)],
        output: (opts.outputs ?? [last]).map((n) => vi(n)),
      },
    }),
  ).finish();
}

// x (2) → Gemm W [2, 2], b → … ; W = [[1, -1], [2, 0.5]], b = [0.5, -0.25]; at x = (1, −1):
// z = (1 − 2 + 0.5, −1 − 0.5 − 0.25) = (−0.5, −1.75)
const W = init('W', [2, 2], [1, -1, 2, 0.5]);
const B = init('b', [2], [0.5, -0.25]);
const Z = [-0.5, -1.75];
const at = (bytes: Uint8Array) => Array.from(fromOnnx(bytes).forward([[1, -1]]).data);

describe('fromOnnx: accepted variants', () => {
  it('Gemm without a bias input, MatMul without Add, and MatMul + Add(mm, b) in either order', () => {
    expect(at(model([node('Gemm', ['x', 'W'], 'z')], [W]))).toEqual([-1, -1.5]);
    expect(at(model([node('MatMul', ['x', 'W'], 'z')], [W]))).toEqual([-1, -1.5]);
    const mm = node('MatMul', ['x', 'W'], 'mm');
    expect(at(model([mm, node('Add', ['mm', 'b'], 'z')], [W, B]))).toEqual(Z);
    expect(at(model([mm, node('Add', ['b', 'mm'], 'z')], [W, B]))).toEqual(Z);
  });

  it('a bias of dims [1, n]; transB reads W as [out, in]; explicit transA = 0, alpha = beta = 1', () => {
    const b2 = init('b', [1, 2], [0.5, -0.25]);
    const attrs: Attr[] = [
      ['transA', 'i', 0],
      ['alpha', 'f', 1],
      ['beta', 'f', 1],
    ];
    expect(at(model([node('Gemm', ['x', 'W', 'b'], 'z', attrs)], [W, b2]))).toEqual(Z);
    // Wᵀ = [[1, 2], [-1, 0.5]] with transB = 1 is the same layer
    const Wt = init('W', [2, 2], [1, 2, -1, 0.5]);
    expect(at(model([node('Gemm', ['x', 'W', 'b'], 'z', [['transB', 'i', 1]])], [Wt, B]))).toEqual(
      Z,
    );
  });

  it('DOUBLE initializers (double_data) give a float64 MLP; an initializer also listed as an input is not a data input', () => {
    const Wd = init('W', [2, 2], [1, -1, 2, 0.5], D);
    const Bd = init('b', [2], [0.5, -0.25], D);
    const bytes = model([node('Gemm', ['x', 'W', 'b'], 'z')], [Wd, Bd], {
      inputs: [vi('x', 2), vi('W'), vi('b')],
    });
    expect(fromOnnx(bytes).dtype).toBe('float64');
    expect(at(bytes)).toEqual(Z);
  });

  it('LeakyRelu without alpha uses ONNX’s default 0.01; Softmax over axis 1; Identity passes through', () => {
    const g = node('Gemm', ['x', 'W', 'b'], 'z');
    const leaky = fromOnnx(
      model([g, node('LeakyRelu', ['z'], 'h'), node('Identity', ['h'], 'y')], [W, B]),
    );
    expect(leaky.outputActivation).toBe('leakyRelu');
    expect(leaky.leakyReluAlpha).toBe(0.01);
    const yl = leaky.forward([[1, -1]]).data; // a float32 model: outputs rounded to float32
    Z.forEach((z, i) => expect(yl[i]).toBe(Math.fround(0.01 * z)));
    const sm = fromOnnx(model([g, node('Softmax', ['z'], 'p', [['axis', 'i', 1]])], [W, B]));
    const e = Z.map(Math.exp);
    const p = sm.forward([[1, -1]]).data;
    expect(p[0]).toBeCloseTo(e[0]! / (e[0]! + e[1]!), 6);
    expect(sm.lossType).toBe('categoricalCrossEntropy');
  });

  it('the loss comes from termgrad.loss metadata when valid, else from the output activation', () => {
    const nodes = [node('Gemm', ['x', 'W', 'b'], 'z'), node('Sigmoid', ['z'], 'p')];
    expect(fromOnnx(model(nodes, [W, B])).lossType).toBe('binaryCrossEntropy');
    expect(
      fromOnnx(model(nodes, [W, B], { meta: { 'termgrad.loss': 'squaredError' } })).lossType,
    ).toBe('squaredError');
    expect(fromOnnx(model(nodes, [W, B], { meta: { 'termgrad.loss': 'hinge' } })).lossType).toBe(
      'binaryCrossEntropy',
    );
    expect(fromOnnx(model([nodes[0]!], [W, B])).lossType).toBe('squaredError');
  });

  it('a float32 LeakyRelu α is replaced by the exact double from termgrad.leakyReluAlpha only when they agree in float32', () => {
    const nodes = [
      node('Gemm', ['x', 'W', 'b'], 'z'),
      node('LeakyRelu', ['z'], 'h', [['alpha', 'f', 0.01]]),
    ];
    const meta = (v: string) => ({ meta: { 'termgrad.leakyReluAlpha': v } });
    expect(fromOnnx(model(nodes, [W, B], meta('0.01'))).leakyReluAlpha).toBe(0.01);
    expect(fromOnnx(model(nodes, [W, B], meta('0.02'))).leakyReluAlpha).toBe(Math.fround(0.01));
    expect(fromOnnx(model(nodes, [W, B], meta('abc'))).leakyReluAlpha).toBe(Math.fround(0.01));
  });

  it('Where(x > 0, x, x·α) is leaky ReLU with a double α', () => {
    const inits = [W, B, init('zero', [], [0], D), init('alpha', [], [0.1], D)];
    const nodes = [
      node('Gemm', ['x', 'W', 'b'], 'z'),
      node('Greater', ['z', 'zero'], 'pos'),
      node('Mul', ['z', 'alpha'], 'scaled'),
      node('Where', ['pos', 'z', 'scaled'], 'h'),
    ];
    // W, b are FLOAT, α a DOUBLE scalar: α is not a layer weight, so the graph is not "mixed"
    const m = fromOnnx(model(nodes, inits));
    expect(m.leakyReluAlpha).toBe(0.1);
    const yw = m.forward([[1, -1]]).data;
    Z.forEach((z, i) => expect(yw[i]).toBe(Math.fround(0.1 * z)));
    // a Greater against a non-zero threshold is not the pattern
    const off = [W, B, init('zero', [], [0.5], D), init('alpha', [], [0.1], D)];
    expect(() => fromOnnx(model(nodes, off))).toThrow(/unsupported node 1 "pos" \(Greater\)/);
  });
});

describe('fromOnnx: rejections name the problem', () => {
  const g = node('Gemm', ['x', 'W', 'b'], 'z');

  it('inputs and outputs of the graph', () => {
    expect(() => fromOnnx(model([g], [W, B], { inputs: [vi('x', 2), vi('y', 2)] }))).toThrow(
      /expected a graph with one data input, got 2/,
    );
    expect(() => fromOnnx(model([g], [W, B], { outputs: ['z', 'x'] }))).toThrow(
      /expected one output, the end of the layer chain "z", got \["z", "x"\]/,
    );
    expect(() => fromOnnx(model([g], [W, B], { outputs: ['x'] }))).toThrow(/expected one output/);
    expect(() => fromOnnx(model([node('Identity', ['x'], 'y')], []))).toThrow(
      /no dense layer \(Gemm or MatMul \+ Add\) found/,
    );
  });

  it('initializers of an unsupported type or size', () => {
    const i32: onnx.ITensorProto = {
      name: 'W',
      dims: [2, 2],
      dataType: 6,
      int32Data: [1, 2, 3, 4],
    };
    expect(() => fromOnnx(model([g], [i32, B]))).toThrow(
      /initializer "W" has an unsupported element type; expected FLOAT \(1\) or DOUBLE \(11\), got 6/,
    );
    const raw: onnx.ITensorProto = {
      name: 'W',
      dims: [2, 2],
      dataType: F,
      rawData: new Uint8Array(12),
    };
    expect(() => fromOnnx(model([g], [raw, B]))).toThrow(
      /initializer "W" is malformed; expected 16 bytes for dims \[2,2\], got 12/,
    );
    expect(() => fromOnnx(model([g], [init('W', [2, 2], [1, 2, 3]), B]))).toThrow(
      /initializer "W" is malformed; expected 4 values for dims \[2,2\], got 3/,
    );
    expect(() => fromOnnx(model([g], [W, init('b', [2], [1, 2], D)]))).toThrow(
      /mixed FLOAT and DOUBLE weights/,
    );
  });

  it('layers that are not plain dense layers', () => {
    for (const a of [
      ['transA', 'i', 1],
      ['alpha', 'f', 2],
      ['beta', 'f', 0.5],
    ] as Attr[])
      expect(() => fromOnnx(model([node('Gemm', ['x', 'W', 'b'], 'z', [a])], [W, B]))).toThrow(
        /node 0 "z" \(Gemm\): expected Gemm with transA = 0, alpha = beta = 1/,
      );
    expect(() => fromOnnx(model([g], [W, init('b', [2, 1], [1, 2])]))).toThrow(
      /expected a bias \[n\] or \[1, n\], got dims \[2,1\]/,
    );
    expect(() => fromOnnx(model([g], [W, init('b', [3], [1, 2, 3])]))).toThrow(
      /bias must have 2 values, got 3/,
    );
    expect(() => fromOnnx(model([g], [init('W', [4], [1, 2, 3, 4]), B]))).toThrow(
      /expected 2-D weights, got dims \[4\]/,
    );
    expect(() => fromOnnx(model([node('Gemm', ['x', 'x', 'b'], 'z')], [B]))).toThrow(
      /node 0 "z" \(Gemm\): its weight is not a constant initializer/,
    );
    // the second layer expects 3 inputs, the first gives 2
    const W2 = init('W2', [3, 1], [1, 2, 3]);
    expect(() => fromOnnx(model([g, node('Gemm', ['z', 'W2'], 'y')], [W, B, W2]))).toThrow(
      /node 1 "y" \(Gemm\): expected 2 inputs, got weights for 3/,
    );
  });

  it('a node off the chain, an activation not right after a dense layer, softmax on a hidden layer or another axis', () => {
    expect(() => fromOnnx(model([g, node('Relu', ['x'], 'h')], [W, B]))).toThrow(
      /node 1 "h" \(Relu\): expected a chain of layers starting at "z", but this node reads "x"/,
    );
    expect(() =>
      fromOnnx(model([g, node('Relu', ['z'], 'h'), node('Tanh', ['h'], 't')], [W, B])),
    ).toThrow(/unsupported node 2 "t" \(Tanh\)/);
    const W2 = init('W2', [2, 1], [1, 1]);
    expect(() =>
      fromOnnx(model([g, node('Softmax', ['z'], 'p'), node('Gemm', ['p', 'W2'], 'y')], [W, B, W2])),
    ).toThrow(/Softmax after hidden layer 0; termgrad allows softmax only on the output layer/);
    expect(() =>
      fromOnnx(model([g, node('Softmax', ['z'], 'p', [['axis', 'i', 0]])], [W, B])),
    ).toThrow(/expected Softmax over axis 1, got axis 0/);
  });

  it('two different leaky ReLU slopes (attribute or Where form)', () => {
    const W2 = init('W2', [2, 2], [1, 0, 0, 1]);
    const two = (second: onnx.INodeProto[], extra: onnx.ITensorProto[] = []) =>
      model(
        [
          g,
          node('LeakyRelu', ['z'], 'h', [['alpha', 'f', 0.25]]),
          node('Gemm', ['h', 'W2'], 'z2'),
          ...second,
        ],
        [W, B, W2, ...extra],
      );
    expect(() => fromOnnx(two([node('LeakyRelu', ['z2'], 'y', [['alpha', 'f', 0.5]])]))).toThrow(
      /node 3 "y" \(LeakyRelu\): termgrad uses one leaky ReLU slope per network; expected 0.25, got 0.5/,
    );
    expect(
      fromOnnx(two([node('LeakyRelu', ['z2'], 'y', [['alpha', 'f', 0.25]])])).leakyReluAlpha,
    ).toBe(0.25);
    const where = [
      node('Greater', ['z2', 'zero'], 'pos'),
      node('Mul', ['z2', 'alpha'], 'scaled'),
      node('Where', ['pos', 'z2', 'scaled'], 'y'),
    ];
    expect(() => fromOnnx(two(where, [init('zero', [], [0]), init('alpha', [], [0.5])]))).toThrow(
      /node 4 "scaled" \(Mul\): termgrad uses one leaky ReLU slope per network; expected 0.25, got 0.5/,
    );
  });
});
