import { renameDeprecated } from '@termgrad/tensor';
import { OptimError } from './errors.js';
import type { Optimizer } from './optimizer.js';
import { check, describe } from './params.js';
import { LR_ALIASES } from './schedules.js';
import { sgd } from './sgd.js';

/** Options of {@link gradientDescent}. */
export interface GradientDescentOptions {
  /** Learning rate of the default plain-SGD optimizer (default 0.1); ignored when `optimizer` is given. */
  learningRate?: number;
  /** @deprecated Use `learningRate` (warns once; removed in the next minor version). */
  lr?: number;
  /** Any optimizer from this package (default `sgd({ learningRate })`). */
  optimizer?: Optimizer;
  /** Maximum iterations (default 1000). */
  maxIterations?: number;
  /** Stop when ‖∇f‖₂ ≤ tolerance (default 1e-8). */
  tolerance?: number;
  /** Record f after every iteration in `history` (default false). */
  history?: boolean;
}

/** Result of {@link gradientDescent}. */
export interface GradientDescentResult {
  /** The final point. */
  readonly x: Float64Array;
  /** f(x) at the final point. */
  readonly value: number;
  /** ‖∇f(x)‖₂ at the final point. */
  readonly gradientNorm: number;
  /** Iterations (optimizer steps) performed. */
  readonly iterations: number;
  /** True when the gradient norm reached the tolerance. */
  readonly converged: boolean;
  /** f after each iteration (empty unless `history: true`). */
  readonly history: readonly number[];
}

/**
 * Minimises any differentiable f by iterating x ← optimizer(x, ∇f(x)) — the lecture's
 * W^(t+1) = W^t − η ∇E(W^t) with the default optimizer — until ‖∇f‖₂ ≤ tolerance.
 *
 * @param f objective, called with the current point.
 * @param grad gradient of f, returning `x.length` numbers (it may return a reused buffer).
 * @param x0 starting point (copied; not mutated).
 * @throws {OptimError} on empty x0, a gradient of the wrong length, or NaN/Infinity in f or ∇f
 *   (the message names the iteration and suggests a smaller learning rate).
 * @example
 * ```ts
 * const r = gradientDescent((x) => (x[0] - 3) ** 2, (x) => [2 * (x[0] - 3)], [0], { learningRate: 0.1 });
 * console.log(r.x[0].toFixed(6)); // "3.000000"
 * ```
 */
export function gradientDescent(
  f: (x: Float64Array) => number,
  grad: (x: Float64Array) => ArrayLike<number>,
  x0: ArrayLike<number>,
  options: GradientDescentOptions = {},
): GradientDescentResult {
  const op = 'gradientDescent';
  if (typeof f !== 'function' || typeof grad !== 'function')
    throw new OptimError(op, `f and grad must be functions; got ${typeof f} and ${typeof grad}`);
  // a fresh copy: non-empty, numbers, finite
  const x = check.vector(op, 'x0', x0);
  options = renameDeprecated(op, options, LR_ALIASES, OptimError);
  check.optionKeys(op, options, [
    'learningRate',
    'optimizer',
    'maxIterations',
    'tolerance',
    'history',
  ]);
  const maxIterations = check.number(op, 'maxIterations', options.maxIterations ?? 1000, {
    integer: true,
    min: 0,
  });
  const tolerance = check.number(op, 'tolerance', options.tolerance ?? 1e-8, { min: 0 });
  const optimizer = options.optimizer ?? sgd({ learningRate: options.learningRate ?? 0.1 });
  const g = new Float64Array(x.length);
  const history: number[] = [];
  const evalGrad = (iteration: number): number => {
    const raw = grad(x);
    if (raw === null || typeof raw !== 'object' || raw.length !== x.length) {
      throw new OptimError(op, `grad must return ${x.length} numbers; got ${describe(raw)}`);
    }
    let norm = 0;
    for (let i = 0; i < x.length; i++) {
      const gi = Number(raw[i]);
      if (!Number.isFinite(gi))
        throw new OptimError(
          op,
          `gradient is ${String(gi)} at iteration ${iteration}; the run diverged, try a smaller learning rate`,
        );
      g[i] = gi;
      norm += gi * gi;
    }
    return Math.sqrt(norm);
  };
  let norm = evalGrad(0);
  let iterations = 0;
  while (iterations < maxIterations && norm > tolerance) {
    optimizer.step([x], [g]);
    iterations++;
    if (options.history === true) history.push(f(x));
    norm = evalGrad(iterations);
  }
  const value = f(x);
  if (!Number.isFinite(value))
    throw new OptimError(
      op,
      `f is ${String(value)} at iteration ${iterations}; the run diverged, try a smaller learning rate`,
    );
  return { x, value, gradientNorm: norm, iterations, converged: norm <= tolerance, history };
}
