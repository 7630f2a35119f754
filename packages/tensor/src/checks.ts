import { formatShape, TermgradError } from './errors.js';
import { Random } from './random.js';
import { Tensor } from './tensor.js';

/** A termgrad error class: `new E(op, problem)` builds `op: problem`. */
export type TermgradErrorClass = new (
  op: string,
  problem: string,
  options?: { cause?: unknown },
) => TermgradError;

/** Constraints of {@link Validators.number}. */
export interface NumberRule {
  /** Smallest allowed value (inclusive unless `minExclusive`). */
  readonly min?: number;
  /** Largest allowed value (inclusive unless `maxExclusive`). */
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  /** Require an integer. */
  readonly integer?: boolean;
  /** Accept +Infinity (e.g. "no cap"); NaN and -Infinity are always rejected. */
  readonly allowInfinity?: boolean;
}

/** Options of {@link Validators.matrix}. Every option is off unless given. */
export interface MatrixRule {
  /** The required number of columns. */
  readonly cols?: number;
  /** Accept a matrix with 0 rows or 0 columns (refused by default). */
  readonly allowEmpty?: boolean;
  /**
   * Read a 1-D input — a Tensor `[n]`, a `number[]` or a typed array — as one column `[n, 1]`
   * (refused by default).
   */
  readonly vectorAsColumn?: boolean;
}

/** Options of {@link Validators.vector}. */
export interface VectorRule {
  /** The required length. */
  readonly length?: number;
  /** Accept an empty vector (refused by default). */
  readonly allowEmpty?: boolean;
  /**
   * Read a Tensor of any shape flat, in row-major order (by default only `[n]` and `[n, 1]`
   * are accepted).
   */
  readonly flatten?: boolean;
  /**
   * Require every value to be finite (default `true`); `false` accepts NaN and ±Infinity, for
   * callers with their own rule such as log-probabilities.
   */
  readonly finite?: boolean;
}

/** A matrix as {@link Validators.matrix} returns it: a fresh row-major copy and its shape. */
export interface MatrixData {
  /** The values, row-major: element (i, j) is `data[i * cols + j]`. */
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * The shared option, number and shape checks, bound to a package's error class. Every check takes
 * its arguments in one order — `(op, name, value, rule)` — and throws `new ErrorClass(op, …)` with
 * the message form `op: name problem; expected X, got Y`.
 */
export interface Validators {
  /** A number obeying `rule` (finite unless `allowInfinity`). @returns the number. */
  number(op: string, name: string, value: unknown, rule?: NumberRule): number;
  /** An integer obeying `rule` (shorthand for `number` with `integer: true`). */
  integer(op: string, name: string, value: unknown, rule?: NumberRule): number;
  /** One of the listed strings. */
  oneOf<T extends string>(op: string, name: string, value: unknown, allowed: readonly T[]): T;
  /** A plain options object (or undefined/null) whose keys are all in `allowed` (catches typos). */
  optionKeys(op: string, options: unknown, allowed: readonly string[]): void;
  /** Every element finite (no NaN or ±Infinity). */
  finite(op: string, name: string, data: ArrayLike<number>): void;
  /** `shape` equals `expected`, where `null` in `expected` matches any extent. */
  shape(
    op: string,
    name: string,
    shape: readonly number[],
    expected: readonly (number | null)[],
  ): void;
  /** A {@link Random} generator of @termgrad/tensor. @returns it. */
  rng(op: string, name: string, value: unknown): Random;
  /**
   * A matrix input converted to a fresh row-major Float64Array: a 2-D Tensor `[n, d]`, or an
   * array of `n` rows, each an array (or typed array) of `d` numbers; with `vectorAsColumn`
   * also a Tensor `[n]`, a `number[]` or a typed array as `[n, 1]`. Every value must be a
   * finite number; errors name the row and column. An empty array has `rule.cols` columns
   * (else 1 with `vectorAsColumn`, else 0).
   * @returns the copy with its shape.
   * @example
   * ```ts
   * check.matrix('fit', 'x', [[1, 2], [3, 4]]); // { data: Float64Array [1, 2, 3, 4], rows: 2, cols: 2 }
   * check.matrix('fit', 'x', [[1, 2], [3, NaN]]); // throws "fit: x contains NaN at row 1, column 1; expected finite numbers"
   * ```
   */
  matrix(op: string, name: string, value: unknown, rule?: MatrixRule): MatrixData;
  /**
   * A vector input converted to a fresh Float64Array: a Tensor `[n]` or `[n, 1]` (any shape,
   * read flat, with `flatten`), a `number[]`, a typed array or another array-like of numbers.
   * Every value must be a number, and finite unless `rule.finite` is `false`; errors name the
   * index.
   * @returns the copy.
   */
  vector(op: string, name: string, value: unknown, rule?: VectorRule): Float64Array;
}

/** An array, a typed array (not a DataView) or another object with a valid `length`. */
function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  if (Array.isArray(v)) return true;
  if (v === null || typeof v !== 'object' || v instanceof Tensor) return false;
  if (ArrayBuffer.isView(v)) return !(v instanceof DataView);
  const n = (v as { length?: unknown }).length;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/** A typed array of numbers (Float64Array, Int32Array, …; not a DataView or BigInt array). */
function isNumericView(v: unknown): v is ArrayLike<number> {
  return (
    ArrayBuffer.isView(v) &&
    !(v instanceof DataView) &&
    !(v instanceof BigInt64Array) &&
    !(v instanceof BigUint64Array)
  );
}

/** A fresh Float64Array copy of a tensor's values in row-major order. */
function tensorCopy(t: Tensor): Float64Array {
  const a = t.toTypedArray(); // already a copy
  return a instanceof Float64Array ? a : Float64Array.from(a);
}

/**
 * Short description of a value for messages: `null`, `"abc"`, `NaN`, `an array`,
 * `a Float32Array`, `a Tensor [2,3]`, `object`.
 */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Tensor) return `a Tensor ${formatShape(v.shape)}`;
  if (ArrayBuffer.isView(v)) {
    const kind = v.constructor.name;
    return `${/^[AEIO]/.test(kind) ? 'an' : 'a'} ${kind}`;
  }
  return typeof v;
}

function rangeText(rule: NumberRule): string {
  const parts: string[] = [];
  if (rule.min !== undefined) parts.push(`${rule.minExclusive ? '>' : '>='} ${rule.min}`);
  if (rule.max !== undefined) parts.push(`${rule.maxExclusive ? '<' : '<='} ${rule.max}`);
  return parts.join(' and ');
}

/**
 * The shared validators throwing `ErrorClass` (a subclass of {@link TermgradError}).
 * @example
 * ```ts
 * const check = validators(TensorError);
 * check.number('linspace', 'num', 3.5, { integer: true, min: 0 }); // throws "linspace: num must be an integer; expected an integer >= 0, got 3.5"
 * ```
 */
export function validators(ErrorClass: TermgradErrorClass = TermgradError): Validators {
  const number = (op: string, name: string, value: unknown, rule: NumberRule = {}): number => {
    const want = `${rule.integer ? 'an integer' : 'a number'}${rangeText(rule) === '' ? '' : ` ${rangeText(rule)}`}`;
    if (typeof value !== 'number' || Number.isNaN(value))
      throw new ErrorClass(
        op,
        `${name} must be a number; expected ${want}, got ${describeValue(value)}`,
      );
    if (!Number.isFinite(value) && !(rule.allowInfinity === true && value === Infinity)) {
      throw new ErrorClass(op, `${name} must be finite; expected ${want}, got ${value}`);
    }
    if (rule.integer === true && Number.isFinite(value) && !Number.isInteger(value))
      throw new ErrorClass(op, `${name} must be an integer; expected ${want}, got ${value}`);
    const low =
      rule.min !== undefined && (rule.minExclusive ? value <= rule.min : value < rule.min);
    const high =
      rule.max !== undefined && (rule.maxExclusive ? value >= rule.max : value > rule.max);
    if (low || high)
      throw new ErrorClass(op, `${name} is out of range; expected ${want}, got ${value}`);
    return value;
  };
  const finite = (op: string, name: string, data: ArrayLike<number>): void => {
    for (let i = 0; i < data.length; i++) {
      const v = data[i] as number;
      // v - v is 0 for finite numbers and NaN for NaN, ±Infinity and non-numbers
      if (typeof v !== 'number' || v - v !== 0)
        throw new ErrorClass(
          op,
          `${name} contains ${describeValue(v)} at index ${i}; expected finite numbers`,
        );
    }
  };
  return {
    number,
    integer: (op, name, value, rule = {}) => number(op, name, value, { ...rule, integer: true }),
    oneOf<T extends string>(op: string, name: string, value: unknown, allowed: readonly T[]): T {
      if (typeof value !== 'string' || !allowed.includes(value as T)) {
        throw new ErrorClass(
          op,
          `unknown ${name}; expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describeValue(value)}`,
        );
      }
      return value as T;
    },
    optionKeys(op, options, allowed) {
      if (options === undefined || options === null) return;
      if (typeof options !== 'object' || Array.isArray(options))
        throw new ErrorClass(op, `options must be an object; got ${describeValue(options)}`);
      for (const key of Object.keys(options)) {
        if (!allowed.includes(key))
          throw new ErrorClass(
            op,
            `unknown option '${key}'; expected one of ${allowed.join(', ')}`,
          );
      }
    },
    finite,
    shape(op, name, shape, expected) {
      const ok =
        shape.length === expected.length && expected.every((e, i) => e === null || e === shape[i]);
      if (!ok)
        throw new ErrorClass(
          op,
          `${name} has the wrong shape; expected [${expected.map((e) => (e === null ? 'n' : e)).join(',')}], got [${shape.join(',')}]`,
        );
    },
    rng(op, name, value) {
      if (!(value instanceof Random))
        throw new ErrorClass(
          op,
          `${name} must be a Random from @termgrad/tensor; got ${describeValue(value)}`,
        );
      return value;
    },
    matrix(op, name, value, rule = {}) {
      const asColumn = rule.vectorAsColumn === true;
      let data: Float64Array;
      let rows: number;
      let cols: number;
      if (value instanceof Tensor) {
        if (value.ndim === 2 || (asColumn && value.ndim === 1)) {
          rows = value.shape[0] as number;
          cols = value.ndim === 2 ? (value.shape[1] as number) : 1;
          data = tensorCopy(value);
        } else {
          throw new ErrorClass(
            op,
            `${name} must be a 2-D tensor; expected shape [n,d]${asColumn ? ' or [n]' : ''}, got ${formatShape(value.shape)}`,
          );
        }
      } else if (asColumn && isNumericView(value)) {
        rows = value.length;
        cols = 1;
        data = Float64Array.from(value);
      } else if (Array.isArray(value)) {
        const arr = value as readonly unknown[];
        rows = arr.length;
        if (rows === 0) {
          cols = rule.cols ?? (asColumn ? 1 : 0);
          data = new Float64Array(0);
        } else if (asColumn && !isArrayLike(arr[0])) {
          cols = 1;
          data = new Float64Array(rows);
          for (let i = 0; i < rows; i++) {
            const v = arr[i];
            if (typeof v !== 'number')
              throw new ErrorClass(
                op,
                `${name} must contain numbers; expected a number at row ${i}, column 0, got ${describeValue(v)}`,
              );
            data[i] = v;
          }
        } else {
          const first = arr[0];
          if (!isArrayLike(first))
            throw new ErrorClass(
              op,
              `${name} must be an array of rows; expected an array at row 0, got ${describeValue(first)}`,
            );
          cols = first.length;
          data = new Float64Array(rows * cols);
          for (let i = 0; i < rows; i++) {
            const row = arr[i];
            if (!isArrayLike(row))
              throw new ErrorClass(
                op,
                `${name} must be an array of rows; expected an array at row ${i}, got ${describeValue(row)}`,
              );
            if (row.length !== cols)
              throw new ErrorClass(
                op,
                `${name} is ragged; expected rows of length ${cols}, got length ${row.length} at row ${i}`,
              );
            for (let j = 0; j < cols; j++) {
              const v = row[j];
              if (typeof v !== 'number')
                throw new ErrorClass(
                  op,
                  `${name} must contain numbers; expected a number at row ${i}, column ${j}, got ${describeValue(v)}`,
                );
              data[i * cols + j] = v;
            }
          }
        }
      } else {
        throw new ErrorClass(
          op,
          `${name} must be a matrix; expected a 2-D Tensor or an array of rows${asColumn ? ', or a Tensor [n], number[] or typed array as one column' : ''}, got ${describeValue(value)}`,
        );
      }
      if (rule.allowEmpty !== true) {
        if (rows === 0)
          throw new ErrorClass(op, `${name} is empty; expected at least 1 row, got 0`);
        if (cols === 0)
          throw new ErrorClass(op, `${name} has no columns; expected at least 1, got 0`);
      }
      if (rule.cols !== undefined && cols !== rule.cols)
        throw new ErrorClass(
          op,
          `${name} has the wrong number of columns; expected ${rule.cols}, got ${cols}`,
        );
      for (let k = 0; k < data.length; k++) {
        const v = data[k] as number;
        if (v - v !== 0)
          throw new ErrorClass(
            op,
            `${name} contains ${v} at row ${Math.floor(k / cols)}, column ${k % cols}; expected finite numbers`,
          );
      }
      return { data, rows, cols };
    },
    vector(op, name, value, rule = {}) {
      let data: Float64Array;
      if (value instanceof Tensor) {
        const ok =
          rule.flatten === true || value.ndim === 1 || (value.ndim === 2 && value.shape[1] === 1);
        if (!ok)
          throw new ErrorClass(
            op,
            `${name} must be a 1-D tensor; expected shape [n] or [n,1], got ${formatShape(value.shape)}`,
          );
        data = tensorCopy(value);
      } else if (isNumericView(value)) {
        data = Float64Array.from(value);
      } else if (isArrayLike(value)) {
        data = new Float64Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const v = value[i];
          if (typeof v !== 'number')
            throw new ErrorClass(
              op,
              `${name} must contain numbers; expected a number at index ${i}, got ${describeValue(v)}`,
            );
          data[i] = v;
        }
      } else {
        throw new ErrorClass(
          op,
          `${name} must be a vector; expected a Tensor or an array of numbers, got ${describeValue(value)}`,
        );
      }
      if (data.length === 0 && rule.allowEmpty !== true)
        throw new ErrorClass(op, `${name} is empty; expected at least 1 value, got 0`);
      if (rule.length !== undefined && data.length !== rule.length)
        throw new ErrorClass(
          op,
          `${name} has the wrong length; expected ${rule.length}, got ${data.length}`,
        );
      if (rule.finite !== false) finite(op, name, data);
      return data;
    },
  };
}

const warned = new Set<string>();

/**
 * Emits a one-time deprecation warning (`process.emitWarning` with type `DeprecationWarning` and
 * code `TERMGRAD_DEPRECATED`; `console.warn` where there is no `process`). Each `name` warns at most
 * once per process.
 * @returns true when this call emitted the warning.
 */
export function warnDeprecated(name: string, message: string): boolean {
  if (warned.has(name)) return false;
  warned.add(name);
  const proc = (
    globalThis as {
      process?: { emitWarning?: (m: string, o: { type: string; code: string }) => void };
    }
  ).process;
  if (proc !== undefined && typeof proc.emitWarning === 'function')
    proc.emitWarning(message, { type: 'DeprecationWarning', code: 'TERMGRAD_DEPRECATED' });
  else console.warn(`DeprecationWarning: ${message}`);
  return true;
}

/**
 * Maps deprecated option names to their new names: returns a copy of `options` with each old key
 * renamed (warning once per `op` and name), or `options` itself when none is present.
 * @throws {TermgradError} (as `ErrorClass`) when both an old name and its new name are given.
 * @example
 * ```ts
 * renameDeprecated('sgd', { lr: 0.1 }, { lr: 'learningRate' }); // { learningRate: 0.1 }, warns once
 * ```
 */
export function renameDeprecated<T extends object>(
  op: string,
  options: T,
  renames: Readonly<Record<string, string>>,
  ErrorClass: TermgradErrorClass = TermgradError,
): T {
  if (options === null || typeof options !== 'object') return options;
  let out: Record<string, unknown> | null = null;
  for (const [old, next] of Object.entries(renames)) {
    if (!Object.hasOwn(options, old)) continue;
    if (Object.hasOwn(options, next))
      throw new ErrorClass(op, `give ${next} or its deprecated alias ${old}, not both`);
    out ??= { ...(options as Record<string, unknown>) };
    out[next] = out[old];
    delete out[old];
    warnDeprecated(
      `${op}:${old}`,
      `${op}: option '${old}' is deprecated; use '${next}' (the alias is removed in the next minor version)`,
    );
  }
  return (out ?? options) as T;
}
