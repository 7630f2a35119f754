import { softmaxRows } from '@termgrad/probability';
import {
  argmax,
  cholesky,
  renameDeprecated,
  solveTriangular,
  Tensor,
  TensorError,
} from '@termgrad/tensor';
import { affineRows } from './affine-rows.js';
import { ModelError } from './errors.js';
import { check, type MatrixLike, toLabels, toMatrix, type VectorLike } from './input.js';
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

/** Options of {@link GaussianGenerativeClassifier}. */
export interface GaussianGenerativeOptions {
  /** Added to the diagonal of the shared covariance (regularisation for singular data). Default 0. */
  /** Ridge λ ≥ 0 added to the diagonal of the shared covariance (default 0). */
  readonly lambda?: number;
  /** @deprecated Use `lambda` (warns once; removed in the next minor version). */
  readonly reg?: number;
  /** K; default max label + 1. */
  readonly numClasses?: number;
}

/** JSON document of a fitted {@link GaussianGenerativeClassifier}. */
export interface GaussianGenerativeJSON {
  readonly type: 'GaussianGenerativeClassifier';
  readonly version: number;
  readonly lambda: JsonNumber;
  readonly numClasses: number;
  readonly dim: number;
  /** μ_k row-major [K, d]. */
  readonly means: JsonNumber[];
  /** Σ row-major [d, d] (including λI). */
  readonly covariance: JsonNumber[];
  /** p(c_k) [K]. */
  readonly priors: JsonNumber[];
}

const OP = 'GaussianGenerativeClassifier';
const LOG_2PI = Math.log(2 * Math.PI);
// A pivot with Lᵢᵢ² < this × Σᵢᵢ means feature i is (numerically) a linear combination of the others.
const SINGULAR_RATIO = 1e-12;

/**
 * Generative classifier with Gaussian class conditionals sharing one covariance (the lecture's
 * "from generative to discriminative" model):
 *
 *   p(x|c_k) = N(x | μ_k, Σ),   p(c_k) = N_k / N,
 *   μ_k = (1/N_k) Σ_{n∈k} xₙ,   Σ = (1/N) Σ_k Σ_{n∈k} (xₙ − μ_k)(xₙ − μ_k)ᵀ (+ λI)
 *
 * (maximum likelihood: pooled scatter divided by N). The posterior p(c_k|x) = softmax(a)_k with
 * a_k = w_kᵀx + w_k0, w_k = Σ⁻¹μ_k, w_k0 = −½μ_kᵀΣ⁻¹μ_k + ln p(c_k); for two classes it is
 * σ(wᵀx + w₀) with the lecture's w = Σ⁻¹(μ₁ − μ₂), w₀ = −½μ₁ᵀΣ⁻¹μ₁ + ½μ₂ᵀΣ⁻¹μ₂ + ln(p(c₁)/p(c₂)),
 * where c₁ is label 1 and c₂ is label 0 (t = 1 ⇔ c₁, as on the slide). Σ⁻¹ is applied through a
 * Cholesky factor (never an explicit inverse).
 *
 * @example
 * ```ts
 * const g = new GaussianGenerativeClassifier().fit([[0], [1], [3], [4]], [0, 0, 1, 1]);
 * g.binaryDiscriminant(); // { w: Float64Array [12], w0: -24 }  (Σ = 0.25, μ = 0.5, 3.5)
 * ```
 */
export class GaussianGenerativeClassifier {
  /** Diagonal regularisation added to Σ. */
  /** Ridge λ added to the covariance diagonal. */
  readonly lambda: number;
  private readonly requestedClasses: number | undefined;
  private k = 0;
  private d = 0;
  private mu: Float64Array | null = null;
  private sigma: Float64Array | null = null;
  private pri: Float64Array | null = null;
  private L: Tensor | null = null;
  private W: Float64Array | null = null; // [K, d] rows Σ⁻¹μ_k
  private w0: Float64Array | null = null; // [K]

  /** @throws {ModelError} unknown option, negative lambda. */
  constructor(options: GaussianGenerativeOptions = {}) {
    options = renameDeprecated(OP, options, { reg: 'lambda' }, ModelError);
    check.optionKeys(OP, options, ['lambda', 'numClasses']);
    this.lambda = check.number(OP, 'lambda', options.lambda ?? 0, { min: 0 });
    this.requestedClasses =
      options.numClasses === undefined
        ? undefined
        : check.number(OP, 'numClasses', options.numClasses, { min: 2, integer: true });
  }

  /** K (0 before fit). */
  get numClasses(): number {
    return this.k;
  }
  /** Class means μ_k as a Tensor [K, d] (a copy). */
  get means(): Tensor {
    return new Tensor(Float64Array.from(this.fitted('means').mu), [this.k, this.d]);
  }
  /** Shared covariance Σ (incl. λI) as a Tensor [d, d] (a copy). */
  get covariance(): Tensor {
    return new Tensor(Float64Array.from(this.fitted('covariance').sigma), [this.d, this.d]);
  }
  /** Priors p(c_k) [K] (a copy). */
  get priors(): Float64Array {
    return Float64Array.from(this.fitted('priors').pri);
  }

  /**
   * Fits means, shared covariance and priors by maximum likelihood. Returns `this`.
   * @param x [N, d]. @param y labels [N] in 0..K−1, each class present.
   * @throws {ModelError} bad input, empty class, singular covariance (suggests `lambda`).
   */
  fit(x: MatrixLike, y: VectorLike): this {
    const op = `${OP}.fit`;
    const { data, rows: n, cols: d } = toMatrix(op, x, 'x');
    const { labels, numClasses: K } = toLabels(op, y, n, this.requestedClasses);
    if (K < 2)
      throw new ModelError(
        op,
        `needs at least 2 classes; expected labels 0..K-1 with K >= 2, got K = ${K}`,
      );
    const counts = new Float64Array(K);
    const mu = new Float64Array(K * d);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      counts[c]!++;
      for (let j = 0; j < d; j++) mu[c * d + j] = mu[c * d + j]! + data[i * d + j]!;
    }
    for (let c = 0; c < K; c++) {
      if (counts[c] === 0)
        throw new ModelError(
          op,
          `class ${c} has no training samples; expected every class 0..${K - 1} to appear, got none of class ${c}`,
        );
      for (let j = 0; j < d; j++) mu[c * d + j] = mu[c * d + j]! / counts[c]!;
    }
    const sigma = new Float64Array(d * d);
    const diff = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      for (let j = 0; j < d; j++) diff[j] = data[i * d + j]! - mu[c * d + j]!;
      for (let j = 0; j < d; j++)
        for (let l = 0; l <= j; l++) sigma[j * d + l] = sigma[j * d + l]! + diff[j]! * diff[l]!;
    }
    for (let j = 0; j < d; j++) {
      for (let l = 0; l <= j; l++) {
        const v = sigma[j * d + l]! / n;
        sigma[j * d + l] = v;
        sigma[l * d + j] = v;
      }
      sigma[j * d + j] = sigma[j * d + j]! + this.lambda;
    }
    const pri = new Float64Array(K);
    for (let c = 0; c < K; c++) pri[c] = counts[c]! / n;
    this.setParameters(op, K, d, mu, sigma, pri);
    return this;
  }

  /**
   * The linear discriminants a_k(x) = w_kᵀx + w_k0 whose softmax is the posterior:
   * w_k = Σ⁻¹μ_k, w_k0 = −½μ_kᵀΣ⁻¹μ_k + ln p(c_k).
   * @returns { weights: Tensor [K, d], biases: Float64Array [K] }.
   */
  discriminant(): { weights: Tensor; biases: Float64Array } {
    const { W, w0 } = this.fitted('discriminant');
    return {
      weights: new Tensor(Float64Array.from(W), [this.k, this.d]),
      biases: Float64Array.from(w0),
    };
  }

  /**
   * The lecture's two-class parameters with p(c₁|x) = σ(wᵀx + w₀), c₁ = label 1, c₂ = label 0:
   * w = Σ⁻¹(μ₁ − μ₂), w₀ = −½μ₁ᵀΣ⁻¹μ₁ + ½μ₂ᵀΣ⁻¹μ₂ + ln(p(c₁)/p(c₂)).
   * @throws {ModelError} when K ≠ 2 or before fit.
   */
  binaryDiscriminant(): { w: Float64Array; w0: number } {
    const { mu, pri, L } = this.fitted('binaryDiscriminant');
    if (this.k !== 2)
      throw new ModelError(
        `${OP}.binaryDiscriminant`,
        `needs exactly 2 classes; expected K = 2, got K = ${this.k}`,
      );
    const d = this.d;
    const mu1 = mu.subarray(d, 2 * d);
    const mu2 = mu.subarray(0, d);
    const delta = new Float64Array(d);
    for (let j = 0; j < d; j++) delta[j] = mu1[j]! - mu2[j]!;
    const w = solveSpd(L, delta);
    const s1 = solveSpd(L, Float64Array.from(mu1));
    const s2 = solveSpd(L, Float64Array.from(mu2));
    let q1 = 0;
    let q2 = 0;
    for (let j = 0; j < d; j++) {
      q1 += mu1[j]! * s1[j]!;
      q2 += mu2[j]! * s2[j]!;
    }
    return { w, w0: -0.5 * q1 + 0.5 * q2 + Math.log(pri[1]! / pri[0]!) };
  }

  /** Class-conditional log densities ln N(xₙ | μ_k, Σ). @returns Tensor [N, K]. */
  logLikelihood(x: MatrixLike): Tensor {
    const { mu, L } = this.fitted('logLikelihood');
    const { data, rows } = toMatrix(`${OP}.logLikelihood`, x, 'x', this.d);
    const d = this.d;
    const K = this.k;
    const Ld = L.data;
    let logDet = 0;
    for (let j = 0; j < d; j++) logDet += 2 * Math.log(Ld[j * d + j]!);
    const out = new Float64Array(rows * K);
    const z = new Float64Array(d);
    for (let i = 0; i < rows; i++) {
      for (let c = 0; c < K; c++) {
        // z = L⁻¹(x − μ) by forward substitution; Mahalanobis distance = ‖z‖².
        let m2 = 0;
        for (let j = 0; j < d; j++) {
          let s = data[i * d + j]! - mu[c * d + j]!;
          for (let l = 0; l < j; l++) s -= Ld[j * d + l]! * z[l]!;
          const zj = s / Ld[j * d + j]!;
          z[j] = zj;
          m2 += zj * zj;
        }
        out[i * K + c] = -0.5 * m2 - 0.5 * d * LOG_2PI - 0.5 * logDet;
      }
    }
    return new Tensor(out, [rows, K]);
  }

  /** Discriminant values a_k(xₙ) = w_kᵀxₙ + w_k0. @returns Tensor [N, K]. */
  decisionFunction(x: MatrixLike): Tensor {
    const { W, w0 } = this.fitted('decisionFunction');
    const { data, rows } = toMatrix(`${OP}.decisionFunction`, x, 'x', this.d);
    return new Tensor(affineRows(data, rows, this.d, W, w0, this.k), [rows, this.k]);
  }

  /** Posteriors p(c_k|xₙ) = softmax(a(xₙ))_k. @returns Tensor [N, K]. */
  predictProba(x: MatrixLike): Tensor {
    const a = this.decisionFunction(x);
    return new Tensor(softmaxRows(a.data, this.k), [a.shape[0]!, this.k]);
  }

  /** argmax_k p(c_k|xₙ). @returns Tensor [N] of class indices. */
  predict(x: MatrixLike): Tensor {
    const a = this.decisionFunction(x);
    // Row-wise argmax, first index on ties.
    return argmax(a, 1);
  }

  /** Plain-data document; {@link GaussianGenerativeClassifier.fromJSON} restores it bit for bit. */
  toJSON(): GaussianGenerativeJSON {
    const { mu, sigma, pri } = this.fitted('toJSON');
    return {
      type: 'GaussianGenerativeClassifier',
      version: MODEL_SCHEMA_VERSION,
      lambda: encodeNumber(this.lambda),
      numClasses: this.k,
      dim: this.d,
      means: encodeNumbers(mu),
      covariance: encodeNumbers(sigma),
      priors: encodeNumbers(pri),
    };
  }

  /** Restores a model from `toJSON` output. @throws {ModelError} malformed document, wrong type, future version. */
  static fromJSON(doc: unknown): GaussianGenerativeClassifier {
    const op = `${OP}.fromJSON`;
    const r = readDocument(op, doc, 'GaussianGenerativeClassifier');
    // documents written before the rename store λ as `reg`
    const lambda = decodeNumber(op, r.lambda ?? r.reg, 'lambda');
    if (lambda < 0)
      throw new ModelError(op, `malformed document: lambda must be >= 0; got ${lambda}`);
    const K = decodeInt(op, r.numClasses, 'numClasses', 2);
    const d = decodeInt(op, r.dim, 'dim', 1);
    const model = new GaussianGenerativeClassifier({ lambda });
    model.setParameters(
      op,
      K,
      d,
      decodeNumbers(op, r.means, 'means', K * d),
      decodeNumbers(op, r.covariance, 'covariance', d * d),
      decodeNumbers(op, r.priors, 'priors', K),
    );
    return model;
  }

  private setParameters(
    op: string,
    K: number,
    d: number,
    mu: Float64Array,
    sigma: Float64Array,
    pri: Float64Array,
  ): void {
    for (let c = 0; c < K; c++) {
      if (!(pri[c]! > 0 && pri[c]! <= 1))
        throw new ModelError(
          op,
          `priors must lie in (0, 1]; expected p(c_${c}) in (0, 1], got ${pri[c]}`,
        );
    }
    let L: Tensor;
    const advice =
      'the shared covariance is singular (a feature is constant or a linear combination of others); expected a positive-definite covariance — pass { lambda: 1e-6 } (or larger) to add to its diagonal';
    try {
      L = cholesky(new Tensor(Float64Array.from(sigma), [d, d]));
    } catch (e) {
      if (e instanceof TensorError) throw new ModelError(op, advice, { cause: e });
      throw e;
    }
    for (let j = 0; j < d; j++) {
      const ljj = L.data[j * d + j]!;
      if (!(ljj * ljj >= SINGULAR_RATIO * sigma[j * d + j]!) || !(ljj > 0))
        throw new ModelError(op, advice);
    }
    const W = new Float64Array(K * d);
    const w0 = new Float64Array(K);
    for (let c = 0; c < K; c++) {
      const m = mu.slice(c * d, c * d + d);
      const s = solveSpd(L, m);
      let q = 0;
      for (let j = 0; j < d; j++) {
        W[c * d + j] = s[j]!;
        q += m[j]! * s[j]!;
      }
      w0[c] = -0.5 * q + Math.log(pri[c]!);
    }
    this.k = K;
    this.d = d;
    this.mu = mu;
    this.sigma = sigma;
    this.pri = pri;
    this.L = L;
    this.W = W;
    this.w0 = w0;
  }

  private fitted(name: string): {
    mu: Float64Array;
    sigma: Float64Array;
    pri: Float64Array;
    L: Tensor;
    W: Float64Array;
    w0: Float64Array;
  } {
    if (
      this.mu === null ||
      this.sigma === null ||
      this.pri === null ||
      this.L === null ||
      this.W === null ||
      this.w0 === null
    ) {
      throw new ModelError(`${OP}.${name}`, 'model is not fitted; call fit(x, y) first');
    }
    return { mu: this.mu, sigma: this.sigma, pri: this.pri, L: this.L, W: this.W, w0: this.w0 };
  }
}

/** Σ⁻¹b through the Cholesky factor L (two triangular solves). */
function solveSpd(L: Tensor, b: Float64Array): Float64Array {
  const d = b.length;
  const y = solveTriangular(L, new Tensor(b, [d]), { lower: true });
  const x = solveTriangular(L, y, { lower: true, transpose: true }).toTypedArray();
  return x instanceof Float64Array ? x : Float64Array.from(x);
}
