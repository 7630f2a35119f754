import { warnDeprecated } from '@termgrad/tensor';
import type { ElementwiseOptimizer } from './elementwise.js';
import { OptimError } from './errors.js';
import { check, describe, type Param, type ParamArray, resolvePairs } from './params.js';
import { checkLearningRate, type LearningRate, learningRateAt } from './schedules.js';

/** The optimizers this package provides. */
export type OptimizerType = 'sgd' | 'adam' | 'rmsprop';

/**
 * The complete, JSON-serialisable state of an optimizer: its options, the number of completed
 * steps `t` and its per-parameter slot buffers (momentum, moment estimates) as plain number arrays.
 * `fromState(opt.state())` continues exactly where `opt` stopped.
 */
export interface OptimizerState {
  readonly type: OptimizerType;
  readonly version: 1;
  readonly options: Readonly<Record<string, number | boolean | LearningRate>>;
  readonly t: number;
  readonly slots: Readonly<Record<string, readonly (readonly number[])[]>>;
}

/**
 * An optimizer over a flat list of parameter buffers. `step(params, grads)` updates every
 * `params[i]` in place from `grads[i]` (same lengths); state is created on the first step and
 * the parameter list must keep the same lengths afterwards.
 */
export interface Optimizer {
  /** Which algorithm this is. */
  readonly type: OptimizerType;
  /** Completed steps. */
  readonly t: number;
  /** The learning rate the next step will use (the schedule evaluated at `t`). */
  readonly learningRate: number;
  /** @deprecated Use {@link learningRate} (warns once; removed in the next minor version). */
  readonly lr: number;
  /** Updates the parameters in place. @throws {OptimError} on mismatched lists or lengths. */
  step(params: readonly Param[], grads: readonly Param[]): void;
  /** Replaces the learning rate or schedule (e.g. a UI slider); `t` and slots are kept. */
  setLearningRate(lr: LearningRate): void;
  /** A deep, JSON-serialisable copy of the state. */
  state(): OptimizerState;
  /** Forgets slots and sets t = 0 (options are kept). */
  reset(): void;
}

/** Shared machinery: options, step counter, lazily created Float64 slot buffers. @internal */
export abstract class BaseOptimizer implements Optimizer, ElementwiseOptimizer {
  abstract readonly type: OptimizerType;
  /** Its elementwise rule (RULE_* of elementwise.ts). @internal */
  abstract readonly rule: number;
  protected schedule: LearningRate;
  protected slots: Record<string, Float64Array[]> = {};
  protected lengths: number[] | null = null;
  private steps = 0;

  protected constructor(
    lr: LearningRate,
    /** @internal */
    readonly slotNames: readonly string[],
  ) {
    this.schedule = lr;
  }

  get t(): number {
    return this.steps;
  }

  get learningRate(): number {
    return learningRateAt(this.schedule, this.steps);
  }

  /** @deprecated Use {@link learningRate}. */
  get lr(): number {
    warnDeprecated(
      'Optimizer.lr',
      "Optimizer.lr is deprecated; use 'learningRate' (the alias is removed in the next minor version)",
    );
    return learningRateAt(this.schedule, this.steps);
  }

  setLearningRate(lr: LearningRate): void {
    this.schedule = checkLearningRate(`${this.type}.setLearningRate`, lr);
  }

  step(params: readonly Param[], grads: readonly Param[]): void {
    const op = `${this.type}.step`;
    const lengths = this.lengths;
    // Fast path (no allocation): plain typed arrays matching the lengths seen on the first step.
    let fast =
      lengths !== null &&
      Array.isArray(params) &&
      Array.isArray(grads) &&
      params.length === lengths.length &&
      grads.length === lengths.length;
    for (let i = 0; fast && i < params.length; i++) {
      const p = params[i];
      const g = grads[i];
      fast =
        (p instanceof Float64Array || p instanceof Float32Array) &&
        (g instanceof Float64Array || g instanceof Float32Array) &&
        p.length === lengths![i] &&
        g.length === p.length;
    }
    let p: readonly ParamArray[];
    let g: readonly ParamArray[];
    if (fast) {
      p = params as readonly ParamArray[];
      g = grads as readonly ParamArray[];
    } else {
      ({ p, g } = resolvePairs(op, params, grads));
      if (lengths === null) {
        this.lengths = p.map((x) => x.length);
        for (const name of this.slotNames)
          this.slots[name] = p.map((x) => new Float64Array(x.length));
      } else if (lengths.length !== p.length || lengths.some((n, i) => n !== p[i]?.length)) {
        throw new OptimError(
          op,
          `parameter list changed since the first step; expected lengths [${lengths.join(',')}], got [${p.map((x) => x.length).join(',')}]`,
        );
      }
    }
    const lr = this.learningRate;
    this.steps++;
    for (let i = 0; i < p.length; i++)
      this.update(i, p[i] as ParamArray, g[i] as ParamArray, lr, this.steps);
  }

  /** @internal See {@link ElementwiseOptimizer.beginSharedStep}. */
  beginSharedStep(
    lengths: readonly number[],
    views: Readonly<Record<string, readonly Float64Array[]>>,
    out: Float64Array,
  ): boolean {
    const own = this.lengths;
    if (own !== null) {
      if (own.length !== lengths.length) return false;
      for (let i = 0; i < own.length; i++) if (own[i] !== lengths[i]) return false;
    }
    for (const name of this.slotNames) {
      const to = views[name];
      if (to === undefined || to.length !== lengths.length) return false;
      for (let i = 0; i < to.length; i++) if (to[i]?.length !== lengths[i]) return false;
    }
    for (const name of this.slotNames) {
      const to = views[name] as readonly Float64Array[];
      const from = this.slots[name];
      let same = from !== undefined && from.length === to.length;
      for (let i = 0; same && i < to.length; i++) same = from?.[i] === to[i];
      if (same) continue;
      for (let i = 0; i < to.length; i++) {
        const src = from?.[i];
        if (src === undefined) (to[i] as Float64Array).fill(0);
        else (to[i] as Float64Array).set(src);
      }
      this.slots[name] = to.slice();
    }
    if (own === null) this.lengths = lengths.slice();
    this.coefficients(this.learningRate, this.steps + 1, out);
    return true;
  }

  /** @internal See {@link ElementwiseOptimizer.detachSlots}. */
  detachSlots(): void {
    for (const name of this.slotNames) {
      const list = this.slots[name];
      if (list !== undefined) this.slots[name] = list.map((a) => a.slice());
    }
  }

  /** @internal See {@link ElementwiseOptimizer.endSharedStep}. */
  endSharedStep(): void {
    this.steps++;
  }

  /** Writes the coefficient block of step `t` (1-based) with learning rate `lr` (see elementwise.ts). */
  protected abstract coefficients(lr: number, t: number, out: Float64Array): void;

  /** Updates parameter `i`; `t` is the 1-based index of this step. */
  protected abstract update(i: number, p: ParamArray, g: ParamArray, lr: number, t: number): void;

  protected abstract options(): Record<string, number | boolean | LearningRate>;

  state(): OptimizerState {
    const slots: Record<string, number[][]> = {};
    for (const name of this.slotNames)
      slots[name] = (this.slots[name] ?? []).map((s) => Array.from(s));
    return {
      type: this.type,
      version: 1,
      options: { ...this.options(), learningRate: this.schedule },
      t: this.steps,
      slots,
    };
  }

  reset(): void {
    this.steps = 0;
    this.slots = {};
    this.lengths = null;
  }

  /** Restores `t` and slots from a state document. @internal */
  restore(state: OptimizerState): this {
    const op = 'fromState';
    if (!Number.isInteger(state.t) || state.t < 0)
      throw new OptimError(op, `t must be an integer ≥ 0; got ${String(state.t)}`);
    this.steps = state.t;
    const slots = state.slots ?? {};
    let lengths: number[] | null = null;
    for (const name of this.slotNames) {
      const list = slots[name];
      if (list === undefined || list.length === 0) continue;
      if (!Array.isArray(list))
        throw new OptimError(op, `slot ${name} must be an array of arrays; got ${describe(list)}`);
      const arrays = list.map((a) => Float64Array.from(a));
      const ls = arrays.map((a) => a.length);
      if (
        lengths !== null &&
        (lengths.length !== ls.length || lengths.some((n, i) => n !== ls[i]))
      ) {
        throw new OptimError(
          op,
          `slot ${name} lengths [${ls.join(',')}] differ from the other slots [${lengths.join(',')}]`,
        );
      }
      lengths = ls;
      this.slots[name] = arrays;
    }
    if (lengths !== null) {
      for (const name of this.slotNames) {
        if (this.slots[name] === undefined)
          this.slots[name] = lengths.map((n) => new Float64Array(n));
      }
    }
    this.lengths = lengths;
    return this;
  }
}

/** Validates an options object's keys and returns it typed. @internal */
export function readOptions<T extends object>(
  op: string,
  options: T | undefined,
  allowed: readonly string[],
): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object')
    throw new OptimError(op, `options must be an object; got ${describe(options)}`);
  check.optionKeys(op, options, allowed);
  return options;
}
