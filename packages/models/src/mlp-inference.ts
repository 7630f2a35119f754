// MLP inference on the core (internal): outputs, activations, predictions, evaluation.
import { Tensor } from '@termgrad/tensor';
import { ModelError } from './errors.js';
import {
  argmaxRow,
  type Buf,
  CLASS_MULTILABEL,
  CLASS_NONE,
  CLASS_THRESHOLD,
  EVAL_CHUNK,
  type MlpCore,
} from './mlp-core.js';
import {
  copyTargets,
  type MLPInput,
  type MLPTarget,
  viewMatrix,
  viewTargets,
} from './mlp-input.js';
import type { MLPEvaluation } from './mlp-types.js';

/** Network outputs [n, outputs]. @internal */
export function forward(core: MlpCore, x: MLPInput): Tensor {
  const K = core.outputs;
  const chunks: [number, Buf][] = [];
  const n = core.sweep('MLP.forward', x, (ws, start, count) =>
    chunks.push([start, (ws.a[core.depth] as Buf).slice(0, count * K)]),
  );
  const out = core.alloc(n * K);
  for (const [start, data] of chunks) out.set(data, start * K);
  return new Tensor(out, [n, K]);
}

/** Every layer's activations [n, layers[l+1]]. @internal */
export function activations(core: MlpCore, x: MLPInput): Tensor[] {
  const op = 'MLP.activations';
  const xv = viewMatrix(op, x, 'x', core.layers[0] as number);
  const n = xv.rows;
  const result = core.layers.slice(1).map((u) => core.alloc(n * u));
  core.sweep(op, x, (ws, start, count) => {
    for (let l = 1; l <= core.depth; l++) {
      const u = core.layers[l] as number;
      (result[l - 1] as Buf).set((ws.a[l] as Buf).subarray(0, count * u), start * u);
    }
  });
  return result.map((data, l) => new Tensor(data, [n, core.layers[l + 1] as number]));
}

/** Class probabilities (tanh outputs mapped to (o + 1)/2). @internal */
export function predictProba(core: MlpCore, x: MLPInput): Tensor {
  if (core.classKind === CLASS_NONE)
    throw new ModelError(
      'MLP.predictProba',
      `a ${core.outputActivation} output is a regression output; expected a sigmoid, tanh or softmax output`,
    );
  const o = forward(core, x);
  if (core.outputActivation === 'tanh') {
    const d = o.data;
    for (let i = 0; i < d.length; i++) d[i] = Math.min(1, Math.max(0, ((d[i] as number) + 1) / 2));
  }
  return o;
}

/** Predictions (see MLP.predict). @internal */
export function predict(core: MlpCore, x: MLPInput): Tensor {
  const o = forward(core, x);
  const K = core.outputs;
  const n = o.shape[0] as number;
  const d = o.data;
  switch (core.classKind) {
    case CLASS_NONE:
      return o;
    case CLASS_MULTILABEL: {
      for (let i = 0; i < d.length; i++) d[i] = (d[i] as number) > 0.5 ? 1 : 0;
      return o;
    }
    case CLASS_THRESHOLD: {
      const tanh = core.outputActivation === 'tanh';
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++)
        out[i] = tanh ? ((d[i] as number) >= 0 ? 1 : -1) : (d[i] as number) > 0.5 ? 1 : 0;
      return new Tensor(out, [n]);
    }
    default: {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = argmaxRow(d, i * K, K);
      return new Tensor(out, [n]);
    }
  }
}

function accuracyOf(core: MlpCore, correct: number, n: number): number {
  return core.classKind === CLASS_NONE
    ? NaN
    : correct / (core.classKind === CLASS_MULTILABEL ? n * core.outputs : n);
}

/** Mean data loss and accuracy over a checked data set. @internal */
export function evaluate(core: MlpCore, x: MLPInput, y: MLPTarget): MLPEvaluation {
  const op = 'MLP.evaluate';
  const xv = viewMatrix(op, x, 'x', core.layers[0] as number);
  const tv = viewTargets(op, y, xv.rows, core.outputs, core.lossCode, core.outputActivation);
  let loss = 0;
  let correct = 0;
  core.sweep(op, x, (ws, start, count) => {
    copyTargets(op, tv, start, count, core.outputs, ws.t);
    loss += core.dataLoss(ws, count) * count;
    correct += core.countCorrect(ws, count);
  });
  return { loss: loss / xv.rows, accuracy: accuracyOf(core, correct, xv.rows) };
}

/** Evaluation on contiguous buffers of the model's dtype (x [n, inputs], t dense [n, outputs]). @internal */
export function evaluateRowsCore(core: MlpCore, x: Buf, t: Buf, n: number): MLPEvaluation {
  const ws = core.workspace(Math.min(EVAL_CHUNK, n));
  const d = core.layers[0] as number;
  const K = core.outputs;
  let loss = 0;
  let correct = 0;
  for (let start = 0; start < n; start += ws.size) {
    const count = Math.min(ws.size, n - start);
    (ws.a[0] as Buf).set(x.subarray(start * d, (start + count) * d));
    ws.t.set(t.subarray(start * K, (start + count) * K));
    core.forwardWs(ws, count);
    loss += core.dataLoss(ws, count) * count;
    correct += core.countCorrect(ws, count);
  }
  return { loss: loss / n, accuracy: accuracyOf(core, correct, n) };
}
