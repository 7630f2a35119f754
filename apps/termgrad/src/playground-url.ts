/**
 * Reads and writes TensorFlow Playground URLs (`https://playground.tensorflow.org/#activation=tanh&…`).
 * Keys, types, defaults and enum values follow the Playground's `src/state.ts` (State.PROPS and
 * the State class field initialisers). Unlike the Playground, which silently ignores a bad enum
 * value, bad values are reported with a {@link PlaygroundUrlError} naming the key and what is
 * allowed; unknown keys are ignored with a warning.
 */
import { z } from 'zod';

/** Hidden-layer activations of the Playground. */
export const PLAYGROUND_ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
/** Weight regularisations of the Playground. */
export const PLAYGROUND_REGULARIZATIONS = ['none', 'L1', 'L2'] as const;
/** Classification data sets of the Playground. */
export const PLAYGROUND_DATASETS = ['circle', 'xor', 'gauss', 'spiral'] as const;
/**
 * Regression data sets of the Playground. The site shows reg-plane and reg-gauss; newer sources
 * also define reg-maximum and reg-argmax, so URLs naming them are accepted too.
 */
export const PLAYGROUND_REG_DATASETS = [
  'reg-plane',
  'reg-gauss',
  'reg-maximum',
  'reg-argmax',
] as const;
/** Problem types of the Playground. */
export const PLAYGROUND_PROBLEMS = ['classification', 'regression'] as const;
/** The Playground's input feature switches, in State.PROPS order. */
export const PLAYGROUND_FEATURE_KEYS = [
  'x',
  'y',
  'xTimesY',
  'xSquared',
  'ySquared',
  'cosX',
  'sinX',
  'cosY',
  'sinY',
] as const;

export type PlaygroundActivation = (typeof PLAYGROUND_ACTIVATIONS)[number];
export type PlaygroundRegularization = (typeof PLAYGROUND_REGULARIZATIONS)[number];
export type PlaygroundDataset = (typeof PLAYGROUND_DATASETS)[number];
export type PlaygroundRegDataset = (typeof PLAYGROUND_REG_DATASETS)[number];
export type PlaygroundProblem = (typeof PLAYGROUND_PROBLEMS)[number];
export type PlaygroundFeatureKey = (typeof PLAYGROUND_FEATURE_KEYS)[number];

/** The state a Playground URL encodes. Defaults in brackets are the Playground's. */
export interface PlaygroundSettings {
  /** Hidden-layer activation [tanh]. */
  readonly activation: PlaygroundActivation;
  /** Regularisation of the weights [none]. */
  readonly regularization: PlaygroundRegularization;
  /** Mini-batch size, integer >= 1 [10]. */
  readonly batchSize: number;
  /** Classification data set [circle]. */
  readonly dataset: PlaygroundDataset;
  /** Regression data set [reg-plane]. */
  readonly regDataset: PlaygroundRegDataset;
  /** Learning rate, >= 0 [0.03]. */
  readonly learningRate: number;
  /** Regularisation rate, >= 0 [0]. */
  readonly regularizationRate: number;
  /** Label noise in percent, 0..50 [0]. */
  readonly noise: number;
  /** Neurons per hidden layer, each an integer >= 1; [] means no hidden layer [[4, 2]]. */
  readonly networkShape: readonly number[];
  /** The seed string (e.g. '0.85403'); null when the URL has none (the Playground then draws one) [null]. */
  readonly seed: string | null;
  /** Show test points [false]. */
  readonly showTestData: boolean;
  /** Discretize the output heat map [false]. */
  readonly discretize: boolean;
  /** Percentage of points used for training, 1..99 (the UI offers 10..90) [50]. */
  readonly percTrainData: number;
  /** Feature x₁ [true]. */
  readonly x: boolean;
  /** Feature x₂ [true]. */
  readonly y: boolean;
  /** Feature x₁x₂ [false]. */
  readonly xTimesY: boolean;
  /** Feature x₁² [false]. */
  readonly xSquared: boolean;
  /** Feature x₂² [false]. */
  readonly ySquared: boolean;
  /** Feature cos x₁ (not shown in the Playground UI) [false]. */
  readonly cosX: boolean;
  /** Feature sin x₁ [false]. */
  readonly sinX: boolean;
  /** Feature cos x₂ (not shown in the Playground UI) [false]. */
  readonly cosY: boolean;
  /** Feature sin x₂ [false]. */
  readonly sinY: boolean;
  /** Collect statistics [false]. */
  readonly collectStats: boolean;
  /** Tutorial name, or null [null]. */
  readonly tutorial: string | null;
  /** classification or regression [classification]. */
  readonly problem: PlaygroundProblem;
  /** Initialise weights to zero [false]. */
  readonly initZero: boolean;
  /** Hide the explanatory text [false]. */
  readonly hideText: boolean;
  /** Controls hidden with `<name>_hide=true`, e.g. ['percTrainData'] [[]]. */
  readonly hidden: readonly string[];
}

/** The Playground's defaults (State field initialisers; seed null = random in the Playground). */
export const DEFAULT_PLAYGROUND_SETTINGS: PlaygroundSettings = Object.freeze({
  activation: 'tanh',
  regularization: 'none',
  batchSize: 10,
  dataset: 'circle',
  regDataset: 'reg-plane',
  learningRate: 0.03,
  regularizationRate: 0,
  noise: 0,
  networkShape: Object.freeze([4, 2]),
  seed: null,
  showTestData: false,
  discretize: false,
  percTrainData: 50,
  x: true,
  y: true,
  xTimesY: false,
  xSquared: false,
  ySquared: false,
  cosX: false,
  sinX: false,
  cosY: false,
  sinY: false,
  collectStats: false,
  tutorial: null,
  problem: 'classification',
  initZero: false,
  hideText: false,
  hidden: Object.freeze([]) as readonly string[],
}) as PlaygroundSettings;

/**
 * A Playground URL that cannot be read: a bad value for a known key. The message names the key,
 * what is allowed and what came: `parsePlaygroundUrl: bad value for "activation"; expected one of
 * relu, tanh, sigmoid, linear, got "foo"`.
 */
export class PlaygroundUrlError extends Error {
  override readonly name = 'PlaygroundUrlError';
  /** The offending key. */
  readonly key: string;
  constructor(key: string, message: string) {
    super(message);
    this.key = key;
  }
}

type Kind = 'enum' | 'number' | 'boolean' | 'string' | 'numbers';
interface KeySpec {
  readonly kind: Kind;
  readonly schema: z.ZodType;
  readonly expected: string;
}

const booleanSpec: KeySpec = { kind: 'boolean', schema: z.boolean(), expected: 'true or false' };
const enumSpec = (values: readonly [string, ...string[]]): KeySpec => ({
  kind: 'enum',
  schema: z.enum(values),
  expected: `one of ${values.join(', ')}`,
});

/** Every key of State.PROPS, in its order (serialisation order), with its validation. */
const SPECS: ReadonlyMap<keyof PlaygroundSettings, KeySpec> = new Map<
  keyof PlaygroundSettings,
  KeySpec
>([
  ['activation', enumSpec(PLAYGROUND_ACTIVATIONS)],
  ['regularization', enumSpec(PLAYGROUND_REGULARIZATIONS)],
  ['batchSize', { kind: 'number', schema: z.number().int().min(1), expected: 'an integer >= 1' }],
  ['dataset', enumSpec(PLAYGROUND_DATASETS)],
  ['regDataset', enumSpec(PLAYGROUND_REG_DATASETS)],
  ['learningRate', { kind: 'number', schema: z.number().min(0), expected: 'a number >= 0' }],
  ['regularizationRate', { kind: 'number', schema: z.number().min(0), expected: 'a number >= 0' }],
  ['noise', { kind: 'number', schema: z.number().min(0).max(50), expected: 'a number in [0, 50]' }],
  [
    'networkShape',
    {
      kind: 'numbers',
      schema: z.array(z.number().int().min(1)),
      expected: 'comma-separated integers >= 1 (e.g. 4,2), or empty for no hidden layer',
    },
  ],
  ['seed', { kind: 'string', schema: z.string().min(1), expected: 'a non-empty string' }],
  ['showTestData', booleanSpec],
  ['discretize', booleanSpec],
  [
    'percTrainData',
    { kind: 'number', schema: z.number().min(1).max(99), expected: 'a number in [1, 99]' },
  ],
  ['x', booleanSpec],
  ['y', booleanSpec],
  ['xTimesY', booleanSpec],
  ['xSquared', booleanSpec],
  ['ySquared', booleanSpec],
  ['cosX', booleanSpec],
  ['sinX', booleanSpec],
  ['cosY', booleanSpec],
  ['sinY', booleanSpec],
  ['collectStats', booleanSpec],
  ['tutorial', { kind: 'string', schema: z.string().min(1), expected: 'a non-empty string' }],
  ['problem', enumSpec(PLAYGROUND_PROBLEMS)],
  ['initZero', booleanSpec],
  ['hideText', booleanSpec],
]);

const HIDE_SUFFIX = '_hide';

/** Result of {@link parsePlaygroundUrlWithWarnings}. */
export interface PlaygroundParseResult {
  readonly settings: PlaygroundSettings;
  /** One line per ignored thing: unknown keys, empty values, repeated keys. */
  readonly warnings: readonly string[];
}

function hashPart(url: string): string {
  const s = url.trim();
  const hash = s.indexOf('#');
  if (hash >= 0) return s.slice(hash + 1);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    // A URL without a hash: accept a query string, else nothing.
    const q = s.indexOf('?');
    return q >= 0 ? s.slice(q + 1) : '';
  }
  return s.startsWith('?') ? s.slice(1) : s;
}

function decode(key: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new PlaygroundUrlError(
      key,
      `parsePlaygroundUrl: bad percent-encoding for "${key}"; expected a URL-encoded value, got "${raw}"`,
    );
  }
}

function convert(kind: Kind, value: string): unknown {
  switch (kind) {
    case 'number':
      return value.trim() === '' ? NaN : Number(value);
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'numbers':
      return value.trim() === ''
        ? []
        : value.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)));
    default:
      return value;
  }
}

/**
 * Reads a Playground URL (a full URL, `#hash`, or bare `key=value&…`) into typed settings, with
 * the Playground's defaults for missing keys, and returns warnings for what was ignored.
 *
 * @throws PlaygroundUrlError for a bad value of a known key (naming the key and allowed values).
 * @example
 * ```ts
 * const { settings, warnings } = parsePlaygroundUrlWithWarnings('#activation=relu&foo=1');
 * settings.activation; // 'relu'
 * warnings;            // ['unknown key "foo" ignored']
 * ```
 */
export function parsePlaygroundUrlWithWarnings(url: string): PlaygroundParseResult {
  const warnings: string[] = [];
  const out: Record<string, unknown> = { ...DEFAULT_PLAYGROUND_SETTINGS };
  const hidden: string[] = [];
  const seen = new Set<string>();
  for (const pair of hashPart(url).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(pair, eq >= 0 ? pair.slice(0, eq) : pair);
    const value = decode(key, eq >= 0 ? pair.slice(eq + 1) : '');
    if (seen.has(key)) warnings.push(`key "${key}" repeated; the last value wins`);
    seen.add(key);
    if (key.endsWith(HIDE_SUFFIX) && key.length > HIDE_SUFFIX.length) {
      const name = key.slice(0, -HIDE_SUFFIX.length);
      const i = hidden.indexOf(name);
      if (i >= 0) hidden.splice(i, 1);
      if (value === 'true') hidden.push(name);
      else if (value !== 'false') {
        throw new PlaygroundUrlError(
          key,
          `parsePlaygroundUrl: bad value for "${key}"; expected true or false, got "${value}"`,
        );
      }
      continue;
    }
    const spec = SPECS.get(key as keyof PlaygroundSettings);
    if (spec === undefined || key === 'hidden') {
      warnings.push(`unknown key "${key}" ignored`);
      continue;
    }
    // The Playground ignores empty values (hasKey), except networkShape where '' means no hidden layer.
    if (value.trim() === '' && spec.kind !== 'numbers') {
      warnings.push(`empty value for "${key}" ignored; using the default`);
      out[key] = (DEFAULT_PLAYGROUND_SETTINGS as unknown as Record<string, unknown>)[key];
      continue;
    }
    const parsed = spec.schema.safeParse(convert(spec.kind, value));
    if (!parsed.success) {
      throw new PlaygroundUrlError(
        key,
        `parsePlaygroundUrl: bad value for "${key}"; expected ${spec.expected}, got "${value}"`,
      );
    }
    out[key] = parsed.data;
  }
  out['hidden'] = hidden;
  return { settings: out as unknown as PlaygroundSettings, warnings };
}

/**
 * Reads a Playground URL into typed settings (see {@link parsePlaygroundUrlWithWarnings}; warnings
 * are dropped).
 *
 * @throws PlaygroundUrlError for a bad value of a known key.
 * @example
 * ```ts
 * parsePlaygroundUrl('https://playground.tensorflow.org/#dataset=xor&networkShape=8,8').networkShape; // [8, 8]
 * ```
 */
export function parsePlaygroundUrl(url: string): PlaygroundSettings {
  return parsePlaygroundUrlWithWarnings(url).settings;
}

/**
 * Writes settings as a Playground URL, keys in the Playground's State.PROPS order, skipping null
 * values (seed, tutorial, regularization 'none') like its `serialize()`, then `<name>_hide=true` for hidden controls.
 * `parsePlaygroundUrl(toPlaygroundUrl(s))` deep-equals `s` for valid settings.
 *
 * @param base - URL before the '#' (default 'https://playground.tensorflow.org/').
 * @throws PlaygroundUrlError if a value is invalid (same checks as parsing).
 * @example
 * ```ts
 * toPlaygroundUrl(DEFAULT_PLAYGROUND_SETTINGS).startsWith('https://playground.tensorflow.org/#activation=tanh&'); // true
 * ```
 */
export function toPlaygroundUrl(
  settings: PlaygroundSettings,
  base = 'https://playground.tensorflow.org/',
): string {
  const parts: string[] = [];
  const rec = settings as unknown as Record<string, unknown>;
  for (const [key, spec] of SPECS) {
    const v = rec[key];
    // The Playground stores regularization 'none' as null and so never writes it.
    if (v === null || v === undefined || (key === 'regularization' && v === 'none')) continue;
    if (!spec.schema.safeParse(v).success) {
      throw new PlaygroundUrlError(
        key,
        `toPlaygroundUrl: bad value for "${key}"; expected ${spec.expected}, got ${JSON.stringify(v)}`,
      );
    }
    const text = Array.isArray(v) ? v.join(',') : String(v);
    // Keep ',' readable as the Playground does; encode anything else unusual.
    parts.push(`${key}=${encodeURIComponent(text).replace(/%2C/g, ',')}`);
  }
  for (const name of settings.hidden) parts.push(`${encodeURIComponent(name)}${HIDE_SUFFIX}=true`);
  return `${base}#${parts.join('&')}`;
}

/**
 * The enabled input features, in the Playground's State.PROPS order.
 * @example
 * ```ts
 * enabledPlaygroundFeatures(DEFAULT_PLAYGROUND_SETTINGS); // ['x', 'y']
 * ```
 */
export function enabledPlaygroundFeatures(settings: PlaygroundSettings): PlaygroundFeatureKey[] {
  return PLAYGROUND_FEATURE_KEYS.filter((k) => settings[k]);
}

/**
 * A deterministic 32-bit unsigned integer seed from a Playground seed string (FNV-1a over its
 * UTF-16 code units), for `Random`. The Playground itself seeds seedrandom with the string, so the
 * exact data cannot be reproduced; this only makes the same URL give the same run here.
 * @example
 * ```ts
 * playgroundSeedToInt('0.85403') === playgroundSeedToInt('0.85403'); // true
 * ```
 */
export function playgroundSeedToInt(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The Playground's own limits (its controls): hidden layers, neurons per layer, batch size, train share. */
export const PLAYGROUND_LIMITS = Object.freeze({
  layers: 6,
  neurons: 8,
  batchSize: 30,
  percTrainData: [10, 90] as const,
  learningRate: 10,
  regularizationRate: 10,
});

/**
 * Checks a Playground URL as the user typed it, in the Playground's own terms, before its settings
 * are used: an empty URL or one without a single Playground key is an error (not the defaults),
 * and values the Playground's controls cannot produce (e.g. 99 neurons in a layer) are refused
 * naming the URL key, not a flag the user never typed.
 * @returns the parse result (settings and warnings).
 * @throws PlaygroundUrlError `Playground URL: networkShape has 99 neurons in a layer; at most 8`.
 */
export function checkPlaygroundUrl(url: string): PlaygroundParseResult {
  const fail = (key: string, text: string): PlaygroundUrlError =>
    new PlaygroundUrlError(key, `Playground URL: ${text}`);
  if (url.trim() === '')
    throw fail(
      '',
      'empty; expected a URL such as https://playground.tensorflow.org/#activation=tanh&networkShape=4,2',
    );
  let result: PlaygroundParseResult;
  try {
    result = parsePlaygroundUrlWithWarnings(url);
  } catch (error) {
    if (error instanceof PlaygroundUrlError)
      throw fail(error.key, error.message.replace(/^parsePlaygroundUrl: /, ''));
    throw error;
  }
  const pairs = hashPart(url)
    .split('&')
    .filter((p) => p !== '');
  const known = pairs.filter((p) => {
    const key = p.split('=')[0] ?? '';
    return (
      SPECS.has(key as keyof PlaygroundSettings) ||
      (key.endsWith(HIDE_SUFFIX) && key.length > HIDE_SUFFIX.length)
    );
  });
  if (known.length === 0)
    throw fail(
      '',
      `no Playground setting in ${JSON.stringify(url.length > 60 ? `${url.slice(0, 57)}...` : url)}; expected key=value pairs after # (e.g. #networkShape=4,2&learningRate=0.03)`,
    );
  const bare = pairs.find((p) => !p.includes('='));
  if (bare !== undefined) throw fail(bare, `"${bare}" is not key=value`);
  const s = result.settings;
  const L = PLAYGROUND_LIMITS;
  if (s.networkShape.length > L.layers)
    throw fail(
      'networkShape',
      `networkShape has ${s.networkShape.length} hidden layers; at most ${L.layers}`,
    );
  const widest = Math.max(0, ...s.networkShape);
  if (widest > L.neurons)
    throw fail(
      'networkShape',
      `networkShape has ${widest} neurons in a layer; at most ${L.neurons}`,
    );
  if (s.batchSize > L.batchSize)
    throw fail('batchSize', `batchSize is ${s.batchSize}; at most ${L.batchSize}`);
  const [lo, hi] = L.percTrainData;
  if (s.percTrainData < lo || s.percTrainData > hi)
    throw fail(
      'percTrainData',
      `percTrainData is ${s.percTrainData}; expected ${lo}..${hi}, the Playground's range`,
    );
  if (s.learningRate <= 0 || s.learningRate > L.learningRate)
    throw fail(
      'learningRate',
      `learningRate is ${s.learningRate}; expected more than 0 and at most ${L.learningRate}`,
    );
  if (s.regularizationRate > L.regularizationRate)
    throw fail(
      'regularizationRate',
      `regularizationRate is ${s.regularizationRate}; at most ${L.regularizationRate}`,
    );
  for (const key of ['cosX', 'cosY'] as const) {
    if (s[key])
      throw fail(
        key,
        `${key}=true: the cos features are not available here; use x, y, xSquared, ySquared, xTimesY, sinX, sinY`,
      );
  }
  if (enabledPlaygroundFeatures(s).length === 0)
    throw fail(
      'x',
      'no input feature is on; turn on at least one of x, y, xSquared, ySquared, xTimesY, sinX, sinY',
    );
  return result;
}
