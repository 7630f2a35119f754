// errors
export { OptimError } from './errors.js';
export { TermgradError } from '@termgrad/tensor';
export type { Param, ParamArray, TensorLike } from './params.js';

// optimizers and schedules
export { adam, type AdamOptions } from './adam.js';
export { fromState } from './from-state.js';
export type { Optimizer, OptimizerState, OptimizerType } from './optimizer.js';
export { rmsprop, type RmspropOptions } from './rmsprop.js';
export { cosineDecay, exponentialDecay, learningRateAt, stepDecay, type LearningRate, type Schedule } from './schedules.js';
export { sgd, type SgdOptions } from './sgd.js';

// mini-batches and early stopping
export { EarlyStopping, type EarlyStoppingDecision, type EarlyStoppingOptions } from './early-stopping.js';
export { minibatches, type MinibatchOptions } from './minibatches.js';

// generic objectives
export { checkGradient, type CheckGradientOptions, type GradientCheckReport } from './check-gradient.js';
export { gradientDescent, type GradientDescentOptions, type GradientDescentResult } from './gradient-descent.js';

// training driver
export { train } from './driver/train.js';
export { DEFAULT_DIVERGENCE, Trainer } from './driver/trainer.js';
export type { DivergenceRule, DoneReason, TrainEvaluation, TrainEvent, TrainLoopOptions, TrainOptions, TrainSnapshot, TrainTask } from './driver/types.js';
