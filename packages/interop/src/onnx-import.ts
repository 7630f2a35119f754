import { type Activation, MLP, type OutputActivation } from '@termgrad/models';
import type { onnx } from 'onnx-proto';
import { InteropError } from './errors.js';
import { DOUBLE, FLOAT, proto } from './onnx-proto.js';

const OP = 'fromOnnx';

interface Weights {
  data: Float64Array<ArrayBuffer>;
  dims: number[];
  type: number;
}

const ACTIVATIONS: Record<string, OutputActivation> = {
  Relu: 'relu',
  Tanh: 'tanh',
  Sigmoid: 'sigmoid',
  LeakyRelu: 'leakyRelu',
  Softmax: 'softmax',
  Identity: 'linear',
};

function describe(node: onnx.INodeProto, index: number): string {
  return `node ${index} ${JSON.stringify(node.name ?? '')} (${node.opType ?? '?'})`;
}

function readTensor(t: onnx.ITensorProto): Weights {
  const dims = (t.dims ?? []).map(Number);
  const type = t.dataType ?? 0;
  const count = dims.reduce((a, b) => a * b, 1);
  let data: Float64Array<ArrayBuffer>;
  if (type !== FLOAT && type !== DOUBLE) {
    throw new InteropError(
      OP,
      `initializer ${JSON.stringify(t.name)} has an unsupported element type; expected FLOAT (1) or DOUBLE (11), got ${type}`,
    );
  }
  if (t.rawData && t.rawData.length > 0) {
    const size = type === FLOAT ? 4 : 8;
    if (t.rawData.length !== count * size)
      throw new InteropError(
        OP,
        `initializer ${JSON.stringify(t.name)} is malformed; expected ${count * size} bytes for dims [${dims}], got ${t.rawData.length}`,
      );
    const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
    data = new Float64Array(count);
    for (let i = 0; i < count; i++)
      data[i] = size === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true);
  } else {
    const src = type === FLOAT ? (t.floatData ?? []) : (t.doubleData ?? []);
    if (src.length !== count)
      throw new InteropError(
        OP,
        `initializer ${JSON.stringify(t.name)} is malformed; expected ${count} values for dims [${dims}], got ${src.length}`,
      );
    data = Float64Array.from(src);
  }
  return { data, dims, type };
}

function attr(node: onnx.INodeProto, name: string): onnx.IAttributeProto | undefined {
  return (node.attribute ?? []).find((a) => a.name === name);
}

function intAttr(node: onnx.INodeProto, name: string, fallback: number): number {
  const a = attr(node, name);
  return a?.i === undefined || a.i === null ? fallback : Number(a.i);
}

function floatAttr(node: onnx.INodeProto, name: string, fallback: number): number {
  const a = attr(node, name);
  return a?.f === undefined || a.f === null ? fallback : a.f;
}

function isScalar(
  inits: Map<string, onnx.ITensorProto>,
  name: string | undefined,
  value?: number,
): boolean {
  const t = inits.get(name ?? '');
  if (!t || (t.dims ?? []).reduce((a: number, b) => a * Number(b), 1) !== 1) return false;
  return value === undefined || readTensor(t).data[0] === value;
}

/** Nodes i..i+2 are Greater(x, 0), Mul(x, α), Where(x > 0, x, x·α). */
function leakyPattern(
  nodes: onnx.INodeProto[],
  i: number,
  x: string,
  inits: Map<string, onnx.ITensorProto>,
): boolean {
  const [gt, mul, where] = [nodes[i], nodes[i + 1], nodes[i + 2]];
  if (!gt || !mul || !where || mul.opType !== 'Mul' || where.opType !== 'Where') return false;
  const gi = gt.input ?? [];
  const mi = mul.input ?? [];
  const wi = where.input ?? [];
  return (
    gi[0] === x &&
    isScalar(inits, gi[1], 0) &&
    mi[0] === x &&
    isScalar(inits, mi[1]) &&
    wi[0] === (gt.output ?? [])[0] &&
    wi[1] === x &&
    wi[2] === (mul.output ?? [])[0]
  );
}

/**
 * Reads an MLP-shaped ONNX model into a termgrad {@link MLP}: a chain of dense layers — `Gemm`
 * (alpha = beta = 1, transA = 0, transB 0 or 1), or `MatMul` followed by `Add` — each optionally
 * followed by `Relu`, `Tanh`, `Sigmoid`, `LeakyRelu` (one α for the network; also as Where(x > 0, x, x·α)), `Identity`, or a last
 * `Softmax` over axis 1/−1. Weights are copied exactly; FLOAT graphs give a float32 MLP, DOUBLE graphs
 * a float64 one. The loss is taken from the `termgrad.loss` metadata when present, else from the
 * output activation.
 *
 * @param bytes a serialised ModelProto (e.g. from {@link toOnnx} or another framework).
 * @throws {InteropError} malformed file; a graph that is not MLP-shaped, naming the first unsupported node.
 */
export function fromOnnx(bytes: Uint8Array): MLP {
  if (!(bytes instanceof Uint8Array))
    throw new InteropError(
      OP,
      `expected the bytes of an ONNX file (Uint8Array), got ${bytes === null ? 'null' : typeof bytes}`,
    );
  let model: onnx.ModelProto;
  try {
    model = proto.ModelProto.decode(bytes);
  } catch (e) {
    throw new InteropError(OP, `malformed ONNX file: ${(e as Error).message}`, { cause: e });
  }
  const graph = model.graph;
  if (!graph || (graph.node ?? []).length === 0)
    throw new InteropError(
      OP,
      'malformed ONNX file: no graph with nodes; expected an ONNX ModelProto',
    );
  const inits = new Map<string, onnx.ITensorProto>();
  for (const t of graph.initializer ?? []) inits.set(t.name ?? '', t);
  const inputs = (graph.input ?? []).filter((v) => !inits.has(v.name ?? ''));
  if (inputs.length !== 1)
    throw new InteropError(OP, `expected a graph with one data input, got ${inputs.length}`);
  const input = inputs[0] as onnx.IValueInfoProto;
  let current = input.name ?? '';

  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  const sizes: number[] = [];
  const acts: OutputActivation[] = [];
  let types = new Set<number>();
  let alpha: number | undefined;
  const nodes = graph.node ?? [];
  const initOf = (
    name: string | undefined,
    node: onnx.INodeProto,
    i: number,
    what: string,
  ): Weights => {
    const t = inits.get(name ?? '');
    if (!t)
      throw new InteropError(
        OP,
        `unsupported graph at ${describe(node, i)}: its ${what} is not a constant initializer`,
      );
    const w = readTensor(t);
    types.add(w.type);
    return w;
  };
  const addDense = (
    node: onnx.INodeProto,
    i: number,
    w: Weights,
    transB: boolean,
    b: Weights | undefined,
  ): void => {
    if (w.dims.length !== 2)
      throw new InteropError(
        OP,
        `unsupported graph at ${describe(node, i)}: expected 2-D weights, got dims [${w.dims}]`,
      );
    const [r, c] = w.dims as [number, number];
    const nIn = transB ? c : r;
    const nOut = transB ? r : c;
    const W = new Float64Array(nIn * nOut);
    for (let a = 0; a < nIn; a++)
      for (let o = 0; o < nOut; o++)
        W[a * nOut + o] = transB
          ? (w.data[o * nIn + a] as number)
          : (w.data[a * nOut + o] as number);
    const prev = sizes.length === 0 ? undefined : (sizes[sizes.length - 1] as number);
    if (prev !== undefined && prev !== nIn)
      throw new InteropError(
        OP,
        `unsupported graph at ${describe(node, i)}: expected ${prev} inputs, got weights for ${nIn}`,
      );
    let bias: Float64Array = new Float64Array(nOut);
    if (b !== undefined) {
      if (b.data.length !== nOut)
        throw new InteropError(
          OP,
          `unsupported graph at ${describe(node, i)}: bias must have ${nOut} values, got ${b.data.length}`,
        );
      bias = b.data;
    }
    if (sizes.length === 0) sizes.push(nIn);
    sizes.push(nOut);
    weights.push(W);
    biases.push(bias);
    acts.push('linear');
  };

  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as onnx.INodeProto;
    const ins = node.input ?? [];
    const op = node.opType ?? '';
    if (ins[0] !== current) {
      throw new InteropError(
        OP,
        `unsupported graph at ${describe(node, i)}: expected a chain of layers starting at ${JSON.stringify(current)}, but this node reads ${JSON.stringify(ins[0])}`,
      );
    }
    const afterDense =
      acts.length > 0 &&
      acts[acts.length - 1] === 'linear' &&
      nodes[i - 1] !== undefined &&
      ['Gemm', 'Add'].includes(nodes[i - 1]?.opType ?? '');
    if (op === 'Gemm') {
      if (
        intAttr(node, 'transA', 0) !== 0 ||
        floatAttr(node, 'alpha', 1) !== 1 ||
        floatAttr(node, 'beta', 1) !== 1
      ) {
        throw new InteropError(
          OP,
          `unsupported graph at ${describe(node, i)}: expected Gemm with transA = 0, alpha = beta = 1`,
        );
      }
      const w = initOf(ins[1], node, i, 'weight');
      const b = ins[2] ? initOf(ins[2], node, i, 'bias') : undefined;
      if (b && b.dims.length !== 1 && !(b.dims.length === 2 && b.dims[0] === 1))
        throw new InteropError(
          OP,
          `unsupported graph at ${describe(node, i)}: expected a bias [n] or [1, n], got dims [${b.dims}]`,
        );
      addDense(node, i, w, intAttr(node, 'transB', 0) === 1, b);
    } else if (op === 'MatMul') {
      const w = initOf(ins[1], node, i, 'weight');
      const next = nodes[i + 1];
      const nextIns = next?.input ?? [];
      const out = (node.output ?? [])[0];
      if (next?.opType === 'Add' && (nextIns[0] === out || nextIns[1] === out)) {
        const b = initOf(nextIns[0] === out ? nextIns[1] : nextIns[0], next, i + 1, 'bias');
        addDense(node, i, w, false, b);
        current = (next.output ?? [])[0] ?? '';
        i++;
        continue;
      }
      addDense(node, i, w, false, undefined);
    } else if (Object.hasOwn(ACTIVATIONS, op) && afterDense) {
      const kind = ACTIVATIONS[op] as OutputActivation;
      if (op === 'Softmax' && ![1, -1].includes(intAttr(node, 'axis', -1)))
        throw new InteropError(
          OP,
          `unsupported graph at ${describe(node, i)}: expected Softmax over axis 1, got axis ${intAttr(node, 'axis', -1)}`,
        );
      if (op === 'LeakyRelu') {
        const a = floatAttr(node, 'alpha', 0.01);
        if (alpha !== undefined && alpha !== a)
          throw new InteropError(
            OP,
            `unsupported graph at ${describe(node, i)}: termgrad uses one leaky ReLU slope per network; expected ${alpha}, got ${a}`,
          );
        alpha = a;
      }
      acts[acts.length - 1] = kind;
    } else if (op === 'Greater' && afterDense && leakyPattern(nodes, i, current, inits)) {
      // Where(x > 0, x, x·α): leaky ReLU with an α a float attribute cannot hold
      const mul = nodes[i + 1] as onnx.INodeProto;
      const a = readTensor(inits.get((mul.input ?? [])[1] ?? '') as onnx.ITensorProto)
        .data[0] as number;
      if (alpha !== undefined && alpha !== a)
        throw new InteropError(
          OP,
          `unsupported graph at ${describe(mul, i + 1)}: termgrad uses one leaky ReLU slope per network; expected ${alpha}, got ${a}`,
        );
      alpha = a;
      acts[acts.length - 1] = 'leakyRelu';
      current = ((nodes[i + 2] as onnx.INodeProto).output ?? [])[0] ?? '';
      i += 2;
      continue;
    } else if (op === 'Identity') {
      // a pass-through name (e.g. the graph output) changes nothing
    } else {
      throw new InteropError(
        OP,
        `unsupported ${describe(node, i)}; expected Gemm, MatMul + Add, Relu, Tanh, Sigmoid, LeakyRelu, Softmax or Identity in a chain`,
      );
    }
    current = (node.output ?? [])[0] ?? '';
  }
  const outputs = graph.output ?? [];
  if (outputs.length !== 1 || outputs[0]?.name !== current) {
    throw new InteropError(
      OP,
      `unsupported graph: expected one output, the end of the layer chain ${JSON.stringify(current)}, got [${outputs.map((o) => JSON.stringify(o.name)).join(', ')}]`,
    );
  }
  if (weights.length === 0)
    throw new InteropError(OP, 'unsupported graph: no dense layer (Gemm or MatMul + Add) found');
  const softmaxAt = acts.indexOf('softmax');
  if (softmaxAt !== -1 && softmaxAt !== acts.length - 1)
    throw new InteropError(
      OP,
      `unsupported graph: Softmax after hidden layer ${softmaxAt}; termgrad allows softmax only on the output layer`,
    );
  types = new Set(types);
  if (types.size !== 1)
    throw new InteropError(
      OP,
      'unsupported graph: mixed FLOAT and DOUBLE weights; expected one element type',
    );
  const dtype = types.has(FLOAT) ? 'float32' : 'float64';
  const declared = input.type?.tensorType?.shape?.dim?.[1]?.dimValue;
  if (declared !== undefined && declared !== null && Number(declared) !== sizes[0]) {
    throw new InteropError(
      OP,
      `graph input ${JSON.stringify(input.name)} declares ${Number(declared)} features, but the first layer expects ${sizes[0]}`,
    );
  }
  const outputActivation = acts[acts.length - 1] as OutputActivation;
  const meta = (model.metadataProps ?? []).find((p) => p.key === 'termgrad.loss')?.value;
  const loss =
    meta === 'squaredError' || meta === 'binaryCrossEntropy' || meta === 'categoricalCrossEntropy'
      ? meta
      : outputActivation === 'softmax'
        ? 'categoricalCrossEntropy'
        : outputActivation === 'sigmoid'
          ? 'binaryCrossEntropy'
          : 'squaredError';
  // A float32 graph holds α rounded to float32; the exact double travels in the metadata.
  const exactAlpha = Number(
    (model.metadataProps ?? []).find((p) => p.key === 'termgrad.leakyReluAlpha')?.value,
  );
  if (
    alpha !== undefined &&
    Number.isFinite(exactAlpha) &&
    Math.fround(exactAlpha) === Math.fround(alpha)
  )
    alpha = exactAlpha;
  const mlp = new MLP({
    layers: sizes,
    activation: acts.slice(0, -1) as Activation[],
    outputActivation,
    loss,
    dtype,
    ...(alpha === undefined ? {} : { leakyReluAlpha: alpha }),
  });
  weights.forEach((w, l) => mlp.setLayer(l, w, biases[l] as Float64Array));
  return mlp;
}
