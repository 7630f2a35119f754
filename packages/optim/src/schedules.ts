import { renameDeprecated } from '@termgrad/tensor';
import { OptimError } from './errors.js';
import { check } from './params.js';

/** Deprecated learning-rate option names (removed in the next minor version). @internal */
export const LR_ALIASES: Readonly<Record<string, string>> = {
  lr: 'learningRate',
  minLr: 'minLearningRate',
};

/**
 * A learning-rate schedule as plain, JSON-serialisable data. Evaluate it with
 * {@link learningRateAt}; `t` counts completed optimizer steps (the first step uses `t = 0`).
 *
 * - `step`: lr · gamma^floor(t / stepSize)
 * - `exponential`: lr · gamma^t
 * - `cosine`: minLearningRate + ½ (learningRate − minLearningRate) (1 + cos(π · min(t, totalSteps) / totalSteps))
 */
export type Schedule =
  | {
      readonly type: 'step';
      readonly learningRate: number;
      readonly stepSize: number;
      readonly gamma: number;
    }
  | { readonly type: 'exponential'; readonly learningRate: number; readonly gamma: number }
  | {
      readonly type: 'cosine';
      readonly learningRate: number;
      readonly totalSteps: number;
      readonly minLearningRate: number;
    };

/** A constant learning rate or a {@link Schedule}. */
export type LearningRate = number | Schedule;

/**
 * Step decay: multiply the rate by `gamma` every `stepSize` steps. lr(t) = lr · gamma^⌊t / stepSize⌋.
 * @param options.learningRate initial rate (> 0); options.stepSize steps between decays (integer ≥ 1);
 *   options.gamma factor (default 0.1).
 * @throws {OptimError} on a non-positive rate or step size.
 * @example stepDecay({ learningRate: 0.1, stepSize: 10 }) // 0.1 for t < 10, 0.01 for 10 ≤ t < 20, …
 */
export function stepDecay(options: {
  learningRate: number;
  stepSize: number;
  gamma?: number;
}): Schedule {
  const op = 'stepDecay';
  options = renameDeprecated(op, options, LR_ALIASES, OptimError);
  return {
    type: 'step',
    learningRate: check.number(op, 'learningRate', options.learningRate, {
      min: 0,
      minExclusive: true,
    }),
    stepSize: check.number(op, 'stepSize', options.stepSize, { integer: true, min: 1 }),
    gamma: check.number(op, 'gamma', options.gamma ?? 0.1, { min: 0, minExclusive: true }),
  };
}

/**
 * Exponential decay: lr(t) = lr · gamma^t.
 * @param options.learningRate initial rate (> 0); options.gamma per-step factor (> 0, default 0.99).
 * @throws {OptimError} on invalid numbers.
 * @example learningRateAt(exponentialDecay({ learningRate: 1, gamma: 0.5 }), 3) // 0.125
 */
export function exponentialDecay(options: { learningRate: number; gamma?: number }): Schedule {
  const op = 'exponentialDecay';
  options = renameDeprecated(op, options, LR_ALIASES, OptimError);
  return {
    type: 'exponential',
    learningRate: check.number(op, 'learningRate', options.learningRate, {
      min: 0,
      minExclusive: true,
    }),
    gamma: check.number(op, 'gamma', options.gamma ?? 0.99, { min: 0, minExclusive: true }),
  };
}

/**
 * Cosine annealing (Loshchilov & Hutter, without restarts):
 * lr(t) = minLearningRate + ½ (learningRate − minLearningRate)(1 + cos(π · min(t, totalSteps) / totalSteps)); constant minLearningRate after.
 * @param options.learningRate initial rate; options.totalSteps length of the decay (≥ 1); options.minLearningRate floor (default 0).
 * @throws {OptimError} on invalid numbers or minLearningRate > learningRate.
 * @example learningRateAt(cosineDecay({ learningRate: 1, totalSteps: 10 }), 5) // 0.5
 */
export function cosineDecay(options: {
  learningRate: number;
  totalSteps: number;
  minLearningRate?: number;
}): Schedule {
  const op = 'cosineDecay';
  options = renameDeprecated(op, options, LR_ALIASES, OptimError);
  const lr = check.number(op, 'learningRate', options.learningRate, { min: 0, minExclusive: true });
  return {
    type: 'cosine',
    learningRate: lr,
    totalSteps: check.number(op, 'totalSteps', options.totalSteps, { integer: true, min: 1 }),
    minLearningRate: check.number(op, 'minLearningRate', options.minLearningRate ?? 0, {
      min: 0,
      max: lr,
    }),
  };
}

/**
 * The learning rate after `t` completed steps.
 * @param schedule a number (constant) or a {@link Schedule}.
 * @param t number of completed steps (integer ≥ 0).
 * @throws {OptimError} on an unknown schedule type or a negative / non-finite t.
 * @example learningRateAt(stepDecay({ learningRate: 1, stepSize: 2, gamma: 0.5 }), 5) // 0.25
 */
export function learningRateAt(schedule: LearningRate, t: number): number {
  check.number('learningRateAt', 't', t, { min: 0 });
  if (typeof schedule === 'number') return schedule;
  switch (schedule.type) {
    case 'step':
      return schedule.learningRate * schedule.gamma ** Math.floor(t / schedule.stepSize);
    case 'exponential':
      return schedule.learningRate * schedule.gamma ** t;
    case 'cosine': {
      const progress = Math.min(t, schedule.totalSteps) / schedule.totalSteps;
      return (
        schedule.minLearningRate +
        0.5 *
          (schedule.learningRate - schedule.minLearningRate) *
          (1 + Math.cos(Math.PI * progress))
      );
    }
    default:
      throw new OptimError(
        'learningRateAt',
        `unknown schedule type; expected step, exponential or cosine, got ${JSON.stringify((schedule as { type?: unknown }).type)}`,
      );
  }
}

/** Validates a learning-rate option (number or schedule object). @internal */
export function checkLearningRate(op: string, lr: unknown): LearningRate {
  if (typeof lr === 'number')
    return check.number(op, 'learningRate', lr, { min: 0, minExclusive: true });
  if (lr !== null && typeof lr === 'object' && 'type' in lr) {
    const s = lr as Schedule;
    if (s.type === 'step') return stepDecay(s);
    if (s.type === 'exponential') return exponentialDecay(s);
    if (s.type === 'cosine') return cosineDecay(s);
  }
  throw new OptimError(
    op,
    `learningRate must be a positive number or a schedule (stepDecay, exponentialDecay, cosineDecay); got ${JSON.stringify(lr)}`,
  );
}
