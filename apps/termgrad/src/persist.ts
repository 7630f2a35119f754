import { statSync } from 'node:fs';
import { open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { ClassifySettings } from './settings/classify-settings.js';
import { classifySettingsSchema } from './settings/classify-settings.js';
import type { CurveSettings } from './settings/curve-settings.js';
import { curveSettingsSchema } from './settings/curve-settings.js';
import type { DigitsSettings } from './settings/digits-settings.js';
import { digitsSettingsSchema } from './settings/digits-settings.js';
import { UsageError } from './settings/errors.js';
import type { LabId } from './settings/lab.js';
import type { NetworkSettings } from './settings/network-settings.js';
import { networkSettingsSchema } from './settings/network-settings.js';

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
  /** The dashboard was paused when saved: a loaded run starts paused. */
  readonly paused?: boolean;
}

/**
 * Where a session's data came from, recorded so that `--load` trains on the same data or refuses:
 * a built-in data set (its name and seed; the lab's other settings fix the rest), or the user's
 * CSV file (`--data`): its absolute path, the SHA-256 of its content, the label column and
 * whether its first row was a header.
 */
export type DataSource =
  | { readonly kind: 'builtin'; readonly dataset: string; readonly seed: number }
  | {
      readonly kind: 'csv';
      readonly path: string;
      readonly sha256: string;
      readonly label?: string | number;
      readonly header: boolean;
    };

const dataSourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('builtin'),
      dataset: z.string().min(1),
      seed: z.number().int().min(0),
    })
    .strict(),
  z
    .object({
      kind: z.literal('csv'),
      path: z.string().min(1),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits'),
      label: z.union([z.string(), z.number().int()]).optional(),
      header: z.boolean(),
    })
    .strict(),
]);

/** A saved session: the lab, its settings, (when there is one) the trained model's JSON, and its progress. */
export type Session =
  | {
      readonly lab: 'curve';
      readonly settings: CurveSettings;
      readonly model: unknown;
      readonly progress?: SessionProgress;
      readonly data?: DataSource;
    }
  | {
      readonly lab: 'classify';
      readonly settings: ClassifySettings;
      readonly model: unknown;
      readonly progress?: SessionProgress;
      readonly data?: DataSource;
    }
  | {
      readonly lab: 'network';
      readonly settings: NetworkSettings;
      readonly model: unknown;
      readonly progress?: SessionProgress;
      readonly data?: DataSource;
    }
  | {
      readonly lab: 'digits';
      readonly settings: DigitsSettings;
      readonly model: unknown;
      readonly progress?: SessionProgress;
      readonly data?: DataSource;
    };

// JSON has no NaN: a missing test loss is stored as null.
const lossPointSchema = z.object({
  epoch: z.number().int().min(0),
  train: z.number().nullable(),
  test: z.number().nullable(),
});

const header = {
  format: z.literal('termgrad-session'),
  version: z.literal(SESSION_VERSION),
  savedAt: z.string().optional(),
  model: z.unknown(),
  // Optional (added later): older files have none of them.
  epoch: z.number().int().min(0).optional(),
  history: z.array(lossPointSchema).optional(),
  trainer: z.unknown().optional(),
  paused: z.boolean().optional(),
  data: dataSourceSchema.optional(),
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
  digits: {},
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
  z.object({
    ...header,
    lab: z.literal('curve'),
    settings: z.preprocess(upgradeSettings('curve'), curveSettingsSchema),
  }),
  z.object({
    ...header,
    lab: z.literal('classify'),
    settings: z.preprocess(upgradeSettings('classify'), classifySettingsSchema),
  }),
  z.object({
    ...header,
    lab: z.literal('network'),
    settings: z.preprocess(upgradeSettings('network'), networkSettingsSchema),
  }),
  z.object({
    ...header,
    lab: z.literal('digits'),
    settings: z.preprocess(upgradeSettings('digits'), digitsSettingsSchema),
  }),
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
    ...(p?.history !== undefined
      ? {
          history: p.history.map((h) => ({
            epoch: h.epoch,
            train: finite(h.train),
            test: finite(h.test),
          })),
        }
      : {}),
    ...(p?.trainer !== undefined && p.trainer !== null ? { trainer: p.trainer } : {}),
    ...(p?.paused === true ? { paused: true } : {}),
  };
  return (
    JSON.stringify(
      {
        format: 'termgrad-session',
        version: SESSION_VERSION,
        savedAt: now.toISOString(),
        lab: session.lab,
        settings: session.settings,
        ...(session.data !== undefined ? { data: session.data } : {}),
        model: session.model ?? null,
        ...progress,
      },
      // -Infinity / NaN never reach the file: settings use null for λ = 0.
      null,
      2,
    ) + '\n'
  );
}

/** Suffix of the temporary files of {@link saveSession}: `<target>.<pid>.<ms>.tmp`. */
const TMP_PATTERN = /^(.+)\.(\d+)\.(\d+)\.tmp$/;

/** The reason a file system call failed, in words (no internal file names). */
function reasonOf(error: unknown, target: string): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return `directory ${dirname(target)} does not exist`;
    case 'ENOTDIR':
      return `${nearestFile(target)} is not a directory`;
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (directory ${dirname(target)})`;
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'ENAMETOOLONG':
      return 'file name too long';
    default:
      return e.code ?? (e.message || String(error));
  }
}

/** The first ancestor of `target` (its parent or above) that exists as something other than a directory. */
function nearestFile(target: string): string {
  // Synchronous on purpose: called only to word an error.
  let p = dirname(target);
  for (;;) {
    try {
      if (!statSync(p).isDirectory()) return p;
    } catch {
      // missing: go up
    }
    const up = dirname(p);
    if (up === p) return dirname(target);
    p = up;
  }
}

/** A save that cannot be done: `could not save to <path>: <reason>`. */
export class SaveError extends UsageError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`could not save to ${path}: ${reason}`);
  }
}

function tempName(target: string): string {
  return `${target}.${process.pid}.${Date.now()}.tmp`;
}

/**
 * Checks that a session can be saved at `path` (before any training): its directory exists and a
 * file can be created there (tried with a temporary file, removed at once), and `path` is not a
 * directory. @returns the absolute path. @throws SaveError naming the path and the reason.
 */
export async function checkSaveTarget(path: string): Promise<string> {
  const target = resolve(path);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory() === true) throw new SaveError(target, 'it is a directory');
  const tmp = tempName(target);
  try {
    const handle = await open(tmp, 'wx');
    await handle.close();
  } catch (error) {
    throw new SaveError(target, reasonOf(error, target));
  }
  await unlink(tmp).catch(() => undefined);
  return target;
}

/**
 * Saves a session atomically: writes `<path>.<pid>.<ms>.tmp` then renames it over `path`, so a
 * crash never leaves a half-written file. On failure the temporary file is removed.
 * @returns the absolute path written.
 * @throws SaveError `could not save to <path>: <reason>` (never naming the temporary file).
 */
export async function saveSession(path: string, session: Session): Promise<string> {
  const target = resolve(path);
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory() === true) throw new SaveError(target, 'it is a directory');
  const tmp = tempName(target);
  try {
    await writeFile(tmp, sessionToJson(session), { encoding: 'utf8', flag: 'wx' });
    await rename(tmp, target);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw new SaveError(target, reasonOf(error, target));
  }
  return target;
}

/** True when a process with this id is running (or exists but is not ours). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files that saves to `path` left behind when their process was killed
 * mid-save (`<path>.<pid>.<ms>.tmp` whose process is gone). Saves still running are left alone.
 * Errors (an unreadable directory) are ignored: this is tidying, not a check.
 * @returns the files removed.
 */
export async function removeStaleTemps(path: string): Promise<string[]> {
  const target = resolve(path);
  const dir = dirname(target);
  const name = basename(target);
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const m = TMP_PATTERN.exec(entry);
    if (m === null || m[1] !== name || alive(Number(m[2]))) continue;
    const file = join(dir, entry);
    try {
      await unlink(file);
      removed.push(file);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
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
    throw new UsageError(
      `--load: ${source} is not a termgrad session; ${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}`,
    );
  }
  const { lab, settings, model, epoch, history, trainer, paused, data } = result.data;
  const progress: SessionProgress = {
    ...(epoch !== undefined ? { epoch } : {}),
    ...(history !== undefined
      ? {
          history: history.map((h) => ({
            epoch: h.epoch,
            train: h.train ?? NaN,
            test: h.test ?? NaN,
          })),
        }
      : {}),
    ...(trainer !== undefined && trainer !== null ? { trainer } : {}),
    ...(paused === true ? { paused } : {}),
  };
  return { lab, settings, model, progress, ...(data !== undefined ? { data } : {}) } as Session;
}

/** Reads and validates a session file. @throws UsageError when it is missing or invalid. */
export async function loadSession(path: string): Promise<Session> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--load: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return parseSession(text, path);
}
