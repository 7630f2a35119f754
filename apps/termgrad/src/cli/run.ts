import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CommanderError } from 'commander';
import type { ZodType } from 'zod';
import type { UserData } from '../driver/user-data.js';
import type { Session, SessionProgress } from '../persist.js';
import { checkSaveTarget, defaultSavePath, loadSession, removeStaleTemps } from '../persist.js';
import type { Charset } from '../render/charset.js';
import { asciiText, detectCharset } from '../render/charset.js';
import type { CsvSource } from '../session-file.js';
import { checkCsvReading, checkResume } from '../session-file.js';
import type { ClassifySettings } from '../settings/classify-settings.js';
import {
  classifySettingsSchema,
  DEFAULT_CLASSIFY_SETTINGS,
} from '../settings/classify-settings.js';
import type { CurveSettings } from '../settings/curve-settings.js';
import { curveSettingsSchema, DEFAULT_CURVE_SETTINGS } from '../settings/curve-settings.js';
import type { DigitsSettings } from '../settings/digits-settings.js';
import { DEFAULT_DIGITS_SETTINGS, digitsSettingsSchema } from '../settings/digits-settings.js';
import { UsageError } from '../settings/errors.js';
import { settingsFromPlaygroundUrl } from '../settings/from-playground.js';
import type { LabId } from '../settings/lab.js';
import type { NetworkSettings } from '../settings/network-settings.js';
import {
  DEFAULT_NETWORK_SETTINGS,
  networkSettingsSchema,
  problemOf,
} from '../settings/network-settings.js';
import type { CliRequest } from './program.js';
import { buildProgram } from './program.js';

/** Where the CLI writes and what it knows about its terminal. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly isTTY: boolean;
}

/** Fully resolved run: every lab's settings validated, the mode decided. */
export interface ResolvedRun {
  readonly request: CliRequest;
  readonly headless: boolean;
  readonly curve: CurveSettings;
  readonly classify: ClassifySettings;
  readonly network: NetworkSettings;
  readonly digits: DigitsSettings;
  /** Model JSON from --load, for the loaded lab. */
  readonly loadedModel: unknown;
  /** Progress saved with it (epoch, loss history, trainer state). */
  readonly loadedProgress?: SessionProgress;
  /** The user's CSV (`--data`), read and prepared. */
  readonly user?: UserData;
  /** The same CSV as a session records it (path, content hash, label column, header). */
  readonly csv?: CsvSource;
}

const FLAG_OF: Record<string, string> = {
  lnLambda: '--ln-lambda',
  testN: '--test-n',
  maxM: '--max-m',
  basisPerAxis: '--basis-per-axis',
  lambda: '--lambda',
  learningRate: '--learning-rate',
  maxEpochs: '--epochs',
  noiseSd: '--noise-sd',
  batchSize: '--batch-size',
  trainRatio: '--train-ratio',
  showTest: '--show-test',
  labelsPath: '--idx-labels',
  dataPath: '--data',
};

/** The flag that sets a lab's settings key. */
export function flagFor(_lab: LabId, key: string): string {
  return FLAG_OF[key] ?? `--${key}`;
}

function validate<T>(schema: ZodType<T>, value: unknown, lab: LabId): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  throw new UsageError(`${lab} ${flagFor(lab, key)}: ${issue?.message ?? 'invalid value'}`);
}

/**
 * Merges defaults < --load < --playground < flags, and validates. A loaded session is checked as a
 * whole ({@link checkResume}): resumed exactly, or refused. Warnings (e.g. keys of a Playground URL
 * that were ignored) go to `warn`. @throws UsageError
 */
export async function resolveRun(
  request: CliRequest,
  isTTY: boolean,
  warn: (message: string) => void = () => {},
): Promise<ResolvedRun> {
  let curve: Partial<CurveSettings> = {};
  let classify: Partial<ClassifySettings> = {};
  let network: Partial<NetworkSettings> = {};
  let digits: Partial<DigitsSettings> = {};
  let loadedModel: unknown = null;
  let loadedProgress: SessionProgress | undefined;
  let lab = request.lab;
  let session: Session | undefined;
  if (request.fresh && request.load === undefined)
    throw new UsageError('--fresh: only with --load (it starts a loaded session over)');
  if (request.load !== undefined) {
    session = await loadSession(request.load);
    if (session.lab !== request.lab && request.lab !== 'network') {
      throw new UsageError(
        `--load: ${request.load} is a ${session.lab} session, not ${request.lab}`,
      );
    }
    if (!request.fresh) {
      loadedModel = session.model;
      loadedProgress = session.progress;
    }
    lab = session.lab;
    if (session.lab === 'curve') curve = session.settings;
    else if (session.lab === 'classify') classify = session.settings;
    else if (session.lab === 'digits') digits = session.settings;
    else network = session.settings;
  }
  let playground: Partial<NetworkSettings> | undefined;
  if (request.playground !== undefined) {
    // Checked in the Playground's own terms first: messages name the URL's keys, not flags.
    const { checkPlaygroundUrl } = await import('../playground-url.js');
    checkPlaygroundUrl(request.playground);
    try {
      playground = await settingsFromPlaygroundUrl(request.playground, warn);
    } catch (error) {
      throw new UsageError(
        (error as Error).message.replace(
          /^--playground: (parsePlaygroundUrl: )?/,
          'Playground URL: ',
        ),
      );
    }
    network = { ...network, ...playground };
  }
  network = { ...network, ...request.network };
  if (request.data !== undefined && lab !== 'digits' && request.network.dataset === undefined)
    network = { ...network, dataset: 'csv' };
  if (request.network.dataset !== undefined && request.network.problem === undefined) {
    network = {
      ...network,
      problem: problemOf(request.network.dataset, network.problem ?? 'classification'),
    };
  }
  // The CSV a loaded session was trained on: its label column and header are read the same way
  // unless the flags say otherwise.
  const savedCsv = session?.data?.kind === 'csv' ? session.data : undefined;
  let user: UserData | undefined;
  let csv: CsvSource | undefined;
  if (lab === 'digits') {
    // The digits lab reads images, not feature rows: --data names the image file it keeps in its settings.
    digits = { ...digits, ...request.digits };
    if (request.data !== undefined)
      digits = {
        ...digits,
        dataPath: request.data,
        ...(request.digits.dataset === undefined ? { dataset: 'file' as const } : {}),
      };
    if (request.labelColumn !== undefined) digits = { ...digits, labelColumn: request.labelColumn };
    const d = validate(digitsSettingsSchema, { ...DEFAULT_DIGITS_SETTINGS, ...digits }, 'digits');
    if (d.dataset === 'file' && d.dataPath === null)
      throw new UsageError('digits --dataset file: needs --data <images.csv | images-idx3-ubyte>');
    if (d.dataset !== 'file' && request.data !== undefined)
      throw new UsageError(
        `digits --data: reads your images; it cannot be combined with --dataset ${d.dataset}`,
      );
    // Read the images now: a missing package, a ragged row or a size that is no image is reported before training starts.
    const { loadDigitsData } = await import('../driver/digits-data.js');
    await loadDigitsData(d, request.header);
  } else if (request.data !== undefined) {
    const { loadUserData } = await import('../driver/user-data.js');
    const labelColumn = request.labelColumn ?? (request.fresh ? undefined : savedCsv?.label);
    const header =
      request.header === false ? false : request.fresh ? true : (savedCsv?.header ?? true);
    if (session !== undefined && request.load !== undefined && !request.fresh)
      checkCsvReading(session, request.load, {
        ...(labelColumn !== undefined ? { label: labelColumn } : {}),
        header,
      });
    const task =
      lab === 'classify'
        ? 'classification'
        : (request.network.problem ??
          (session?.lab === 'network' && session.settings.dataset === 'csv' && !request.fresh
            ? session.settings.problem
            : undefined));
    user = loadUserData(request.data, {
      ...(labelColumn !== undefined ? { labelColumn } : {}),
      header,
      ...(task !== undefined ? { task } : {}),
      seed:
        (lab === 'classify'
          ? (request.classify.seed ?? classify.seed)
          : (request.network.seed ?? network.seed)) ?? 1,
      lab: lab === 'classify' ? 'classify' : 'network',
    });
    csv = {
      path: resolve(request.data),
      sha256: user.sha256,
      ...(labelColumn !== undefined ? { label: labelColumn } : {}),
      header,
    };
    if (network.dataset === 'csv') network = { ...network, problem: user.task };
    // The classification lab trains on a CSV of class labels (its data field names the file).
    if (user.task === 'classification' && request.classify.dataset === undefined)
      classify = { ...classify, dataset: 'csv' };
  }
  if (session !== undefined && request.load !== undefined) {
    const sessionLab = session.lab;
    checkResume(session, {
      path: request.load,
      flags: request[sessionLab] as Record<string, unknown>,
      ...(playground !== undefined && sessionLab === 'network' ? { playground } : {}),
      flagOf: (key) => flagFor(sessionLab, key),
      ...(csv !== undefined ? { csv } : {}),
      ...(user !== undefined
        ? { csvShape: { d: user.d, classes: user.task === 'regression' ? 1 : user.classes } }
        : {}),
      fresh: request.fresh,
    });
  }
  // After the session check: a loaded CSV session without --data is refused there, naming its file.
  if ({ ...classify, ...request.classify }.dataset === 'csv' && user?.task !== 'classification') {
    throw new UsageError(
      user === undefined
        ? 'classify: data set csv needs --data file.csv'
        : `classify --data: ${request.data ?? ''} has a numeric target; expected class labels`,
    );
  }
  if (network.dataset === 'csv' && request.data === undefined)
    throw new UsageError('network --dataset csv: needs --data file.csv');
  return {
    request: { ...request, lab },
    headless: request.headless || !isTTY,
    curve: validate(
      curveSettingsSchema,
      { ...DEFAULT_CURVE_SETTINGS, ...curve, ...request.curve },
      'curve',
    ),
    classify: validate(
      classifySettingsSchema,
      { ...DEFAULT_CLASSIFY_SETTINGS, ...classify, ...request.classify },
      'classify',
    ),
    network: validate(
      networkSettingsSchema,
      { ...DEFAULT_NETWORK_SETTINGS, ...network },
      'network',
    ),
    digits: validate(digitsSettingsSchema, { ...DEFAULT_DIGITS_SETTINGS, ...digits }, 'digits'),
    loadedModel,
    ...(loadedProgress !== undefined ? { loadedProgress } : {}),
    ...(user !== undefined ? { user } : {}),
    ...(csv !== undefined ? { csv } : {}),
  };
}

/** The value of `--load <path>` / `--load=<path>` on a command line, if any. */
function loadArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') return undefined;
    if (a === '--load') return argv[i + 1];
    if (a.startsWith('--load=')) return a.slice('--load='.length);
  }
  return undefined;
}

/** The lab a session file names, or undefined when it cannot be read (loading then reports why). */
function peekLab(path: string): LabId | undefined {
  try {
    const lab = (JSON.parse(readFileSync(path, 'utf8')) as { lab?: unknown }).lab;
    return lab === 'curve' || lab === 'classify' || lab === 'network' || lab === 'digits'
      ? lab
      : undefined;
  } catch {
    return undefined;
  }
}

/** The value of `--charset` on the command line ('auto' when absent or not a known set). */
function charsetFlag(argv: readonly string[]): Charset | 'auto' {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const v =
      a === '--charset'
        ? argv[i + 1]
        : a.startsWith('--charset=')
          ? a.slice('--charset='.length)
          : undefined;
    if (v === 'utf8' || v === 'ascii') return v;
  }
  return 'auto';
}

/** The first words the command line accepts: the labs and commander's `help`. */
const COMMANDS: readonly string[] = ['network', 'curve', 'classify', 'digits', 'help'];

/**
 * The whole command line: parse, resolve, then run headless or the dashboard.
 * Returns the exit code; never throws (errors become one line on stderr, stacks only with --debug).
 */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  // The character set applies to everything written, help and errors included: under a
  // non-UTF-8 locale (or --charset ascii) no byte >= 0x80 reaches the terminal.
  const charset = detectCharset({ env: rawIo.env, flag: charsetFlag(argv) });
  const io: CliIo =
    charset === 'utf8'
      ? rawIo
      : {
          ...rawIo,
          stdout: (t) => rawIo.stdout(asciiText(t)),
          stderr: (t) => rawIo.stderr(asciiText(t)),
        };
  let request: CliRequest | undefined;
  // The first word, if not an option, names the lab; commander would call anything else an excess
  // argument of the default lab ("too many arguments for 'network'").
  const first = argv[0];
  if (first === 'export') {
    const { runExport } = await import('./export-command.js');
    return runExport(argv.slice(1), io);
  }
  if (first !== undefined && !first.startsWith('-') && !COMMANDS.includes(first)) {
    io.stderr(
      `termgrad: unknown lab '${first}'; expected network, curve, classify or digits (see termgrad --help)\n`,
    );
    return 2;
  }
  // `termgrad --load x.json ...` without a lab: the lab is the session's, so its flags (--epochs,
  // --model, ...) are read as that lab's flags, not the default network lab's.
  const loadPath = first === undefined || first.startsWith('-') ? loadArgument(argv) : undefined;
  const lab = loadPath !== undefined ? peekLab(loadPath) : undefined;
  if (lab !== undefined && lab !== 'network') argv = [lab, ...argv];
  const program = buildProgram({ writeOut: io.stdout, writeErr: io.stderr }, (r) => {
    request = r;
  });
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.stderr(`termgrad: ${(error as Error).message}\n`);
    return 2;
  }
  if (request === undefined) return 0;
  const debug = request.debug;
  // `termgrad network --load x.json` with the lab typed: a session of another lab is not quietly
  // opened in its own lab (without the lab word, the session's lab is taken).
  if (first === 'network' && request.load !== undefined) {
    const sessionLab = peekLab(request.load);
    if (sessionLab !== undefined && sessionLab !== 'network') {
      io.stderr(
        `termgrad: --load: ${request.load} is a ${sessionLab} session, not network (run termgrad ${sessionLab} --load ${request.load}, or leave out the lab)\n`,
      );
      return 1;
    }
  }
  try {
    const run = await resolveRun(request, io.isTTY, (message) =>
      io.stderr(`termgrad: ${message}\n`),
    );
    const term = io.env['TERM'] ?? '';
    if (!run.headless && (term === '' || term === 'dumb')) {
      io.stderr(
        `termgrad: this terminal (TERM=${term === '' ? '<unset>' : term}) cannot show the dashboard; use --headless for text output\n`,
      );
      return 1;
    }
    // Saves fail before training, not after it: the destination is checked first. Temporary files
    // of saves that were killed (their process is gone) are removed.
    const savePath = request.save ?? defaultSavePath(run.request.lab);
    await removeStaleTemps(savePath);
    if (request.save !== undefined) await checkSaveTarget(request.save);
    const { createSessionFactory } = await import('../driver/sessions.js');
    const sessions = await createSessionFactory({
      ...(run.user !== undefined ? { user: run.user } : {}),
      loadedModel: run.loadedModel,
      loadedLab: run.request.lab,
      header: request.header,
      ...(run.loadedProgress !== undefined ? { loadedProgress: run.loadedProgress } : {}),
    });
    if (run.headless) {
      const { runHeadless } = await import('../headless.js');
      await runHeadless({
        lab: run.request.lab,
        sessions,
        curve: run.curve,
        classify: run.classify,
        network: run.network,
        digits: run.digits,
        json: request.json,
        cv: request.cv,
        ...(request.save !== undefined ? { save: request.save } : {}),
        ...(run.csv !== undefined ? { csv: run.csv } : {}),
        write: (line) => io.stdout(line + '\n'),
      });
      return 0;
    }
    const { runDashboard } = await import('../dashboard.js');
    return await runDashboard({
      lab: run.request.lab,
      curve: run.curve,
      classify: run.classify,
      network: run.network,
      digits: run.digits,
      sessions,
      ...(run.loadedProgress?.history !== undefined && run.request.lab === 'network'
        ? { history: run.loadedProgress.history }
        : {}),
      color: request.color ? 'auto' : false,
      charset,
      speed: request.speed,
      fps: request.fps,
      env: io.env,
      ...(request.save !== undefined ? { savePath: request.save } : {}),
      ...(run.csv !== undefined ? { csv: run.csv } : {}),
      ...(run.loadedProgress?.paused === true ? { paused: true } : {}),
      ...(run.user !== undefined ? { networkDataFile: basename(run.user.source) } : {}),
      ...(run.user?.task === 'classification'
        ? { classifyDataFile: basename(run.user.source) }
        : {}),
    });
  } catch (error) {
    const e = error as Error;
    // Our own input errors (flags, session files, CSV files) are one clear line without a class name.
    const text =
      e instanceof UsageError || e.name === 'DatasetError' || e.name === 'PlaygroundUrlError'
        ? e.message
        : `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}`;
    io.stderr(`termgrad: ${text.split('\n')[0]}\n`);
    if (debug && e.stack !== undefined) io.stderr(e.stack + '\n');
    return 1;
  }
}
