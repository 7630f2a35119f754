import { Tensor } from '@termgrad/tensor';
import type { OutputActivation } from './activations.js';
import { ModelError } from './errors.js';
import { BINARY_CROSS_ENTROPY, CATEGORICAL_CROSS_ENTROPY } from './losses.js';

/** Inputs an MLP accepts: a 2-D Tensor [n, d] (any strides) or an array of rows. */
export type MLPInput = Tensor | readonly (readonly number[])[] | readonly ArrayLike<number>[];

/**
 * Targets: a Tensor or array, either [n] (class indices for categorical cross-entropy; values for
 * one-output models) or [n, outputs] (one-hot / probabilities / values).
 */
export type MLPTarget = Tensor | ArrayLike<number> | readonly ArrayLike<number>[];

/** A strided read-only view on row-major-ish data. @internal */
export interface MatrixView {
  readonly src: ArrayLike<number>;
  readonly offset: number;
  readonly s0: number;
  readonly s1: number;
  readonly rows: number;
  readonly cols: number;
}

/** Describes a 2-D input without copying tensors. @internal */
export function viewMatrix(op: string, x: unknown, name: string, cols: number): MatrixView {
  if (x instanceof Tensor) {
    if (x.ndim !== 2)
      throw new ModelError(
        op,
        `${name} must be 2-D [n, ${cols}]; got shape [${x.shape.join(',')}]`,
      );
    const [rows, c] = x.shape as [number, number];
    if (c !== cols)
      throw new ModelError(
        op,
        `${name} has the wrong number of columns; expected ${cols}, got ${c}`,
      );
    if (rows === 0) throw new ModelError(op, `${name} is empty; expected at least one row, got 0`);
    return {
      src: x.data,
      offset: x.offset,
      s0: x.strides[0] as number,
      s1: x.strides[1] as number,
      rows,
      cols,
    };
  }
  if (Array.isArray(x)) {
    if (x.length === 0)
      throw new ModelError(op, `${name} is empty; expected at least one row, got 0`);
    const flat = new Float64Array(x.length * cols);
    for (let i = 0; i < x.length; i++) {
      const row = x[i] as ArrayLike<number> | undefined;
      if (row === null || typeof row !== 'object' || row.length !== cols) {
        throw new ModelError(
          op,
          `${name} row ${i} has the wrong length; expected ${cols}, got ${row === null || typeof row !== 'object' ? typeof row : row.length}`,
        );
      }
      for (let j = 0; j < cols; j++) flat[i * cols + j] = Number(row[j]);
    }
    return { src: flat, offset: 0, s0: cols, s1: 1, rows: x.length, cols };
  }
  throw new ModelError(
    op,
    `${name} must be a 2-D Tensor or an array of rows; got ${x === null ? 'null' : typeof x}`,
  );
}

/** Copies rows [start, start+count) of a view into dst (row-major), rejecting NaN/Infinity. @internal */
export function copyRows(
  op: string,
  name: string,
  v: MatrixView,
  start: number,
  count: number,
  dst: Float64Array | Float32Array,
): void {
  const { src, s0, s1, cols } = v;
  let bad = false;
  for (let r = 0; r < count; r++) {
    const base = v.offset + (start + r) * s0;
    const o = r * cols;
    for (let j = 0; j < cols; j++) {
      const value = src[base + j * s1] as number;
      if (value - value !== 0) bad = true;
      dst[o + j] = value;
    }
  }
  if (bad) throw new ModelError(op, `${name} contains NaN or Infinity; expected finite numbers`);
}

/** A target description: dense [rows, cols] values or class indices. @internal */
export interface TargetView {
  readonly kind: 'indices' | 'dense';
  readonly view: MatrixView;
  /** Smallest and largest target value the output can produce (dense targets). */
  readonly lo: number;
  readonly hi: number;
  /** Whether each dense row must sum to 1 (probability rows for categorical cross-entropy). */
  readonly rowsSumToOne: boolean;
  /** The expected target form, for error messages. */
  readonly expected: string;
}

/** The dense target range of an output activation and loss (see {@link viewTargets}). @internal */
export function targetContract(
  lossCode: number,
  output: OutputActivation | undefined,
  outputs: number,
): Pick<TargetView, 'lo' | 'hi' | 'rowsSumToOne' | 'expected'> {
  if (lossCode === CATEGORICAL_CROSS_ENTROPY) {
    return {
      lo: 0,
      hi: 1,
      rowsSumToOne: true,
      expected: `class indices 0..${outputs - 1} [n] or one-hot/probability rows [n, ${outputs}]`,
    };
  }
  if (lossCode === BINARY_CROSS_ENTROPY) {
    return {
      lo: 0,
      hi: 1,
      rowsSumToOne: false,
      expected:
        '0/1 labels (or probabilities in [0, 1]) for a sigmoid output with binaryCrossEntropy; map ±1 labels with plusMinusOneToIndices',
    };
  }
  if (output === 'sigmoid')
    return {
      lo: 0,
      hi: 1,
      rowsSumToOne: false,
      expected: 'targets in [0, 1] for a sigmoid output',
    };
  if (output === 'tanh')
    return {
      lo: -1,
      hi: 1,
      rowsSumToOne: false,
      expected: 'targets in [-1, 1] (±1 labels) for a tanh output',
    };
  return { lo: -Infinity, hi: Infinity, rowsSumToOne: false, expected: 'finite numbers' };
}

/** Reads targets for `rows` samples and `outputs` units, deciding between indices and dense. @internal */
export function viewTargets(
  op: string,
  y: unknown,
  rows: number,
  outputs: number,
  lossCode: number,
  output?: OutputActivation,
): TargetView {
  const contract = targetContract(lossCode, output, outputs);
  let view: MatrixView;
  if (y instanceof Tensor) {
    if (y.ndim === 1)
      view = {
        src: y.data,
        offset: y.offset,
        s0: y.strides[0] as number,
        s1: 0,
        rows: y.shape[0] as number,
        cols: 1,
      };
    else if (y.ndim === 2)
      view = {
        src: y.data,
        offset: y.offset,
        s0: y.strides[0] as number,
        s1: y.strides[1] as number,
        rows: y.shape[0] as number,
        cols: y.shape[1] as number,
      };
    else
      throw new ModelError(
        op,
        `y must be 1-D [n] or 2-D [n, ${outputs}]; got shape [${y.shape.join(',')}]`,
      );
  } else if (
    y !== null &&
    typeof y === 'object' &&
    typeof (y as ArrayLike<unknown>).length === 'number'
  ) {
    const arr = y as ArrayLike<unknown>;
    const first = arr[0];
    if (arr.length > 0 && first !== null && typeof first === 'object')
      view = viewMatrix(op, y, 'y', (first as ArrayLike<number>).length);
    else
      view = { src: arr as ArrayLike<number>, offset: 0, s0: 1, s1: 0, rows: arr.length, cols: 1 };
  } else {
    throw new ModelError(
      op,
      `y must be a Tensor or an array; got ${y === null ? 'null' : typeof y}`,
    );
  }
  if (view.rows !== rows)
    throw new ModelError(
      op,
      `x and y must have the same number of rows; expected ${rows}, got ${view.rows}`,
    );
  if (
    view.cols === outputs &&
    !(lossCode === CATEGORICAL_CROSS_ENTROPY && view.cols === 1 && outputs === 1)
  )
    return { kind: 'dense', view, ...contract };
  if (view.cols === 1 && lossCode === CATEGORICAL_CROSS_ENTROPY)
    return { kind: 'indices', view, ...contract };
  throw new ModelError(
    op,
    `y has the wrong shape; expected [${rows}] ${lossCode === CATEGORICAL_CROSS_ENTROPY ? 'class indices' : 'values'} or [${rows}, ${outputs}], got [${rows}, ${view.cols}]`,
  );
}

/** Writes targets of rows [start, start+count) as dense [count, outputs] into dst. @internal */
export function copyTargets(
  op: string,
  t: TargetView,
  start: number,
  count: number,
  outputs: number,
  dst: Float64Array | Float32Array,
): void {
  const { src, s0, s1, offset } = t.view;
  if (t.kind === 'indices') {
    dst.fill(0, 0, count * outputs);
    for (let r = 0; r < count; r++) {
      const c = src[offset + (start + r) * s0] as number;
      if (!Number.isInteger(c) || c < 0 || c >= outputs)
        throw new ModelError(
          op,
          `class index at row ${start + r} out of range; expected an integer in 0..${outputs - 1}, got ${c}`,
        );
      dst[r * outputs + c] = 1;
    }
    return;
  }
  let bad = false;
  let outside = -1;
  const { lo, hi } = t;
  for (let r = 0; r < count; r++) {
    const base = offset + (start + r) * s0;
    for (let j = 0; j < outputs; j++) {
      const v = src[base + j * s1] as number;
      if (v - v !== 0) bad = true;
      else if ((v < lo || v > hi) && outside < 0) outside = r * outputs + j;
      dst[r * outputs + j] = v;
    }
  }
  if (bad) throw new ModelError(op, 'y contains NaN or Infinity; expected finite numbers');
  if (outside >= 0) {
    const r = Math.floor(outside / outputs);
    throw new ModelError(
      op,
      `y at row ${start + r} is outside [${lo}, ${hi}]; expected ${t.expected}, got ${dst[outside]}`,
    );
  }
  if (t.rowsSumToOne) {
    for (let r = 0; r < count; r++) {
      let sum = 0;
      for (let j = 0; j < outputs; j++) sum += dst[r * outputs + j] as number;
      // float32 one-hot rows sum exactly; 1e-6 admits probability rows rounded to float32
      if (Math.abs(sum - 1) > 1e-6)
        throw new ModelError(
          op,
          `y row ${start + r} does not sum to 1; expected ${t.expected}, got a row summing to ${sum}`,
        );
    }
  }
}
