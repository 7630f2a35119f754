import type { MatrixData, Tensor } from '@termgrad/tensor';
import { validators } from '@termgrad/tensor';
import { ProbabilityError } from './errors.js';

/** A vector argument: a tensor (any shape, read flat in row-major order) or an array-like of numbers. */
export type VectorLike = Tensor | ArrayLike<number>;
/** A matrix argument: a 2-D tensor or an array of equally long rows. */
export type MatrixLike = Tensor | readonly ArrayLike<number>[];

/**
 * A fresh Float64Array copy of a vector argument (any tensor shape read flat; may be empty),
 * checked finite, by the shared `check.vector` of @termgrad/tensor. @internal
 */
export function toVector(op: string, v: VectorLike, name: string): Float64Array {
  return check.vector(op, name, v, { flatten: true, allowEmpty: true });
}

/** A fresh Float64Array copy of a vector argument, numbers but not checked finite. @internal */
export function toRawVector(op: string, v: VectorLike, name: string): Float64Array {
  return check.vector(op, name, v, { flatten: true, allowEmpty: true, finite: false });
}

/**
 * A row-major Float64Array copy of a matrix argument (a 2-D tensor or an array of rows; may be
 * empty) with its shape, checked finite, by the shared `check.matrix` of @termgrad/tensor.
 * @internal
 */
export function toMatrix(op: string, m: MatrixLike, name: string): MatrixData {
  return check.matrix(op, name, m, { allowEmpty: true });
}

/** Throws unless `rng` is a Random of @termgrad/tensor (the shared check). @internal */
export function checkRng(op: string, rng: unknown): void {
  check.rng(op, 'rng', rng);
}

/** The shared validators of @termgrad/tensor, throwing ProbabilityError. @internal */
export const check = validators(ProbabilityError);
