import { validators } from '@termgrad/tensor';
import { OptimError } from './errors.js';

/** A flat parameter or gradient buffer. Float64 is the default dtype; Float32 halves memory. */
export type ParamArray = Float64Array | Float32Array;

/**
 * Anything shaped like a `Tensor` of @termgrad/tensor: a typed array `data`, an `offset` and a
 * `size`. Only contiguous tensors are accepted as parameters (the optimizer updates `data` in
 * place from `offset` to `offset + size`).
 */
export interface TensorLike {
  readonly data: ParamArray;
  readonly offset: number;
  readonly size: number;
  isContiguous(): boolean;
}

/** A parameter (or gradient) as accepted by optimizers: a typed array or a contiguous tensor. */
export type Param = ParamArray | TensorLike;

/** Returns the typed array a parameter covers (a subarray view for tensors). @internal */
export function paramArray(op: string, p: Param, what: string): ParamArray {
  if (p instanceof Float64Array || p instanceof Float32Array) return p;
  if (
    p !== null &&
    typeof p === 'object' &&
    'data' in p &&
    (p.data instanceof Float64Array || p.data instanceof Float32Array)
  ) {
    if (!p.isContiguous())
      throw new OptimError(
        op,
        `${what} must be contiguous; expected a contiguous tensor, got a strided view`,
      );
    if (p.offset === 0 && p.size === p.data.length) return p.data;
    return p.data.subarray(p.offset, p.offset + p.size);
  }
  throw new OptimError(
    op,
    `${what} must be a Float64Array, Float32Array or Tensor; got ${describe(p)}`,
  );
}

/** Short description of a value for error messages. @internal */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Checks that params and grads are parallel lists of equal-length buffers. @internal */
export function resolvePairs(
  op: string,
  params: readonly Param[],
  grads: readonly Param[],
): { p: ParamArray[]; g: ParamArray[] } {
  if (!Array.isArray(params) || !Array.isArray(grads)) {
    throw new OptimError(
      op,
      `params and grads must be arrays; got ${describe(params)} and ${describe(grads)}`,
    );
  }
  if (params.length !== grads.length) {
    throw new OptimError(
      op,
      `params and grads must have the same count; expected ${params.length} gradients, got ${grads.length}`,
    );
  }
  const p: ParamArray[] = [];
  const g: ParamArray[] = [];
  for (let i = 0; i < params.length; i++) {
    const pi = paramArray(op, params[i] as Param, `param ${i}`);
    const gi = paramArray(op, grads[i] as Param, `gradient ${i}`);
    if (pi.length !== gi.length) {
      throw new OptimError(
        op,
        `gradient ${i} has the wrong length; expected ${pi.length}, got ${gi.length}`,
      );
    }
    p.push(pi);
    g.push(gi);
  }
  return { p, g };
}

/** The shared validators of @termgrad/tensor, throwing OptimError. @internal */
export const check = validators(OptimError);
