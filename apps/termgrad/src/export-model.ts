import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { OnnxExportable } from '@termgrad/interop';
import { saveOnnx, saveTfjs } from '@termgrad/interop/node';
import { MLP, modelFromJSON, Perceptron } from '@termgrad/models';
import type { Session } from './persist.js';

/** Formats `termgrad export` and the dashboard's export key write. */
export type ExportFormat = 'onnx' | 'tfjs';

/** The exportable model of a session, or an Error saying why there is none. */
export function sessionModel(session: Pick<Session, 'lab' | 'model'>): OnnxExportable {
  if (session.model === null || session.model === undefined)
    throw new Error(`the ${session.lab} session has no trained model yet; train it first`);
  const model = modelFromJSON(session.model);
  if (model instanceof Perceptron)
    throw new Error(
      'a Perceptron has no ONNX/TF.js export; expected an MLP, polynomial, logistic, softmax or generative model',
    );
  return model as OnnxExportable;
}

/** Where an export goes by default: next to the session file, `.json` replaced by `.onnx` (or `-tfjs/` for TF.js). */
export function defaultExportPath(sessionPath: string, format: ExportFormat): string {
  const base = sessionPath.replace(/\.json$/i, '');
  return format === 'onnx' ? `${base}.onnx` : `${base}-tfjs`;
}

/**
 * Writes the session's model atomically: an ONNX file, or a TF.js layers directory (model.json +
 * weights.bin; MLP only). @returns the absolute path written (the ONNX file or model.json).
 * @throws Error when the session has no exportable model.
 */
export async function exportSessionModel(
  session: Pick<Session, 'lab' | 'model'>,
  format: ExportFormat,
  out: string,
): Promise<string> {
  const model = sessionModel(session);
  const target = resolve(out);
  if (format === 'onnx') {
    await saveOnnx(model, target, {
      docString: `exported by termgrad from the ${session.lab} lab`,
    });
    return target;
  }
  if (!(model instanceof MLP))
    throw new Error(
      `the TF.js layers format holds an MLP; the ${session.lab} session has a ${model.constructor.name} (use --format onnx)`,
    );
  return saveTfjs(model, target);
}

/**
 * The dashboard's export key: the model as ONNX next to the save file (`termgrad-network.onnx`
 * beside `termgrad-network.json`) and, for an MLP, also as a TF.js directory (`termgrad-network-tfjs/`).
 * @returns the absolute paths written. @throws Error when there is no exportable model.
 */
export async function exportNextToSave(
  session: Pick<Session, 'lab' | 'model'>,
  savePath: string,
): Promise<string[]> {
  await mkdir(dirname(resolve(savePath)), { recursive: true });
  const written = [await exportSessionModel(session, 'onnx', defaultExportPath(savePath, 'onnx'))];
  if (sessionModel(session) instanceof MLP)
    written.push(await exportSessionModel(session, 'tfjs', defaultExportPath(savePath, 'tfjs')));
  return written;
}
