import { OptimError } from './errors.js';
import { check, describe } from './params.js';

/** Options of {@link checkGradient}. */
export interface CheckGradientOptions {
  /** Finite-difference step h (default 1e-6). */
  epsilon?: number;
  /** `ok` is true when the relative error is below this (default 1e-6). */
  tolerance?: number;
  /** Only check these coordinates (default all). */
  indices?: ArrayLike<number>;
}

/** Report of {@link checkGradient}. */
export interface GradientCheckReport {
  /** ‖a − n‖₂ / max(‖a‖₂, ‖n‖₂, 1e-300) over the checked coordinates. */
  readonly relativeError: number;
  /** max over checked i of |aᵢ − nᵢ| / max(|aᵢ|, |nᵢ|, 1e-8) (the floor keeps near-zero entries from dominating). */
  readonly maxComponentError: number;
  /** Coordinate with the largest component error. */
  readonly worstIndex: number;
  /** Analytic gradient at the checked coordinates. */
  readonly analytic: Float64Array;
  /** Central finite differences (f(x + h eᵢ) − f(x − h eᵢ)) / 2h at the checked coordinates. */
  readonly numeric: Float64Array;
  /** The checked coordinates. */
  readonly indices: Int32Array;
  /** relativeError < tolerance. */
  readonly ok: boolean;
}

/**
 * Compares an analytic gradient with central finite differences
 * nᵢ = (f(x + h eᵢ) − f(x − h eᵢ)) / 2h (error O(h²)) and reports relative errors.
 * x is perturbed in place and restored exactly, so `f` may read shared parameter buffers.
 *
 * @param f the objective.
 * @param grad its analytic gradient at x (x.length numbers).
 * @param x the point (Float64Array or Float32Array; with float32 use h ≈ 1e-2 and expect ≈ 1e-3).
 * @throws {OptimError} on an empty x, a gradient of the wrong length or with NaN/Infinity, or a non-finite f.
 * @example
 * ```ts
 * const r = checkGradient((x) => x[0] ** 3, (x) => [3 * x[0] ** 2], new Float64Array([2]));
 * console.log(r.ok, r.relativeError < 1e-8); // true true
 * ```
 */
export function checkGradient(
  f: (x: Float64Array | Float32Array) => number,
  grad: (x: Float64Array | Float32Array) => ArrayLike<number>,
  x: Float64Array | Float32Array,
  options: CheckGradientOptions = {},
): GradientCheckReport {
  const op = 'checkGradient';
  if (!(x instanceof Float64Array || x instanceof Float32Array) || x.length === 0) {
    throw new OptimError(
      op,
      `x must be a non-empty Float64Array or Float32Array; got ${describe(x)}`,
    );
  }
  check.optionKeys(op, options, ['epsilon', 'tolerance', 'indices']);
  const h = check.number(op, 'epsilon', options.epsilon ?? 1e-6, { min: 0, minExclusive: true });
  const tolerance = check.number(op, 'tolerance', options.tolerance ?? 1e-6, {
    min: 0,
    minExclusive: true,
  });
  const indices =
    options.indices === undefined
      ? Int32Array.from({ length: x.length }, (_, i) => i)
      : Int32Array.from(options.indices);
  for (const i of indices)
    if (i < 0 || i >= x.length)
      throw new OptimError(op, `index ${i} out of range; expected 0..${x.length - 1}`);
  const full = grad(x);
  if (full === null || typeof full !== 'object' || full.length !== x.length)
    throw new OptimError(op, `grad must return ${x.length} numbers; got ${describe(full)}`);
  const analytic = Float64Array.from(indices, (i) => Number(full[i]));
  // A NaN analytic gradient would make every error NaN and the report merely "not ok"; name it instead.
  analytic.forEach((v, k) => {
    if (!Number.isFinite(v))
      throw new OptimError(
        op,
        `grad returned ${v} at index ${indices[k]}; expected finite numbers`,
      );
  });
  const numeric = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    const saved = x[i] as number;
    x[i] = saved + h;
    const up = f(x);
    x[i] = saved - h;
    const down = f(x);
    x[i] = saved;
    if (!Number.isFinite(up) || !Number.isFinite(down))
      throw new OptimError(op, `f is not finite near x[${i}]; got ${up} and ${down}`);
    numeric[k] = (up - down) / (2 * h);
  }
  let diff = 0;
  let na = 0;
  let nn = 0;
  let maxComponentError = 0;
  let worstIndex = indices[0] as number;
  for (let k = 0; k < indices.length; k++) {
    const a = analytic[k] as number;
    const n = numeric[k] as number;
    diff += (a - n) * (a - n);
    na += a * a;
    nn += n * n;
    const e = Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n), 1e-8);
    if (!(e <= maxComponentError)) {
      maxComponentError = e;
      worstIndex = indices[k] as number;
    }
  }
  const relativeError = Math.sqrt(diff) / Math.max(Math.sqrt(na), Math.sqrt(nn), 1e-300);
  return {
    relativeError,
    maxComponentError,
    worstIndex,
    analytic,
    numeric,
    indices,
    ok: relativeError < tolerance,
  };
}
