import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MLP } from '@termgrad/models';
import { InteropError } from '../errors.js';
import type { OnnxExportOptions } from '../onnx-builder.js';
import { type OnnxExportable, toOnnx } from '../onnx-export.js';
import { fromOnnx } from '../onnx-import.js';
import { fromTfjs, type TfjsModelJson, tfjsModelJson, toTfjs } from '../tfjs.js';

/** Writes a file atomically: a temporary file in the same directory, then a rename. @internal */
export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Writes `toOnnx(model, options)` to `file` atomically. */
export async function saveOnnx(
  model: OnnxExportable,
  file: string,
  options: OnnxExportOptions = {},
): Promise<void> {
  await writeAtomic(file, toOnnx(model, options));
}

/** Reads an ONNX file into an MLP (see {@link fromOnnx}). @throws {InteropError} unreadable or unsupported file. */
export async function loadOnnx(file: string): Promise<MLP> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    throw new InteropError('loadOnnx', `cannot read ${file}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  return fromOnnx(bytes);
}

/**
 * Writes an MLP in the TF.js layers format into directory `dir` (created if missing): `model.json`
 * and `weights.bin`, each atomically (weights first, so model.json never names a missing file).
 * `tf.loadLayersModel('file://…/model.json')` (tfjs-node) or a browser fetch of the directory loads it.
 * @returns the path of model.json.
 */
export async function saveTfjs(
  model: MLP,
  dir: string,
  options: { name?: string } = {},
): Promise<string> {
  const artifacts = toTfjs(model, options);
  await mkdir(dir, { recursive: true });
  await writeAtomic(path.join(dir, 'weights.bin'), new Uint8Array(artifacts.weightData));
  const json = path.join(dir, 'model.json');
  await writeAtomic(json, `${JSON.stringify(tfjsModelJson(artifacts, 'weights.bin'), null, 2)}\n`);
  return json;
}

/**
 * Reads a TF.js layers model (`model.json` and the weight files its manifest names) into an MLP.
 * @throws {InteropError} unreadable or malformed files, unsupported layers.
 */
export async function loadTfjs(modelJsonPath: string): Promise<MLP> {
  const op = 'loadTfjs';
  let doc: TfjsModelJson;
  try {
    doc = JSON.parse(await readFile(modelJsonPath, 'utf8')) as TfjsModelJson;
  } catch (e) {
    throw new InteropError(op, `cannot read ${modelJsonPath} as JSON: ${(e as Error).message}`, {
      cause: e,
    });
  }
  if (doc === null || typeof doc !== 'object' || !Array.isArray(doc.weightsManifest))
    throw new InteropError(
      op,
      `malformed model.json ${modelJsonPath}: expected a weightsManifest array`,
    );
  const parts: Uint8Array[] = [];
  for (const group of doc.weightsManifest) {
    for (const p of group.paths ?? []) {
      const file = path.resolve(path.dirname(modelJsonPath), p);
      try {
        parts.push(new Uint8Array(await readFile(file)));
      } catch (e) {
        throw new InteropError(op, `cannot read weight file ${file}: ${(e as Error).message}`, {
          cause: e,
        });
      }
    }
  }
  const total = parts.reduce((a, p) => a + p.length, 0);
  const weightData = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    weightData.set(p, o);
    o += p.length;
  }
  return fromTfjs({
    modelTopology: doc.modelTopology,
    weightsManifest: doc.weightsManifest,
    weightData,
  });
}
