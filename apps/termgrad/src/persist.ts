import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { classifySettingsSchema } from './settings/classify-settings.js';
import type { ClassifySettings } from './settings/classify-settings.js';
import { curveSettingsSchema } from './settings/curve-settings.js';
import type { CurveSettings } from './settings/curve-settings.js';
import { UsageError } from './settings/errors.js';
import type { LabId } from './settings/lab.js';
import { networkSettingsSchema } from './settings/network-settings.js';
import type { NetworkSettings } from './settings/network-settings.js';

/** Version of the session file format. */
export const SESSION_VERSION = 1;

/** One point of the network lab's loss chart (test NaN when there is no test set). */
export interface SavedLossPoint {
  readonly epoch: number;
  readonly train: number;
  readonly test: number;
}

/**
 * How far the saved run had come, so `--load` continues it (every field optional: files written
 * before these fields existed load as a run at epoch 0).
 */
export interface SessionProgress {
  /** Epochs trained when saved; the epoch counter continues from it. */
  readonly epoch?: number;
  /** Network lab: the loss chart's points. */
  readonly history?: readonly SavedLossPoint[];
  /** Network lab in mode playground: `PlaygroundTrainer.state()` (carried derivatives, dead links, epochs). */
  readonly trainer?: unknown;
}

/** A saved session: the lab, its settings, (when there is one) the trained model's JSON, and its progress. */
export type Session =
  | { readonly lab: 'curve'; readonly settings: CurveSettings; readonly model: unknown; readonly progress?: SessionProgress }
  | { readonly lab: 'classify'; readonly settings: ClassifySettings; readonly model: unknown; readonly progress?: SessionProgress }
  | { readonly lab: 'network'; readonly settings: NetworkSettings; readonly model: unknown; readonly progress?: SessionProgress };

// JSON has no NaN: a missing test loss is stored as null.
const lossPointSchema = z.object({ epoch: z.number().int().min(0), train: z.number().nullable(), test: z.number().nullable() });

const header = {
  format: z.literal('termgrad-session'),
  version: z.literal(SESSION_VERSION),
  savedAt: z.string().optional(),
  model: z.unknown(),
  // Optional (added later): older files have none of them.
  epoch: z.number().int().min(0).optional(),
  history: z.array(lossPointSchema).optional(),
  trainer: z.unknown().optional(),
};

/**
 * Settings keys renamed to the one vocabulary (README "Conventions"), per lab: old key → new key.
 * Files saved before the renames load unchanged and silently (the app wrote those names, not the
 * user); the next save writes the new names.
 */
export const RENAMED_SETTINGS: Readonly<Record<LabId, Readonly<Record<string, string>>>> = {
  network: { lr: 'learningRate', regRate: 'lambda', epochs: 'maxEpochs' },
  classify: { lr: 'learningRate', l2: 'lambda', n: 'samples', epochs: 'maxEpochs' },
  curve: { noise: 'noiseSd' },
};

/**
 * A copy of saved settings with each old key renamed. A file with both an old key and its new one
 * keeps the old key, which the strict schema then rejects by name.
 */
function upgradeSettings(lab: LabId): (value: unknown) => unknown {
  const renames = RENAMED_SETTINGS[lab];
  return (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [old, next] of Object.entries(renames)) {
      if (!Object.hasOwn(out, old) || Object.hasOwn(out, next)) continue;
      out[next] = out[old];
      delete out[old];
    }
    return out;
  };
}

/** Schema of a session file (validated on load; settings saved under the old names are renamed first). */
export const sessionSchema = z.discriminatedUnion('lab', [
  z.object({ ...header, lab: z.literal('curve'), settings: z.preprocess(upgradeSettings('curve'), curveSettingsSchema) }),
  z.object({ ...header, lab: z.literal('classify'), settings: z.preprocess(upgradeSettings('classify'), classifySettingsSchema) }),
  z.object({ ...header, lab: z.literal('network'), settings: z.preprocess(upgradeSettings('network'), networkSettingsSchema) }),
]);

/** Default save path of a lab: ./termgrad-<lab>.json. */
export function defaultSavePath(lab: LabId): string {
  return `termgrad-${lab}.json`;
}

/** The JSON text of a session file. */
export function sessionToJson(session: Session, now: Date = new Date()): string {
  const p = session.progress;
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  const progress = {
    ...(p?.epoch !== undefined ? { epoch: p.epoch } : {}),
    ...(p?.history !== undefined ? { history: p.history.map((h) => ({ epoch: h.epoch, train: finite(h.train), test: finite(h.test) })) } : {}),
    ...(p?.trainer !== undefined && p.trainer !== null ? { trainer: p.trainer } : {}),
  };
  return (
    JSON.stringify(
      { format: 'termgrad-session', version: SESSION_VERSION, savedAt: now.toISOString(), lab: session.lab, settings: session.settings, model: session.model ?? null, ...progress },
      // -Infinity / NaN never reach the file: settings use null for λ = 0.
      null,
      2,
    ) + '\n'
  );
}

/**
 * Saves a session atomically: writes `<path>.<pid>.tmp` then renames it over `path`, so a crash
 * never leaves a half-written file.
 * @returns the absolute path written.
 */
export async function saveSession(path: string, session: Session): Promise<string> {
  const target = resolve(path);
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await mkdir(dirname(target), { recursive: true });
  try {
    await writeFile(tmp, sessionToJson(session), 'utf8');
    await rename(tmp, target);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  return target;
}

/** A message on one line: newlines (JSON.parse quotes the text it choked on) shown as \\n. */
function oneLine(message: string): string {
  return message.replace(/\r?\n/g, '\\n');
}

/** Parses and validates the text of a session file. @throws UsageError naming the problem. */
export function parseSession(text: string, source = 'session'): Session {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--load: ${source} is not JSON (${oneLine((error as Error).message)})`);
  }
  const result = sessionSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined ? '' : issue.path.join('.');
    throw new UsageError(`--load: ${source} is not a termgrad session; ${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}`);
  }
  const { lab, settings, model, epoch, history, trainer } = result.data;
  const progress: SessionProgress = {
    ...(epoch !== undefined ? { epoch } : {}),
    ...(history !== undefined ? { history: history.map((h) => ({ epoch: h.epoch, train: h.train ?? NaN, test: h.test ?? NaN })) } : {}),
    ...(trainer !== undefined && trainer !== null ? { trainer } : {}),
  };
  return { lab, settings, model, progress } as Session;
}

/** Reads and validates a session file. @throws UsageError when it is missing or invalid. */
export async function loadSession(path: string): Promise<Session> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--load: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseSession(text, path);
}
