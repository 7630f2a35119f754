import type { ClassifySettings } from './classify-settings.js';
import { CLASSIFIERS, CLASSIFY_DATASETS } from './classify-settings.js';
import type { CurveSettings } from './curve-settings.js';
import { MAX_ORDER } from './curve-settings.js';
import type { Feature, NetworkDataset, NetworkSettings } from './network-settings.js';
import {
  ACTIVATIONS,
  CLASSIFICATION_DATASETS,
  FEATURE_LABELS,
  FEATURES,
  MAX_LAYERS,
  MAX_NEURONS,
  MODES,
  OPTIMIZERS,
  PROBLEMS,
  problemOf,
  REGRESSION_DATASETS,
  REGULARIZATIONS,
  validationPercent,
} from './network-settings.js';

/**
 * One editable setting of a lab: a label, its value as text, and a step function
 * (`dir` is -1 or +1) returning new settings. `resets` says whether a change restarts training.
 */
export interface Field<S> {
  readonly key: string;
  readonly label: string;
  readonly show: (s: S) => string;
  readonly step: (s: S, dir: -1 | 1) => S;
  /**
   * false: the change keeps the trained model (display toggles, and the network's learning rate,
   * optimizer, regularisation and batch size, which the running session takes live). Default true.
   */
  readonly resets?: boolean;
}

function cycle<T>(values: readonly T[], current: T, dir: -1 | 1): T {
  const i = values.indexOf(current);
  const n = values.length;
  return values[((((i < 0 ? 0 : i) + dir) % n) + n) % n] as T;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Multiplies / divides along a 1-3-10 ladder (0.001, 0.003, 0.01, 0.03, ...), as the Playground's menus. */
export function ladder(value: number, dir: -1 | 1, values: readonly number[]): number {
  if (dir > 0)
    return values.find((v) => v > value * (1 + 1e-9)) ?? values[values.length - 1] ?? value;
  const lower = values.filter((v) => v < value * (1 - 1e-9));
  return lower[lower.length - 1] ?? values[0] ?? value;
}

/** The Playground's learning rates. */
export const LEARNING_RATES = [
  0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10,
] as const;
/** The Playground's regularisation rates. */
export const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;

/** Formats a number compactly (at most 4 significant digits). */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e4 || a < 1e-3) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}

/** Editable fields of the curve lab. */
export const CURVE_FIELDS: readonly Field<CurveSettings>[] = [
  {
    key: 'm',
    label: 'order M',
    show: (s) => String(s.m),
    step: (s, d) => ({ ...s, m: clamp(s.m + d, 0, MAX_ORDER) }),
  },
  {
    key: 'lnLambda',
    label: 'ln λ',
    show: (s) => (s.lnLambda === null ? '-∞ (λ=0)' : String(s.lnLambda)),
    step: (s, d) => {
      if (s.lnLambda === null) return d > 0 ? { ...s, lnLambda: -30 } : s;
      const next = s.lnLambda + d;
      return { ...s, lnLambda: next < -30 ? null : Math.min(next, 10) };
    },
  },
  {
    key: 'n',
    label: 'points N',
    show: (s) => String(s.n),
    step: (s, d) => ({ ...s, n: clamp(s.n + d * (s.n >= 20 ? 5 : 1), 2, 1000) }),
  },
  {
    key: 'noiseSd',
    label: 'noise σ',
    show: (s) => fmt(s.noiseSd),
    step: (s, d) => ({
      ...s,
      noiseSd: clamp(Math.round((s.noiseSd + d * 0.05) * 100) / 100, 0, 2),
    }),
  },
  {
    key: 'maxM',
    label: 'chart up to M',
    show: (s) => String(s.maxM),
    step: (s, d) => ({ ...s, maxM: clamp(s.maxM + d, 1, MAX_ORDER) }),
  },
  {
    key: 'seed',
    label: 'seed',
    show: (s) => String(s.seed),
    step: (s, d) => ({ ...s, seed: Math.max(0, s.seed + d) }),
  },
];

/** Editable fields of the classification lab. */
export const CLASSIFY_FIELDS: readonly Field<ClassifySettings>[] = [
  {
    key: 'model',
    label: 'classifier',
    show: (s) => s.model,
    step: (s, d) => ({ ...s, model: cycle(CLASSIFIERS, s.model, d) }),
  },
  {
    key: 'dataset',
    label: 'data',
    show: (s) => s.dataset,
    step: (s, d) => ({
      ...s,
      dataset: cycle(
        CLASSIFY_DATASETS.filter((x) => x !== 'csv' || s.dataset === 'csv'),
        s.dataset,
        d,
      ),
    }),
  },
  {
    key: 'classes',
    label: 'classes K',
    show: (s) => String(s.classes),
    step: (s, d) => ({ ...s, classes: clamp(s.classes + d, 2, 8) }),
  },
  // Only logistic regression uses the basis: for the other classifiers the panel says so.
  {
    key: 'basis',
    label: 'Gaussian basis',
    show: (s) => (s.model !== 'logistic' ? 'unused' : s.basis ? 'on' : 'off'),
    step: (s) => ({ ...s, basis: !s.basis }),
  },
  {
    key: 'basisPerAxis',
    label: 'basis per axis',
    show: (s) => (s.model !== 'logistic' ? 'unused' : String(s.basisPerAxis)),
    step: (s, d) => ({ ...s, basisPerAxis: clamp(s.basisPerAxis + d, 1, 8) }),
  },
  {
    key: 'samples',
    label: 'points',
    show: (s) => String(s.samples),
    step: (s, d) => ({ ...s, samples: clamp(s.samples + d * 50, 20, 5000) }),
  },
  {
    key: 'noise',
    label: 'noise %',
    show: (s) => String(s.noise),
    step: (s, d) => ({ ...s, noise: clamp(s.noise + d * 5, 0, 50) }),
  },
  {
    key: 'learningRate',
    label: 'learning rate',
    show: (s) => fmt(s.learningRate),
    step: (s, d) => ({
      ...s,
      learningRate: ladder(
        s.learningRate,
        d,
        LEARNING_RATES.filter((v) => v > 0),
      ),
    }),
  },
  {
    key: 'lambda',
    label: 'L2 λ',
    show: (s) => fmt(s.lambda),
    step: (s, d) => ({ ...s, lambda: ladder(s.lambda, d, REG_RATES) }),
  },
  {
    key: 'maxEpochs',
    label: 'epochs',
    show: (s) => String(s.maxEpochs),
    step: (s, d) => ({
      ...s,
      maxEpochs: ladder(s.maxEpochs, d, [10, 20, 50, 100, 200, 500, 1000, 5000]),
    }),
  },
  {
    key: 'seed',
    label: 'seed',
    show: (s) => String(s.seed),
    step: (s, d) => ({ ...s, seed: Math.max(0, s.seed + d) }),
  },
];

/**
 * Editable fields of the classification lab: {@link CLASSIFY_FIELDS}, with the user's CSV
 * (`dataFile`, from `--data`) offered by the data field and shown by its file name.
 */
export function classifyFields(dataFile: string | null = null): readonly Field<ClassifySettings>[] {
  const choices = CLASSIFY_DATASETS.filter((d) => d !== 'csv' || dataFile !== null);
  return CLASSIFY_FIELDS.map((f) =>
    f.key !== 'dataset'
      ? f
      : {
          ...f,
          show: (s: ClassifySettings) => datasetLabel(s.dataset, dataFile),
          step: (s: ClassifySettings, d: -1 | 1) => ({
            ...s,
            dataset: cycle(choices, s.dataset, d),
          }),
        },
  );
}

/** The feature toggled (at least one stays selected), kept in the Playground's order. */
export function toggleFeature(s: NetworkSettings, f: Feature): NetworkSettings {
  const has = s.features.includes(f);
  if (has && s.features.length === 1) return s; // keep at least one input
  const features = has
    ? s.features.filter((x) => x !== f)
    : FEATURES.filter((x) => x === f || s.features.includes(x));
  return { ...s, features };
}

function layerField(i: number): Field<NetworkSettings> {
  return {
    key: `layer${i}`,
    label: `  layer ${i + 1} neurons`,
    show: (s) => (i < s.layers.length ? String(s.layers[i]) : '—'),
    step: (s, d) => {
      if (i >= s.layers.length) return s;
      const layers = s.layers.slice();
      layers[i] = clamp((layers[i] ?? 1) + d, 1, MAX_NEURONS);
      return { ...s, layers };
    },
  };
}

/**
 * The data sets the data field offers: those of the problem type (the Playground lists the
 * classification and the regression sets apart), and the user's CSV when one was given (`--data`).
 */
export function datasetChoices(
  s: NetworkSettings,
  dataFile: string | null = null,
): NetworkDataset[] {
  const own: readonly NetworkDataset[] =
    s.problem === 'regression' ? REGRESSION_DATASETS : CLASSIFICATION_DATASETS;
  return [...own, ...(dataFile !== null || s.dataset === 'csv' ? (['csv'] as const) : [])];
}

/** The data set's name as shown: the CSV's file name for the user's data. */
export function datasetLabel(dataset: string, dataFile: string | null = null): string {
  return dataset === 'csv' ? (dataFile ?? 'csv') : dataset;
}

/**
 * Editable fields of the network lab (the Playground's controls). `dataFile` is the name of the
 * user's CSV (`--data`), offered by the data field and shown as its value.
 */
export function networkFields(
  s: NetworkSettings,
  dataFile: string | null = null,
): readonly Field<NetworkSettings>[] {
  return [
    {
      key: 'dataset',
      label: 'data',
      show: (x) => datasetLabel(x.dataset, dataFile),
      step: (x, d) => {
        const dataset = cycle(datasetChoices(x, dataFile), x.dataset, d);
        return { ...x, dataset, problem: problemOf(dataset, x.problem) };
      },
    },
    {
      // The Playground's "problem type": switching it picks that type's first data set. The
      // user's CSV has the type its target column implies.
      key: 'problem',
      label: 'problem',
      show: (x) => x.problem,
      step: (x, d) => {
        if (x.dataset === 'csv') return x;
        const problem = cycle(PROBLEMS, x.problem, d);
        if (problem === x.problem) return x;
        return {
          ...x,
          problem,
          dataset: problem === 'regression' ? REGRESSION_DATASETS[0] : CLASSIFICATION_DATASETS[0],
        };
      },
    },
    {
      key: 'classes',
      label: 'classes (blobs)',
      show: (x) => String(x.classes),
      step: (x, d) => ({ ...x, classes: clamp(x.classes + d, 2, 8) }),
    },
    {
      key: 'noise',
      label: 'noise %',
      show: (x) => String(x.noise),
      step: (x, d) => ({ ...x, noise: clamp(x.noise + d * 5, 0, 50) }),
    },
    {
      key: 'trainRatio',
      label: 'train %',
      show: (x) => String(x.trainRatio),
      step: (x, d) => ({ ...x, trainRatio: clamp(x.trainRatio + d * 10, 10, 90) }),
    },
    ...FEATURES.map(
      (f): Field<NetworkSettings> => ({
        key: `feature-${f}`,
        label: `input ${FEATURE_LABELS[f]}`,
        show: (x) => (x.features.includes(f) ? '[x]' : '[ ]'),
        step: (x) => toggleFeature(x, f),
      }),
    ),
    {
      key: 'layers',
      label: 'hidden layers',
      show: (x) => String(x.layers.length),
      step: (x, d) => {
        if (d > 0) return x.layers.length >= MAX_LAYERS ? x : { ...x, layers: [...x.layers, 2] };
        return { ...x, layers: x.layers.slice(0, -1) };
      },
    },
    ...s.layers.map((_, i) => layerField(i)),
    {
      key: 'activation',
      label: 'activation',
      show: (x) => x.activation,
      step: (x, d) => ({ ...x, activation: cycle(ACTIVATIONS, x.activation, d) }),
    },
    {
      key: 'learningRate',
      label: 'learning rate',
      show: (x) => fmt(x.learningRate),
      step: (x, d) => ({ ...x, learningRate: ladder(x.learningRate, d, LEARNING_RATES) }),
      resets: false,
    },
    {
      key: 'optimizer',
      label: 'optimizer',
      show: (x) => x.optimizer,
      step: (x, d) => ({ ...x, optimizer: cycle(OPTIMIZERS, x.optimizer, d) }),
      resets: false,
    },
    {
      key: 'regularization',
      label: 'regularization',
      show: (x) => x.regularization,
      step: (x, d) => ({ ...x, regularization: cycle(REGULARIZATIONS, x.regularization, d) }),
      resets: false,
    },
    {
      key: 'lambda',
      label: 'reg. rate',
      show: (x) => fmt(x.lambda),
      step: (x, d) => ({ ...x, lambda: ladder(x.lambda, d, REG_RATES) }),
      resets: false,
    },
    {
      key: 'batchSize',
      label: 'batch size',
      show: (x) => String(x.batchSize),
      step: (x, d) => ({
        ...x,
        batchSize: clamp(x.batchSize + d * (x.batchSize >= 10 ? 5 : 1), 1, 500),
      }),
      resets: false,
    },
    {
      key: 'mode',
      label: 'mode',
      show: (x) => x.mode,
      step: (x, d) => ({ ...x, mode: cycle(MODES, x.mode, d) }),
    },
    {
      key: 'validation',
      label: 'validation %',
      show: (x) =>
        x.validation === 0 && x.patience > 0
          ? `${validationPercent(x)} (auto)`
          : String(x.validation),
      step: (x, d) => ({ ...x, validation: clamp(x.validation + d * 10, 0, 50) }),
    },
    {
      key: 'patience',
      label: 'early stop',
      show: (x) => (x.patience === 0 ? 'off' : `${x.patience} ep`),
      step: (x, d) => ({ ...x, patience: ladder(x.patience, d, [0, 10, 20, 50, 100, 200]) }),
    },
    {
      key: 'initZero',
      label: 'zero init',
      show: (x) => (x.initZero ? 'on' : 'off'),
      step: (x) => ({ ...x, initZero: !x.initZero }),
    },
    {
      key: 'showTest',
      label: 'show test data',
      show: (x) => (x.showTest ? 'on' : 'off'),
      step: (x) => ({ ...x, showTest: !x.showTest }),
      resets: false,
    },
    {
      key: 'discretize',
      label: 'discretize',
      show: (x) => (x.discretize ? 'on' : 'off'),
      step: (x) => ({ ...x, discretize: !x.discretize }),
      resets: false,
    },
    {
      key: 'seed',
      label: 'seed',
      show: (x) => String(x.seed),
      step: (x, d) => ({ ...x, seed: Math.max(0, x.seed + d) }),
    },
  ];
}
