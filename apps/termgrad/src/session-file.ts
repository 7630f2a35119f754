import type { DataSource, Session as SessionFile } from './persist.js';
import type { ClassifySettings } from './settings/classify-settings.js';
import { UsageError } from './settings/errors.js';
import type { LabId } from './settings/lab.js';
import type { NetworkSettings } from './settings/network-settings.js';
import { featureOrder } from './settings/network-settings.js';
import type { AppState } from './state/app-state.js';

/** The user's CSV as a session records it (`--data`, `--label`, `--no-header`). */
export interface CsvSource {
  /** Absolute path. */
  readonly path: string;
  /** SHA-256 of the file's bytes, lower-case hex. */
  readonly sha256: string;
  readonly label?: string | number;
  readonly header: boolean;
}

/** What a lab's data is: the user's CSV when the lab trains on it, else its built-in set and seed. */
export function dataSourceOf(
  session: Pick<SessionFile, 'lab' | 'settings'>,
  csv?: CsvSource,
): DataSource {
  const csvSource = (c: CsvSource): DataSource => ({
    kind: 'csv',
    path: c.path,
    sha256: c.sha256,
    ...(c.label !== undefined ? { label: c.label } : {}),
    header: c.header,
  });
  if (session.lab === 'curve')
    return { kind: 'builtin', dataset: 'sin', seed: session.settings.seed };
  if (session.lab === 'classify') {
    const s = session.settings as ClassifySettings;
    return csv !== undefined
      ? csvSource(csv)
      : { kind: 'builtin', dataset: s.dataset, seed: s.seed };
  }
  const s = session.settings as NetworkSettings;
  return s.dataset === 'csv' && csv !== undefined
    ? csvSource(csv)
    : { kind: 'builtin', dataset: s.dataset, seed: s.seed };
}

/**
 * The session to save for the current lab: its settings, its data source, the latest model's
 * JSON, and its progress (the epoch; whether the dashboard was paused; for the network lab also the
 * loss chart and, in mode playground, the trainer's state).
 */
export function sessionOf(state: AppState, csv?: CsvSource): SessionFile {
  const lab = state[state.lab];
  const paused = !lab.running && !lab.finished ? { paused: true } : {};
  if (state.lab === 'curve') {
    const s = state.curve.snapshot;
    const settings = state.curve.settings;
    return {
      lab: 'curve',
      settings,
      data: dataSourceOf({ lab: 'curve', settings }),
      model: s?.toJSON() ?? null,
      progress: { epoch: 0 },
    };
  }
  if (state.lab === 'classify') {
    const s = state.classify.snapshot;
    const settings = state.classify.settings;
    return {
      lab: 'classify',
      settings,
      data: dataSourceOf({ lab: 'classify', settings }, csv),
      model: s?.toJSON() ?? null,
      progress: { epoch: s?.epoch ?? 0, ...paused },
    };
  }
  if (state.lab === 'digits') {
    const d = state.digits.snapshot;
    return {
      lab: 'digits',
      settings: state.digits.settings,
      model: d?.model?.toJSON() ?? null,
      progress: { epoch: d?.epoch ?? 0 },
    };
  }
  const s = state.network.snapshot;
  const trainer = s?.model?.trainerState;
  const settings = state.network.settings;
  return {
    lab: 'network',
    settings,
    data: dataSourceOf({ lab: 'network', settings }, csv),
    model: s?.model?.toJSON() ?? null,
    progress: {
      epoch: s?.epoch ?? 0,
      history: state.network.history,
      ...(trainer !== undefined ? { trainer } : {}),
      ...paused,
    },
  };
}

/** What the command line gives besides the session file, for {@link checkResume}. */
export interface ResumeContext {
  /** The `--load` path, as typed (named in the messages). */
  readonly path: string;
  /** Settings given by flags (only those typed) for the session's lab. */
  readonly flags: Readonly<Record<string, unknown>>;
  /** Settings given by a Playground URL (network lab). */
  readonly playground?: Readonly<Record<string, unknown>>;
  /** The flag that sets each settings key (for the messages). */
  readonly flagOf: (key: string) => string;
  /** The CSV given with `--data`, if any. */
  readonly csv?: CsvSource;
  /** The CSV's shape (once read): feature columns, classes (1 for a numeric target). */
  readonly csvShape?: { readonly d: number; readonly classes: number };
  /** `--fresh`: keep the settings, drop the model and progress. */
  readonly fresh: boolean;
}

/**
 * Settings that make a saved run what it is: its data and its model. A flag that gives one of them
 * another value than the session has cannot continue that run (the model or the data would be
 * replaced); the others (learning rate, penalty, batch size, optimizer, epochs, ...) are changes a
 * running model takes, as in the dashboard.
 */
const IDENTITY: Readonly<Record<LabId, readonly string[]>> = {
  curve: ['m', 'lnLambda', 'n', 'noiseSd', 'seed'],
  classify: ['model', 'dataset', 'classes', 'basis', 'basisPerAxis', 'samples', 'noise', 'seed'],
  network: [
    'dataset',
    'problem',
    'classes',
    'features',
    'layers',
    'activation',
    'noise',
    'trainRatio',
    'samples',
    'mode',
    'seed',
  ],
  digits: [
    'dataset',
    'dataPath',
    'labelsPath',
    'labelColumn',
    'imageWidth',
    'samples',
    'model',
    'hidden',
    'activation',
    'trainRatio',
    'seed',
  ],
};

/** A setting's value as the user would type it. */
function shown(key: string, v: unknown): string {
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.join(',');
  if (key === 'lnLambda' && v === null) return '-inf';
  return String(v);
}

function same(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.join() === b.join() : a === b;
}

function describeSource(d: DataSource): string {
  return d.kind === 'csv'
    ? `${d.path} (sha256 ${d.sha256.slice(0, 12)})`
    : `built-in ${d.dataset} (seed ${d.seed})`;
}

/** Whether a key matters for this session (classes only for blobs; the basis grid only with the basis). */
function relevant(session: SessionFile, key: string): boolean {
  if (key === 'classes' && (session.lab === 'network' || session.lab === 'classify'))
    return (session.settings as { dataset: string }).dataset === 'blobs';
  if (key === 'basisPerAxis' && session.lab === 'classify') return session.settings.basis;
  return true;
}

/** The `type` of a saved model document. */
function typeOf(doc: unknown): string | undefined {
  const t = typeof doc === 'object' && doc !== null ? (doc as { type?: unknown }).type : undefined;
  return typeof t === 'string' ? t : undefined;
}

const CLASSIFIER_TYPES: Readonly<Record<ClassifySettings['model'], readonly string[]>> = {
  generative: ['GaussianGenerativeClassifier'],
  logistic: ['LogisticRegression', 'SoftmaxRegression'],
  perceptron: ['Perceptron'],
};

/** Network lab: the layer sizes the settings (and the data) call for. */
function expectedLayers(s: NetworkSettings, csvShape?: { d: number; classes: number }): number[] {
  const csv = s.dataset === 'csv' ? csvShape : undefined;
  const inputs = csv !== undefined && csv.d !== 2 ? csv.d : featureOrder(s.features).length;
  const classes =
    csv !== undefined
      ? csv.classes
      : s.dataset === 'plane' || s.dataset === 'multi-gauss'
        ? 1
        : s.dataset === 'blobs'
          ? s.classes
          : 2;
  return [inputs, ...s.layers, classes > 2 ? classes : 1];
}

/**
 * The saved model does not fit the session's own settings (the file was edited, or parts of two
 * sessions were put together): the reason, or null when it fits.
 */
function modelMismatch(
  session: SessionFile,
  csvShape?: { d: number; classes: number },
): string | null {
  const model = session.model;
  if (model === null || model === undefined) return null;
  const type = typeOf(model) ?? 'unknown';
  if (session.lab === 'curve') {
    if (type !== 'PolynomialRegression')
      return `model: the curve lab fits a PolynomialRegression, the saved model is a ${type}`;
    const degree = (model as { degree?: unknown }).degree;
    if (degree !== session.settings.m)
      return `settings.m is ${session.settings.m}, the saved polynomial has degree ${String(degree)}`;
    return null;
  }
  if (session.lab === 'classify') {
    const s = session.settings;
    if (!CLASSIFIER_TYPES[s.model].includes(type))
      return `settings.model is ${s.model}, the saved model is a ${type}`;
    if (type === 'LogisticRegression' || type === 'SoftmaxRegression') {
      const hasBasis =
        (model as { features?: unknown }).features !== null &&
        (model as { features?: unknown }).features !== undefined;
      if (hasBasis !== s.basis)
        return `settings.basis is ${s.basis}, the saved model was trained ${hasBasis ? 'with' : 'without'} basis features`;
    }
    return null;
  }
  if (session.lab === 'digits') {
    const s = session.settings;
    if (s.model === 'leastSquares')
      return type === 'LinearClassifier'
        ? null
        : `settings.model is leastSquares, the saved model is a ${type}`;
    if (type !== 'MLP') return `settings.model is ${s.model}, the saved model is a ${type}`;
    const hidden =
      ((model as { layers?: unknown }).layers as unknown[] | undefined)?.slice(1, -1) ?? [];
    const want = s.model === 'softmax' ? [] : [s.hidden];
    if (!same(hidden, want))
      return `settings.model ${s.model} with hidden ${s.hidden} does not match the saved network's hidden layers ${shown('layers', hidden)}`;
    return null;
  }
  const s = session.settings;
  if (type !== 'MLP') return `model: the network lab trains an MLP, the saved model is a ${type}`;
  const m = model as { layers?: unknown; activations?: unknown };
  const saved = Array.isArray(m.layers) ? (m.layers as unknown[]) : [];
  const want = expectedLayers(s, csvShape);
  if (saved.length < 2) return 'model.layers: the saved network has no layer sizes';
  const hidden = saved.slice(1, -1);
  if (!same(hidden, s.layers))
    return `settings.layers is ${shown('layers', s.layers)}, the saved network has hidden layers ${shown('layers', hidden)}`;
  if (saved[0] !== want[0])
    return `settings.features gives ${String(want[0])} inputs (${s.dataset === 'csv' ? 'columns of the CSV' : shown('features', featureOrder(s.features))}), the saved network has ${String(saved[0])}`;
  if (saved.at(-1) !== want.at(-1))
    return `the data needs ${String(want.at(-1))} output${want.at(-1) === 1 ? '' : 's'}, the saved network has ${String(saved.at(-1))}`;
  const acts = Array.isArray(m.activations) ? (m.activations as unknown[]) : [];
  const other = acts.find((a) => a !== s.activation);
  if (hidden.length > 0 && other !== undefined)
    return `settings.activation is ${s.activation}, the saved network uses ${String(other)}`;
  return null;
}

/**
 * A CSV session read with another label column or header setting than it was trained with (checked
 * before the file is read: read the other way it may not parse at all).
 * @throws UsageError naming data.label or data.header and both values.
 */
export function checkCsvReading(
  session: SessionFile,
  path: string,
  given: { readonly label?: string | number; readonly header: boolean },
): void {
  const saved = session.data;
  if (saved?.kind !== 'csv') return;
  const where = `--load ${path}`;
  if (
    given.label !== undefined &&
    saved.label !== undefined &&
    String(given.label) !== String(saved.label)
  ) {
    throw new UsageError(
      `${where}: data.label: the session used label column ${String(saved.label)}, --label gives ${String(given.label)}; add --fresh to train anew with it`,
    );
  }
  if (given.label !== undefined && saved.label === undefined) {
    throw new UsageError(
      `${where}: data.label: the session used the last column as the label, --label gives ${String(given.label)}; add --fresh to train anew with it`,
    );
  }
  if (given.header !== saved.header)
    throw new UsageError(
      `${where}: data.header: the session read ${saved.path} ${saved.header ? 'with' : 'without'} a header row, this run ${given.header ? 'with one' : 'without (--no-header)'}; add --fresh to train anew`,
    );
}

/**
 * Checks a loaded session as a whole before anything runs: its saved model against its own
 * settings, its data source against `--data`, and every flag (or Playground URL key) given for a
 * setting that fixes its data or model. A run is resumed exactly or refused.
 * @throws UsageError `--load <path>: <field>: <both values>; <what to type>` on the first mismatch;
 *   with `fresh`, only the data a run cannot do without (a CSV session without `--data`) is checked.
 */
export function checkResume(session: SessionFile, ctx: ResumeContext): void {
  const where = `--load ${ctx.path}`;
  const settings = session.settings as unknown as Record<string, unknown>;
  const saved: DataSource = session.data ?? dataSourceOf(session);
  // The file itself: its data source and its settings agree.
  if (session.data !== undefined && session.data.kind === 'builtin') {
    const ds = session.lab === 'curve' ? 'sin' : String(settings['dataset']);
    if (session.data.dataset !== ds)
      throw new UsageError(
        `${where}: data.dataset is ${session.data.dataset}, settings.dataset is ${ds}; the file was edited or is damaged`,
      );
    if (session.data.seed !== settings['seed'])
      throw new UsageError(
        `${where}: data.seed is ${session.data.seed}, settings.seed is ${String(settings['seed'])}; the file was edited or is damaged`,
      );
  }
  if (
    session.lab === 'network' &&
    (session.data?.kind === 'csv') !== (settings['dataset'] === 'csv') &&
    session.data !== undefined
  ) {
    throw new UsageError(
      `${where}: data is ${describeSource(session.data)}, settings.dataset is ${String(settings['dataset'])}; the file was edited or is damaged`,
    );
  }
  const csvSession =
    saved.kind === 'csv' || (session.lab === 'network' && settings['dataset'] === 'csv');
  // The data: a CSV session needs its CSV (even to start over: its settings are for that file).
  if (csvSession && ctx.csv === undefined) {
    const path = saved.kind === 'csv' ? saved.path : 'file.csv';
    throw new UsageError(
      `${where}: data: the session was trained on ${saved.kind === 'csv' ? describeSource(saved) : 'a CSV file'}; give --data ${path} to resume it`,
    );
  }
  if (!ctx.fresh) {
    if (saved.kind === 'csv' && ctx.csv !== undefined && ctx.csv.sha256 !== saved.sha256) {
      throw new UsageError(
        `${where}: data.sha256: the session was trained on ${describeSource(saved)}, --data gives ${ctx.csv.path} (sha256 ${ctx.csv.sha256.slice(0, 12)}); give the same file, or add --fresh to train anew on this one`,
      );
    }
    if (saved.kind === 'csv' && ctx.csv !== undefined) checkCsvReading(session, ctx.path, ctx.csv);
    if (!csvSession && ctx.csv !== undefined) {
      throw new UsageError(
        `${where}: data: the session was trained on ${describeSource(saved)}, --data gives ${ctx.csv.path}; add --fresh to train anew on ${ctx.csv.path}`,
      );
    }
    // Flags and URL keys for the settings that make the run.
    for (const key of IDENTITY[session.lab]) {
      if (!relevant(session, key)) continue;
      for (const [given, from] of [
        [ctx.flags, ctx.flagOf(key)],
        [ctx.playground ?? {}, 'the Playground URL'],
      ] as const) {
        const v = given[key];
        if (v === undefined || same(v, settings[key])) continue;
        // A CSV session's built-in-data settings play no part.
        if (csvSession && ['dataset', 'samples', 'noise', 'classes', 'problem'].includes(key))
          continue;
        throw new UsageError(
          `${where}: ${key}: the session has ${shown(key, settings[key])}, ${from} gives ${shown(key, v)}; drop ${from === 'the Playground URL' ? '--playground' : from}, or add --fresh to start over with it`,
        );
      }
    }
    const bad = modelMismatch(session, ctx.csvShape);
    if (bad !== null)
      throw new UsageError(
        `${where}: ${bad}; the file was edited or is damaged (add --fresh to train these settings from scratch)`,
      );
  }
}
