import { Tensor, validators } from '@termgrad/tensor';
import { ProbabilityError } from './errors.js';

/** A vector argument: a tensor (any shape, read flat in row-major order) or an array-like of numbers. */
export type VectorLike = Tensor | ArrayLike<number>;
/** A matrix argument: a 2-D tensor or an array of equally long rows. */
export type MatrixLike = Tensor | readonly ArrayLike<number>[];

/** A fresh Float64Array copy of a vector argument, checked finite. @internal */
export function toVector(op: string, v: VectorLike, name: string): Float64Array {
  const out = toRawVector(op, v, name);
  check.finite(op, name, out);
  return out;
}

/** A fresh Float64Array copy of a vector argument, values unchecked. @internal */
export function toRawVector(op: string, v: VectorLike, name: string): Float64Array {
  let out: Float64Array;
  if (v instanceof Tensor) {
    const t = v.toTypedArray();
    out = t instanceof Float64Array ? t : Float64Array.from(t);
  } else if (
    v !== null &&
    typeof v === 'object' &&
    typeof (v as ArrayLike<number>).length === 'number'
  ) {
    out = Float64Array.from(v as ArrayLike<number>);
  } else {
    throw new ProbabilityError(
      op,
      `${name} must be a Tensor or an array of numbers, got ${describe(v)}`,
    );
  }
  return out;
}

/** A row-major Float64Array copy of a matrix argument with its shape, checked finite. @internal */
export function toMatrix(
  op: string,
  m: MatrixLike,
  name: string,
): { data: Float64Array; rows: number; cols: number } {
  if (m instanceof Tensor) {
    if (m.ndim !== 2)
      throw new ProbabilityError(
        op,
        `${name} must be 2-D; expected shape [n,d], got [${m.shape.join(',')}]`,
      );
    const t = m.toTypedArray();
    const data = t instanceof Float64Array ? t : Float64Array.from(t);
    check.finite(op, name, data);
    return { data, rows: m.shape[0] as number, cols: m.shape[1] as number };
  }
  if (!Array.isArray(m))
    throw new ProbabilityError(
      op,
      `${name} must be a 2-D Tensor or an array of rows, got ${describe(m)}`,
    );
  const rows = m.length;
  const cols = rows === 0 ? 0 : (m[0] as ArrayLike<number>).length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = m[i] as ArrayLike<number>;
    if (row === null || typeof row !== 'object' || row.length !== cols) {
      throw new ProbabilityError(
        op,
        `every row of ${name} must have length ${cols}; got ${row?.length ?? describe(row)} at row ${i}`,
      );
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = row[j] as number;
  }
  check.finite(op, name, data);
  return { data, rows, cols };
}

/** Throws unless `rng` is a Random of @termgrad/tensor (the shared check). @internal */
export function checkRng(op: string, rng: unknown): void {
  check.rng(op, 'rng', rng);
}

/** Short description of a value for error messages. @internal */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  return typeof v;
}

/** The shared validators of @termgrad/tensor, throwing ProbabilityError. @internal */
export const check = validators(ProbabilityError);
