import { TermgradError } from './errors.js';
import { Random } from './random.js';

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
}

/** Short description of a value for messages: `null`, `"abc"`, `NaN`, `an array`, `object`. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return 'an array';
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
    finite(op, name, data) {
      for (let i = 0; i < data.length; i++) {
        const v = data[i] as number;
        // v - v is 0 for finite numbers and NaN for NaN, ±Infinity and non-numbers
        if (typeof v !== 'number' || v - v !== 0)
          throw new ErrorClass(
            op,
            `${name} contains ${describeValue(v)} at index ${i}; expected finite numbers`,
          );
      }
    },
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
