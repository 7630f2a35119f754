import { renameDeprecated } from '@termgrad/tensor';
import { adamRange, RULE_ADAM } from './elementwise.js';
import { OptimError } from './errors.js';
import { BaseOptimizer, type Optimizer, readOptions } from './optimizer.js';
import { check, type ParamArray } from './params.js';
import { checkLearningRate, type LearningRate, LR_ALIASES } from './schedules.js';

/** Options of {@link adam}. */
export interface AdamOptions {
  /** Learning rate η: a positive number or a schedule (default 0.001). */
  learningRate?: LearningRate;
  /** @deprecated Use `learningRate` (warns once; removed in the next minor version). */
  lr?: LearningRate;
  /** Decay of the first-moment estimate (default 0.9). */
  beta1?: number;
  /** Decay of the second-moment estimate (default 0.999). */
  beta2?: number;
  /** Added to √v̂ in the denominator (default 1e-8). */
  epsilon?: number;
  /** L2 weight decay λ added to the gradient, g + λ·w (default 0). */
  weightDecay?: number;
}

class Adam extends BaseOptimizer {
  readonly type = 'adam' as const;
  constructor(
    lr: LearningRate,
    private readonly beta1: number,
    private readonly beta2: number,
    private readonly epsilon: number,
    private readonly weightDecay: number,
  ) {
    super(lr, ['m', 'v']);
  }

  readonly rule = RULE_ADAM;

  protected update(i: number, p: ParamArray, g: ParamArray, lr: number, t: number): void {
    const m = this.slots['m']?.[i] as Float64Array;
    const v = this.slots['v']?.[i] as Float64Array;
    const b1 = this.beta1;
    const b2 = this.beta2;
    adamRange(
      p,
      g,
      m,
      v,
      0,
      p.length,
      lr,
      b1,
      b2,
      1 - b1 ** t,
      1 - b2 ** t,
      this.epsilon,
      this.weightDecay,
    );
  }

  protected coefficients(lr: number, t: number, out: Float64Array): void {
    out[0] = lr;
    out[1] = this.beta1;
    out[2] = this.beta2;
    out[3] = 1 - this.beta1 ** t;
    out[4] = 1 - this.beta2 ** t;
    out[5] = this.epsilon;
    out[6] = this.weightDecay;
  }

  protected options(): Record<string, number> {
    return {
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      weightDecay: this.weightDecay,
    };
  }
}

/**
 * Adam (Kingma & Ba, 2015) with bias correction:
 * m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; m̂ = m/(1−β₁ᵗ); v̂ = v/(1−β₂ᵗ); w ← w − lr·m̂/(√v̂ + ε).
 * The first step therefore moves each weight by ≈ lr·sign(g).
 *
 * @throws {OptimError} on a non-positive lr, betas outside [0, 1), ε ≤ 0 or an unknown option.
 * @example
 * ```ts
 * const w = new Float64Array([1]);
 * adam({ learningRate: 0.1 }).step([w], [new Float64Array([5])]);
 * console.log(w[0]); // ≈ 0.9
 * ```
 */
export function adam(options?: AdamOptions): Optimizer {
  const op = 'adam';
  const o = readOptions(
    op,
    options === undefined ? undefined : renameDeprecated(op, options, LR_ALIASES, OptimError),
    ['learningRate', 'beta1', 'beta2', 'epsilon', 'weightDecay'],
  );
  return new Adam(
    checkLearningRate(op, o.learningRate ?? 0.001),
    check.number(op, 'beta1', o.beta1 ?? 0.9, { min: 0, max: 1, maxExclusive: true }),
    check.number(op, 'beta2', o.beta2 ?? 0.999, { min: 0, max: 1, maxExclusive: true }),
    check.number(op, 'epsilon', o.epsilon ?? 1e-8, { min: 0, minExclusive: true }),
    check.number(op, 'weightDecay', o.weightDecay ?? 0, { min: 0 }),
  );
}
