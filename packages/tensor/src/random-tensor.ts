import { validators } from './checks.js';
import type { DTypeOptions } from './creation.js';
import { TensorError } from './errors.js';
import type { Random } from './random.js';
import { checkShape, type Shape, sizeOf } from './shape.js';
import { allocate, Tensor } from './tensor.js';

const check = validators(TensorError);

function checkRng(op: string, rng: unknown): asserts rng is Random {
  check.rng(op, 'rng', rng);
}

/**
 * A tensor of independent uniform draws from [low, high), filled in row-major order from `rng`
 * (one `rng.uniform` call per element, so the same seed gives the same tensor).
 * @param low default 0. @param high default 1.
 * @param options.dtype default `'float64'`.
 * @throws {TensorError} when low/high are not finite or low > high.
 * @example
 * ```ts
 * randomUniform(new Random(1), [2, 2], -1, 1).shape; // [2, 2]
 * ```
 */
export function randomUniform(
  rng: Random,
  shape: Shape,
  low = 0,
  high = 1,
  options?: DTypeOptions,
): Tensor {
  checkRng('randomUniform', rng);
  checkShape('randomUniform', shape);
  if (!Number.isFinite(low) || !Number.isFinite(high) || low > high) {
    throw new TensorError('randomUniform', `expected finite low <= high, got ${low} and ${high}`);
  }
  const data = allocate(options?.dtype === 'float32' ? 'float32' : 'float64', sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform(low, high);
  return new Tensor(data, shape);
}

/**
 * A tensor of independent normal draws N(mean, std²), filled in row-major order from `rng.normal`.
 * @param mean default 0. @param std default 1.
 * @param options.dtype default `'float64'`.
 * @throws {TensorError} when mean is not finite or std is negative / not finite.
 * @example
 * ```ts
 * randomNormal(new Random(1), [3], 0, 2).shape; // [3]
 * ```
 */
export function randomNormal(
  rng: Random,
  shape: Shape,
  mean = 0,
  std = 1,
  options?: DTypeOptions,
): Tensor {
  checkRng('randomNormal', rng);
  checkShape('randomNormal', shape);
  if (!Number.isFinite(mean) || !Number.isFinite(std) || std < 0) {
    throw new TensorError(
      'randomNormal',
      `expected a finite mean and std >= 0, got ${mean} and ${std}`,
    );
  }
  const data = allocate(options?.dtype === 'float32' ? 'float32' : 'float64', sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.normal(mean, std);
  return new Tensor(data, shape);
}
