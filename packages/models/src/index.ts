// classical models

export { TermgradError } from '@termgrad/tensor';
// multilayer perceptron
export type { Activation, OutputActivation } from './activations.js';
export { ModelError } from './errors.js';
export {
  type FeatureMap,
  type FeatureMapJSON,
  featureMapFromJSON,
  type GaussianBasis,
  type GaussianBasisOptions,
  gaussianBasis,
  polynomialFeatureMap,
  polynomialFeatures,
} from './features.js';
export {
  GaussianGenerativeClassifier,
  type GaussianGenerativeJSON,
  type GaussianGenerativeOptions,
} from './generative-classifier.js';
export type { Initializer } from './initializers.js';
export type { MatrixLike, VectorLike } from './input.js';
export { indicesToPlusMinusOne, plusMinusOneToIndices } from './labels.js';
export {
  composeLinear,
  LinearClassifier,
  type LinearClassifierJSON,
  type LinearMap,
} from './linear-classifier.js';
export {
  type ClassifierFitInfo,
  type LogisticFitOptions,
  LogisticRegression,
  type LogisticRegressionJSON,
  type LogisticRegressionOptions,
  type SeparableAction,
} from './logistic-regression.js';
export type { Loss } from './losses.js';
export { MLP } from './mlp.js';
export type { MLPFitOptions, MLPHistory } from './mlp-fit.js';
export type { MLPInput, MLPTarget } from './mlp-input.js';
export { createMlpTask, type MLPTask, type MLPTaskOptions } from './mlp-task.js';
export type { MLPEvaluation, MLPJSON, MLPOptions, Regularization } from './mlp-types.js';
export { type AnyModel, type ClassicalModel, modelFromJSON } from './model-from-json.js';
export {
  type CrossValidationOptions,
  type CrossValidationResult,
  crossValidate,
  type ModelScore,
  type ModelSelection,
  type SelectModelOptions,
  selectModel,
} from './model-selection.js';
export type { IterationInfo } from './optimize.js';
export {
  Perceptron,
  type PerceptronEpoch,
  type PerceptronFitInfo,
  type PerceptronFitOptions,
  type PerceptronJSON,
  type PerceptronOptions,
} from './perceptron.js';
export {
  PLAYGROUND_FEATURE_FUNCTIONS,
  PLAYGROUND_FEATURES,
  type PlaygroundFeature,
  playgroundFeatures,
} from './playground-features.js';
export {
  PlaygroundTrainer,
  type PlaygroundTrainerOptions,
  type PlaygroundTrainerState,
} from './playground-trainer.js';
export {
  type PolynomialFitInfo,
  PolynomialRegression,
  type PolynomialRegressionJSON,
  type PolynomialRegressionOptions,
} from './polynomial-regression.js';
export {
  type JsonNumber,
  MODEL_SCHEMA_VERSION,
  type ModelDocumentHeader,
} from './serialization.js';
export {
  type SoftmaxFitOptions,
  SoftmaxRegression,
  type SoftmaxRegressionJSON,
  type SoftmaxRegressionOptions,
} from './softmax-regression.js';
