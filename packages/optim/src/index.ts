// errors

export { TermgradError } from '@termgrad/tensor';
// optimizers and schedules
export { type AdamOptions, adam } from './adam.js';
// generic objectives
export {
  type CheckGradientOptions,
  checkGradient,
  type GradientCheckReport,
} from './check-gradient.js';
// training driver
export { train } from './driver/train.js';
export { DEFAULT_DIVERGENCE, Trainer } from './driver/trainer.js';
export type {
  DivergenceRule,
  DoneReason,
  TrainEvaluation,
  TrainEvent,
  TrainLoopOptions,
  TrainOptions,
  TrainSnapshot,
  TrainTask,
} from './driver/types.js';
// mini-batches and early stopping
export {
  EarlyStopping,
  type EarlyStoppingDecision,
  type EarlyStoppingOptions,
} from './early-stopping.js';
// data-parallel trainers (internal: @termgrad/models' worker pool)
export {
  applyRule,
  type ElementwiseOptimizer,
  elementwiseOptimizer,
  RULE_COEFFICIENTS,
} from './elementwise.js';
export { OptimError } from './errors.js';
export { fromState } from './from-state.js';
export {
  type GradientDescentOptions,
  type GradientDescentResult,
  gradientDescent,
} from './gradient-descent.js';
export { type MinibatchOptions, minibatches } from './minibatches.js';
export type { Optimizer, OptimizerState, OptimizerType } from './optimizer.js';
export type { Param, ParamArray, TensorLike } from './params.js';
export { type RmspropOptions, rmsprop } from './rmsprop.js';
export {
  cosineDecay,
  exponentialDecay,
  type LearningRate,
  learningRateAt,
  type Schedule,
  stepDecay,
} from './schedules.js';
export { type SgdOptions, sgd } from './sgd.js';
