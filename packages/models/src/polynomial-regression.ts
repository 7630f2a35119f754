import { lstsq, pairwiseSum, Tensor } from '@termgrad/tensor';
import { ModelError } from './errors.js';
import {
  check,
  type MatrixLike,
  readLambda,
  toMatrix,
  toVector,
  type VectorLike,
} from './input.js';
import { householderLeastSquares } from './polynomial-lstsq.js';
import {
  decodeBool,
  decodeInt,
  decodeNumber,
  decodeNumbers,
  encodeNumber,
  encodeNumbers,
  type JsonNumber,
  MODEL_SCHEMA_VERSION,
  readDocument,
} from './serialization.js';

/** Options of {@link PolynomialRegression}. Give `lambda` or `lnLambda`, not both. */
export interface PolynomialRegressionOptions {
  /** Polynomial order M ≥ 0 (M + 1 coefficients w₀..w_M). Default 3. */
  readonly degree?: number;
  /** Ridge strength λ ≥ 0 of E(w) = ½Σ(y(xₙ,w) − tₙ)² + (λ/2)‖w‖². Default 0 (plain least squares). */
  readonly lambda?: number;
  /** ln λ instead of λ (the lecture's axis); `-Infinity` means λ = 0. */
  readonly lnLambda?: number;
  /** Include w₀ in the penalty, as on the lecture's slide. Default true; false penalises only w₁..w_M. */
  readonly penalizeBias?: boolean;
}

/** What {@link PolynomialRegression.fit} found. */
export interface PolynomialFitInfo {
  /** Number of training points N. */
  readonly n: number;
  /** Numerical rank of the (augmented) scaled design matrix reported by `lstsq`. */
  readonly rank: number;
}

/** JSON document of a fitted {@link PolynomialRegression} (`toJSON`). */
export interface PolynomialRegressionJSON {
  readonly type: 'PolynomialRegression';
  readonly version: number;
  readonly degree: number;
  readonly lambda: JsonNumber;
  readonly penalizeBias: boolean;
  /** w₀..w_M in the original x. */
  readonly coefficients: JsonNumber[];
  /** Internal scaling u = (x − center) / halfRange and the coefficients v in u used by `predict`. */
  readonly center: JsonNumber;
  readonly halfRange: JsonNumber;
  readonly scaledCoefficients: JsonNumber[];
}

const OP = 'PolynomialRegression';
const OPTION_KEYS = ['degree', 'lambda', 'lnLambda', 'penalizeBias'] as const;

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/**
 * T with w = T v maps coefficients v of the polynomial in u = (x − c)/h to coefficients w in x:
 * uᵏ = (a x + b)ᵏ = Σⱼ C(k,j) aʲ bᵏ⁻ʲ xʲ with a = 1/h, b = −c/h. Row-major [p, p], upper triangular.
 */
function scalingMatrix(degree: number, center: number, halfRange: number): Float64Array {
  const p = degree + 1;
  const a = 1 / halfRange;
  const b = -center / halfRange;
  const T = new Float64Array(p * p);
  for (let k = 0; k < p; k++) {
    for (let j = 0; j <= k; j++) T[j * p + k] = binomial(k, j) * a ** j * b ** (k - j);
  }
  return T;
}

/**
 * Polynomial curve fitting with optional ridge regularisation (the lecture's running example).
 *
 * Model y(x, w) = Σⱼ₌₀ᴹ wⱼ xʲ. Training minimises
 * E(w) = ½ Σₙ (y(xₙ, w) − tₙ)² + (λ/2)‖w‖², where ‖w‖² includes w₀ as on the slide
 * (`penalizeBias: false` leaves w₀ out).
 *
 * Numerics: x is mapped internally to u = (x − c)/h ∈ [−1, 1] (c, h = centre and half-width of the
 * training range), the Vandermonde matrix in u is built directly as a Float64Array and the least-
 * squares problem is solved by Householder QR (a specialised unpivoted QR for this well-scaled
 * tall matrix; `lstsq` of @termgrad/tensor with column pivoting when the design is rank deficient),
 * never by forming or inverting XᵀX. Ridge is solved as one least-squares problem on the design matrix augmented with
 * the rows √λ·T, where w = T v maps u-coefficients v to x-coefficients w, so the penalty is exactly
 * (λ/2)‖w‖² in the original x. `coefficients` are reported in the original x; `predict` evaluates
 * the (mathematically identical) polynomial in u by Horner's rule, which is more accurate.
 *
 * @example
 * ```ts
 * const model = new PolynomialRegression({ degree: 1 }).fit([0, 1, 2], [1, 3, 5]);
 * model.coefficients; // Float64Array [1, 2]  (t = 1 + 2x)
 * model.eRms([3], [7]); // 0
 * ```
 */
export class PolynomialRegression {
  /** Polynomial order M. */
  readonly degree: number;
  /** Ridge strength λ (0 = plain least squares). */
  readonly lambda: number;
  /** Whether w₀ is part of the penalty (default true, as on the slide). */
  readonly penalizeBias: boolean;
  private w: Float64Array | null = null;
  private v: Float64Array | null = null;
  private center = 0;
  private halfRange = 1;
  private info: PolynomialFitInfo | null = null;

  /**
   * @param options degree M (default 3), lambda or lnLambda (default λ = 0), penalizeBias (default true).
   * @throws {ModelError} unknown option, negative or non-integer degree, negative λ, both λ and ln λ.
   */
  constructor(options: PolynomialRegressionOptions = {}) {
    check.optionKeys(OP, options, OPTION_KEYS);
    this.degree = check.number(OP, 'degree', options.degree ?? 3, {
      min: 0,
      integer: true,
      max: 30,
    });
    this.lambda = readLambda(OP, options);
    const pb = options.penalizeBias ?? true;
    if (typeof pb !== 'boolean')
      throw new ModelError(OP, `option penalizeBias must be a boolean; got ${String(pb)}`);
    this.penalizeBias = pb;
  }

  /** ln λ (−Infinity when λ = 0). */
  get lnLambda(): number {
    return Math.log(this.lambda);
  }

  /** w₀..w_M in the original x (a copy). @throws {ModelError} before `fit`. */
  get coefficients(): Float64Array {
    return Float64Array.from(this.fitted('coefficients').w);
  }

  /** Rank and N of the last fit, or null before `fit`. */
  get fitInfo(): PolynomialFitInfo | null {
    return this.info;
  }

  /**
   * Fits w by QR least squares (see the class comment). Returns `this`.
   * @param x inputs [N] (number[], Float64Array, Tensor [N] or [N,1]).
   * @param y targets [N].
   * @throws {ModelError} empty or mismatched inputs, NaN/Infinity, fewer than M + 1 distinct x with λ = 0.
   */
  fit(x: MatrixLike, y: VectorLike): this {
    const op = `${OP}.fit`;
    const xs = toMatrix(op, x, 'x', 1).data;
    const n = xs.length;
    const ts = toVector(op, y, 'y', n);
    const M = this.degree;
    const p = M + 1;
    const lambda = this.lambda;
    if (lambda === 0 && n < p) {
      throw new ModelError(
        op,
        `degree ${M} needs at least ${p} points without regularisation; expected N >= ${p}, got ${n} (set lambda > 0 or lower the degree)`,
      );
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = xs[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const center = (lo + hi) / 2;
    const halfRange = hi > lo ? (hi - lo) / 2 : 1;
    const penaltyRows = lambda > 0 ? (this.penalizeBias ? p : p - 1) : 0;
    const m = n + penaltyRows;
    const T = scalingMatrix(M, center, halfRange);
    const { A, b } = this.design(xs, ts, m, center, halfRange, T);
    // Fast path: specialised Householder QR (overwrites A, b); rank-deficient problems go to
    // tensor's lstsq (column pivoting + rank detection) on a freshly built design matrix.
    let vv = householderLeastSquares(A, b, m, p);
    let rank = p;
    if (vv === null) {
      const fresh = this.design(xs, ts, m, center, halfRange, T);
      const rowMajor = new Float64Array(m * p);
      for (let i = 0; i < m; i++)
        for (let k = 0; k < p; k++) rowMajor[i * p + k] = fresh.A[k * m + i]!;
      const sol = lstsq(new Tensor(rowMajor, [m, p]), new Tensor(fresh.b, [m]));
      rank = sol.rank;
      if (sol.rankDeficient && lambda === 0) {
        throw new ModelError(
          op,
          `the design matrix is rank deficient (rank ${sol.rank} < ${p}): too few distinct x for degree ${M}; expected at least ${p} distinct x values (set lambda > 0 or lower the degree)`,
        );
      }
      const v = sol.x.toTypedArray();
      vv = v instanceof Float64Array ? v : Float64Array.from(v);
    }
    const w = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = j; k < p; k++) s += T[j * p + k]! * vv[k]!;
      w[j] = s;
    }
    this.w = w;
    this.v = Float64Array.from(vv);
    this.center = center;
    this.halfRange = halfRange;
    this.info = { n, rank };
    return this;
  }

  /** y(x, w) for one input. @throws {ModelError} before `fit` or for a non-finite x. */
  evaluate(x: number): number {
    const { v } = this.fitted('evaluate');
    return this.horner(v, check.number(`${OP}.evaluate`, 'x', x));
  }

  /**
   * y(xₙ, w) for every input.
   * @param x inputs [N]. @returns Tensor [N].
   * @throws {ModelError} before `fit`, bad input.
   */
  predict(x: MatrixLike): Tensor {
    const { v } = this.fitted('predict');
    const xs = toMatrix(`${OP}.predict`, x, 'x', 1).data;
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = this.horner(v, xs[i]!);
    return new Tensor(out, [xs.length]);
  }

  /**
   * The unregularised data error E_D(w) = ½ Σₙ (y(xₙ, w) − tₙ)² (pairwise summation).
   * @throws {ModelError} before `fit`, bad input.
   */
  sumOfSquaresError(x: MatrixLike, y: VectorLike): number {
    return this.dataError('sumOfSquaresError', x, y).e;
  }

  /**
   * Root-mean-square error E_RMS = √(2E/N) with E the unregularised data error
   * ½ Σ (y(xₙ,w) − tₙ)² (so E_RMS is comparable across λ and N; the lecture's train/test curves).
   * @throws {ModelError} before `fit`, bad input.
   */
  eRms(x: MatrixLike, y: VectorLike): number {
    const { e, n } = this.dataError('eRms', x, y);
    return Math.sqrt((2 * e) / n);
  }

  /**
   * The regularised training objective E(w) = ½ Σ (y(xₙ,w) − tₙ)² + (λ/2)‖w‖² that `fit`
   * minimises (‖w‖² without w₀ when penalizeBias is false).
   */
  objective(x: MatrixLike, y: VectorLike): number {
    const { w } = this.fitted('objective');
    const e = this.dataError('objective', x, y).e;
    let s = 0;
    for (let j = this.penalizeBias ? 0 : 1; j < w.length; j++) s += w[j]! * w[j]!;
    return e + (this.lambda / 2) * s;
  }

  /** A plain-data document that {@link PolynomialRegression.fromJSON} restores bit for bit. */
  toJSON(): PolynomialRegressionJSON {
    const { w, v } = this.fitted('toJSON');
    return {
      type: 'PolynomialRegression',
      version: MODEL_SCHEMA_VERSION,
      degree: this.degree,
      lambda: encodeNumber(this.lambda),
      penalizeBias: this.penalizeBias,
      coefficients: encodeNumbers(w),
      center: encodeNumber(this.center),
      halfRange: encodeNumber(this.halfRange),
      scaledCoefficients: encodeNumbers(v),
    };
  }

  /**
   * Restores a model from {@link PolynomialRegression.toJSON} output (object or JSON string).
   * @throws {ModelError} malformed document, wrong type, future version.
   */
  static fromJSON(doc: unknown): PolynomialRegression {
    const op = `${OP}.fromJSON`;
    const d = readDocument(op, doc, 'PolynomialRegression');
    const degree = decodeInt(op, d.degree, 'degree');
    const lambda = decodeNumber(op, d.lambda, 'lambda');
    if (lambda < 0)
      throw new ModelError(op, `malformed document: lambda must be >= 0; got ${lambda}`);
    const model = new PolynomialRegression({
      degree,
      lambda,
      penalizeBias: decodeBool(op, d.penalizeBias, 'penalizeBias'),
    });
    model.w = decodeNumbers(op, d.coefficients, 'coefficients', degree + 1);
    model.v = decodeNumbers(op, d.scaledCoefficients, 'scaledCoefficients', degree + 1);
    model.center = decodeNumber(op, d.center, 'center');
    model.halfRange = decodeNumber(op, d.halfRange, 'halfRange');
    if (!(model.halfRange > 0))
      throw new ModelError(op, `malformed document: halfRange must be > 0; got ${model.halfRange}`);
    return model;
  }

  /** Column-major design [m, p] in u (+ √λ·T penalty rows) and right-hand side [m]. */
  private design(
    xs: Float64Array,
    ts: Float64Array,
    m: number,
    center: number,
    halfRange: number,
    T: Float64Array,
  ): { A: Float64Array; b: Float64Array } {
    const n = xs.length;
    const p = this.degree + 1;
    const A = new Float64Array(m * p);
    const b = new Float64Array(m);
    const invH = 1 / halfRange;
    for (let i = 0; i < n; i++) {
      const u = (xs[i]! - center) * invH;
      let pw = 1;
      for (let k = 0; k < p; k++) {
        A[k * m + i] = pw;
        pw *= u;
      }
      b[i] = ts[i]!;
    }
    if (m > n) {
      const s = Math.sqrt(this.lambda);
      const first = this.penalizeBias ? 0 : 1;
      for (let r = 0; r < m - n; r++) {
        const j = first + r;
        for (let k = 0; k < p; k++) A[k * m + n + r] = s * T[j * p + k]!;
      }
    }
    return { A, b };
  }

  private horner(v: Float64Array, x: number): number {
    const u = (x - this.center) / this.halfRange;
    let y = v[v.length - 1]!;
    for (let k = v.length - 2; k >= 0; k--) y = y * u + v[k]!;
    return y;
  }

  private dataError(name: string, x: MatrixLike, y: VectorLike): { e: number; n: number } {
    const op = `${OP}.${name}`;
    const { v } = this.fitted(name);
    const xs = toMatrix(op, x, 'x', 1).data;
    const ts = toVector(op, y, 'y', xs.length);
    const r2 = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const r = this.horner(v, xs[i]!) - ts[i]!;
      r2[i] = r * r;
    }
    return { e: 0.5 * pairwiseSum(r2, 0, r2.length), n: xs.length };
  }

  private fitted(name: string): { w: Float64Array; v: Float64Array } {
    if (this.w === null || this.v === null)
      throw new ModelError(`${OP}.${name}`, 'model is not fitted; call fit(x, y) first');
    return { w: this.w, v: this.v };
  }
}
