import {
  type FeatureMapJSON,
  GaussianGenerativeClassifier,
  LinearClassifier,
  LogisticRegression,
  MLP,
  PolynomialRegression,
  SoftmaxRegression,
} from '@termgrad/models';
import { InteropError } from './errors.js';
import { GraphBuilder, type OnnxDtype, type OnnxExportOptions } from './onnx-builder.js';
import { activation, argmax, dense, featureMap, flatten1, num, nums } from './onnx-graph-ops.js';
import { INT64 } from './onnx-proto.js';

/** A model {@link toOnnx} can export. */
export type OnnxExportable =
  | MLP
  | LinearClassifier
  | LogisticRegression
  | SoftmaxRegression
  | PolynomialRegression
  | GaussianGenerativeClassifier;

const OP = 'toOnnx';

function settings(
  o: OnnxExportOptions,
  fallback: OnnxDtype,
  type: string,
): { g: GraphBuilder; x: string; opset: number; name: string } {
  const dtype = o.dtype ?? fallback;
  if (dtype !== 'float32' && dtype !== 'float64')
    throw new InteropError(
      OP,
      `unknown dtype; expected 'float32' or 'float64', got ${JSON.stringify(dtype)}`,
    );
  const opset = o.opset ?? 17;
  if (!Number.isInteger(opset) || opset < 17)
    throw new InteropError(OP, `opset must be an integer >= 17; got ${opset}`);
  return { g: new GraphBuilder(dtype), x: o.inputName ?? 'input', opset, name: o.name ?? type };
}

function withFeatures(
  g: GraphBuilder,
  x: string,
  features: FeatureMapJSON | null,
): [string, number | null] {
  return features === null ? [x, null] : featureMap(g, x, features);
}

/**
 * Writes a termgrad model as an ONNX model (opset ≥ 17, IR 8) built with the official schema's
 * protobuf classes. The input `input` is [batch, d] with a symbolic batch dimension. Outputs:
 * - `MLP`: `output` [batch, K] (after the output activation, softmax included);
 * - `LinearClassifier`: `scores` [batch, K] and `label` (int64 argmax) [batch];
 * - `LogisticRegression`: `probability` p(c₁|x) [batch] and `label` (0/1 int64) [batch];
 * - `SoftmaxRegression`, `GaussianGenerativeClassifier` (its linear discriminant a = Wx + w₀,
 *   softmax(a) = posterior): `probabilities` [batch, K] and `label` [batch];
 * - `PolynomialRegression`: input [batch, 1], output `y` [batch], with its centring/scaling
 *   u = (x − c)/h and Horner's rule as graph ops.
 * Feature maps (polynomial, Gaussian basis) of logistic/softmax regression become graph ops.
 *
 * @param model a fitted model. @param options dtype (default: the model's), names, opset.
 * @returns the serialised ModelProto.
 * @throws {InteropError} unsupported model, bad options, a weight beyond the float32 range in a
 *   float32 export. Errors of an unfitted model are the model's own.
 */
export function toOnnx(model: OnnxExportable, options: OnnxExportOptions = {}): Uint8Array {
  if (model instanceof MLP) return mlpToOnnx(model, options);
  if (model instanceof LinearClassifier) {
    const j = model.toJSON();
    const { g, x, opset, name } = settings(options, 'float64', 'LinearClassifier');
    g.input(x, j.dim, 'features [batch, d]');
    const scores = g.node(
      'Identity',
      [dense(g, x, 'linear', nums(j.weights), nums(j.bias), j.dim, j.numClasses, true)],
      'scores',
    );
    g.output(scores, j.numClasses, 'y = Ax + a');
    g.output(argmax(g, scores, 'label'), null, 'argmax_l y_l', INT64);
    return g.encode({
      name,
      opset,
      docString:
        options.docString ?? `termgrad LinearClassifier y = Ax + a, ${j.numClasses} classes`,
    });
  }
  if (model instanceof LogisticRegression) {
    const j = model.toJSON();
    const { g, x, opset, name } = settings(options, 'float64', 'LogisticRegression');
    const d = j.features === null ? j.weights.length : j.features.inputDim;
    g.input(x, d, 'inputs [batch, d]');
    const [phi, m] = withFeatures(g, x, j.features);
    const a = dense(g, phi, 'logit', nums(j.weights), [num(j.bias)], m ?? d, 1);
    g.output(
      flatten1(g, g.node('Sigmoid', [a], 'logit.sigmoid'), 'probability'),
      null,
      'p(c1|x) = sigmoid(w·phi(x) + b)',
    );
    const positive = g.node('Greater', [a, g.constant('zero', [0], [])], 'logit.positive');
    g.output(
      flatten1(g, g.node('Cast', [positive], 'label.column', { to: INT64 }), 'label'),
      null,
      '1 where p > 1/2, else 0',
      INT64,
    );
    return g.encode({
      name,
      opset,
      docString: options.docString ?? 'termgrad LogisticRegression p(c1|x) = sigmoid(w·phi(x) + b)',
    });
  }
  if (model instanceof SoftmaxRegression) {
    const j = model.toJSON();
    const { g, x, opset, name } = settings(options, 'float64', 'SoftmaxRegression');
    const K = j.numClasses;
    const m0 = j.weights.length / K;
    const d = j.features === null ? m0 : j.features.inputDim;
    g.input(x, d, 'inputs [batch, d]');
    const [phi, m] = withFeatures(g, x, j.features);
    const a = dense(g, phi, 'logits', nums(j.weights), nums(j.bias), m ?? d, K, true);
    g.output(
      g.node('Softmax', [a], 'probabilities', { axis: 1 }),
      K,
      'p(c_k|x) = softmax(W·phi(x) + b)',
    );
    g.output(argmax(g, a, 'label'), null, 'most probable class', INT64);
    return g.encode({
      name,
      opset,
      docString: options.docString ?? `termgrad SoftmaxRegression, ${K} classes`,
    });
  }
  if (model instanceof GaussianGenerativeClassifier) {
    const { weights, biases } = model.discriminant();
    const [K, d] = weights.shape as [number, number];
    const { g, x, opset, name } = settings(options, 'float64', 'GaussianGenerativeClassifier');
    g.input(x, d, 'inputs [batch, d]');
    const a = dense(g, x, 'discriminant', weights.data, biases, d, K, true);
    g.output(
      g.node('Softmax', [a], 'probabilities', { axis: 1 }),
      K,
      'posterior p(c_k|x) = softmax(a), a_k = w_k·x + w_k0',
    );
    g.output(argmax(g, a, 'label'), null, 'most probable class', INT64);
    return g.encode({
      name,
      opset,
      docString:
        options.docString ??
        `termgrad GaussianGenerativeClassifier as its linear discriminant, ${K} classes`,
    });
  }
  if (model instanceof PolynomialRegression) {
    const j = model.toJSON();
    const { g, x, opset, name } = settings(options, 'float64', 'PolynomialRegression');
    g.input(x, 1, 'x [batch, 1]');
    const centred = g.node('Sub', [x, g.constant('center', [num(j.center)], [])], 'u.centred');
    const u = g.node('Div', [centred, g.constant('half_range', [num(j.halfRange)], [])], 'u');
    const v = nums(j.scaledCoefficients);
    // y = 0·u + v_M carries the batch shape (also for degree 0), then Horner's rule as termgrad runs it
    let y = g.node(
      'Add',
      [
        g.node('Mul', [u, g.constant('zero', [0], [])], 'horner.zeros'),
        g.constant(`v${v.length - 1}`, [v[v.length - 1] as number], []),
      ],
      `horner${v.length - 1}`,
    );
    for (let k = v.length - 2; k >= 0; k--) {
      y = g.node(
        'Add',
        [g.node('Mul', [y, u], `horner${k}.mul`), g.constant(`v${k}`, [v[k] as number], [])],
        `horner${k}`,
      );
    }
    g.output(
      flatten1(g, y, 'y'),
      null,
      `y = sum_k v_k u^k, u = (x - center) / halfRange, degree ${j.degree}`,
    );
    return g.encode({
      name,
      opset,
      docString: options.docString ?? `termgrad PolynomialRegression of degree ${j.degree}`,
    });
  }
  const got =
    model === null
      ? 'null'
      : typeof model === 'object'
        ? ((model as object).constructor?.name ?? 'object')
        : typeof model;
  throw new InteropError(
    OP,
    `unsupported model; expected MLP, LinearClassifier, LogisticRegression, SoftmaxRegression, PolynomialRegression or GaussianGenerativeClassifier, got ${got}`,
  );
}

function mlpToOnnx(model: MLP, options: OnnxExportOptions): Uint8Array {
  const j = model.toJSON();
  const { g, x, opset, name } = settings(options, j.dtype, 'MLP');
  const L = j.layers.length - 1;
  g.input(x, j.layers[0] as number, `inputs [batch, ${j.layers[0]}]`);
  let h = x;
  for (let l = 0; l < L; l++) {
    const kind =
      l === L - 1 ? j.outputActivation : (j.activations[l] as string as typeof j.outputActivation);
    h = dense(
      g,
      h,
      `layer${l}`,
      model.getWeights(l).data,
      model.getBias(l).data,
      j.layers[l] as number,
      j.layers[l + 1] as number,
    );
    h = activation(g, h, kind, j.leakyReluAlpha, `layer${l}`);
  }
  const out = g.node('Identity', [h], 'output');
  g.output(out, j.layers[L] as number, `outputs after the ${j.outputActivation} output activation`);
  return g.encode({
    name,
    opset,
    docString:
      options.docString ??
      `termgrad MLP [${j.layers.join(', ')}], ${j.activations.join('/')} hidden, ${j.outputActivation} output`,
    metadata: { 'termgrad.loss': j.loss, 'termgrad.leakyReluAlpha': String(j.leakyReluAlpha) },
  });
}
