import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import onnxProto, { type onnx } from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { fromOnnx } from '../src/index.js';
import { loadOnnx, saveOnnx } from '../src/node/index.js';
import { inputs, maxRelError, runOrt } from './helpers.js';

const proto = onnxProto.onnx;
const F = proto.TensorProto.DataType.FLOAT;

function init(name: string, dims: number[], values: number[]): onnx.ITensorProto {
  return { name, dims, dataType: F, floatData: values };
}

/** A graph as another exporter writes it: MatMul + Add + Relu, then Gemm(transB=1) + Softmax, float_data initializers. */
function foreignGraph(extra?: onnx.INodeProto, inputWidth = 3): Uint8Array {
  const W1 = [0.5, -1, 0.25, 2, -0.75, 1.5]; // [3, 2]
  const W2 = [1, -2, 0.5, 0.125, 3, -1]; // [3 outputs, 2 inputs] (transB)
  const nodes: onnx.INodeProto[] = [
    { opType: 'MatMul', input: ['x', 'W1'], output: ['mm'], name: 'fc1/matmul' },
    { opType: 'Add', input: ['b1', 'mm'], output: ['z1'], name: 'fc1/add' },
    { opType: 'Relu', input: ['z1'], output: ['h1'], name: 'fc1/relu' },
    {
      opType: 'Gemm',
      input: ['h1', 'W2', 'b2'],
      output: ['z2'],
      name: 'fc2',
      attribute: [{ name: 'transB', type: proto.AttributeProto.AttributeType.INT, i: 1 }],
    },
    {
      opType: 'Softmax',
      input: ['z2'],
      output: ['probs'],
      name: 'softmax',
      attribute: [{ name: 'axis', type: proto.AttributeProto.AttributeType.INT, i: -1 }],
    },
  ];
  if (extra) nodes.splice(3, 0, extra);
  const vi = (name: string, w: number): onnx.IValueInfoProto => ({
    name,
    type: { tensorType: { elemType: F, shape: { dim: [{ dimParam: 'N' }, { dimValue: w }] } } },
  });
  return proto.ModelProto.encode(
    proto.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      producerName: 'test',
      graph: {
        name: 'foreign',
        node: nodes,
        initializer: [
          init('W1', [3, 2], W1),
          init('b1', [2], [0.1, -0.2]),
          init('W2', [3, 2], W2),
          init('b2', [3], [0, 0.5, -0.5]),
        ],
        input: [vi('x', inputWidth)],
        output: [vi('probs', 3)],
      },
    }),
  ).finish();
}

describe('fromOnnx on graphs from other exporters', () => {
  it('MatMul + Add + Relu, Gemm(transB) + Softmax: the imported MLP matches ONNX Runtime', async () => {
    const bytes = foreignGraph();
    const mlp = fromOnnx(bytes);
    const j = mlp.toJSON();
    expect(j.layers).toEqual([3, 2, 3]);
    expect(j.activations).toEqual(['relu']);
    expect(j.outputActivation).toBe('softmax');
    expect(j.dtype).toBe('float32');
    // transB: W2 stored [out, in] becomes termgrad's [in, out]
    expect(Array.from(mlp.getWeights(1).data)).toEqual([1, 0.5, 3, -2, 0.125, -1]);
    const x = inputs(30, 3, 8);
    const out = await runOrt(bytes, x, 'float32', 'x');
    // float32 throughout, a two-layer net on O(1) values: 1e-5 (issue's bound)
    expect(maxRelError(out.probs!.data as Float32Array, mlp.forward(x).data)).toBeLessThanOrEqual(
      1e-5,
    );
  });

  it('names the first unsupported node', () => {
    const bytes = foreignGraph({ opType: 'Dropout', input: ['h1'], output: ['h1d'], name: 'drop' });
    expect(() => fromOnnx(bytes)).toThrow(
      /fromOnnx: unsupported graph at node 4 "fc2" \(Gemm\)|unsupported node 3 "drop" \(Dropout\)/,
    );
    expect(() => fromOnnx(bytes)).toThrow(/"drop" \(Dropout\)/);
  });

  it('a declared input width that disagrees with the first layer is an error naming both', () => {
    expect(() => fromOnnx(foreignGraph(undefined, 5))).toThrow(
      /graph input "x" declares 5 features, but the first layer expects 3/,
    );
  });

  it('saveOnnx / loadOnnx round-trip through a file; unreadable files are named', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'interop-onnx-'));
    const file = path.join(dir, 'm.onnx');
    const mlp = fromOnnx(foreignGraph());
    await saveOnnx(mlp, file);
    const back = await loadOnnx(file);
    for (let l = 0; l < 2; l++) expect(back.getWeights(l).data).toEqual(mlp.getWeights(l).data);
    await expect(loadOnnx(path.join(dir, 'missing.onnx'))).rejects.toThrow(
      /loadOnnx: cannot read .*missing\.onnx/,
    );
    await writeFile(path.join(dir, 'text.onnx'), 'not a protobuf at all');
    await expect(loadOnnx(path.join(dir, 'text.onnx'))).rejects.toThrow(
      /fromOnnx: malformed ONNX file|no graph with nodes/,
    );
  });
});
