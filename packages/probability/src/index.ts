// Public surface of @termgrad/probability (every export listed by name).

export { TermgradError } from '@termgrad/tensor';
// Discrete distributions, joint tables and Bayes' rule
export { bayes, logPosterior } from './bayes.js';
export { Bernoulli } from './bernoulli.js';
export { Categorical } from './categorical.js';
// Errors
export { ProbabilityError } from './errors.js';
// Continuous distributions
export { Gaussian } from './gaussian.js';
export { type JointAxis, JointTable } from './joint-table.js';
export {
  MultivariateGaussian,
  type MultivariateGaussianFitOptions,
} from './multivariate-gaussian.js';

// Numerically stable link functions
export { logSigmoid, logSigmoidArray, sigmoid, sigmoidArray, softplus } from './sigmoid.js';
export {
  logSoftmax,
  logSoftmaxRows,
  logSumExp,
  logSumExpRows,
  softmax,
  softmaxRows,
} from './softmax.js';

// Argument types
export type { MatrixLike, VectorLike } from './validate.js';
