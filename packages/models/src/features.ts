import { Tensor } from '@termgrad/tensor';
import { ModelError } from './errors.js';
import { check, type Mat, type MatrixLike, toMatrix } from './input.js';
import {
  decodeBool,
  decodeInt,
  decodeNumber,
  decodeNumbers,
  encodeNumber,
  encodeNumbers,
  type JsonNumber,
} from './serialization.js';

/** JSON form of a feature map (stored inside a model document). */
export type FeatureMapJSON =
  | {
      readonly kind: 'polynomial';
      readonly inputDim: number;
      readonly degree: number;
      readonly includeBias: boolean;
    }
  | {
      readonly kind: 'gaussian';
      readonly inputDim: number;
      readonly centers: JsonNumber[];
      readonly s: JsonNumber;
    };

/**
 * A fixed, non-learned basis φ: ℝᵈ → ℝᵐ applied to inputs before a linear model
 * (logistic regression in feature space, as in the lecture's Gaussian-basis slide).
 */
export interface FeatureMap {
  /** `'polynomial'` or `'gaussian'`. */
  readonly kind: 'polynomial' | 'gaussian';
  /** Input dimension d. */
  readonly inputDim: number;
  /** Output dimension m. */
  readonly outputDim: number;
  /** φ(x) for every row: [n, d] → Tensor [n, m]. */
  transform(x: MatrixLike): Tensor;
  /** Plain-data form; restore with {@link featureMapFromJSON}. */
  toJSON(): FeatureMapJSON;
}

/** Exponent tuples of all monomials of total degree 1..M (or 0..M) in d variables, graded order. */
function monomialExponents(d: number, degree: number, includeBias: boolean): number[][] {
  const out: number[][] = [];
  if (includeBias) out.push(new Array<number>(d).fill(0));
  const rec = (prefix: number[], remaining: number, start: number): void => {
    if (remaining === 0) {
      const e = new Array<number>(d).fill(0);
      for (const i of prefix) e[i]! += 1;
      out.push(e);
      return;
    }
    for (let i = start; i < d; i++) rec([...prefix, i], remaining - 1, i);
  };
  for (let deg = 1; deg <= degree; deg++) rec([], deg, 0);
  return out;
}

function polynomialTransform(m: Mat, exps: readonly number[][]): Tensor {
  const { data, rows, cols } = m;
  const k = exps.length;
  const out = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) {
    for (let f = 0; f < k; f++) {
      const e = exps[f]!;
      let v = 1;
      for (let j = 0; j < cols; j++) {
        const p = e[j]!;
        if (p > 0) v *= data[i * cols + j]! ** p;
      }
      out[i * k + f] = v;
    }
  }
  return new Tensor(out, [rows, k]);
}

/**
 * Polynomial features: every monomial x₁^e₁ ⋯ x_d^e_d of total degree 1..M (graded, then
 * lexicographic order; for d = 1 this is [x, x², …, x^M]). The constant column is left out unless
 * `includeBias` is true, because the linear models carry their own bias w₀.
 *
 * @param x inputs [n, d] (number[] is one column).
 * @param degree M ≥ 1.
 * @returns Tensor [n, m] with m = C(d + M, M) − 1 (+1 with the bias column).
 * @throws {ModelError} bad input or degree.
 * @example
 * ```ts
 * polynomialFeatures([[2, 3]], 2).toArray(); // [[2, 3, 4, 6, 9]]  (x, y, x², xy, y²)
 * ```
 */
export function polynomialFeatures(
  x: MatrixLike,
  degree: number,
  options: { includeBias?: boolean } = {},
): Tensor {
  const op = 'polynomialFeatures';
  check.optionKeys(op, options, ['includeBias']);
  check.number(op, 'degree', degree, { min: 1, integer: true, max: 50 });
  const m = toMatrix(op, x, 'x');
  return polynomialTransform(m, monomialExponents(m.cols, degree, options.includeBias ?? false));
}

/**
 * The polynomial basis of {@link polynomialFeatures} as a reusable {@link FeatureMap}
 * (e.g. `new LogisticRegression({ features: polynomialFeatureMap(2, 2) })`).
 * @param inputDim d. @param degree M ≥ 1.
 */
export function polynomialFeatureMap(
  inputDim: number,
  degree: number,
  options: { includeBias?: boolean } = {},
): FeatureMap {
  const op = 'polynomialFeatureMap';
  check.optionKeys(op, options, ['includeBias']);
  check.number(op, 'inputDim', inputDim, { min: 1, integer: true });
  check.number(op, 'degree', degree, { min: 1, integer: true, max: 50 });
  const includeBias = options.includeBias ?? false;
  if (typeof includeBias !== 'boolean')
    throw new ModelError(op, `option includeBias must be a boolean; got ${String(includeBias)}`);
  const exps = monomialExponents(inputDim, degree, includeBias);
  return {
    kind: 'polynomial',
    inputDim,
    outputDim: exps.length,
    transform: (x) =>
      polynomialTransform(toMatrix('polynomialFeatureMap.transform', x, 'x', inputDim), exps),
    toJSON: () => ({ kind: 'polynomial', inputDim, degree, includeBias }),
  };
}

/** Options of {@link gaussianBasis}: explicit `centers`, or `count` centres per dimension on a grid. */
export interface GaussianBasisOptions {
  /** Centres μⱼ, [m, d]. */
  readonly centers?: MatrixLike;
  /** Centres per input dimension (a number for all, or one per dimension), evenly spread over `range` or the range of `data`. */
  readonly count?: number | readonly number[];
  /** Data whose per-dimension [min, max] the grid of centres spans (with `count`). */
  readonly data?: MatrixLike;
  /** Explicit per-dimension ranges [[lo, hi], …] for the grid (with `count`). */
  readonly range?: readonly (readonly [number, number])[];
  /** Width s > 0. Default: the largest grid spacing (with `count`); required with `centers`. */
  readonly s?: number;
}

/** A Gaussian radial basis map with its centres and width. */
export interface GaussianBasis extends FeatureMap {
  /** Centres μⱼ as a Tensor [m, d]. */
  readonly centers: Tensor;
  /** The common width s. */
  readonly s: number;
}

function makeGaussian(centers: Float64Array, m: number, d: number, s: number): GaussianBasis {
  const inv = 1 / (2 * s * s);
  return {
    kind: 'gaussian',
    inputDim: d,
    outputDim: m,
    centers: new Tensor(Float64Array.from(centers), [m, d]),
    s,
    transform(x: MatrixLike): Tensor {
      const { data, rows } = toMatrix('gaussianBasis.transform', x, 'x', d);
      const out = new Float64Array(rows * m);
      for (let i = 0; i < rows; i++) {
        for (let c = 0; c < m; c++) {
          let r2 = 0;
          for (let j = 0; j < d; j++) {
            const diff = data[i * d + j]! - centers[c * d + j]!;
            r2 += diff * diff;
          }
          out[i * m + c] = Math.exp(-r2 * inv);
        }
      }
      return new Tensor(out, [rows, m]);
    },
    toJSON: () => ({
      kind: 'gaussian',
      inputDim: d,
      centers: encodeNumbers(centers),
      s: encodeNumber(s),
    }),
  };
}

/**
 * Gaussian basis functions φⱼ(x) = exp(−‖x − μⱼ‖² / (2s²)), j = 1..m.
 *
 * Centres are given (`centers` [m, d]) or laid on a grid of `count` points per dimension evenly
 * spread (endpoints included) over `range` or over the per-dimension [min, max] of `data`.
 *
 * @returns a {@link GaussianBasis} whose `transform(x)` maps [n, d] to [n, m].
 * @throws {ModelError} missing/conflicting options, s ≤ 0, count < 1, empty or NaN data.
 * @example
 * ```ts
 * const phi = gaussianBasis({ centers: [[-1], [1]], s: 1 });
 * phi.transform([[0]]).toArray(); // [[0.6065…, 0.6065…]]  (exp(-1/2))
 * ```
 */
export function gaussianBasis(options: GaussianBasisOptions): GaussianBasis {
  const op = 'gaussianBasis';
  check.optionKeys(op, options, ['centers', 'count', 'data', 'range', 's']);
  if (options.centers !== undefined) {
    if (options.count !== undefined || options.data !== undefined || options.range !== undefined) {
      throw new ModelError(op, 'give centers, or count with data/range, not both');
    }
    if (options.s === undefined)
      throw new ModelError(
        op,
        'option s is required with explicit centers; expected a width s > 0, got undefined',
      );
    const s = check.number(op, 's', options.s, { min: 0, minExclusive: true });
    const c = toMatrix(op, options.centers, 'centers');
    return makeGaussian(c.data, c.rows, c.cols, s);
  }
  if (options.count === undefined)
    throw new ModelError(op, 'expected centers, or count with data or range; got neither');
  let ranges: [number, number][];
  if (options.range !== undefined) {
    if (options.data !== undefined) throw new ModelError(op, 'give data or range, not both');
    ranges = options.range.map((r, j) => {
      const lo = check.number(op, `range[${j}][0]`, r[0]);
      const hi = check.number(op, `range[${j}][1]`, r[1]);
      if (!(hi >= lo))
        throw new ModelError(op, `range[${j}] must have lo <= hi; got [${lo}, ${hi}]`);
      return [lo, hi];
    });
  } else if (options.data !== undefined) {
    const m = toMatrix(op, options.data, 'data');
    ranges = [];
    for (let j = 0; j < m.cols; j++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < m.rows; i++) {
        const v = m.data[i * m.cols + j]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      ranges.push([lo, hi]);
    }
  } else {
    throw new ModelError(op, 'count needs data or range to spread the centres over; got neither');
  }
  const d = ranges.length;
  if (d === 0)
    throw new ModelError(op, 'range is empty; expected one [lo, hi] per input dimension, got 0');
  const counts =
    typeof options.count === 'number'
      ? new Array<number>(d).fill(options.count)
      : Array.from(options.count);
  if (counts.length !== d)
    throw new ModelError(
      op,
      `count must have one entry per dimension; expected ${d}, got ${counts.length}`,
    );
  counts.forEach((c, j) => check.number(op, `count[${j}]`, c, { min: 1, integer: true }));
  const axes = ranges.map(([lo, hi], j) => {
    const c = counts[j]!;
    return Array.from({ length: c }, (_, i) =>
      c === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * i) / (c - 1),
    );
  });
  let spacing = 0;
  ranges.forEach(([lo, hi], j) => {
    const c = counts[j]!;
    if (c > 1) spacing = Math.max(spacing, (hi - lo) / (c - 1));
  });
  const m = counts.reduce((a, b) => a * b, 1);
  const centers = new Float64Array(m * d);
  for (let idx = 0; idx < m; idx++) {
    let rem = idx;
    for (let j = d - 1; j >= 0; j--) {
      const c = counts[j]!;
      centers[idx * d + j] = axes[j]![rem % c]!;
      rem = Math.floor(rem / c);
    }
  }
  const s =
    options.s !== undefined
      ? check.number(op, 's', options.s, { min: 0, minExclusive: true })
      : spacing > 0
        ? spacing
        : 1;
  return makeGaussian(centers, m, d, s);
}

/**
 * Restores a feature map from its `toJSON()` form.
 * @throws {ModelError} malformed document.
 */
export function featureMapFromJSON(doc: unknown, op = 'featureMapFromJSON'): FeatureMap {
  if (doc === null || typeof doc !== 'object')
    throw new ModelError(
      op,
      `malformed feature map: expected an object, got ${doc === null ? 'null' : typeof doc}`,
    );
  const d = doc as Record<string, unknown>;
  const inputDim = decodeInt(op, d.inputDim, 'features.inputDim', 1);
  if (d.kind === 'polynomial') {
    return polynomialFeatureMap(inputDim, decodeInt(op, d.degree, 'features.degree', 1), {
      includeBias: decodeBool(op, d.includeBias, 'features.includeBias'),
    });
  }
  if (d.kind === 'gaussian') {
    const centers = decodeNumbers(op, d.centers, 'features.centers');
    if (centers.length === 0 || centers.length % inputDim !== 0) {
      throw new ModelError(
        op,
        `malformed feature map: centers length must be a positive multiple of inputDim ${inputDim}; got ${centers.length}`,
      );
    }
    const s = decodeNumber(op, d.s, 'features.s');
    if (!(s > 0)) throw new ModelError(op, `malformed feature map: s must be > 0; got ${s}`);
    return makeGaussian(centers, centers.length / inputDim, inputDim, s);
  }
  throw new ModelError(
    op,
    `malformed feature map: kind must be 'polynomial' or 'gaussian'; got ${JSON.stringify(d.kind) ?? 'undefined'}`,
  );
}
