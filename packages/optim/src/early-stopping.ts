import { OptimError } from './errors.js';
import { check, type Param, type ParamArray, paramArray } from './params.js';

/** Options of {@link EarlyStopping}. */
export interface EarlyStoppingOptions {
  /** Evaluations without improvement tolerated before stopping (integer ≥ 0, default 5). */
  patience?: number;
  /** An improvement must beat the best value by more than this (≥ 0, default 0). */
  minDelta?: number;
  /** `'min'` (default) for losses, `'max'` for accuracies. */
  mode?: 'min' | 'max';
  /** Keep a copy of the parameters at the best value so they can be restored (default true). */
  restoreBest?: boolean;
}

/** What {@link EarlyStopping.update} decided. */
export interface EarlyStoppingDecision {
  /** The value beat the best so far by more than minDelta. */
  readonly improved: boolean;
  /** Patience is exhausted: stop training. */
  readonly stop: boolean;
}

/**
 * Early stopping on a validation metric — step 5 of the lecture's SGD algorithm ("if the
 * validation error decreases, go to step 2, otherwise stop"), with patience: stop after
 * `patience` consecutive evaluations that did not improve on the best by more than `minDelta`.
 * With `restoreBest`, `update` copies the parameters whenever the metric improves and
 * `restore(params)` writes the best copy back.
 *
 * @example
 * ```ts
 * const es = new EarlyStopping({ patience: 2 });
 * for (const v of [3, 2, 2.5, 2.4]) console.log(es.update(v, [w]).stop); // false false false true
 * es.restore([w]); // w is back to its value when the loss was 2
 * ```
 */
export class EarlyStopping {
  readonly patience: number;
  readonly minDelta: number;
  readonly mode: 'min' | 'max';
  readonly restoreBest: boolean;
  private bestValue: number;
  private bestAt = -1;
  private count = 0;
  private waited = 0;
  private saved: ParamArray[] | null = null;

  /** @throws {OptimError} on invalid options. */
  constructor(options: EarlyStoppingOptions = {}) {
    const op = 'EarlyStopping';
    check.optionKeys(op, options, ['patience', 'minDelta', 'mode', 'restoreBest']);
    this.patience = check.number(op, 'patience', options.patience ?? 5, { integer: true, min: 0 });
    this.minDelta = check.number(op, 'minDelta', options.minDelta ?? 0, { min: 0 });
    const mode = options.mode ?? 'min';
    if (mode !== 'min' && mode !== 'max')
      throw new OptimError(op, `option mode must be 'min' or 'max'; got ${JSON.stringify(mode)}`);
    this.mode = mode;
    this.restoreBest = options.restoreBest ?? true;
    this.bestValue = mode === 'min' ? Infinity : -Infinity;
  }

  /** Best value seen so far (±Infinity before the first update). */
  get best(): number {
    return this.bestValue;
  }

  /** 0-based index of the update that produced the best value (−1 before any). */
  get bestIndex(): number {
    return this.bestAt;
  }

  /** Consecutive updates without improvement. */
  get wait(): number {
    return this.waited;
  }

  /** True once patience is exhausted. */
  get stopped(): boolean {
    return this.waited > this.patience;
  }

  /** True when a best-parameter copy exists. */
  get hasBest(): boolean {
    return this.saved !== null;
  }

  /**
   * Records one evaluation. NaN counts as no improvement.
   * @param value the validation metric.
   * @param params parameters to copy when the value improves (needed for `restore`).
   * @throws {OptimError} when value is not a number.
   */
  update(value: number, params?: readonly Param[]): EarlyStoppingDecision {
    if (typeof value !== 'number')
      throw new OptimError('EarlyStopping.update', `value must be a number; got ${typeof value}`);
    const index = this.count++;
    const improved =
      this.mode === 'min'
        ? value < this.bestValue - this.minDelta
        : value > this.bestValue + this.minDelta;
    if (improved) {
      this.bestValue = value;
      this.bestAt = index;
      this.waited = 0;
      if (this.restoreBest && params !== undefined) this.save(params);
    } else {
      this.waited++;
    }
    return { improved, stop: this.waited > this.patience };
  }

  /**
   * Copies the best parameters into `params` (same list and lengths as saved).
   * @returns false when nothing was saved (no improvement seen or restoreBest false).
   * @throws {OptimError} when the lists do not match the saved copy.
   */
  restore(params: readonly Param[]): boolean {
    if (this.saved === null) return false;
    const op = 'EarlyStopping.restore';
    if (params.length !== this.saved.length)
      throw new OptimError(
        op,
        `expected ${this.saved.length} parameter buffers, got ${params.length}`,
      );
    for (let i = 0; i < params.length; i++) {
      const target = paramArray(op, params[i] as Param, `param ${i}`);
      const source = this.saved[i] as ParamArray;
      if (target.length !== source.length)
        throw new OptimError(
          op,
          `param ${i} has the wrong length; expected ${source.length}, got ${target.length}`,
        );
      target.set(source);
    }
    return true;
  }

  /** The saved best parameters (copies), or null. */
  bestParams(): ParamArray[] | null {
    return this.saved === null ? null : this.saved.map((a) => a.slice());
  }

  /** Forgets everything (best value, patience counter, saved parameters). */
  reset(): void {
    this.bestValue = this.mode === 'min' ? Infinity : -Infinity;
    this.bestAt = -1;
    this.count = 0;
    this.waited = 0;
    this.saved = null;
  }

  private save(params: readonly Param[]): void {
    const arrays = params.map((p, i) => paramArray('EarlyStopping.update', p, `param ${i}`));
    if (
      this.saved === null ||
      this.saved.length !== arrays.length ||
      this.saved.some(
        (s, i) => s.length !== arrays[i]?.length || s.constructor !== arrays[i]?.constructor,
      )
    ) {
      this.saved = arrays.map((a) => a.slice());
    } else {
      for (let i = 0; i < arrays.length; i++)
        (this.saved[i] as ParamArray).set(arrays[i] as ParamArray);
    }
  }
}
