import { ModelError } from './errors.js';
import { GaussianGenerativeClassifier } from './generative-classifier.js';
import { LinearClassifier } from './linear-classifier.js';
import { LogisticRegression } from './logistic-regression.js';
import { MLP } from './mlp.js';
import { Perceptron } from './perceptron.js';
import { PolynomialRegression } from './polynomial-regression.js';
import { parseDocument, readDocument } from './serialization.js';
import { SoftmaxRegression } from './softmax-regression.js';

/** Any classical model (every model but the MLP). */
export type ClassicalModel =
  | PolynomialRegression
  | LinearClassifier
  | GaussianGenerativeClassifier
  | LogisticRegression
  | SoftmaxRegression
  | Perceptron;

/** Any model restorable by {@link modelFromJSON}. */
export type AnyModel = ClassicalModel | MLP;

const LOADERS: Record<string, (doc: unknown) => AnyModel> = {
  PolynomialRegression: (d) => PolynomialRegression.fromJSON(d),
  LinearClassifier: (d) => LinearClassifier.fromJSON(d),
  GaussianGenerativeClassifier: (d) => GaussianGenerativeClassifier.fromJSON(d),
  LogisticRegression: (d) => LogisticRegression.fromJSON(d),
  SoftmaxRegression: (d) => SoftmaxRegression.fromJSON(d),
  Perceptron: (d) => Perceptron.fromJSON(d),
  MLP: (d) => MLP.fromJSON(d),
};

/**
 * Restores any model — every classical model and the MLP — from its `toJSON()` document (object or JSON string), dispatching
 * on `type`.
 * @throws {ModelError} malformed document, unknown type, future version.
 * @example
 * ```ts
 * const m = modelFromJSON(JSON.stringify(new Perceptron().fit([[0], [1]], [0, 1])));
 * m instanceof Perceptron; // true
 * ```
 */
export function modelFromJSON(doc: unknown): AnyModel {
  const op = 'modelFromJSON';
  const value = parseDocument(op, doc);
  const type =
    value !== null && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
  const load = typeof type === 'string' ? LOADERS[type] : undefined;
  if (load === undefined) {
    throw new ModelError(
      op,
      `unknown model type; expected one of ${Object.keys(LOADERS).join(', ')}, got ${JSON.stringify(type) ?? 'undefined'}`,
    );
  }
  readDocument(op, value, type as string);
  return load(value);
}
