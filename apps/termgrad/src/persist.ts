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

/** A saved session: the lab, its settings and (when there is one) the trained model's JSON. */
export type Session =
  | { readonly lab: 'curve'; readonly settings: CurveSettings; readonly model: unknown }
  | { readonly lab: 'classify'; readonly settings: ClassifySettings; readonly model: unknown }
  | { readonly lab: 'network'; readonly settings: NetworkSettings; readonly model: unknown };

const header = { format: z.literal('termgrad-session'), version: z.literal(SESSION_VERSION), savedAt: z.string().optional(), model: z.unknown() };

/** Schema of a session file (validated on load). */
export const sessionSchema = z.discriminatedUnion('lab', [
  z.object({ ...header, lab: z.literal('curve'), settings: curveSettingsSchema }),
  z.object({ ...header, lab: z.literal('classify'), settings: classifySettingsSchema }),
  z.object({ ...header, lab: z.literal('network'), settings: networkSettingsSchema }),
]);

/** Default save path of a lab: ./termgrad-<lab>.json. */
export function defaultSavePath(lab: LabId): string {
  return `termgrad-${lab}.json`;
}

/** The JSON text of a session file. */
export function sessionToJson(session: Session, now: Date = new Date()): string {
  return (
    JSON.stringify(
      { format: 'termgrad-session', version: SESSION_VERSION, savedAt: now.toISOString(), lab: session.lab, settings: session.settings, model: session.model ?? null },
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

/** Parses and validates the text of a session file. @throws UsageError naming the problem. */
export function parseSession(text: string, source = 'session'): Session {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--load: ${source} is not JSON (${(error as Error).message})`);
  }
  const result = sessionSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined ? '' : issue.path.join('.');
    throw new UsageError(`--load: ${source} is not a termgrad session; ${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}`);
  }
  const { lab, settings, model } = result.data;
  return { lab, settings, model } as Session;
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
