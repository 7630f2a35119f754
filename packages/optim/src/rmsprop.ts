import { renameDeprecated } from '@termgrad/tensor';
import { RULE_RMSPROP, rmspropRange } from './elementwise.js';
import { OptimError } from './errors.js';
import { BaseOptimizer, type Optimizer, readOptions } from './optimizer.js';
import { check, type ParamArray } from './params.js';
import { checkLearningRate, type LearningRate, LR_ALIASES } from './schedules.js';

/** Options of {@link rmsprop}. */
export interface RmspropOptions {
  /** Learning rate η: a positive number or a schedule (default 0.001). */
  learningRate?: LearningRate;
  /** @deprecated Use `learningRate` (warns once; removed in the next minor version). */
  lr?: LearningRate;
  /** Decay of the running mean of squared gradients (default 0.9). */
  rho?: number;
  /** Added to √s in the denominator (default 1e-8). */
  epsilon?: number;
  /** L2 weight decay λ added to the gradient, g + λ·w (default 0). */
  weightDecay?: number;
}

class Rmsprop extends BaseOptimizer {
  readonly type = 'rmsprop' as const;
  constructor(
    lr: LearningRate,
    private readonly rho: number,
    private readonly epsilon: number,
    private readonly weightDecay: number,
  ) {
    super(lr, ['meanSquare']);
  }

  readonly rule = RULE_RMSPROP;

  protected update(i: number, p: ParamArray, g: ParamArray, lr: number): void {
    const s = this.slots['meanSquare']?.[i] as Float64Array;
    rmspropRange(p, g, s, 0, p.length, lr, this.rho, this.epsilon, this.weightDecay);
  }

  protected coefficients(lr: number, _t: number, out: Float64Array): void {
    out[0] = lr;
    out[1] = this.rho;
    out[2] = this.epsilon;
    out[3] = this.weightDecay;
  }

  protected options(): Record<string, number> {
    return { rho: this.rho, epsilon: this.epsilon, weightDecay: this.weightDecay };
  }
}

/**
 * RMSProp (Hinton, 2012): s ← ρs + (1−ρ)g²; w ← w − lr·g/(√s + ε).
 *
 * @throws {OptimError} on a non-positive lr, ρ outside [0, 1), ε ≤ 0 or an unknown option.
 * @example
 * ```ts
 * const w = new Float64Array([1]);
 * rmsprop({ learningRate: 0.01, rho: 0.9 }).step([w], [new Float64Array([2])]);
 * console.log(w[0]); // 1 − 0.01·2/√0.4 ≈ 0.96838
 * ```
 */
export function rmsprop(options?: RmspropOptions): Optimizer {
  const op = 'rmsprop';
  const o = readOptions(
    op,
    options === undefined ? undefined : renameDeprecated(op, options, LR_ALIASES, OptimError),
    ['learningRate', 'rho', 'epsilon', 'weightDecay'],
  );
  return new Rmsprop(
    checkLearningRate(op, o.learningRate ?? 0.001),
    check.number(op, 'rho', o.rho ?? 0.9, { min: 0, max: 1, maxExclusive: true }),
    check.number(op, 'epsilon', o.epsilon ?? 1e-8, { min: 0, minExclusive: true }),
    check.number(op, 'weightDecay', o.weightDecay ?? 0, { min: 0 }),
  );
}
