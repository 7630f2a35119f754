import { logSumExpRows, softmaxRows } from '@termgrad/probability';
import { argmax, pairwiseSum, renameDeprecated, Tensor } from '@termgrad/tensor';
import { affineRows } from './affine-rows.js';
import { ModelError } from './errors.js';
import { type FeatureMap, type FeatureMapJSON, featureMapFromJSON } from './features.js';
import {
  check,
  type Mat,
  type MatrixLike,
  readLambda,
  toLabels,
  type VectorLike,
} from './input.js';
import {
  type ClassifierFitInfo,
  designOf,
  fitVerdict,
  type LogisticRegressionOptions,
  readSolverOptions,
  SOLVER_ALIASES,
} from './logistic-regression.js';
import { minimize, type Problem } from './optimize.js';
import {
  decodeInt,
  decodeNumber,
  decodeNumbers,
  encodeNumber,
  encodeNumbers,
  type JsonNumber,
  MODEL_SCHEMA_VERSION,
  readDocument,
} from './serialization.js';

/** Options of {@link SoftmaxRegression}: those of LogisticRegression plus `numClasses`. */
export interface SoftmaxRegressionOptions extends LogisticRegressionOptions {
  /** K; default max label + 1. */
  readonly numClasses?: number;
}

/** Options of one {@link SoftmaxRegression.fit} call: where the optimisation starts (see LogisticFitOptions). */
export interface SoftmaxFitOptions {
  /** Continue from the current W, b (of a previous `fit` or of `fromJSON`); from zero on a model without weights. Default false. */
  readonly warmStart?: boolean;
  /** Start from these parameters instead: W [K, m] (row-major flat or rows) and b [K]. Takes precedence over `warmStart`. */
  readonly initialWeights?: {
    readonly weights: ArrayLike<number> | readonly (readonly number[])[] | Tensor;
    readonly bias: ArrayLike<number>;
  };
}

/** JSON document of a fitted {@link SoftmaxRegression}. */
export interface SoftmaxRegressionJSON {
  readonly type: 'SoftmaxRegression';
  readonly version: number;
  readonly lambda: JsonNumber;
  readonly numClasses: number;
  /** W row-major [K, m]. */
  readonly weights: JsonNumber[];
  /** b [K]. */
  readonly bias: JsonNumber[];
  readonly features: FeatureMapJSON | null;
}

const OP = 'SoftmaxRegression';
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
  'numClasses',
] as const;
const BLOCK = 256;

/**
 * Multinomial logistic (softmax) regression for K classes:
 * p(c_k|x) = softmax(Wφ(x) + b)_k, trained on labels yₙ ∈ {0..K−1} by minimising
 *
 *   E(W, b) = Σₙ [logΣₖ exp(aₙₖ) − aₙ,yₙ] + (λ/2)‖W‖²_F,   aₙ = Wφ(xₙ) + b,
 *   ∂E/∂W_k = Σₙ (pₙₖ − tₙₖ) φ(xₙ) + λW_k,  ∂E/∂b_k = Σₙ (pₙₖ − tₙₖ).
 *
 * The softmax is invariant to adding the same vector to every class, so the last class is the
 * reference: its bias is fixed at 0 (and, when λ = 0, its weights too). This leaves the optimum
 * value unchanged and makes the Hessian positive definite, so Newton (default; Cholesky solve +
 * backtracking) converges quadratically to ‖∇E‖₂ ≤ tolerance (1e-9 by default) over all K classes.
 * `'gd'` runs gradient descent instead. Separable data with λ = 0 are handled as in
 * {@link LogisticRegression} (`fitInfo.separable`, or a ModelError with `onSeparable: 'throw'`).
 *
 * @example
 * ```ts
 * const m = new SoftmaxRegression({ lambda: 1 }).fit([[0], [1], [2]], [0, 1, 2]);
 * m.predict([[2.2]]).toArray(); // [2]
 * ```
 */
export class SoftmaxRegression {
  readonly lambda: number;
  readonly features: FeatureMap | null;
  private readonly settings: ReturnType<typeof readSolverOptions>;
  private readonly onIteration: LogisticRegressionOptions['onIteration'];
  private readonly requestedClasses: number | undefined;
  private W: Float64Array | null = null;
  private b: Float64Array | null = null;
  private k = 0;
  private m = 0;
  private info: ClassifierFitInfo | null = null;

  /** @throws {ModelError} unknown or invalid options. */
  constructor(options: SoftmaxRegressionOptions = {}) {
    options = renameDeprecated(OP, options, SOLVER_ALIASES, ModelError);
    check.optionKeys(OP, options, KEYS);
    this.lambda = readLambda(OP, options);
    this.settings = readSolverOptions(OP, options);
    this.onIteration = options.onIteration;
    this.features = options.features ?? null;
    this.requestedClasses =
      options.numClasses === undefined
        ? undefined
        : check.number(OP, 'numClasses', options.numClasses, { min: 2, integer: true });
  }

  /** K (0 before fit). */
  get numClasses(): number {
    return this.k;
  }

  /** W as a Tensor [K, m] (a copy). @throws {ModelError} before fit. */
  get weights(): Tensor {
    const { W } = this.fitted('weights');
    return new Tensor(Float64Array.from(W), [this.k, this.m]);
  }

  /** b [K] (a copy; the last entry is the reference 0 after fit). */
  get bias(): Float64Array {
    return Float64Array.from(this.fitted('bias').b);
  }

  /** Diagnostics of the last fit (null before fit or after fromJSON). */
  get fitInfo(): ClassifierFitInfo | null {
    return this.info;
  }

  /**
   * Fits W, b: from zero, or from the current parameters (`{ warmStart: true }`) or given ones
   * (`{ initialWeights }`). A start is first shifted to the reference-class form (every class minus
   * the last one's bias, and minus its weights too when λ = 0), which leaves p(c_k|x) unchanged.
   * Returns `this`.
   * @param x [N, d]. @param y labels [N] in 0..K−1.
   * @param options start of the optimisation (default: from zero).
   * @throws {ModelError} bad input, a class with no samples, initial weights of the wrong shape,
   *   separable data with `onSeparable: 'throw'`.
   */
  fit(x: MatrixLike, y: VectorLike, options: SoftmaxFitOptions = {}): this {
    const op = `${OP}.fit`;
    check.optionKeys(op, options, ['warmStart', 'initialWeights']);
    const X = designOf(op, x, this.features, null);
    const { labels, numClasses: K } = toLabels(op, y, X.rows, this.requestedClasses);
    if (K < 2)
      throw new ModelError(
        op,
        `needs at least 2 classes; expected labels 0..K-1 with K >= 2, got K = ${K}`,
      );
    const counts = new Int32Array(K);
    for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
    const empty = counts.findIndex((c) => c === 0);
    if (empty >= 0)
      throw new ModelError(
        op,
        `class ${empty} has no training samples; expected every class 0..${K - 1} to appear, got none of class ${empty}`,
      );
    const m = X.cols;
    const q = m + 1;
    // Free parameters: every (class, column) except the reference class's bias (and its weights when λ = 0).
    const free: number[] = [];
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < q; j++) {
        const isRef = k === K - 1 && (j === m || this.lambda === 0);
        if (!isRef) free.push(k * q + j);
      }
    }
    const full = softmaxProblem(X, labels, K, this.lambda);
    const problem = restrict(full, free);
    const s = this.settings;
    const start = this.startOf(op, options, K, m);
    const theta0 = new Float64Array(free.length);
    if (start !== null) {
      // Reference-class form: subtract the last class's bias (and weights when λ = 0) from every class.
      const ref = (K - 1) * q;
      for (let k = 0; k < K; k++) {
        for (let j = 0; j < q; j++)
          if (j === m || this.lambda === 0) start[k * q + j] = start[k * q + j]! - start[ref + j]!;
      }
      for (let i = 0; i < free.length; i++) theta0[i] = start[free[i]!]!;
    }
    const res = minimize(problem, theta0, { ...s, n: X.rows, onIteration: this.onIteration });
    const { separable, warning } = fitVerdict(op, problem, res, this.lambda, s);
    const theta = expand(res.theta, free, K * q);
    const W = new Float64Array(K * m);
    const b = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < m; j++) W[k * m + j] = theta[k * q + j]!;
      b[k] = theta[k * q + m]!;
    }
    this.W = W;
    this.b = b;
    this.k = K;
    this.m = m;
    let pen = 0;
    for (let i = 0; i < W.length; i++) pen += W[i]! * W[i]!;
    this.info = {
      solver: s.solver,
      iterations: res.iterations,
      converged: res.converged,
      gradNorm: res.gradNorm,
      objective: res.objective,
      loss: (res.objective - 0.5 * this.lambda * pen) / X.rows,
      separable,
      ...(warning === undefined ? {} : { warning }),
    };
    return this;
  }

  /** Logits aₙ = Wφ(xₙ) + b. @returns Tensor [N, K]. */
  decisionFunction(x: MatrixLike): Tensor {
    const { W, b } = this.fitted('decisionFunction');
    const X = designOf(`${OP}.decisionFunction`, x, this.features, this.features ? null : this.m);
    return new Tensor(affineRows(X.data, X.rows, X.cols, W, b, this.k), [X.rows, this.k]);
  }

  /** Posteriors p(c_k|xₙ) = softmax(aₙ)_k. @returns Tensor [N, K]. */
  predictProba(x: MatrixLike): Tensor {
    const a = this.decisionFunction(x);
    return new Tensor(softmaxRows(a.data, this.k), [a.shape[0]!, this.k]);
  }

  /** argmax_k aₙₖ. @returns Tensor [N] of class indices. */
  predict(x: MatrixLike): Tensor {
    const a = this.decisionFunction(x);
    // Row-wise argmax, first index on ties.
    return argmax(a, 1);
  }

  /** Mean cross-entropy −(1/N) Σ log p(c_yₙ|xₙ) (no penalty). */
  loss(x: MatrixLike, y: VectorLike): number {
    const { X, labels, theta } = this.data('loss', x, y);
    return softmaxProblem(X, labels, this.k, 0).objective(theta) / X.rows;
  }

  /** Training objective E(W, b) (summed cross-entropy + (λ/2)‖W‖²) at the current parameters. */
  objective(x: MatrixLike, y: VectorLike): number {
    const { X, labels, theta } = this.data('objective', x, y);
    return softmaxProblem(X, labels, this.k, this.lambda).objective(theta);
  }

  /** ∇E over all K classes: { weights: Tensor [K, m], bias: Float64Array [K] }. */
  gradient(x: MatrixLike, y: VectorLike): { weights: Tensor; bias: Float64Array } {
    const { X, labels, theta } = this.data('gradient', x, y);
    const q = this.m + 1;
    const g = new Float64Array(this.k * q);
    softmaxProblem(X, labels, this.k, this.lambda).gradient(theta, g);
    const gw = new Float64Array(this.k * this.m);
    const gb = new Float64Array(this.k);
    for (let k = 0; k < this.k; k++) {
      for (let j = 0; j < this.m; j++) gw[k * this.m + j] = g[k * q + j]!;
      gb[k] = g[k * q + this.m]!;
    }
    return { weights: new Tensor(gw, [this.k, this.m]), bias: gb };
  }

  /** Plain-data document; {@link SoftmaxRegression.fromJSON} restores it bit for bit. */
  toJSON(): SoftmaxRegressionJSON {
    const { W, b } = this.fitted('toJSON');
    return {
      type: 'SoftmaxRegression',
      version: MODEL_SCHEMA_VERSION,
      lambda: encodeNumber(this.lambda),
      numClasses: this.k,
      weights: encodeNumbers(W),
      bias: encodeNumbers(b),
      features: this.features ? this.features.toJSON() : null,
    };
  }

  /** Restores a model from `toJSON` output. @throws {ModelError} malformed document, wrong type, future version. */
  static fromJSON(doc: unknown): SoftmaxRegression {
    const op = `${OP}.fromJSON`;
    const d = readDocument(op, doc, 'SoftmaxRegression');
    const features =
      d.features === null || d.features === undefined
        ? undefined
        : featureMapFromJSON(d.features, op);
    const lambda = decodeNumber(op, d.lambda, 'lambda');
    if (lambda < 0)
      throw new ModelError(op, `malformed document: lambda must be >= 0; got ${lambda}`);
    const K = decodeInt(op, d.numClasses, 'numClasses', 2);
    const model = new SoftmaxRegression({ lambda, ...(features ? { features } : {}) });
    const W = decodeNumbers(op, d.weights, 'weights');
    if (W.length === 0 || W.length % K !== 0)
      throw new ModelError(
        op,
        `malformed document: weights length must be a positive multiple of numClasses ${K}; got ${W.length}`,
      );
    const m = W.length / K;
    if (features && features.outputDim !== m)
      throw new ModelError(
        op,
        `malformed document: weights have ${m} columns but features output ${features.outputDim}`,
      );
    model.W = W;
    model.b = decodeNumbers(op, d.bias, 'bias', K);
    model.k = K;
    model.m = m;
    return model;
  }

  private data(
    name: string,
    x: MatrixLike,
    y: VectorLike,
  ): { X: Mat; labels: Int32Array; theta: Float64Array } {
    const { W, b } = this.fitted(name);
    const op = `${OP}.${name}`;
    const X = designOf(op, x, this.features, this.features ? null : this.m);
    const { labels } = toLabels(op, y, X.rows, this.k);
    const q = this.m + 1;
    const theta = new Float64Array(this.k * q);
    for (let k = 0; k < this.k; k++) {
      for (let j = 0; j < this.m; j++) theta[k * q + j] = W[k * this.m + j]!;
      theta[k * q + this.m] = b[k]!;
    }
    return { X, labels, theta };
  }

  /** The start θ [K·(m+1)] of a fit (class-major, bias last in each row), or null for zero. */
  private startOf(
    op: string,
    options: SoftmaxFitOptions,
    K: number,
    m: number,
  ): Float64Array | null {
    const q = m + 1;
    let W: ArrayLike<number>;
    let b: ArrayLike<number>;
    if (options.initialWeights !== undefined) {
      // W as rows [K][m] or a 2-D tensor [K, m], or flat (length K·m, row-major); b [K]
      const w = options.initialWeights.weights;
      const name = 'initialWeights.weights';
      const asRows =
        (w instanceof Tensor && w.ndim === 2) || (Array.isArray(w) && typeof w[0] === 'object');
      W = asRows
        ? check.matrix(op, name, w, { cols: m }).data
        : check.vector(op, name, w, { flatten: true });
      if (W.length !== K * m)
        throw new ModelError(
          op,
          `${name} has the wrong size; expected W [${K}, ${m}] (${K * m} values), got ${W.length}`,
        );
      b = check.vector(op, 'initialWeights.bias', options.initialWeights.bias, { length: K });
    } else if (options.warmStart === true && this.W !== null && this.b !== null) {
      if (this.k !== K || this.m !== m)
        throw new ModelError(
          op,
          `warmStart needs data of the fitted shape; expected ${this.k} classes and ${this.m} features, got ${K} and ${m}`,
        );
      W = this.W;
      b = this.b;
    } else {
      return null;
    }
    const theta = new Float64Array(K * q);
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < m; j++) theta[k * q + j] = Number(W[k * m + j]);
      theta[k * q + m] = Number(b[k]);
    }
    return theta;
  }

  private fitted(name: string): { W: Float64Array; b: Float64Array } {
    if (this.W === null || this.b === null)
      throw new ModelError(`${OP}.${name}`, 'model is not fitted; call fit(x, y) first');
    return { W: this.W, b: this.b };
  }
}

function expand(theta: Float64Array, free: readonly number[], size: number): Float64Array {
  const full = new Float64Array(size);
  for (let i = 0; i < free.length; i++) full[free[i]!] = theta[i]!;
  return full;
}

/** The problem restricted to the free coordinates (others fixed at 0). */
function restrict(full: Problem, free: readonly number[]): Problem {
  const P = full.dim;
  const p = free.length;
  const gFull = new Float64Array(P);
  const HFull = new Float64Array(P * P);
  return {
    dim: p,
    regularized: full.regularized,
    objective: (theta) => full.objective(expand(theta, free, P)),
    gradient(theta, g) {
      full.gradient(expand(theta, free, P), gFull);
      for (let i = 0; i < p; i++) g[i] = gFull[free[i]!]!;
    },
    hessian(theta, H) {
      full.hessian(expand(theta, free, P), HFull);
      for (let i = 0; i < p; i++)
        for (let j = 0; j < p; j++) H[i * p + j] = HFull[free[i]! * P + free[j]!]!;
    },
    separates: (theta) => full.separates(expand(theta, free, P)),
  };
}

/** Softmax objective over θ = per-class blocks [W_k (m), b_k]. @internal */
export function softmaxProblem(X: Mat, labels: Int32Array, K: number, lambda: number): Problem {
  const { data, rows: n, cols: m } = X;
  const q = m + 1;
  const P = K * q;
  const a = new Float64Array(n * K);
  const terms = new Float64Array(n);
  const compute = (theta: Float64Array): void => {
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < K; k++) {
        let s = theta[k * q + m]!;
        for (let j = 0; j < m; j++) s += theta[k * q + j]! * data[i * m + j]!;
        a[i * K + k] = s;
      }
    }
  };
  const pen = (theta: Float64Array): number => {
    if (lambda === 0) return 0;
    let s = 0;
    for (let k = 0; k < K; k++) for (let j = 0; j < m; j++) s += theta[k * q + j]! ** 2;
    return 0.5 * lambda * s;
  };
  return {
    dim: P,
    regularized: lambda > 0,
    objective(theta) {
      compute(theta);
      logSumExpRows(a, K, terms);
      for (let i = 0; i < n; i++) terms[i] = terms[i]! - a[i * K + labels[i]!]!;
      return pairwiseSum(terms, 0, n) + pen(theta);
    },
    gradient(theta, g) {
      compute(theta);
      const p = softmaxRows(a, K);
      g.fill(0);
      const blk = new Float64Array(P);
      for (let start = 0; start < n; start += BLOCK) {
        blk.fill(0);
        const end = Math.min(n, start + BLOCK);
        for (let i = start; i < end; i++) {
          for (let k = 0; k < K; k++) {
            const r = p[i * K + k]! - (labels[i] === k ? 1 : 0);
            for (let j = 0; j < m; j++) blk[k * q + j] = blk[k * q + j]! + r * data[i * m + j]!;
            blk[k * q + m] = blk[k * q + m]! + r;
          }
        }
        for (let j = 0; j < P; j++) g[j] = g[j]! + blk[j]!;
      }
      for (let k = 0; k < K; k++)
        for (let j = 0; j < m; j++) g[k * q + j] = g[k * q + j]! + lambda * theta[k * q + j]!;
    },
    hessian(theta, H) {
      compute(theta);
      const p = softmaxRows(a, K);
      H.fill(0);
      const phi = new Float64Array(q);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) phi[j] = data[i * m + j]!;
        phi[m] = 1;
        for (let k = 0; k < K; k++) {
          const pk = p[i * K + k]!;
          for (let l = 0; l <= k; l++) {
            const c = pk * ((k === l ? 1 : 0) - p[i * K + l]!);
            if (c === 0) continue;
            for (let r = 0; r < q; r++) {
              const cr = c * phi[r]!;
              const row = (k * q + r) * P + l * q;
              for (let s = 0; s < q; s++) H[row + s] = H[row + s]! + cr * phi[s]!;
            }
          }
        }
      }
      // Blocks (k, l) with l ≤ k were filled; mirror them.
      for (let k = 0; k < K; k++) {
        for (let l = 0; l < k; l++) {
          for (let r = 0; r < q; r++)
            for (let s = 0; s < q; s++)
              H[(l * q + s) * P + k * q + r] = H[(k * q + r) * P + l * q + s]!;
        }
      }
      for (let k = 0; k < K; k++)
        for (let j = 0; j < m; j++)
          H[(k * q + j) * P + k * q + j] = H[(k * q + j) * P + k * q + j]! + lambda;
    },
    separates(theta) {
      compute(theta);
      for (let i = 0; i < n; i++) {
        const y = labels[i]!;
        const ay = a[i * K + y]!;
        for (let k = 0; k < K; k++) if (k !== y && a[i * K + k]! >= ay) return false;
      }
      return true;
    },
  };
}
