import { add, argmax, lstsq, matmul, Tensor } from '@termgrad/tensor';
import { affineRows } from './affine-rows.js';
import { ModelError } from './errors.js';
import { type MatrixLike, toLabels, toMatrix, toVector, type VectorLike } from './input.js';
import {
  decodeInt,
  decodeNumbers,
  encodeNumbers,
  type JsonNumber,
  MODEL_SCHEMA_VERSION,
  readDocument,
} from './serialization.js';

/** A linear (affine) map y = Ax + a with A [K, d] and a [K]. */
export interface LinearMap {
  /** A, [K, d] (Tensor or rows). */
  readonly weights: Tensor | readonly (readonly number[])[];
  /** a, [K]. */
  readonly bias: Tensor | readonly number[] | Float64Array;
}

/** JSON document of a {@link LinearClassifier}. */
export interface LinearClassifierJSON {
  readonly type: 'LinearClassifier';
  readonly version: number;
  readonly numClasses: number;
  readonly dim: number;
  /** A row-major [K, d]. */
  readonly weights: JsonNumber[];
  /** a [K]. */
  readonly bias: JsonNumber[];
}

const OP = 'LinearClassifier';

function readMap(
  op: string,
  map: LinearMap,
  name: string,
): { A: Float64Array; a: Float64Array; K: number; d: number } {
  if (map === null || typeof map !== 'object')
    throw new ModelError(
      op,
      `${name} must be { weights, bias }; got ${map === null ? 'null' : typeof map}`,
    );
  const A = toMatrix(op, map.weights as MatrixLike, `${name}.weights`);
  if (map.weights instanceof Tensor && map.weights.ndim !== 2)
    throw new ModelError(
      op,
      `${name}.weights must be 2-D [K, d]; got ${map.weights.ndim} dimensions`,
    );
  const a = toVector(op, map.bias as VectorLike, `${name}.bias`, A.rows);
  return { A: A.data, a, K: A.rows, d: A.cols };
}

/**
 * The lecture's linear classifier y = Ax + a with decision L* = argmax_l y_l.
 *
 * Construct it from given parameters (`new LinearClassifier({ weights: A, bias: a })`) or fit A, a
 * by least squares on one-hot targets (minimise ½Σₙ‖Axₙ + a − tₙ‖², solved by QR with `lstsq`;
 * Bishop §4.1.3 — simple, but sensitive to outliers).
 *
 * @example
 * ```ts
 * const f = new LinearClassifier({ weights: [[1, 0], [0, 1]], bias: [0, 0.5] });
 * f.predict([[2, 1], [0, 0]]).toArray(); // [0, 1]
 * ```
 */
export class LinearClassifier {
  private A: Float64Array | null = null;
  private a: Float64Array | null = null;
  private k = 0;
  private d = 0;

  /**
   * @param params optional initial { weights: A [K, d], bias: a [K] }.
   * @throws {ModelError} bad shapes or NaN.
   */
  constructor(params?: LinearMap) {
    if (params !== undefined) {
      const { A, a, K, d } = readMap(OP, params, 'params');
      this.A = A;
      this.a = a;
      this.k = K;
      this.d = d;
    }
  }

  /** K (0 before fit). */
  get numClasses(): number {
    return this.k;
  }
  /** A as a Tensor [K, d] (a copy). */
  get weights(): Tensor {
    return new Tensor(Float64Array.from(this.fitted('weights').A), [this.k, this.d]);
  }
  /** a [K] as a Tensor (a copy). */
  get bias(): Tensor {
    return new Tensor(Float64Array.from(this.fitted('bias').a), [this.k]);
  }

  /**
   * Least-squares fit to one-hot targets (QR, `lstsq`). Returns `this`.
   * @param x [N, d]. @param y labels [N] in 0..K−1.
   * @throws {ModelError} bad input, fewer than d + 1 points, rank-deficient design.
   */
  fit(x: MatrixLike, y: VectorLike, options: { numClasses?: number } = {}): this {
    const op = `${OP}.fit`;
    const { data, rows: n, cols: d } = toMatrix(op, x, 'x');
    const { labels, numClasses: K } = toLabels(op, y, n, options.numClasses);
    const p = d + 1;
    if (n < p)
      throw new ModelError(op, `needs at least d + 1 points; expected N >= ${p}, got ${n}`);
    const X = new Float64Array(n * p);
    const T = new Float64Array(n * K);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) X[i * p + j] = data[i * d + j]!;
      X[i * p + d] = 1;
      T[i * K + labels[i]!] = 1;
    }
    const sol = lstsq(new Tensor(X, [n, p]), new Tensor(T, [n, K]));
    if (sol.rankDeficient)
      throw new ModelError(
        op,
        `the design [x, 1] is rank deficient (rank ${sol.rank} < ${p}); expected linearly independent features`,
      );
    const B = sol.x.toTypedArray(); // [p, K]
    const A = new Float64Array(K * d);
    const a = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < d; j++) A[k * d + j] = B[j * K + k]!;
      a[k] = B[d * K + k]!;
    }
    this.A = A;
    this.a = a;
    this.k = K;
    this.d = d;
    return this;
  }

  /** y = Axₙ + a for every row. @returns Tensor [N, K]. */
  scores(x: MatrixLike): Tensor {
    const { A, a } = this.fitted('scores');
    const { data, rows } = toMatrix(`${OP}.scores`, x, 'x', this.d);
    return new Tensor(affineRows(data, rows, this.d, A, a, this.k), [rows, this.k]);
  }

  /** L* = argmax_l yₗ (first index on ties). @returns Tensor [N]. */
  predict(x: MatrixLike): Tensor {
    const s = this.scores(x);
    // Row-wise argmax, first index on ties.
    return argmax(s, 1);
  }

  /** Plain-data document; {@link LinearClassifier.fromJSON} restores it bit for bit. */
  toJSON(): LinearClassifierJSON {
    const { A, a } = this.fitted('toJSON');
    return {
      type: 'LinearClassifier',
      version: MODEL_SCHEMA_VERSION,
      numClasses: this.k,
      dim: this.d,
      weights: encodeNumbers(A),
      bias: encodeNumbers(a),
    };
  }

  /** Restores a classifier from `toJSON` output. @throws {ModelError} malformed document, wrong type, future version. */
  static fromJSON(doc: unknown): LinearClassifier {
    const op = `${OP}.fromJSON`;
    const r = readDocument(op, doc, 'LinearClassifier');
    const K = decodeInt(op, r.numClasses, 'numClasses', 1);
    const d = decodeInt(op, r.dim, 'dim', 1);
    const c = new LinearClassifier();
    c.A = decodeNumbers(op, r.weights, 'weights', K * d);
    c.a = decodeNumbers(op, r.bias, 'bias', K);
    c.k = K;
    c.d = d;
    return c;
  }

  private fitted(name: string): { A: Float64Array; a: Float64Array } {
    if (this.A === null || this.a === null)
      throw new ModelError(
        `${OP}.${name}`,
        'classifier has no parameters; pass { weights, bias } or call fit(x, y) first',
      );
    return { A: this.A, a: this.a };
  }
}

/**
 * Two stacked linear layers are one linear layer: with h = Ax + a and y = Bh + b,
 * y = B(Ax + a) + b = Cx + c where C = BA and c = Ba + b (the lecture's "3 layers" slides).
 *
 * @param first the inner layer { weights: A [H, d], bias: a [H] } (or a LinearClassifier).
 * @param second the outer layer { weights: B [K, H], bias: b [K] } (or a LinearClassifier).
 * @returns a LinearClassifier with weights C [K, d] and bias c [K].
 * @throws {ModelError} when B's columns do not match A's rows, or bad shapes.
 * @example
 * ```ts
 * const f = composeLinear({ weights: [[2]], bias: [1] }, { weights: [[3]], bias: [-1] });
 * f.weights.toArray(); // [[6]]   f.bias.toArray(); // [2]   (3(2x + 1) − 1 = 6x + 2)
 * ```
 */
export function composeLinear(
  first: LinearMap | LinearClassifier,
  second: LinearMap | LinearClassifier,
): LinearClassifier {
  const op = 'composeLinear';
  const f = readMap(
    op,
    first instanceof LinearClassifier ? { weights: first.weights, bias: first.bias } : first,
    'first',
  );
  const s = readMap(
    op,
    second instanceof LinearClassifier ? { weights: second.weights, bias: second.bias } : second,
    'second',
  );
  if (s.d !== f.K) {
    throw new ModelError(
      op,
      `second.weights columns must equal first.weights rows; expected ${f.K}, got ${s.d}`,
    );
  }
  const B = new Tensor(s.A, [s.K, s.d]);
  const C = matmul(B, new Tensor(f.A, [f.K, f.d]));
  const c = add(matmul(B, new Tensor(f.a, [f.K])), new Tensor(s.a, [s.K]));
  return new LinearClassifier({ weights: C, bias: c });
}
