// MLP parameter access on the core (internal): copies in and out of the weight buffers.
import { Tensor } from '@termgrad/tensor';
import { ModelError } from './errors.js';
import type { Buf, MlpCore } from './mlp-core.js';

/** Copies parameters in (same order and lengths as core.params). @internal */
export function setParameters(core: MlpCore, values: readonly ArrayLike<number>[]): void {
  const op = 'MLP.setParameters';
  if (!Array.isArray(values) || values.length !== core.params.length)
    throw new ModelError(
      op,
      `expected ${core.params.length} buffers, got ${Array.isArray(values) ? values.length : typeof values}`,
    );
  values.forEach((v, i) => {
    const p = core.params[i] as Buf;
    if (v.length !== p.length)
      throw new ModelError(
        op,
        `buffer ${i} has the wrong length; expected ${p.length}, got ${v.length}`,
      );
  });
  values.forEach((v, i) => (core.params[i] as Buf).set(v));
}

/** Weights of layer l as a Tensor copy [nIn, nOut]. @internal */
export function getWeights(core: MlpCore, l: number): Tensor {
  core.checkLayer('MLP.getWeights', l);
  return new Tensor((core.W[l] as Buf).slice(), [
    core.layers[l] as number,
    core.layers[l + 1] as number,
  ]);
}

/** Biases of layer l as a Tensor copy [nOut]. @internal */
export function getBias(core: MlpCore, l: number): Tensor {
  core.checkLayer('MLP.getBias', l);
  return new Tensor((core.b[l] as Buf).slice(), [core.layers[l + 1] as number]);
}

/** Sets layer l's weights (flat row-major or nested rows) and optionally its biases. @internal */
export function setLayer(
  core: MlpCore,
  l: number,
  weights: ArrayLike<number> | readonly (readonly number[])[],
  bias?: ArrayLike<number>,
): void {
  const op = 'MLP.setLayer';
  core.checkLayer(op, l);
  const w = core.W[l] as Buf;
  const flat =
    Array.isArray(weights) && Array.isArray(weights[0])
      ? (weights as number[][]).flat()
      : Array.from(weights as ArrayLike<number>);
  if (flat.length !== w.length)
    throw new ModelError(
      op,
      `weights of layer ${l} have the wrong size; expected ${w.length} ([${core.layers[l]}, ${core.layers[l + 1]}]), got ${flat.length}`,
    );
  if (bias !== undefined && bias.length !== (core.b[l] as Buf).length)
    throw new ModelError(
      op,
      `bias of layer ${l} has the wrong length; expected ${(core.b[l] as Buf).length}, got ${bias.length}`,
    );
  w.set(flat);
  if (bias !== undefined) (core.b[l] as Buf).set(Array.from(bias));
}
