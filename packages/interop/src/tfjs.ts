import { type Activation, MLP, type OutputActivation } from '@termgrad/models';
import { InteropError } from './errors.js';
import { littleEndian, toFloat32 } from './onnx-builder.js';

/** One entry of a TF.js weights manifest. */
export interface TfjsWeightSpec {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: string;
}

/**
 * A TF.js layers model in memory, the shape of `tf.io.ModelArtifacts`: pass it to
 * `tf.loadLayersModel(tf.io.fromMemory(artifacts))`, or use {@link tfjsIOHandler}.
 */
export interface TfjsArtifacts {
  readonly format: 'layers-model';
  readonly generatedBy: string;
  readonly convertedBy: null;
  readonly modelTopology: Record<string, unknown>;
  readonly weightSpecs: TfjsWeightSpec[];
  /** Little-endian float32 values of every weight, in `weightSpecs` order. */
  readonly weightData: ArrayBuffer;
}

/** The `model.json` document of the TF.js layers format (weights in separate files). */
export interface TfjsModelJson {
  readonly format: 'layers-model';
  readonly generatedBy: string;
  readonly convertedBy: null;
  readonly modelTopology: Record<string, unknown>;
  readonly weightsManifest: { paths: string[]; weights: TfjsWeightSpec[] }[];
}

const TF_ACTIVATION: Record<OutputActivation, string> = {
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  relu: 'relu',
  linear: 'linear',
  softmax: 'softmax',
  leakyRelu: 'linear',
};

function denseConfig(
  name: string,
  units: number,
  activation: string,
  inputs: number | null,
): Record<string, unknown> {
  return {
    class_name: 'Dense',
    config: {
      units,
      activation,
      use_bias: true,
      kernel_initializer: { class_name: 'Zeros', config: {} },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      name,
      trainable: true,
      ...(inputs === null ? {} : { batch_input_shape: [null, inputs] }),
      dtype: 'float32',
    },
  };
}

/**
 * Writes an {@link MLP} in the TF.js layers format: a `Sequential` of `Dense` layers (leaky ReLU as
 * a linear `Dense` followed by a `LeakyReLU` layer) with float32 weights — TF.js has no float64, so a
 * float64 model's weights are rounded to float32.
 * @throws {InteropError} a weight beyond the float32 range (it would become ±Infinity).
 * @param options `name` of the Sequential (default `"termgrad_mlp"`).
 * @returns in-memory artifacts; see {@link tfjsModelJson} and {@link tfjsIOHandler}.
 */
export function toTfjs(model: MLP, options: { name?: string } = {}): TfjsArtifacts {
  if (!(model instanceof MLP))
    throw new InteropError(
      'toTfjs',
      `expected an MLP, got ${model === null ? 'null' : typeof model === 'object' ? (model as object).constructor?.name : typeof model}`,
    );
  const j = model.toJSON();
  const L = j.layers.length - 1;
  const layers: Record<string, unknown>[] = [];
  const specs: TfjsWeightSpec[] = [];
  const values: Float32Array[] = [];
  for (let l = 0; l < L; l++) {
    const kind = l === L - 1 ? j.outputActivation : (j.activations[l] as OutputActivation);
    const name = `dense_${l + 1}`;
    const nIn = j.layers[l] as number;
    const nOut = j.layers[l + 1] as number;
    layers.push(denseConfig(name, nOut, TF_ACTIVATION[kind], l === 0 ? nIn : null));
    if (kind === 'leakyRelu')
      layers.push({
        class_name: 'LeakyReLU',
        config: { alpha: j.leakyReluAlpha, name: `leaky_re_lu_${l + 1}`, trainable: true },
      });
    specs.push(
      { name: `${name}/kernel`, shape: [nIn, nOut], dtype: 'float32' },
      { name: `${name}/bias`, shape: [nOut], dtype: 'float32' },
    );
    values.push(
      toFloat32('toTfjs', `${name}/kernel`, model.getWeights(l).data),
      toFloat32('toTfjs', `${name}/bias`, model.getBias(l).data),
    );
  }
  return {
    format: 'layers-model',
    generatedBy: '@termgrad/interop',
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: { name: options.name ?? 'termgrad_mlp', layers },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightSpecs: specs,
    weightData: littleEndian(concatFloat32(values)),
  };
}

function concatFloat32(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The `model.json` document for artifacts whose weights are stored in one file `weightsPath`. */
export function tfjsModelJson(
  artifacts: TfjsArtifacts,
  weightsPath = 'weights.bin',
): TfjsModelJson {
  const { format, generatedBy, convertedBy, modelTopology, weightSpecs } = artifacts;
  return {
    format,
    generatedBy,
    convertedBy,
    modelTopology,
    weightsManifest: [{ paths: [weightsPath], weights: weightSpecs }],
  };
}

/**
 * An in-memory TF.js IOHandler: `await tf.loadLayersModel(tfjsIOHandler(mlp))`.
 */
export function tfjsIOHandler(model: MLP): { load: () => Promise<TfjsArtifacts> } {
  const artifacts = toTfjs(model);
  return { load: async () => artifacts };
}

const FROM_TF: Record<string, OutputActivation> = {
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  relu: 'relu',
  linear: 'linear',
  softmax: 'softmax',
};
const OP = 'fromTfjs';

function layerList(
  topology: unknown,
): { name: string; cls: string; config: Record<string, unknown> }[] {
  let t = topology as Record<string, unknown> | null;
  if (t !== null && typeof t === 'object' && 'model_config' in t)
    t = t.model_config as Record<string, unknown>;
  if (t === null || typeof t !== 'object' || typeof t.class_name !== 'string')
    throw new InteropError(OP, 'malformed model: expected modelTopology { class_name, config }');
  if (t.class_name !== 'Sequential')
    throw new InteropError(
      OP,
      `unsupported model class; expected Sequential, got ${JSON.stringify(t.class_name)}`,
    );
  const c = t.config as Record<string, unknown> | unknown[] | null;
  const list = Array.isArray(c) ? c : (c as Record<string, unknown> | null)?.layers;
  if (!Array.isArray(list))
    throw new InteropError(OP, 'malformed model: Sequential config has no layers array');
  return list.map((raw, i) => {
    const r = raw as Record<string, unknown> | null;
    const config = (r?.config ?? {}) as Record<string, unknown>;
    return {
      name: typeof config.name === 'string' ? config.name : `#${i}`,
      cls: String(r?.class_name),
      config,
    };
  });
}

/**
 * Reads a TF.js layers model — a `Sequential` of `Dense` layers with sigmoid, tanh, relu, linear or
 * (last) softmax activations, optionally `LeakyReLU` (one α) or `Activation` layers after them, and
 * an optional `InputLayer` — into a float32 {@link MLP}, weights bit for bit.
 * @param artifacts `tf.io.ModelArtifacts`-shaped { modelTopology, weightSpecs, weightData }, or a
 *   `model.json` document ({@link TfjsModelJson}) plus `weightData` (its weight files concatenated in manifest order).
 * @throws {InteropError} malformed documents, unsupported layers (naming the first), wrong weight sizes.
 */
export function fromTfjs(artifacts: {
  modelTopology: unknown;
  weightSpecs?: readonly TfjsWeightSpec[];
  weightsManifest?: readonly { weights: readonly TfjsWeightSpec[] }[];
  weightData: ArrayBuffer | Uint8Array;
}): MLP {
  if (artifacts === null || typeof artifacts !== 'object')
    throw new InteropError(
      OP,
      `expected { modelTopology, weightSpecs, weightData }, got ${artifacts === null ? 'null' : typeof artifacts}`,
    );
  const specs = artifacts.weightSpecs ?? artifacts.weightsManifest?.flatMap((g) => g.weights);
  if (!Array.isArray(specs))
    throw new InteropError(OP, 'malformed model: no weightSpecs or weightsManifest');
  const raw = artifacts.weightData;
  if (!(raw instanceof ArrayBuffer) && !(raw instanceof Uint8Array))
    throw new InteropError(OP, 'malformed model: weightData must be an ArrayBuffer or Uint8Array');
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const weights = new Map<string, { shape: number[]; data: Float64Array }>();
  let offset = 0;
  for (const s of specs) {
    if (s.dtype !== 'float32' || (s as { quantization?: unknown }).quantization !== undefined)
      throw new InteropError(
        OP,
        `unsupported weight ${JSON.stringify(s.name)}; expected unquantised float32, got ${s.dtype}`,
      );
    const count = s.shape.reduce((a: number, b: number) => a * b, 1);
    if (offset + count * 4 > bytes.byteLength)
      throw new InteropError(
        OP,
        `malformed weights: ${JSON.stringify(s.name)} needs bytes ${offset}..${offset + count * 4}, but weightData has ${bytes.byteLength}`,
      );
    const data = new Float64Array(count);
    for (let i = 0; i < count; i++) data[i] = view.getFloat32(offset + i * 4, true);
    offset += count * 4;
    weights.set(s.name, { shape: [...s.shape], data });
  }
  if (offset !== bytes.byteLength)
    throw new InteropError(
      OP,
      `malformed weights: the manifest describes ${offset} bytes, weightData has ${bytes.byteLength}`,
    );
  const sizes: number[] = [];
  const acts: OutputActivation[] = [];
  const Ws: Float64Array[] = [];
  const bs: Float64Array[] = [];
  let alpha: number | undefined;
  const layers = layerList(artifacts.modelTopology);
  layers.forEach((layer, i) => {
    const where = `layer ${i} ${JSON.stringify(layer.name)} (${layer.cls})`;
    const lastIsLinear = acts.length > 0 && acts[acts.length - 1] === 'linear';
    if (layer.cls === 'InputLayer' && i === 0) return;
    if (layer.cls === 'Dense') {
      const act = String(layer.config.activation ?? 'linear');
      if (!Object.hasOwn(FROM_TF, act))
        throw new InteropError(
          OP,
          `unsupported activation ${JSON.stringify(act)} in ${where}; expected sigmoid, tanh, relu, linear or softmax`,
        );
      const kernel = [...weights.entries()].find(
        ([n]) => n === `${layer.name}/kernel` || n.endsWith(`/${layer.name}/kernel`),
      )?.[1];
      if (!kernel || kernel.shape.length !== 2)
        throw new InteropError(OP, `malformed weights: no 2-D ${layer.name}/kernel for ${where}`);
      const [nIn, nOut] = kernel.shape as [number, number];
      if (sizes.length > 0 && sizes[sizes.length - 1] !== nIn)
        throw new InteropError(
          OP,
          `${where} expects ${nIn} inputs, but the previous layer gives ${sizes[sizes.length - 1]}`,
        );
      let bias = new Float64Array(nOut) as Float64Array;
      if (layer.config.use_bias !== false) {
        const b = [...weights.entries()].find(
          ([n]) => n === `${layer.name}/bias` || n.endsWith(`/${layer.name}/bias`),
        )?.[1];
        if (!b || b.data.length !== nOut)
          throw new InteropError(
            OP,
            `malformed weights: expected ${layer.name}/bias of ${nOut} values for ${where}`,
          );
        bias = b.data;
      }
      if (sizes.length === 0) sizes.push(nIn);
      sizes.push(nOut);
      Ws.push(kernel.data);
      bs.push(bias);
      acts.push(FROM_TF[act] as OutputActivation);
      return;
    }
    if (layer.cls === 'LeakyReLU' && lastIsLinear) {
      const a = Number(layer.config.alpha ?? 0.3);
      if (alpha !== undefined && alpha !== a)
        throw new InteropError(
          OP,
          `${where}: termgrad uses one leaky ReLU slope per network; expected ${alpha}, got ${a}`,
        );
      alpha = a;
      acts[acts.length - 1] = 'leakyRelu';
      return;
    }
    if (
      layer.cls === 'Activation' &&
      lastIsLinear &&
      Object.hasOwn(FROM_TF, String(layer.config.activation))
    ) {
      acts[acts.length - 1] = FROM_TF[String(layer.config.activation)] as OutputActivation;
      return;
    }
    throw new InteropError(
      OP,
      `unsupported ${where}; expected a Sequential of Dense layers (optionally followed by LeakyReLU or Activation)`,
    );
  });
  if (Ws.length === 0) throw new InteropError(OP, 'unsupported model: no Dense layer');
  const softmaxAt = acts.indexOf('softmax');
  if (softmaxAt !== -1 && softmaxAt !== acts.length - 1)
    throw new InteropError(
      OP,
      `unsupported model: softmax on hidden Dense layer ${softmaxAt}; termgrad allows it only on the output layer`,
    );
  const outputActivation = acts[acts.length - 1] as OutputActivation;
  const mlp = new MLP({
    layers: sizes,
    activation: acts.slice(0, -1) as Activation[],
    outputActivation,
    loss:
      outputActivation === 'softmax'
        ? 'categoricalCrossEntropy'
        : outputActivation === 'sigmoid'
          ? 'binaryCrossEntropy'
          : 'squaredError',
    dtype: 'float32',
    ...(alpha === undefined ? {} : { leakyReluAlpha: alpha }),
  });
  Ws.forEach((w, l) => mlp.setLayer(l, w, bs[l] as Float64Array));
  return mlp;
}
