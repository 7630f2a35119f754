import { renameDeprecated } from '@termgrad/tensor';
import { RULE_SGD, sgdRange } from './elementwise.js';
import { OptimError } from './errors.js';
import { BaseOptimizer, type Optimizer, readOptions } from './optimizer.js';
import { check, type ParamArray } from './params.js';
import { checkLearningRate, type LearningRate, LR_ALIASES } from './schedules.js';

/** Options of {@link sgd}. */
export interface SgdOptions {
  /** Learning rate η: a positive number or a schedule (default 0.01). */
  learningRate?: LearningRate;
  /** @deprecated Use `learningRate` (warns once; removed in the next minor version). */
  lr?: LearningRate;
  /** Momentum coefficient μ in [0, 1) (default 0: plain SGD). */
  momentum?: number;
  /** Nesterov momentum (default false; needs momentum > 0). */
  nesterov?: boolean;
  /** L2 weight decay λ added to the gradient, g + λ·w (default 0). */
  weightDecay?: number;
}

class Sgd extends BaseOptimizer {
  readonly type = 'sgd' as const;
  constructor(
    lr: LearningRate,
    private readonly momentum: number,
    private readonly nesterov: boolean,
    private readonly weightDecay: number,
  ) {
    super(lr, momentum > 0 ? ['velocity'] : []);
  }

  readonly rule = RULE_SGD;

  protected update(i: number, p: ParamArray, g: ParamArray, lr: number): void {
    const v = this.momentum === 0 ? undefined : this.slots['velocity']?.[i];
    sgdRange(p, g, v, 0, p.length, lr, this.momentum, this.nesterov, this.weightDecay);
  }

  protected coefficients(lr: number, _t: number, out: Float64Array): void {
    out[0] = lr;
    out[1] = this.momentum;
    out[2] = this.nesterov ? 1 : 0;
    out[3] = this.weightDecay;
  }

  protected options(): Record<string, number | boolean> {
    return { momentum: this.momentum, nesterov: this.nesterov, weightDecay: this.weightDecay };
  }
}

/**
 * Stochastic gradient descent with optional (Nesterov) momentum and weight decay, in the
 * PyTorch formulation: g ← g + λw; v ← μv + g; w ← w − lr·v (Nesterov: w ← w − lr·(g + μv)).
 * Without momentum this is the lecture's update W ← W − η∇E.
 *
 * @throws {OptimError} on a non-positive lr, momentum outside [0, 1), Nesterov without momentum,
 *   negative weight decay or an unknown option.
 * @example
 * ```ts
 * const w = new Float64Array([1, 2]);
 * const opt = sgd({ learningRate: 0.1, momentum: 0.9 });
 * opt.step([w], [new Float64Array([1, 1])]);
 * console.log(w); // Float64Array [0.9, 1.9]
 * ```
 */
export function sgd(options?: SgdOptions): Optimizer {
  const op = 'sgd';
  const o = readOptions(
    op,
    options === undefined ? undefined : renameDeprecated(op, options, LR_ALIASES, OptimError),
    ['learningRate', 'momentum', 'nesterov', 'weightDecay'],
  );
  const lr = checkLearningRate(op, o.learningRate ?? 0.01);
  const momentum = check.number(op, 'momentum', o.momentum ?? 0, {
    min: 0,
    max: 1,
    maxExclusive: true,
  });
  const nesterov = o.nesterov ?? false;
  if (typeof nesterov !== 'boolean')
    throw new OptimError(op, `nesterov must be a boolean; got ${String(nesterov)}`);
  if (nesterov && momentum === 0)
    throw new OptimError(op, 'momentum must be positive when nesterov is true; got 0');
  const weightDecay = check.number(op, 'weightDecay', o.weightDecay ?? 0, { min: 0 });
  return new Sgd(lr, momentum, nesterov, weightDecay);
}
