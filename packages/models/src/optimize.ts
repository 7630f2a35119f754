import { cholesky, cond, solveTriangular, Tensor, TensorError } from '@termgrad/tensor';

/** A smooth convex objective over a flat parameter vector θ [p]. @internal */
export interface Problem {
  readonly dim: number;
  /** f(θ). */
  objective(theta: Float64Array): number;
  /** ∇f(θ) written into g. */
  gradient(theta: Float64Array, g: Float64Array): void;
  /** ∇²f(θ) written into H (row-major [p, p]). */
  hessian(theta: Float64Array, H: Float64Array): void;
  /** True when θ classifies every training point strictly correctly (then, with no penalty, the optimum is at infinity). */
  separates(theta: Float64Array): boolean;
  /** Whether a penalty makes the optimum finite (disables separability checks). */
  readonly regularized: boolean;
}

/** Per-iteration progress passed to `onIteration`. */
export interface IterationInfo {
  /** Iteration number, 1-based. */
  readonly iteration: number;
  /** Objective after the step. */
  readonly objective: number;
  /** 2-norm of the gradient after the step. */
  readonly gradNorm: number;
}

/** Solver settings. @internal */
export interface SolverSettings {
  readonly solver: 'newton' | 'gd';
  readonly maxIter: number;
  readonly tol: number;
  readonly learningRate: number;
  readonly lineSearch: 'backtracking' | 'fixed';
  /** Number of samples N (gd steps use the mean gradient ∇f / N). */
  readonly n: number;
  readonly onIteration?: ((info: IterationInfo) => void | boolean) | undefined;
}

/** Result of {@link minimize}. @internal */
export interface SolverResult {
  readonly theta: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  readonly gradNorm: number;
  readonly objective: number;
  /** Separable data (or a numerically singular Hessian) with no penalty: the optimum is not finite/unique. */
  readonly separable: boolean;
  readonly stopReason: 'converged' | 'maxIter' | 'separable' | 'singular' | 'callback' | 'stalled';
}

function norm2(g: Float64Array): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) s += g[i]! * g[i]!;
  return Math.sqrt(s);
}

/** Solves H d = g by Cholesky (tensor's `cholesky` + two triangular solves); null when H is not positive definite. */
function newtonDirection(H: Float64Array, g: Float64Array, p: number): Float64Array | null {
  let L: Tensor;
  try {
    L = cholesky(new Tensor(H, [p, p]));
  } catch (e) {
    if (e instanceof TensorError) return null;
    throw e;
  }
  const y = solveTriangular(L, new Tensor(Float64Array.from(g), [p]), { lower: true });
  const d = solveTriangular(L, y, { lower: true, transpose: true });
  const out = d.toTypedArray();
  for (let i = 0; i < p; i++) if (!Number.isFinite(out[i]!)) return null;
  return out instanceof Float64Array ? out : Float64Array.from(out);
}

/**
 * Condition number of the Jacobi-scaled Hessian D^-1/2 H D^-1/2 (scale-free): huge values mean
 * the objective is flat along some direction (quasi-separation or collinear features).
 */
export function scaledHessianCondition(H: Float64Array, p: number): number {
  const S = new Float64Array(p * p);
  const dinv = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    const d = H[i * p + i]!;
    if (!(d > 0)) return Infinity;
    dinv[i] = 1 / Math.sqrt(d);
  }
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) S[i * p + j] = H[i * p + j]! * dinv[i]! * dinv[j]!;
  return cond(new Tensor(S, [p, p]));
}

/**
 * Scaled-Hessian condition number above which an unpenalised optimum is reported as not finite.
 * On quasi-separable data Newton stops (‖∇‖ ≤ tol) where the curvature along the diverging
 * direction has decayed like the gradient (≈ tol), giving condition numbers ≳ 1e9; genuine optima
 * of standardised features sit at 1..1e4.
 */
export const SINGULAR_CONDITION = 1e8;

/**
 * Minimises a convex objective by damped Newton (Cholesky solve + Armijo backtracking) or by
 * gradient descent (fixed step η, or Armijo backtracking from η), stopping when ‖∇f‖₂ ≤ tol.
 * @internal
 */
export function minimize(problem: Problem, theta0: Float64Array, s: SolverSettings): SolverResult {
  const p = problem.dim;
  let theta = Float64Array.from(theta0);
  const g = new Float64Array(p);
  const H = new Float64Array(p * p);
  const trial = new Float64Array(p);
  let f = problem.objective(theta);
  problem.gradient(theta, g);
  let gn = norm2(g);
  let iter = 0;
  let stalls = 0;
  const done = (reason: SolverResult['stopReason'], separable = false): SolverResult => ({
    theta,
    iterations: iter,
    converged: reason === 'converged',
    gradNorm: gn,
    objective: f,
    separable,
    stopReason: reason,
  });
  while (true) {
    if (gn <= s.tol) return done('converged');
    if (iter >= s.maxIter) return done('maxIter');
    iter++;
    let direction: Float64Array;
    let t: number;
    if (s.solver === 'newton') {
      problem.hessian(theta, H);
      const d = newtonDirection(H, g, p);
      if (d === null) return done('singular', !problem.regularized);
      direction = d;
      t = 1;
    } else {
      direction = Float64Array.from(g);
      const inv = 1 / s.n;
      for (let i = 0; i < p; i++) direction[i] = direction[i]! * inv;
      t = s.learningRate; // backtracking restarts from η each iteration (growing it makes GD zig-zag)
    }
    let decrease = 0; // gᵀd ≥ 0: predicted decrease per unit step
    for (let i = 0; i < p; i++) decrease += g[i]! * direction[i]!;
    let fNew = NaN;
    // Below this predicted decrease the change of f is lost in rounding: take the step as is.
    const negligible = decrease * t <= 1e-13 * (1 + Math.abs(f));
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < p; i++) trial[i] = theta[i]! - t * direction[i]!;
      fNew = problem.objective(trial);
      if (s.lineSearch === 'fixed' && s.solver === 'gd') break;
      if (negligible || fNew <= f - 1e-4 * t * decrease) break;
      t *= 0.5;
    }
    if (!Number.isFinite(fNew)) return done('stalled');
    const prevGn = gn;
    theta = Float64Array.from(trial);
    f = fNew;
    problem.gradient(theta, g);
    gn = norm2(g);
    if (s.onIteration && s.onIteration({ iteration: iter, objective: f, gradNorm: gn }) === false)
      return done('callback');
    if (!problem.regularized && problem.separates(theta)) return done('separable', true);
    // Newton at the rounding floor: the gradient stops shrinking; stop instead of spinning.
    if (s.solver === 'newton' && negligible && gn >= prevGn) {
      if (++stalls >= 3) return done('stalled');
    }
  }
}
