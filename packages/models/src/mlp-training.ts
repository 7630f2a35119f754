// MLP training steps on the core (internal): one mini-batch update, gradients, the penalty rule.
import type { Optimizer } from '@termgrad/optim';
import type { Buf, MlpCore, Workspace } from './mlp-core.js';
import type { MLPInput, MLPTarget } from './mlp-input.js';

/** Forward, backward (mean gradient), optimizer step and weight penalty on the first B rows of ws. @internal */
export function step(core: MlpCore, optimizer: Optimizer, ws: Workspace, B: number): number {
  core.forwardWs(ws, B);
  const loss = core.dataLoss(ws, B);
  core.backward(ws, B);
  applyGradients(core, optimizer);
  return loss;
}

/** One optimizer update from the gradients in core.grads, then the penalty rule. @internal */
export function applyGradients(core: MlpCore, optimizer: Optimizer): void {
  const lr = optimizer.learningRate;
  optimizer.step(core.params, core.grads);
  penaltyAfterStep(core, lr);
}

/** The penalty rule after an optimizer step taken with learning rate `lr`. @internal */
export function penaltyAfterStep(core: MlpCore, lr: number): void {
  if (core.reg !== 'none' && core.lambda > 0) core.applyPenalty(lr * core.lambda);
}

/** One update on a checked batch. @internal */
export function trainBatch(core: MlpCore, optimizer: Optimizer, x: MLPInput, y: MLPTarget): number {
  const ws = core.loadBatch('MLP.trainBatch', x, y);
  return step(core, optimizer, ws, ws.size);
}

/** One update on rows indices[start .. start+count) of buffers of the model's dtype (allocation-free). @internal */
export function trainRowsCore(
  core: MlpCore,
  optimizer: Optimizer,
  x: Buf,
  t: Buf,
  indices: ArrayLike<number>,
  start: number,
  count: number,
): number {
  const ws = core.workspace(count);
  core.k.gatherRows(x, indices, start, count, core.layers[0] as number, ws.a[0] as Buf);
  core.k.gatherRows(t, indices, start, count, core.outputs, ws.t);
  return step(core, optimizer, ws, count);
}

/** Mean data loss, and the gradient of loss + penalty into core.grads. @internal */
export function computeGradients(core: MlpCore, x: MLPInput, y: MLPTarget): number {
  const ws = core.loadBatch('MLP.computeGradients', x, y);
  const B = ws.size;
  core.forwardWs(ws, B);
  const loss = core.dataLoss(ws, B);
  core.backward(ws, B);
  if (core.reg !== 'none' && core.lambda > 0) {
    const lambda = core.lambda;
    for (let l = 0; l < core.depth; l++) {
      const w = core.W[l] as Buf;
      const g = core.gW[l] as Buf;
      if (core.reg === 'l2')
        for (let i = 0; i < w.length; i++) g[i] = (g[i] as number) + lambda * (w[i] as number);
      else
        for (let i = 0; i < w.length; i++)
          g[i] = (g[i] as number) + lambda * Math.sign(w[i] as number);
    }
  }
  return loss;
}

/**
 * SUM over rows start..start+count of the data loss, and of the gradients into core.grads.
 * `withLoss` false skips the loss (returns 0; the Playground trainer's hot loop). @internal
 */
export function sumGradientRowsCore(
  core: MlpCore,
  x: Buf,
  t: Buf,
  start: number,
  count: number,
  withLoss = true,
): number {
  const ws = core.workspace(count);
  const d = core.layers[0] as number;
  const K = core.outputs;
  // plain copy loops: subarray views would allocate on every call
  const a0 = ws.a[0] as Buf;
  for (let i = 0, o = start * d; i < count * d; i++) a0[i] = x[o + i] as number;
  const tt = ws.t;
  for (let i = 0, o = start * K; i < count * K; i++) tt[i] = t[o + i] as number;
  core.forwardWs(ws, count);
  const loss = withLoss ? core.dataLoss(ws, count) * count : 0;
  core.backward(ws, count, 1);
  return loss;
}

/**
 * SUM over rows indices[start .. start+count) of the data loss, and of the gradients into
 * core.grads (no penalty); gathers the rows straight into the workspace. @internal
 */
export function sumGradientIndexedCore(
  core: MlpCore,
  x: Buf,
  t: Buf,
  indices: ArrayLike<number>,
  start: number,
  count: number,
): number {
  const ws = core.workspace(count);
  core.k.gatherRows(x, indices, start, count, core.layers[0] as number, ws.a[0] as Buf);
  core.k.gatherRows(t, indices, start, count, core.outputs, ws.t);
  core.forwardWs(ws, count);
  const loss = core.dataLoss(ws, count) * count;
  core.backward(ws, count, 1);
  return loss;
}

/** The weight penalty: L1 λΣ|w|, L2 (λ/2)Σw², 0 without regularisation (biases excluded). @internal */
export function penalty(core: MlpCore): number {
  if (core.reg === 'none' || core.lambda === 0) return 0;
  let s = 0;
  for (const w of core.W)
    for (let i = 0; i < w.length; i++)
      s += core.reg === 'l1' ? Math.abs(w[i] as number) : 0.5 * (w[i] as number) ** 2;
  return core.lambda * s;
}
