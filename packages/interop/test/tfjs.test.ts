import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { type Activation, MLP, type OutputActivation } from '@termgrad/models';
import { afterAll, describe, expect, it } from 'vitest';
import { fromTfjs, InteropError, type TfjsArtifacts, tfjsIOHandler, toTfjs } from '../src/index.js';
import { loadTfjs, saveTfjs } from '../src/node/index.js';
import { inputs, labels, maxRelError, oneHot } from './helpers.js';

await tf.setBackend('cpu');
// TF.js computes in float32 (no float64): the 1e-5 relative bound.
const TOL = 1e-5;
const HIDDEN: Activation[] = ['sigmoid', 'tanh', 'relu', 'linear', 'leakyRelu'];
const OUTPUT: OutputActivation[] = ['sigmoid', 'tanh', 'relu', 'linear', 'leakyRelu', 'softmax'];

function trained(hidden: Activation, output: OutputActivation, seed: number): MLP {
  const m = new MLP({
    layers: [4, 6, 5, 3],
    activation: hidden,
    outputActivation: output,
    dtype: 'float32',
    seed,
    leakyReluAlpha: 0.05,
  });
  const x = inputs(64, 4, seed);
  for (let i = 0; i < 20; i++) m.trainBatch(x, oneHot(labels(x, 3), 3));
  return m;
}

async function tfPredict(model: tf.LayersModel, x: number[][]): Promise<Float32Array> {
  const t = tf.tensor2d(x);
  const y = model.predict(t) as tf.Tensor;
  const data = (await y.data()) as Float32Array;
  t.dispose();
  y.dispose();
  return data;
}

async function tfSave(model: tf.LayersModel): Promise<TfjsArtifacts> {
  let saved: TfjsArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a as unknown as TfjsArtifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return saved as TfjsArtifacts;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('MLP → TF.js layers format → tf.loadLayersModel', () => {
  for (const hidden of HIDDEN) {
    for (const output of OUTPUT) {
      it(`${hidden} hidden, ${output} output: TF.js matches termgrad on held-out data`, async () => {
        const m = trained(hidden, output, 5);
        const model = await tf.loadLayersModel(
          tf.io.fromMemory(toTfjs(m) as unknown as tf.io.ModelArtifacts),
        );
        const held = inputs(40, 4, 77);
        expect(maxRelError(await tfPredict(model, held), m.forward(held).data)).toBeLessThanOrEqual(
          TOL,
        );
        model.dispose();
      });
    }
  }

  it('the in-memory IOHandler loads directly; a float64 model runs within 1e-5', async () => {
    const m = new MLP({
      layers: [3, 4, 2],
      activation: 'tanh',
      outputActivation: 'softmax',
      seed: 2,
    });
    const model = await tf.loadLayersModel(tfjsIOHandler(m) as unknown as tf.io.IOHandler);
    const held = inputs(20, 3, 3);
    expect(maxRelError(await tfPredict(model, held), m.forward(held).data)).toBeLessThanOrEqual(
      TOL,
    );
    model.dispose();
  });

  it('files: saveTfjs writes model.json + weights.bin that TF.js loads, and loadTfjs reads back exactly', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'interop-tfjs-'));
    dirs.push(dir);
    const m = trained('relu', 'softmax', 9);
    const json = await saveTfjs(m, path.join(dir, 'model'));
    const doc = JSON.parse(await readFile(json, 'utf8'));
    const bin = await readFile(path.join(dir, 'model', 'weights.bin'));
    const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: doc.modelTopology,
        weightSpecs: doc.weightsManifest[0].weights,
        weightData,
      }),
    );
    const held = inputs(20, 4, 4);
    expect(maxRelError(await tfPredict(model, held), m.forward(held).data)).toBeLessThanOrEqual(
      TOL,
    );
    model.dispose();
    const back = await loadTfjs(json);
    for (let l = 0; l < m.depth; l++) expect(back.getWeights(l).data).toEqual(m.getWeights(l).data);
  });
});

describe('TF.js → MLP', () => {
  for (const hidden of HIDDEN) {
    it(`termgrad → TF.js → termgrad (${hidden}) reproduces the weights exactly, also after TF.js re-saves it`, async () => {
      const m = trained(hidden, 'softmax', 13);
      const direct = fromTfjs(toTfjs(m));
      const model = await tf.loadLayersModel(
        tf.io.fromMemory(toTfjs(m) as unknown as tf.io.ModelArtifacts),
      );
      const resaved = fromTfjs(await tfSave(model));
      model.dispose();
      for (const back of [direct, resaved]) {
        const j = back.toJSON();
        expect(j.activations).toEqual(m.toJSON().activations);
        expect(j.outputActivation).toBe('softmax');
        if (hidden === 'leakyRelu') expect(j.leakyReluAlpha).toBe(0.05);
        for (let l = 0; l < m.depth; l++) {
          expect(back.getWeights(l).data).toEqual(m.getWeights(l).data);
          expect(back.getBias(l).data).toEqual(m.getBias(l).data);
        }
      }
    });
  }

  it('imports a Sequential built in TF.js itself; predictions match TF.js', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 7, inputShape: [4], activation: 'relu' }));
    model.add(tf.layers.dense({ units: 5, activation: 'sigmoid' }));
    model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
    const mlp = fromTfjs(await tfSave(model));
    const held = inputs(30, 4, 21);
    expect(maxRelError(await tfPredict(model, held), mlp.forward(held).data)).toBeLessThanOrEqual(
      TOL,
    );
    model.dispose();
  });

  it('names the first unsupported layer or activation', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'relu' }));
    model.add(tf.layers.dropout({ rate: 0.5 }));
    model.add(tf.layers.dense({ units: 1 }));
    const a = await tfSave(model);
    expect(() => fromTfjs(a)).toThrow(
      /fromTfjs: unsupported layer 1 "dropout_Dropout\d+" \(Dropout\)/,
    );
    const elu = tf.sequential();
    elu.add(tf.layers.dense({ units: 2, inputShape: [2], activation: 'elu' }));
    expect(() => fromTfjs(tfSaveSync(elu))).toThrow(InteropError);
    model.dispose();
    elu.dispose();
  });

  it('malformed artifacts, weights and files give clear errors', async () => {
    const a = toTfjs(trained('tanh', 'linear', 1));
    expect(() => fromTfjs({ ...a, weightData: a.weightData.slice(0, 16) })).toThrow(
      /malformed weights: "dense_1\/kernel" needs bytes 0\.\.96, but weightData has 16/,
    );
    expect(() =>
      fromTfjs({ ...a, weightData: new ArrayBuffer(a.weightData.byteLength + 4) }),
    ).toThrow(/describes \d+ bytes, weightData has/);
    expect(() =>
      fromTfjs({ ...a, modelTopology: { class_name: 'Functional', config: {} } }),
    ).toThrow(/expected Sequential, got "Functional"/);
    expect(() => fromTfjs(null as never)).toThrow(/expected \{ modelTopology/);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'interop-bad-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'model.json'), '{ not json');
    await expect(loadTfjs(path.join(dir, 'model.json'))).rejects.toThrow(
      /loadTfjs: cannot read .*model\.json as JSON/,
    );
    await writeFile(
      path.join(dir, 'model.json'),
      JSON.stringify({
        modelTopology: a.modelTopology,
        weightsManifest: [{ paths: ['missing.bin'], weights: a.weightSpecs }],
      }),
    );
    await expect(loadTfjs(path.join(dir, 'model.json'))).rejects.toThrow(
      /cannot read weight file .*missing\.bin/,
    );
  });
});

function tfSaveSync(model: tf.Sequential): TfjsArtifacts {
  // a model's topology and weights without the async save: enough for layer validation
  const specs = model.weights.map((w) => ({
    name: w.originalName,
    shape: w.shape as number[],
    dtype: 'float32',
  }));
  const data = new Float32Array(specs.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0));
  return {
    format: 'layers-model',
    generatedBy: 'tfjs',
    convertedBy: null,
    modelTopology: model.toJSON(undefined, false) as Record<string, unknown>,
    weightSpecs: specs,
    weightData: data.buffer,
  };
}
