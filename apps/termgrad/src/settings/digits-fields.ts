import type { DigitsSettings } from './digits-settings.js';
import {
  DIGIT_ACTIVATIONS,
  DIGIT_DATASETS,
  DIGIT_MODELS,
  DIGIT_OPTIMIZERS,
} from './digits-settings.js';
import type { Field } from './fields.js';
import { fmt, LEARNING_RATES, ladder, REG_RATES } from './fields.js';

function cycle<T>(values: readonly T[], current: T, dir: -1 | 1): T {
  const i = values.indexOf(current);
  const n = values.length;
  return values[((((i < 0 ? 0 : i) + dir) % n) + n) % n] as T;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Short names of the models for the settings panel. */
const MODEL_NAMES: Readonly<Record<DigitsSettings['model'], string>> = {
  softmax: 'softmax',
  leastSquares: 'least sq.',
  linear2: '2 linear',
  mlp: 'MLP',
};

/** Hidden-layer sizes of the ladder. */
const HIDDEN = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] as const;

/** Editable fields of the digits lab. */
export const DIGITS_FIELDS: readonly Field<DigitsSettings>[] = [
  {
    key: 'model',
    label: 'model',
    show: (s) => MODEL_NAMES[s.model],
    step: (s, d) => ({ ...s, model: cycle(DIGIT_MODELS, s.model, d) }),
  },
  {
    key: 'dataset',
    label: 'data',
    show: (s) => s.dataset,
    // 'file' is only a choice when --data named one.
    step: (s, d) => ({
      ...s,
      dataset: cycle(
        DIGIT_DATASETS.filter((x) => x !== 'file' || s.dataPath !== null),
        s.dataset,
        d,
      ),
    }),
  },
  {
    key: 'hidden',
    label: 'hidden units',
    show: (s) => (s.model === 'linear2' || s.model === 'mlp' ? String(s.hidden) : 'unused'),
    step: (s, d) => ({ ...s, hidden: ladder(s.hidden, d, HIDDEN) }),
  },
  {
    key: 'activation',
    label: 'activation σ',
    show: (s) => (s.model === 'mlp' ? s.activation : 'unused'),
    step: (s, d) => ({ ...s, activation: cycle(DIGIT_ACTIVATIONS, s.activation, d) }),
  },
  {
    key: 'optimizer',
    label: 'optimizer',
    show: (s) => (s.model === 'leastSquares' ? 'closed form' : s.optimizer),
    step: (s, d) => ({ ...s, optimizer: cycle(DIGIT_OPTIMIZERS, s.optimizer, d) }),
    resets: false,
  },
  {
    key: 'learningRate',
    label: 'learning rate',
    show: (s) => fmt(s.learningRate),
    step: (s, d) => ({ ...s, learningRate: ladder(s.learningRate, d, LEARNING_RATES) }),
    resets: false,
  },
  {
    key: 'lambda',
    label: 'L2 λ',
    show: (s) => fmt(s.lambda),
    step: (s, d) => ({ ...s, lambda: ladder(s.lambda, d, REG_RATES) }),
    resets: false,
  },
  {
    key: 'batchSize',
    label: 'batch size',
    show: (s) => String(s.batchSize),
    step: (s, d) => ({
      ...s,
      batchSize: ladder(s.batchSize, d, [1, 4, 8, 16, 32, 64, 128, 256, 1024]),
    }),
    resets: false,
  },
  {
    key: 'trainRatio',
    label: 'train %',
    show: (s) => String(s.trainRatio),
    step: (s, d) => ({ ...s, trainRatio: clamp(s.trainRatio + d * 5, 10, 90) }),
  },
  {
    key: 'samples',
    label: 'mnist images',
    show: (s) => (s.dataset === 'mnist' ? String(s.samples) : 'unused'),
    step: (s, d) => ({ ...s, samples: ladder(s.samples, d, [1000, 2000, 5000, 10000]) }),
  },
  {
    key: 'seed',
    label: 'seed',
    show: (s) => String(s.seed),
    step: (s, d) => ({ ...s, seed: Math.max(0, s.seed + d) }),
  },
];
