import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromOnnx, toOnnx } from '@termgrad/interop';
import { loadTfjs } from '@termgrad/interop/node';
import { MLP, modelFromJSON } from '@termgrad/models';
import { describe, expect, it } from 'vitest';
import { exportNextToSave } from '../src/export-model.js';
import { loadSession } from '../src/persist.js';
import { initialState } from '../src/state/app-state.js';
import { keyToIntent } from '../src/state/keymap.js';
import { cli } from './helpers/cli.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'termgrad-export-'));
}

/** A session saved by a headless run of `lab` with `args`. */
async function saved(dir: string, lab: string, args: string[]): Promise<string> {
  const file = join(dir, `${lab}.json`);
  const r = await cli([lab, '--headless', '--epochs', '3', '--seed', '3', ...args, '--save', file]);
  expect(r.code, r.err.join('\n')).toBe(0);
  return file;
}

describe('termgrad export <session> --format onnx|tfjs', () => {
  it("network lab → ONNX: the file reads back into the session's MLP, weights exactly", async () => {
    const dir = await tempDir();
    const file = await saved(dir, 'network', []);
    const out = join(dir, 'net.onnx');
    const r = await cli(['export', file, '--format', 'onnx', '--out', out]);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out.join('\n')).toContain(`exported the network model to ${out}`);
    const mlp = MLP.fromJSON((await loadSession(file)).model as never);
    const back = fromOnnx(new Uint8Array(await readFile(out)));
    for (let l = 0; l < mlp.depth; l++)
      expect(back.getWeights(l).data).toEqual(mlp.getWeights(l).data);
    // atomic write: nothing but the session and the export in the directory
    expect((await readdir(dir)).sort()).toEqual(['net.onnx', 'network.json']);
  });

  it('network lab → TF.js directory (default path next to the session); float32 weights', async () => {
    const dir = await tempDir();
    const file = await saved(dir, 'network', []);
    const r = await cli(['export', file, '--format', 'tfjs']);
    expect(r.code, r.err.join('\n')).toBe(0);
    const back = await loadTfjs(join(dir, 'network-tfjs', 'model.json'));
    const mlp = MLP.fromJSON((await loadSession(file)).model as never);
    // TF.js stores float32: each weight is the session's weight rounded to float32
    for (let l = 0; l < mlp.depth; l++)
      expect(Array.from(back.getWeights(l).data)).toEqual(
        Array.from(mlp.getWeights(l).data, Math.fround),
      );
  });

  it('curve and classify labs → ONNX: the bytes are toOnnx of the saved model', async () => {
    const dir = await tempDir();
    for (const [lab, args] of [
      ['curve', []],
      ['classify', ['--model', 'logistic']],
      ['classify', ['--model', 'generative']],
    ] as const) {
      const file = await saved(dir, lab, [...args]);
      const out = join(dir, `${lab}-${args.join('')}.onnx`);
      const r = await cli(['export', file, '--format', 'onnx', '--out', out]);
      expect(r.code, r.err.join('\n')).toBe(0);
      const model = modelFromJSON((await loadSession(file)).model);
      const expected = toOnnx(model as never, {
        docString: `exported by termgrad from the ${lab} lab`,
      });
      expect(new Uint8Array(await readFile(out))).toEqual(new Uint8Array(expected));
    }
  });

  it('digits lab: every model → ONNX, and the MLP-shaped ones → TF.js, weights exactly', async () => {
    const dir = await tempDir();
    for (const model of ['softmax', 'linear2', 'mlp', 'leastSquares']) {
      const file = join(dir, `${model}.json`);
      const r0 = await cli([
        'digits',
        '--headless',
        '--model',
        model,
        '--epochs',
        '1',
        '--save',
        file,
      ]);
      expect(r0.code, r0.err.join('\n')).toBe(0);
      const saved = modelFromJSON((await loadSession(file)).model);
      const onnx = join(dir, `${model}.onnx`);
      const r = await cli(['export', file, '--format', 'onnx', '--out', onnx]);
      expect(r.code, r.err.join('\n')).toBe(0);
      const bytes = new Uint8Array(await readFile(onnx));
      if (saved instanceof MLP) {
        // softmax regression is a one-layer MLP, linear2 a two-layer linear one: both import back.
        const back = fromOnnx(bytes);
        expect(back.layers).toEqual(saved.layers);
        for (let l = 0; l < saved.depth; l++)
          expect(back.getWeights(l).data).toEqual(saved.getWeights(l).data);
        const t = await cli(['export', file, '--format', 'tfjs']);
        expect(t.code, t.err.join('\n')).toBe(0);
        const tf = await loadTfjs(join(dir, `${model}-tfjs`, 'model.json'));
        for (let l = 0; l < saved.depth; l++)
          expect(Array.from(tf.getWeights(l).data)).toEqual(
            Array.from(saved.getWeights(l).data, Math.fround),
          );
      } else {
        // least squares is a LinearClassifier (arg max output): ONNX only, the exporter's bytes.
        expect(model).toBe('leastSquares');
        expect(bytes).toEqual(
          new Uint8Array(
            toOnnx(saved as never, { docString: 'exported by termgrad from the digits lab' }),
          ),
        );
        const t = await cli(['export', file, '--format', 'tfjs']);
        expect(t.code).toBe(1);
        expect(t.err.join('\n')).toMatch(/TF\.js layers format holds an MLP.*LinearClassifier/);
      }
    }
  });

  it('explains bad requests on one line', async () => {
    const dir = await tempDir();
    const curve = await saved(dir, 'curve', []);
    const bad = await cli(['export', curve, '--format', 'pmml']);
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toMatch(/--format.*expected onnx or tfjs, got 'pmml'/);
    const noFormat = await cli(['export', curve]);
    expect(noFormat.code).toBe(2);
    expect(noFormat.err.join('\n')).toMatch(/required option '--format <format>'/);
    const tfjs = await cli(['export', curve, '--format', 'tfjs']);
    expect(tfjs.code).toBe(1);
    expect(tfjs.err).toEqual([
      expect.stringMatching(
        /^termgrad export: the TF.js layers format holds an MLP; the curve session has a PolynomialRegression/,
      ),
    ]);
    const missing = await cli(['export', join(dir, 'nope.json'), '--format', 'onnx']);
    expect(missing.code).toBe(1);
    expect(missing.err.join('\n')).toMatch(/termgrad export: cannot read .*nope\.json/);
    const perceptron = await saved(dir, 'classify', ['--model', 'perceptron']);
    const p = await cli(['export', perceptron, '--format', 'onnx']);
    expect(p.code).toBe(1);
    expect(p.err.join('\n')).toMatch(/a Perceptron has no ONNX\/TF.js export/);
    const empty = join(dir, 'empty.json');
    await writeFile(
      empty,
      '{"format":"termgrad-session","version":1,"lab":"curve","settings":{"m":3,"lnLambda":null,"n":10,"testN":100,"noise":0.3,"maxM":9,"seed":1},"model":null}',
    );
    const e = await cli(['export', empty, '--format', 'onnx']);
    expect(e.code).toBe(1);
    expect(e.err.join('\n')).toMatch(/has no trained model yet/);
  });
});

describe('the export key', () => {
  it('X asks for an export in every lab, also with the network diagram focused', () => {
    for (const lab of ['curve', 'classify', 'network', 'digits'] as const) {
      const state = { ...initialState(), lab };
      expect(keyToIntent(state, 'X', {}, { now: 0, seed: 1 })).toEqual({ kind: 'export' });
    }
    const s = initialState();
    const focused = {
      ...s,
      lab: 'network' as const,
      network: { ...s.network, focus: 'network' as const },
    };
    expect(keyToIntent(focused, 'X', {}, { now: 0, seed: 1 })).toEqual({ kind: 'export' });
    // On the digits drawing pad X is not a pad key (x erases): it still exports.
    const pad = { ...s, lab: 'digits' as const, digits: { ...s.digits, focus: 'pad' as const } };
    expect(keyToIntent(pad, 'X', {}, { now: 0, seed: 1 })).toEqual({ kind: 'export' });
    expect(keyToIntent(pad, 'x', {}, { now: 0, seed: 1 })).not.toEqual({ kind: 'export' });
  });

  it('writes ONNX (and TF.js for a network) next to the save file', async () => {
    const dir = await tempDir();
    const file = await saved(dir, 'network', []);
    const session = await loadSession(file);
    const paths = await exportNextToSave(session, join(dir, 'sub', 'termgrad-network.json'));
    expect(paths).toEqual([
      join(dir, 'sub', 'termgrad-network.onnx'),
      join(dir, 'sub', 'termgrad-network-tfjs', 'model.json'),
    ]);
    expect(fromOnnx(new Uint8Array(await readFile(paths[0]!))).layers).toEqual(
      MLP.fromJSON(session.model as never).layers,
    );
    const curve = await loadSession(await saved(dir, 'curve', []));
    expect(await exportNextToSave(curve, join(dir, 'termgrad-curve.json'))).toEqual([
      join(dir, 'termgrad-curve.onnx'),
    ]);
  });
});
