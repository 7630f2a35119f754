import { sigmoid } from '@termgrad/probability';
import { pairwiseSum, renameDeprecated, Tensor } from '@termgrad/tensor';
import { affineRows } from './affine-rows.js';
import { ModelError } from './errors.js';
import { type FeatureMap, type FeatureMapJSON, featureMapFromJSON } from './features.js';
import {
  check,
  type Mat,
  type MatrixLike,
  readLambda,
  toBinaryTargets,
  toMatrix,
  toVector,
  type VectorLike,
} from './input.js';
import {
  type IterationInfo,
  minimize,
  type Problem,
  SINGULAR_CONDITION,
  type SolverResult,
  scaledHessianCondition,
} from './optimize.js';
import {
  decodeNumber,
  decodeNumbers,
  encodeNumber,
  encodeNumbers,
  type JsonNumber,
  MODEL_SCHEMA_VERSION,
  readDocument,
} from './serialization.js';

/** What to do when the training data turn out to be linearly separable with λ = 0. */
export type SeparableAction = 'warn' | 'throw';

/** Options of {@link LogisticRegression}. */
export interface LogisticRegressionOptions {
  /** L2 strength λ ≥ 0 on w (never on w₀). Default 0. */
  readonly lambda?: number;
  /** ln λ instead of λ. */
  readonly lnLambda?: number;
  /** `'newton'` (Newton/IRLS, default) or `'gd'` (gradient descent on the mean gradient). */
  readonly solver?: 'newton' | 'gd';
  /** Step η for `'gd'` (first trial step with backtracking). Default 1. */
  readonly learningRate?: number;
  /** `'backtracking'` (Armijo, default) or `'fixed'` step for `'gd'`. Newton always backtracks. */
  readonly lineSearch?: 'backtracking' | 'fixed';
  /** Iteration cap. Default 100 (newton) or 10 000 (gd). */
  readonly maxIterations?: number;
  /** Stop when ‖∇E‖₂ ≤ tolerance (E the summed objective below). Default 1e-9. */
  readonly tolerance?: number;
  /** @deprecated Use `maxIterations` (warns once; removed in the next minor version). */
  readonly maxIter?: number;
  /** @deprecated Use `tolerance` (warns once; removed in the next minor version). */
  readonly tol?: number;
  /** Fixed basis φ applied to x before the linear model (e.g. {@link gaussianBasis}). Default: none (φ(x) = x). */
  readonly features?: FeatureMap;
  /** Separable data with λ = 0: `'warn'` (default; stop, set `fitInfo.separable` and `fitInfo.warning`) or `'throw'` a ModelError. */
  readonly onSeparable?: SeparableAction;
  /** Called after every iteration; return false to stop early. */
  readonly onIteration?: (info: IterationInfo) => void | boolean;
}

/**
 * Options of one {@link LogisticRegression.fit} call: where the optimisation starts.
 * The optimum does not depend on the start (the objective is convex; strictly with λ > 0), so a
 * warm start changes only how many iterations it takes — or, with a small `maxIterations`, continues a
 * run iteration by iteration (an animation: `maxIterations: 1` and `warmStart: true` per frame).
 */
export interface LogisticFitOptions {
  /**
   * Continue from the current weights (of a previous `fit` or of `fromJSON`) instead of from zero.
   * On a model without weights it starts from zero. Default false.
   */
  readonly warmStart?: boolean;
  /** Start from these parameters instead: w [d'] (d' = feature count) and w₀. Takes precedence over `warmStart`. */
  readonly initialWeights?: { readonly weights: ArrayLike<number>; readonly bias: number };
}

/** Outcome of {@link LogisticRegression.fit} (and of SoftmaxRegression.fit). */
export interface ClassifierFitInfo {
  readonly solver: 'newton' | 'gd';
  readonly iterations: number;
  /** ‖∇E‖₂ ≤ tol was reached. */
  readonly converged: boolean;
  /** Final ‖∇E‖₂ of the summed objective. */
  readonly gradNorm: number;
  /** Final objective E (summed cross-entropy + penalty). */
  readonly objective: number;
  /** Final mean cross-entropy on the training data (no penalty). */
  readonly loss: number;
  /** True when λ = 0 and the data are (quasi-)linearly separable: the maximum-likelihood weights are infinite. */
  readonly separable: boolean;
  /** A human-readable warning (set with `separable`, or when the solver stalled / hit maxIter). */
  readonly warning?: string;
}

/** JSON document of a fitted {@link LogisticRegression}. */
export interface LogisticRegressionJSON {
  readonly type: 'LogisticRegression';
  readonly version: number;
  readonly lambda: JsonNumber;
  readonly weights: JsonNumber[];
  readonly bias: JsonNumber;
  readonly features: FeatureMapJSON | null;
}

const OP = 'LogisticRegression';
/** Deprecated solver option names (removed in the next minor version). @internal */
export const SOLVER_ALIASES: Readonly<Record<string, string>> = {
  maxIter: 'maxIterations',
  tol: 'tolerance',
};

const KEYS = [
  'lambda',
  'lnLambda',
  'solver',
  'learningRate',
  'lineSearch',
  'maxIterations',
  'tolerance',
  'features',
  'onSeparable',
  'onIteration',
] as const;
const BLOCK = 256;

/**
 * Verdict on a finished fit, shared with SoftmaxRegression: separable when the solver says so or,
 * with λ = 0 and a run not stopped by the callback, when the Hessian at the solution is numerically
 * singular (quasi-separation: the objective flattens along a direction). The warning reports
 * separation, else non-convergence. @internal
 * @throws {ModelError} separable data with `onSeparable: 'throw'`.
 */
export function fitVerdict(
  op: string,
  problem: Problem,
  res: SolverResult,
  lambda: number,
  s: { onSeparable: SeparableAction; tol: number },
): { separable: boolean; warning: string | undefined } {
  let separable = res.separable;
  if (!separable && lambda === 0 && res.stopReason !== 'callback') {
    const H = new Float64Array(problem.dim ** 2);
    problem.hessian(res.theta, H);
    if (scaledHessianCondition(H, problem.dim) > SINGULAR_CONDITION) separable = true;
  }
  if (separable && s.onSeparable === 'throw')
    throw new ModelError(op, `${SEPARABLE_WARNING}; expected lambda > 0, got lambda = 0`);
  const warning = separable
    ? SEPARABLE_WARNING
    : res.converged
      ? undefined
      : `stopped (${res.stopReason}) after ${res.iterations} iterations with gradient norm ${res.gradNorm.toExponential(2)} > tolerance ${s.tol}`;
  return { separable, warning };
}

/** Reads solver options shared with SoftmaxRegression. @internal */
export function readSolverOptions(
  op: string,
  o: LogisticRegressionOptions,
): {
  solver: 'newton' | 'gd';
  learningRate: number;
  lineSearch: 'backtracking' | 'fixed';
  maxIter: number;
  tol: number;
  onSeparable: SeparableAction;
} {
  const solver = o.solver ?? 'newton';
  if (solver !== 'newton' && solver !== 'gd')
    throw new ModelError(
      op,
      `option solver must be 'newton' or 'gd'; got ${JSON.stringify(solver)}`,
    );
  const lineSearch = o.lineSearch ?? 'backtracking';
  if (lineSearch !== 'backtracking' && lineSearch !== 'fixed')
    throw new ModelError(
      op,
      `option lineSearch must be 'backtracking' or 'fixed'; got ${JSON.stringify(lineSearch)}`,
    );
  const onSeparable = o.onSeparable ?? 'warn';
  if (onSeparable !== 'warn' && onSeparable !== 'throw')
    throw new ModelError(
      op,
      `option onSeparable must be 'warn' or 'throw'; got ${JSON.stringify(onSeparable)}`,
    );
  if (o.onIteration !== undefined && typeof o.onIteration !== 'function')
    throw new ModelError(op, 'option onIteration must be a function');
  return {
    solver,
    lineSearch,
    onSeparable,
    learningRate: check.number(op, 'learningRate', o.learningRate ?? 1, {
      min: 0,
      minExclusive: true,
    }),
    maxIter: check.number(
      op,
      'maxIterations',
      o.maxIterations ?? (solver === 'newton' ? 100 : 10_000),
      { min: 1, integer: true },
    ),
    tol: check.number(op, 'tolerance', o.tolerance ?? 1e-9, { min: 0 }),
  };
}

/** Applies the optional feature map and returns the design as a Mat. @internal */
export function designOf(
  op: string,
  x: MatrixLike,
  features: FeatureMap | null,
  dim: number | null,
): Mat {
  if (features === null) return toMatrix(op, x, 'x', dim ?? undefined);
  toMatrix(op, x, 'x', features.inputDim); // validate before transforming, for a clear message
  return toMatrix(op, features.transform(x), 'φ(x)');
}

/** The warning text for separable data. @internal */
export const SEPARABLE_WARNING =
  'training data are (quasi-)linearly separable (or features are collinear) and lambda = 0: the maximum-likelihood weights are infinite or not unique; the returned weights separate the data but are arbitrary in scale. Set lambda > 0 for a unique finite optimum';

/**
 * Binary logistic regression p(c₁|x) = σ(wᵀφ(x) + w₀), trained on targets tₙ ∈ {0, 1} by
 * minimising the cross-entropy (negative log-likelihood) plus an optional L2 penalty on w:
 *
 *   E(w, w₀) = −Σₙ [tₙ log σ(aₙ) + (1 − tₙ) log σ(−aₙ)] + (λ/2)‖w‖²,   aₙ = wᵀφ(xₙ) + w₀
 *   ∇E = Σₙ (σ(aₙ) − tₙ) φ̃ₙ + λ[w; 0]   (φ̃ = [φ; 1], the lecture's gradient),
 *   ∇²E = Σₙ σ(aₙ)(1 − σ(aₙ)) φ̃ₙφ̃ₙᵀ + λ diag(1, …, 1, 0).
 *
 * Solvers: `'newton'` (Newton/IRLS: Cholesky solve of ∇²E d = ∇E with Armijo backtracking,
 * default) and `'gd'` (gradient descent on the mean gradient ∇E/N, fixed step or backtracking).
 * Both stop when ‖∇E‖₂ ≤ tol. The loss uses the stable logSigmoid; long sums are blocked/pairwise.
 *
 * Separable data: with λ = 0 and linearly separable data no finite optimum exists (the loss tends
 * to 0 as ‖w‖ → ∞). `fit` detects it — every training point strictly on its side, or a numerically
 * singular Hessian (quasi-separation) — and, by default, stops and returns with
 * `fitInfo.separable = true` and `fitInfo.warning` set (`onSeparable: 'throw'` throws a
 * ModelError instead). It never loops forever or returns NaN.
 *
 * @example
 * ```ts
 * const m = new LogisticRegression({ lambda: 0.1 }).fit([[0], [1], [2], [3]], [0, 1, 0, 1]);
 * m.predictProba([[1.5]]).toArray(); // [0.5…]
 * ```
 */
export class LogisticRegression {
  /** L2 strength λ on w. */
  readonly lambda: number;
  /** The feature map φ, or null for φ(x) = x. */
  readonly features: FeatureMap | null;
  private readonly settings: ReturnType<typeof readSolverOptions>;
  private readonly onIteration: LogisticRegressionOptions['onIteration'];
  private w: Float64Array | null = null;
  private b = 0;
  private info: ClassifierFitInfo | null = null;

  /** @throws {ModelError} unknown or invalid options. */
  constructor(options: LogisticRegressionOptions = {}) {
    options = renameDeprecated(OP, options, SOLVER_ALIASES, ModelError);
    check.optionKeys(OP, options, KEYS);
    this.lambda = readLambda(OP, options);
    this.settings = readSolverOptions(OP, options);
    this.onIteration = options.onIteration;
    this.features = options.features ?? null;
  }

  /** Weights w on φ(x) (a copy). @throws {ModelError} before `fit`. */
  get weights(): Float64Array {
    return Float64Array.from(this.fitted('weights'));
  }

  /** Bias w₀. @throws {ModelError} before `fit`. */
  get bias(): number {
    this.fitted('bias');
    return this.b;
  }

  /** Diagnostics of the last fit (null before fit or after fromJSON). */
  get fitInfo(): ClassifierFitInfo | null {
    return this.info;
  }

  /**
   * Fits w, w₀: from zero, or from the current weights (`{ warmStart: true }`) or given ones
   * (`{ initialWeights }`). Returns `this`.
   * @param x inputs [N, d]. @param y targets [N] in {0, 1}, both classes present.
   * @param options start of the optimisation (default: from zero).
   * @throws {ModelError} bad input; initial weights of the wrong length or not finite; separable
   *   data with `onSeparable: 'throw'`.
   * @example
   * ```ts
   * const m = new LogisticRegression({ solver: 'gd', lineSearch: 'fixed', maxIterations: 1 });
   * for (let k = 0; k < 50; k++) m.fit(x, y, { warmStart: true }); // = one fit with maxIterations 50
   * ```
   */
  fit(x: MatrixLike, y: VectorLike, options: LogisticFitOptions = {}): this {
    const op = `${OP}.fit`;
    check.optionKeys(op, options, ['warmStart', 'initialWeights']);
    const X = designOf(op, x, this.features, null);
    const ts = toBinaryTargets(op, y, X.rows);
    const problem = logisticProblem(X, ts, this.lambda);
    const s = this.settings;
    const theta0 = new Float64Array(X.cols + 1);
    if (options.initialWeights !== undefined) {
      // one weight per feature (column of the design), then the bias
      const { weights, bias } = options.initialWeights;
      theta0.set(check.vector(op, 'initialWeights.weights', weights, { length: X.cols }));
      theta0[X.cols] = check.number(op, 'initialWeights.bias', bias);
    } else if (options.warmStart === true && this.w !== null) {
      if (this.w.length !== X.cols)
        throw new ModelError(
          op,
          `warmStart needs data with the fitted feature count; expected ${this.w.length} columns, got ${X.cols}`,
        );
      theta0.set(this.w);
      theta0[X.cols] = this.b;
    }
    const res = minimize(problem, theta0, { ...s, n: X.rows, onIteration: this.onIteration });
    const { separable, warning } = fitVerdict(op, problem, res, this.lambda, s);
    this.w = res.theta.slice(0, X.cols);
    this.b = res.theta[X.cols]!;
    this.info = {
      solver: s.solver,
      iterations: res.iterations,
      converged: res.converged,
      gradNorm: res.gradNorm,
      objective: res.objective,
      loss: (res.objective - penalty(this.w, this.lambda)) / X.rows,
      separable,
      ...(warning === undefined ? {} : { warning }),
    };
    return this;
  }

  /** aₙ = wᵀφ(xₙ) + w₀ (log-odds of class 1). @param x [N, d]. @returns Tensor [N]. */
  decisionFunction(x: MatrixLike): Tensor {
    const w = this.fitted('decisionFunction');
    const X = designOf(`${OP}.decisionFunction`, x, this.features, this.features ? null : w.length);
    return new Tensor(affineRows(X.data, X.rows, X.cols, w, Float64Array.of(this.b), 1), [X.rows]);
  }

  /** p(c₁|xₙ) = σ(aₙ). @param x [N, d]. @returns Tensor [N]. */
  predictProba(x: MatrixLike): Tensor {
    const a = this.decisionFunction(x);
    const d = a.data;
    for (let i = 0; i < d.length; i++) d[i] = sigmoid(d[i]!);
    return a;
  }

  /** Class 1 where aₙ > 0 (p > ½), else 0. @returns Tensor [N] of 0/1. */
  predict(x: MatrixLike): Tensor {
    const a = this.decisionFunction(x);
    const d = a.data;
    for (let i = 0; i < d.length; i++) d[i] = d[i]! > 0 ? 1 : 0;
    return a;
  }

  /** Mean cross-entropy −(1/N) Σ [t log σ(a) + (1 − t) log σ(−a)] (no penalty). */
  loss(x: MatrixLike, y: VectorLike): number {
    const { X, ts, w } = this.data('loss', x, y);
    return logisticProblem(X, ts, 0).objective(concatBias(w, this.b)) / X.rows;
  }

  /** The training objective E(w, w₀) (summed cross-entropy + (λ/2)‖w‖²) at the current parameters. */
  objective(x: MatrixLike, y: VectorLike): number {
    const { X, ts, w } = this.data('objective', x, y);
    return logisticProblem(X, ts, this.lambda).objective(concatBias(w, this.b));
  }

  /** ∇E at the current parameters: [∂E/∂w (d), ∂E/∂w₀] as a Float64Array [d + 1]. */
  gradient(x: MatrixLike, y: VectorLike): Float64Array {
    const { X, ts, w } = this.data('gradient', x, y);
    const g = new Float64Array(X.cols + 1);
    logisticProblem(X, ts, this.lambda).gradient(concatBias(w, this.b), g);
    return g;
  }

  /** Plain-data document; {@link LogisticRegression.fromJSON} restores it bit for bit. */
  toJSON(): LogisticRegressionJSON {
    const w = this.fitted('toJSON');
    return {
      type: 'LogisticRegression',
      version: MODEL_SCHEMA_VERSION,
      lambda: encodeNumber(this.lambda),
      weights: encodeNumbers(w),
      bias: encodeNumber(this.b),
      features: this.features ? this.features.toJSON() : null,
    };
  }

  /**
   * Restores a model from {@link LogisticRegression.toJSON} output (object or JSON string).
   * @throws {ModelError} malformed document, wrong type, future version.
   */
  static fromJSON(doc: unknown): LogisticRegression {
    const op = `${OP}.fromJSON`;
    const d = readDocument(op, doc, 'LogisticRegression');
    const features =
      d.features === null || d.features === undefined
        ? undefined
        : featureMapFromJSON(d.features, op);
    const lambda = decodeNumber(op, d.lambda, 'lambda');
    if (lambda < 0)
      throw new ModelError(op, `malformed document: lambda must be >= 0; got ${lambda}`);
    const m = new LogisticRegression({ lambda, ...(features ? { features } : {}) });
    m.w = decodeNumbers(op, d.weights, 'weights', features ? features.outputDim : undefined);
    if (m.w.length === 0) throw new ModelError(op, 'malformed document: weights must not be empty');
    m.b = decodeNumber(op, d.bias, 'bias');
    return m;
  }

  private data(
    name: string,
    x: MatrixLike,
    y: VectorLike,
  ): { X: Mat; ts: Float64Array; w: Float64Array } {
    const w = this.fitted(name);
    const op = `${OP}.${name}`;
    const X = designOf(op, x, this.features, this.features ? null : w.length);
    const ts = toBinaryTargetsLoose(op, y, X.rows);
    return { X, ts, w };
  }

  private fitted(name: string): Float64Array {
    if (this.w === null)
      throw new ModelError(`${OP}.${name}`, 'model is not fitted; call fit(x, y) first');
    return this.w;
  }
}

function toBinaryTargetsLoose(op: string, y: VectorLike, n: number): Float64Array {
  // Evaluation sets may hold a single class; only fit needs both.
  const v = toVector(op, y, 'y', n);
  for (let i = 0; i < n; i++)
    if (v[i] !== 0 && v[i] !== 1)
      throw new ModelError(
        op,
        `y must hold targets 0 or 1; expected 0 or 1 at index ${i}, got ${v[i]}${v[i] === -1 ? ' (±1 labels: map them with plusMinusOneToIndices)' : ''}`,
      );
  return v;
}

function concatBias(w: Float64Array, b: number): Float64Array {
  const th = new Float64Array(w.length + 1);
  th.set(w);
  th[w.length] = b;
  return th;
}

function penalty(w: Float64Array, lambda: number): number {
  if (lambda === 0) return 0;
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i]! * w[i]!;
  return 0.5 * lambda * s;
}

/**
 * The logistic objective over θ = [w; w₀] as a {@link Problem}. For each θ it caches the margins
 * aₙ, e = exp(−|aₙ|) and σ(aₙ) = 1/(1+e) or e/(1+e), so the loss (the stable logSigmoid
 * log σ(±a) = −log1p(e) or −|a| − log1p(e)), gradient, Hessian and separability check at one θ cost
 * one exp per point between them. @internal
 */
export function logisticProblem(X: Mat, t: Float64Array, lambda: number): Problem {
  const { data, rows: n, cols: d } = X;
  const p = d + 1;
  const a = new Float64Array(n);
  const e = new Float64Array(n);
  const sig = new Float64Array(n);
  const terms = new Float64Array(n);
  const cached = new Float64Array(p);
  let valid = false;
  const ensure = (theta: Float64Array): void => {
    if (valid) {
      let same = true;
      for (let j = 0; j < p; j++) if (!Object.is(cached[j], theta[j])) same = false;
      if (same) return;
    }
    const b = theta[d]!;
    for (let i = 0; i < n; i++) {
      let s = b;
      const o = i * d;
      for (let j = 0; j < d; j++) s += data[o + j]! * theta[j]!;
      a[i] = s;
      const ei = Math.exp(-Math.abs(s));
      e[i] = ei;
      sig[i] = s >= 0 ? 1 / (1 + ei) : ei / (1 + ei);
    }
    cached.set(theta);
    valid = true;
  };
  return {
    dim: p,
    regularized: lambda > 0,
    objective(theta) {
      ensure(theta);
      for (let i = 0; i < n; i++) {
        // −log σ(z) with z = ±a (z = a for t = 1): −log σ(z) = log1p(e^{−|z|}) + max(−z, 0).
        const z = t[i] === 1 ? a[i]! : -a[i]!;
        terms[i] = Math.log1p(e[i]!) + (z < 0 ? -z : 0);
      }
      return pairwiseSum(terms, 0, n) + penalty(theta.subarray(0, d), lambda);
    },
    gradient(theta, g) {
      ensure(theta);
      g.fill(0);
      const blk = new Float64Array(p);
      for (let start = 0; start < n; start += BLOCK) {
        blk.fill(0);
        const end = Math.min(n, start + BLOCK);
        for (let i = start; i < end; i++) {
          const r = sig[i]! - t[i]!;
          const o = i * d;
          for (let j = 0; j < d; j++) blk[j] = blk[j]! + r * data[o + j]!;
          blk[d] = blk[d]! + r;
        }
        for (let j = 0; j < p; j++) g[j] = g[j]! + blk[j]!;
      }
      for (let j = 0; j < d; j++) g[j] = g[j]! + lambda * theta[j]!;
    },
    hessian(theta, H) {
      ensure(theta);
      H.fill(0);
      const blk = new Float64Array(p * p);
      for (let start = 0; start < n; start += BLOCK) {
        blk.fill(0);
        const end = Math.min(n, start + BLOCK);
        for (let i = start; i < end; i++) {
          const s = sig[i]!;
          const c = s * (1 - s);
          const o = i * d;
          for (let j = 0; j < p; j++) {
            const cj = c * (j < d ? data[o + j]! : 1);
            for (let k = 0; k <= j; k++)
              blk[j * p + k] = blk[j * p + k]! + cj * (k < d ? data[o + k]! : 1);
          }
        }
        for (let q = 0; q < p * p; q++) H[q] = H[q]! + blk[q]!;
      }
      for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) H[k * p + j] = H[j * p + k]!;
      for (let j = 0; j < d; j++) H[j * p + j] = H[j * p + j]! + lambda;
    },
    separates(theta) {
      ensure(theta);
      for (let i = 0; i < n; i++) if ((t[i] === 1 ? a[i]! : -a[i]!) <= 0) return false;
      return true;
    },
  };
}
