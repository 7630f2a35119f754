import { OptimError } from './errors.js';
import { checkNumber } from './params.js';

/**
 * A learning-rate schedule as plain, JSON-serialisable data. Evaluate it with
 * {@link learningRateAt}; `t` counts completed optimizer steps (the first step uses `t = 0`).
 *
 * - `step`: lr · gamma^floor(t / stepSize)
 * - `exponential`: lr · gamma^t
 * - `cosine`: minLr + ½ (lr − minLr) (1 + cos(π · min(t, totalSteps) / totalSteps))
 */
export type Schedule =
  | { readonly type: 'step'; readonly lr: number; readonly stepSize: number; readonly gamma: number }
  | { readonly type: 'exponential'; readonly lr: number; readonly gamma: number }
  | { readonly type: 'cosine'; readonly lr: number; readonly totalSteps: number; readonly minLr: number };

/** A constant learning rate or a {@link Schedule}. */
export type LearningRate = number | Schedule;

/**
 * Step decay: multiply the rate by `gamma` every `stepSize` steps. lr(t) = lr · gamma^⌊t / stepSize⌋.
 * @param options.lr initial rate (> 0); options.stepSize steps between decays (integer ≥ 1);
 *   options.gamma factor (default 0.1).
 * @throws {OptimError} on a non-positive rate or step size.
 * @example stepDecay({ lr: 0.1, stepSize: 10 }) // lr 0.1 for t < 10, 0.01 for 10 ≤ t < 20, …
 */
export function stepDecay(options: { lr: number; stepSize: number; gamma?: number }): Schedule {
  const op = 'stepDecay';
  return {
    type: 'step',
    lr: checkNumber(op, 'lr', options.lr, (v) => v > 0, 'a positive number'),
    stepSize: checkNumber(op, 'stepSize', options.stepSize, (v) => Number.isInteger(v) && v >= 1, 'an integer ≥ 1'),
    gamma: checkNumber(op, 'gamma', options.gamma ?? 0.1, (v) => v > 0, 'a positive number'),
  };
}

/**
 * Exponential decay: lr(t) = lr · gamma^t.
 * @param options.lr initial rate (> 0); options.gamma per-step factor (> 0, default 0.99).
 * @throws {OptimError} on invalid numbers.
 * @example learningRateAt(exponentialDecay({ lr: 1, gamma: 0.5 }), 3) // 0.125
 */
export function exponentialDecay(options: { lr: number; gamma?: number }): Schedule {
  const op = 'exponentialDecay';
  return {
    type: 'exponential',
    lr: checkNumber(op, 'lr', options.lr, (v) => v > 0, 'a positive number'),
    gamma: checkNumber(op, 'gamma', options.gamma ?? 0.99, (v) => v > 0, 'a positive number'),
  };
}

/**
 * Cosine annealing (Loshchilov & Hutter, without restarts):
 * lr(t) = minLr + ½ (lr − minLr)(1 + cos(π · min(t, totalSteps) / totalSteps)); constant minLr after.
 * @param options.lr initial rate; options.totalSteps length of the decay (≥ 1); options.minLr floor (default 0).
 * @throws {OptimError} on invalid numbers or minLr > lr.
 * @example learningRateAt(cosineDecay({ lr: 1, totalSteps: 10 }), 5) // 0.5
 */
export function cosineDecay(options: { lr: number; totalSteps: number; minLr?: number }): Schedule {
  const op = 'cosineDecay';
  const lr = checkNumber(op, 'lr', options.lr, (v) => v > 0, 'a positive number');
  return {
    type: 'cosine',
    lr,
    totalSteps: checkNumber(op, 'totalSteps', options.totalSteps, (v) => Number.isInteger(v) && v >= 1, 'an integer ≥ 1'),
    minLr: checkNumber(op, 'minLr', options.minLr ?? 0, (v) => v >= 0 && v <= lr, `a number in [0, lr = ${lr}]`),
  };
}

/**
 * The learning rate after `t` completed steps.
 * @param schedule a number (constant) or a {@link Schedule}.
 * @param t number of completed steps (integer ≥ 0).
 * @throws {OptimError} on an unknown schedule type or a negative / non-finite t.
 * @example learningRateAt(stepDecay({ lr: 1, stepSize: 2, gamma: 0.5 }), 5) // 0.25
 */
export function learningRateAt(schedule: LearningRate, t: number): number {
  if (!(t >= 0) || !Number.isFinite(t)) throw new OptimError('learningRateAt', `step t must be a finite number >= 0, got ${String(t)}`);
  if (typeof schedule === 'number') return schedule;
  switch (schedule.type) {
    case 'step':
      return schedule.lr * Math.pow(schedule.gamma, Math.floor(t / schedule.stepSize));
    case 'exponential':
      return schedule.lr * Math.pow(schedule.gamma, t);
    case 'cosine': {
      const progress = Math.min(t, schedule.totalSteps) / schedule.totalSteps;
      return schedule.minLr + 0.5 * (schedule.lr - schedule.minLr) * (1 + Math.cos(Math.PI * progress));
    }
    default:
      throw new OptimError('learningRateAt', `unknown schedule type; expected step, exponential or cosine, got ${JSON.stringify((schedule as { type?: unknown }).type)}`);
  }
}

/** Validates a learning-rate option (number or schedule object). @internal */
export function checkLearningRate(op: string, lr: unknown): LearningRate {
  if (typeof lr === 'number') return checkNumber(op, 'lr', lr, (v) => v > 0, 'a positive number or a schedule');
  if (lr !== null && typeof lr === 'object' && 'type' in lr) {
    const s = lr as Schedule;
    if (s.type === 'step') return stepDecay(s);
    if (s.type === 'exponential') return exponentialDecay(s);
    if (s.type === 'cosine') return cosineDecay(s);
  }
  throw new OptimError(op, `option lr must be a positive number or a schedule (stepDecay, exponentialDecay, cosineDecay); got ${JSON.stringify(lr)}`);
}
