// classical models
export { ModelError } from './errors.js';
export { TermgradError } from '@termgrad/tensor';
export { type MatrixLike, type VectorLike } from './input.js';
export {
  MODEL_SCHEMA_VERSION, type JsonNumber, type ModelDocumentHeader,
} from './serialization.js';
export { PolynomialRegression, type PolynomialFitInfo, type PolynomialRegressionJSON, type PolynomialRegressionOptions } from './polynomial-regression.js';
export {
  crossValidate, selectModel,
  type CrossValidationOptions, type CrossValidationResult, type ModelScore, type ModelSelection, type SelectModelOptions,
} from './model-selection.js';
export {
  featureMapFromJSON, gaussianBasis, polynomialFeatureMap, polynomialFeatures,
  type FeatureMap, type FeatureMapJSON, type GaussianBasis, type GaussianBasisOptions,
} from './features.js';
export { LinearClassifier, composeLinear, type LinearClassifierJSON, type LinearMap } from './linear-classifier.js';
export { GaussianGenerativeClassifier, type GaussianGenerativeJSON, type GaussianGenerativeOptions } from './generative-classifier.js';
export {
  LogisticRegression,
  type ClassifierFitInfo, type LogisticFitOptions, type LogisticRegressionJSON, type LogisticRegressionOptions, type SeparableAction,
} from './logistic-regression.js';
export { type IterationInfo } from './optimize.js';
export { SoftmaxRegression, type SoftmaxFitOptions, type SoftmaxRegressionJSON, type SoftmaxRegressionOptions } from './softmax-regression.js';
export { Perceptron, type PerceptronEpoch, type PerceptronFitOptions, type PerceptronFitInfo, type PerceptronJSON, type PerceptronOptions } from './perceptron.js';
export { indicesToPlusMinusOne, plusMinusOneToIndices } from './labels.js';
export { PLAYGROUND_FEATURES, PLAYGROUND_FEATURE_FUNCTIONS, playgroundFeatures, type PlaygroundFeature } from './playground-features.js';
export { modelFromJSON, type AnyModel, type ClassicalModel } from './model-from-json.js';

// multilayer perceptron
export { type Activation, type OutputActivation } from './activations.js';
export { type Initializer } from './initializers.js';
export { type Loss } from './losses.js';
export { MLP } from './mlp.js';
export { type MLPFitOptions, type MLPHistory } from './mlp-fit.js';
export { type MLPInput, type MLPTarget } from './mlp-input.js';
export { createMlpTask, type MLPTask, type MLPTaskOptions } from './mlp-task.js';
export { type MLPEvaluation, type MLPJSON, type MLPOptions, type Regularization } from './mlp-types.js';
export { PlaygroundTrainer, type PlaygroundTrainerOptions, type PlaygroundTrainerState } from './playground-trainer.js';
