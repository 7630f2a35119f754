// MLP JSON documents (internal): written with the shared serializer (−0 and every double exact),
// read from today's documents and from those written before the vocabulary renames.
import { fromState, type Optimizer } from '@termgrad/optim';
import { ModelError } from './errors.js';
import type { Buf, MlpCore } from './mlp-core.js';
import type { MLPJSON, MLPOptions } from './mlp-types.js';
import {
  decodeNumbers,
  encodeNumbers,
  MODEL_SCHEMA_VERSION,
  readDocument,
} from './serialization.js';

/** The document of a model (see MLP.toJSON). @internal */
export function mlpToJSON(core: MlpCore, optimizer: Optimizer): MLPJSON {
  return {
    type: 'MLP',
    version: MODEL_SCHEMA_VERSION,
    layers: [...core.layers],
    activations: [...core.hiddenActivations],
    outputActivation: core.outputActivation,
    loss: core.lossType,
    init: core.init,
    seed: core.seed,
    dtype: core.dtype,
    leakyReluAlpha: core.leakyReluAlpha,
    regularization: core.reg,
    lambda: core.lambda,
    weights: core.W.map((w: Buf) => encodeNumbers(w)),
    biases: core.b.map((b: Buf) => encodeNumbers(b)),
    optimizer: optimizer.state(),
  };
}

/** A checked MLP document: constructor options and per-layer parameters. @internal */
export interface MlpDocument {
  readonly options: MLPOptions;
  readonly weights: readonly Float64Array[];
  readonly biases: readonly Float64Array[];
}

/**
 * Checks an MLP document (object or JSON string), accepting the pre-rename key
 * `regularizationRate` for `lambda`.
 * @throws {ModelError} on a malformed document, a wrong type or a future version.
 * @internal
 */
export function readMlpDocument(op: string, input: unknown): MlpDocument {
  const doc = readDocument(op, input, 'MLP');
  const layers = doc.layers;
  if (!Array.isArray(layers))
    throw new ModelError(
      op,
      `malformed document: layers must be an array of layer sizes; got ${JSON.stringify(layers) ?? 'undefined'}`,
    );
  const depth = layers.length - 1;
  const weights = doc.weights;
  const biases = doc.biases;
  if (!Array.isArray(weights) || !Array.isArray(biases))
    throw new ModelError(
      op,
      'malformed document: weights and biases must be arrays of per-layer number arrays',
    );
  if (weights.length !== depth || biases.length !== depth)
    throw new ModelError(
      op,
      `malformed document: expected ${depth} weight and bias arrays, got ${weights.length} and ${biases.length}`,
    );
  if (doc.lambda !== undefined && doc.regularizationRate !== undefined)
    throw new ModelError(
      op,
      'malformed document: give lambda or the older regularizationRate, not both',
    );
  let optimizer: Optimizer | undefined;
  if (doc.optimizer !== undefined) {
    try {
      optimizer = fromState(doc.optimizer as Parameters<typeof fromState>[0]);
    } catch (e) {
      throw new ModelError(op, `invalid optimizer state: ${(e as Error).message}`, { cause: e });
    }
  }
  const options = {
    layers,
    activation: doc.activations,
    outputActivation: doc.outputActivation,
    loss: doc.loss,
    init: doc.init,
    seed: doc.seed,
    dtype: doc.dtype,
    leakyReluAlpha: doc.leakyReluAlpha,
    regularization: doc.regularization,
    lambda: doc.lambda ?? doc.regularizationRate,
    ...(optimizer === undefined ? {} : { optimizer }),
  } as MLPOptions;
  return {
    options,
    weights: weights.map((w, l) => decodeNumbers(op, w, `weights[${l}]`)),
    biases: biases.map((b, l) => decodeNumbers(op, b, `biases[${l}]`)),
  };
}
