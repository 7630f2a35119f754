import { readFileSync } from 'node:fs';
import { warnDeprecated } from '@termgrad/tensor';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_SPEED } from '../driver/pacer.js';
import type { ClassifySettings } from '../settings/classify-settings.js';
import {
  CLASSIFIERS,
  CLASSIFY_DATASETS,
  DEFAULT_CLASSIFY_SETTINGS,
} from '../settings/classify-settings.js';
import type { CurveSettings } from '../settings/curve-settings.js';
import { DEFAULT_CURVE_SETTINGS, MAX_ORDER } from '../settings/curve-settings.js';
import type { DigitsSettings } from '../settings/digits-settings.js';
import {
  DEFAULT_DIGITS_SETTINGS,
  DIGIT_ACTIVATIONS,
  DIGIT_DATASETS,
  DIGIT_MODELS,
  DIGIT_OPTIMIZERS,
} from '../settings/digits-settings.js';
import { UsageError } from '../settings/errors.js';
import type { LabId } from '../settings/lab.js';
import type { NetworkSettings } from '../settings/network-settings.js';
import {
  ACTIVATIONS,
  DEFAULT_NETWORK_SETTINGS,
  FEATURES,
  MAX_LAYERS,
  MAX_NEURONS,
  MODES,
  NETWORK_DATASETS,
  OPTIMIZERS,
  PROBLEMS,
  REGULARIZATIONS,
} from '../settings/network-settings.js';
import { numberIn, parseLayers, parseList, parseLnLambda, parseSpeed } from './parse-values.js';

/** What the command line asked for. Settings hold only the flags that were given. */
export interface CliRequest {
  readonly lab: LabId;
  readonly headless: boolean;
  readonly json: boolean;
  readonly debug: boolean;
  /** Frame-rate cap of the TUI. Default 15. */
  readonly fps: number;
  /** false for --no-color. */
  readonly color: boolean;
  /** `--charset`: the screen's character set; default from the locale (LC_ALL, LC_CTYPE, LANG). */
  readonly charset?: 'utf8' | 'ascii';
  readonly save?: string;
  readonly load?: string;
  /** `--fresh` (with `--load`): keep the session's settings, start training over. */
  readonly fresh: boolean;
  readonly data?: string;
  /** CSV label column (`--label`): a header name or a 0-based index. Default: the last column. */
  readonly labelColumn?: string | number;
  /** false for `--no-header` (the CSV's first row is data). */
  readonly header: boolean;
  /** Training speed of the dashboard in epochs per second (Infinity = max). Default 30. */
  readonly speed: number;
  readonly playground?: string;
  /** Curve lab: pick M and λ by cross-validation first. */
  readonly cv: boolean;
  readonly curve: Partial<CurveSettings>;
  readonly classify: Partial<ClassifySettings>;
  readonly network: Partial<NetworkSettings>;
  readonly digits: Partial<DigitsSettings>;
}

type Opts = Record<string, unknown>;

/** `--learning-rate <rate>` in (0, max]: one definition for every lab. */
function learningRateOption(max: number): Option {
  return new Option('--learning-rate <rate>', 'learning rate (short: --lr)').argParser(
    numberIn(0, max, { exclusiveMin: true }),
  );
}

/** `--lr`, the short form of {@link learningRateOption} (same range, hidden from the help). */
function shortLearningRateOption(max: number): Option {
  return new Option('--lr <rate>', 'learning rate')
    .argParser(numberIn(0, max, { exclusiveMin: true }))
    .hideHelp();
}

function addCommon(cmd: Command, lab: LabId): Command {
  return cmd
    .option('--headless', 'no dashboard: print one progress line per epoch and a summary')
    .option('--json', 'with --headless: print JSON lines')
    .addOption(
      new Option('--epochs <n>', 'stop after n epochs').argParser(
        numberIn(0, 1e8, { integer: true }),
      ),
    )
    .addOption(
      new Option('--seed <n>', 'seed of data and initial weights').argParser(
        numberIn(0, 2 ** 32 - 1, { integer: true }),
      ),
    )
    .option(
      '--save <path>',
      `where s saves the model and settings (default ./termgrad-${lab}.json)`,
    )
    .option(
      '--load <path>',
      'reopen a saved session (model and settings); flags that change its data or model are refused',
    )
    .option(
      '--fresh',
      "with --load: keep the session's settings (and the flags given) but start training over",
    )
    .addOption(
      new Option(
        '--fps <n>',
        'most frames per second the dashboard draws; over a slow link it draws fewer, each after the terminal confirmed the last',
      )
        .default(15)
        .argParser(numberIn(1, 60, { integer: true })),
    )
    .addOption(
      new Option(
        '--speed <n|max>',
        'dashboard training speed: epochs per second (1 3 10 30 100 300) or max; headless is always max',
      )
        .default(DEFAULT_SPEED, '30')
        .argParser(parseSpeed),
    )
    .option('--no-color', 'shape-only monochrome output (also NO_COLOR)')
    .addOption(
      new Option(
        '--charset <set>',
        'characters the screen may use: utf8, or ascii (no byte >= 0x80); default from LC_ALL / LC_CTYPE / LANG',
      ).choices(['utf8', 'ascii']),
    )
    .option('--debug', 'print stack traces of errors');
}

function networkCommand(): Command {
  const cmd = new Command('network')
    .description('the TensorFlow Playground: train a neural network on 2-D data (default lab)')
    .addOption(
      new Option('--dataset <name>', 'data set').choices(
        NETWORK_DATASETS.filter((d) => d !== 'csv'),
      ),
    )
    .addOption(new Option('--problem <type>', 'problem type').choices(PROBLEMS))
    .addOption(
      new Option('--classes <k>', 'classes of the blobs data set').argParser(
        numberIn(2, 8, { integer: true }),
      ),
    )
    .addOption(
      new Option(
        '--features <list>',
        `input features, comma-separated: ${FEATURES.join(',')}`,
      ).argParser(parseList(FEATURES)),
    )
    .addOption(
      new Option(
        '--layers <sizes>',
        'hidden layer sizes, e.g. 4,2 (none for no hidden layer)',
      ).argParser(parseLayers(MAX_LAYERS, MAX_NEURONS)),
    )
    .addOption(new Option('--activation <name>', 'hidden activation').choices(ACTIVATIONS))
    .addOption(learningRateOption(10))
    .addOption(shortLearningRateOption(10))
    .addOption(
      new Option(
        '--regularization <kind>',
        `penalty on the weights: ${REGULARIZATIONS.join(', ')}`,
      ).argParser(parseRegularization),
    )
    .addOption(
      new Option('--lambda <value>', 'L2/L1 penalty strength λ').argParser(numberIn(0, 10)),
    )
    .addOption(
      new Option('--reg-rate <rate>', 'deprecated: use --lambda')
        .argParser(numberIn(0, 10))
        .hideHelp(),
    )
    .addOption(
      new Option('--batch-size <n>', 'mini-batch size').argParser(
        numberIn(1, 100000, { integer: true }),
      ),
    )
    .addOption(new Option('--noise <percent>', 'noise, 0..50').argParser(numberIn(0, 50)))
    .addOption(
      new Option('--train-ratio <percent>', 'share of training points, 10..90').argParser(
        numberIn(10, 90),
      ),
    )
    .addOption(
      new Option('--samples <n>', 'number of points').argParser(
        numberIn(10, 100000, { integer: true }),
      ),
    )
    .addOption(new Option('--optimizer <name>', 'optimizer').choices(OPTIMIZERS))
    .addOption(
      new Option(
        '--mode <mode>',
        'training procedure (playground reproduces the Playground)',
      ).choices(MODES),
    )
    .addOption(
      new Option(
        '--patience <epochs>',
        'early stopping: stop when the validation loss has not improved for this many epochs and restore the best weights (0 = off)',
      ).argParser(numberIn(0, 100000, { integer: true })),
    )
    .addOption(
      new Option(
        '--validation <percent>',
        'percent of the training points held out as validation data for early stopping, 0..50 (0 with --patience: 20)',
      ).argParser(numberIn(0, 50, { integer: true })),
    )
    .option('--show-test', 'show test points on the heat map')
    .option(
      '--data <file.csv>',
      'train on your own data: numeric feature columns and a label (or target) column; 2 features give the map',
    )
    .option(
      '--label <column>',
      'with --data: the label column, a header name or a 0-based index (default: the last column)',
    )
    .option('--no-header', 'with --data: the first row of the CSV is data, not column names')
    .option('--playground <url>', 'open the experiment of a TensorFlow Playground URL');
  return addCommon(cmd, 'network');
}

function curveCommand(): Command {
  const cmd = new Command('curve')
    .description("polynomial curve fitting on the lecture's noisy sin(2πx)")
    .addOption(
      new Option('--m <order>', 'polynomial order M').argParser(
        numberIn(0, MAX_ORDER, { integer: true }),
      ),
    )
    .addOption(
      new Option('--ln-lambda <value>', 'ln λ of the ridge penalty, or -inf for λ = 0').argParser(
        parseLnLambda,
      ),
    )
    .addOption(
      new Option('--n <points>', 'training points N').argParser(
        numberIn(2, 10000, { integer: true }),
      ),
    )
    .addOption(
      new Option('--test-n <points>', 'test points').argParser(
        numberIn(1, 100000, { integer: true }),
      ),
    )
    .addOption(
      new Option(
        '--noise-sd <sigma>',
        'standard deviation σ of the Gaussian noise on the targets',
      ).argParser(numberIn(0, 10)),
    )
    .addOption(
      new Option('--noise <sigma>', 'deprecated: use --noise-sd')
        .argParser(numberIn(0, 10))
        .hideHelp(),
    )
    .addOption(
      new Option('--max-m <order>', 'largest M on the E_RMS chart').argParser(
        numberIn(1, MAX_ORDER, { integer: true }),
      ),
    )
    .option('--cv', 'pick M and λ by cross-validation');
  return addCommon(cmd, 'curve');
}

function classifyCommand(): Command {
  const cmd = new Command('classify')
    .description('generative vs discriminative classifiers on 2-D data')
    .addOption(new Option('--model <name>', 'classifier').choices(CLASSIFIERS))
    .addOption(
      new Option('--dataset <name>', 'data set').choices(
        CLASSIFY_DATASETS.filter((d) => d !== 'csv'),
      ),
    )
    .addOption(
      new Option('--classes <k>', 'classes of the blobs data set').argParser(
        numberIn(2, 8, { integer: true }),
      ),
    )
    .option('--basis', 'logistic regression on Gaussian basis features')
    .addOption(
      new Option('--basis-per-axis <n>', 'Gaussian basis functions per axis').argParser(
        numberIn(1, 8, { integer: true }),
      ),
    )
    .addOption(
      new Option('--samples <n>', 'number of points').argParser(
        numberIn(4, 100000, { integer: true }),
      ),
    )
    .addOption(new Option('--noise <percent>', 'noise, 0..50').argParser(numberIn(0, 50)))
    .addOption(learningRateOption(100))
    .addOption(shortLearningRateOption(100))
    .addOption(
      new Option('--lambda <value>', 'L2 penalty strength λ of logistic regression').argParser(
        numberIn(0, 100),
      ),
    )
    .addOption(
      new Option('--l2 <lambda>', 'deprecated: use --lambda')
        .argParser(numberIn(0, 100))
        .hideHelp(),
    )
    .option(
      '--data <file.csv>',
      'classify your own data: numeric feature columns and a class label column; 2 features give the map',
    )
    .option(
      '--label <column>',
      'with --data: the label column, a header name or a 0-based index (default: the last column)',
    )
    .option('--no-header', 'with --data: the first row of the CSV is data, not column names');
  return addCommon(cmd, 'classify');
}

function digitsCommand(): Command {
  const cmd = new Command('digits')
    .description(
      'image classifiers on handwritten digits: linear, least squares, two linear layers (collapse), MLP',
    )
    .addOption(
      new Option(
        '--model <name>',
        'softmax: y = Ax + a with cross-entropy; leastSquares: one-hot targets, closed form; linear2: h = Ax + a, y = Bh + b; mlp: a σ hidden layer',
      ).choices(DIGIT_MODELS),
    )
    .addOption(
      new Option(
        '--dataset <name>',
        'images: optdigits (embedded 8×8), mnist (needs the optional mnist package), file (--data)',
      ).choices(DIGIT_DATASETS),
    )
    .option(
      '--data <file>',
      'your own images: a CSV of pixel rows with a label column, or an IDX image file (MNIST format)',
    )
    .option(
      '--idx-labels <file>',
      'with an IDX --data: its label file (default: the name with images-idx3 → labels-idx1)',
    )
    .option(
      '--label <column>',
      'with a CSV --data: the label column, a header name or a 0-based index (default: the last column)',
    )
    .option(
      '--no-header',
      'with a CSV --data: the first row is data (a first row of numbers is never a header)',
    )
    .addOption(
      new Option(
        '--image-width <pixels>',
        'with a CSV --data: the image width (default: square images)',
      ).argParser(numberIn(1, 4096, { integer: true })),
    )
    .addOption(
      new Option('--samples <n>', 'mnist: images used (a seeded subset)').argParser(
        numberIn(100, 100000, { integer: true }),
      ),
    )
    .addOption(
      new Option('--hidden <units>', 'hidden units of linear2 and mlp').argParser(
        numberIn(1, 512, { integer: true }),
      ),
    )
    .addOption(
      new Option('--activation <name>', 'hidden activation σ of mlp').choices(DIGIT_ACTIVATIONS),
    )
    .addOption(new Option('--optimizer <name>', 'optimizer').choices(DIGIT_OPTIMIZERS))
    .addOption(learningRateOption(10))
    .addOption(shortLearningRateOption(10))
    .addOption(
      new Option('--lambda <value>', 'L2 penalty strength λ (least squares: ridge)').argParser(
        numberIn(0, 10),
      ),
    )
    .addOption(
      new Option('--batch-size <n>', 'mini-batch size').argParser(
        numberIn(1, 100000, { integer: true }),
      ),
    )
    .addOption(
      new Option(
        '--train-ratio <percent>',
        'share of the images used for training, 10..90 (stratified)',
      ).argParser(numberIn(10, 90, { integer: true })),
    );
  return addCommon(cmd, 'digits');
}

/**
 * Flags kept for one minor version (attribute → the flag to use instead): each warns once.
 * `--lr` is not here: it is the documented short form of `--learning-rate`.
 */
const DEPRECATED_FLAGS: Readonly<
  Record<LabId, Readonly<Record<string, [old: string, use: string]>>>
> = {
  network: { regRate: ['--reg-rate', '--lambda'] },
  classify: { l2: ['--l2', '--lambda'] },
  curve: { noise: ['--noise', '--noise-sd'] },
  digits: {},
};

/** Two flags that set the same setting (an alias and its flag) must not both be given. */
const SAME_SETTING: readonly (readonly [string, string, string])[] = [
  ['learningRate', 'lr', '--learning-rate and --lr'],
  ['lambda', 'regRate', '--lambda and --reg-rate'],
  ['lambda', 'l2', '--lambda and --l2'],
  ['noiseSd', 'noise', '--noise-sd and --noise'],
];

/** `--regularization`: none, l1 or l2 (upper-case L1/L2 still accepted for one minor version, with a warning). */
function parseRegularization(value: string): (typeof REGULARIZATIONS)[number] {
  const lower = value.toLowerCase();
  if (!(REGULARIZATIONS as readonly string[]).includes(lower))
    throw new InvalidArgumentError(
      `expected one of ${REGULARIZATIONS.join(', ')}, got ${JSON.stringify(value)}`,
    );
  if (lower !== value)
    warnDeprecated(
      'termgrad --regularization upper case',
      `termgrad: --regularization ${value} is deprecated; use ${lower} (penalty kinds are lower case)`,
    );
  return lower as (typeof REGULARIZATIONS)[number];
}

function pick<T>(lab: LabId, opts: Opts, map: Record<string, keyof T>): Partial<T> {
  for (const [a, b, both] of SAME_SETTING) {
    if (
      opts[a] !== undefined &&
      opts[b] !== undefined &&
      map[a] !== undefined &&
      map[b] !== undefined
    )
      throw new UsageError(`${lab}: give one of ${both}, not both`);
  }
  const out: Partial<T> = {};
  for (const [flag, key] of Object.entries(map)) {
    if (opts[flag] === undefined) continue;
    const deprecated = DEPRECATED_FLAGS[lab][flag];
    if (deprecated !== undefined) {
      warnDeprecated(
        `termgrad ${lab} ${deprecated[0]}`,
        `termgrad ${lab}: ${deprecated[0]} is deprecated; use ${deprecated[1]} (the old flag is removed in the next minor version)`,
      );
    }
    (out as Record<keyof T, unknown>)[key] = opts[flag];
  }
  return out;
}

function toRequest(lab: LabId, opts: Opts): CliRequest {
  const common = {
    lab,
    headless: opts['headless'] === true,
    json: opts['json'] === true,
    debug: opts['debug'] === true,
    fps: (opts['fps'] as number | undefined) ?? 15,
    color: opts['color'] !== false,
    ...(opts['charset'] === 'utf8' || opts['charset'] === 'ascii'
      ? { charset: opts['charset'] as 'utf8' | 'ascii' }
      : {}),
    cv: opts['cv'] === true,
    ...(typeof opts['save'] === 'string' ? { save: opts['save'] } : {}),
    ...(typeof opts['load'] === 'string' ? { load: opts['load'] } : {}),
    fresh: opts['fresh'] === true,
    ...(typeof opts['data'] === 'string' ? { data: opts['data'] } : {}),
    ...(typeof opts['label'] === 'string'
      ? { labelColumn: /^-?\d+$/.test(opts['label']) ? Number(opts['label']) : opts['label'] }
      : {}),
    header: opts['header'] !== false,
    speed: (opts['speed'] as number | undefined) ?? DEFAULT_SPEED,
    ...(typeof opts['playground'] === 'string' ? { playground: opts['playground'] } : {}),
  };
  const curve = lab === 'curve' ? pick<CurveSettings>(lab, opts, CURVE_FLAGS) : {};
  const classify = lab === 'classify' ? pick<ClassifySettings>(lab, opts, CLASSIFY_FLAGS) : {};
  const network = lab === 'network' ? pick<NetworkSettings>(lab, opts, NETWORK_FLAGS) : {};
  const digits = lab === 'digits' ? pick<DigitsSettings>(lab, opts, DIGITS_FLAGS) : {};
  return { ...common, curve, classify, network, digits };
}

/** commander attribute name of each lab flag → the settings field it sets. */
const CURVE_FLAGS: Record<string, keyof CurveSettings> = {
  m: 'm',
  lnLambda: 'lnLambda',
  n: 'n',
  testN: 'testN',
  noiseSd: 'noiseSd',
  noise: 'noiseSd',
  maxM: 'maxM',
  seed: 'seed',
};
const CLASSIFY_FLAGS: Record<string, keyof ClassifySettings> = {
  model: 'model',
  dataset: 'dataset',
  classes: 'classes',
  basis: 'basis',
  basisPerAxis: 'basisPerAxis',
  samples: 'samples',
  noise: 'noise',
  learningRate: 'learningRate',
  lr: 'learningRate',
  lambda: 'lambda',
  l2: 'lambda',
  epochs: 'maxEpochs',
  seed: 'seed',
};
const DIGITS_FLAGS: Record<string, keyof DigitsSettings> = {
  model: 'model',
  dataset: 'dataset',
  idxLabels: 'labelsPath',
  imageWidth: 'imageWidth',
  samples: 'samples',
  hidden: 'hidden',
  activation: 'activation',
  optimizer: 'optimizer',
  learningRate: 'learningRate',
  lr: 'learningRate',
  lambda: 'lambda',
  batchSize: 'batchSize',
  trainRatio: 'trainRatio',
  epochs: 'maxEpochs',
  seed: 'seed',
};
const NETWORK_FLAGS: Record<string, keyof NetworkSettings> = {
  dataset: 'dataset',
  problem: 'problem',
  classes: 'classes',
  features: 'features',
  layers: 'layers',
  activation: 'activation',
  learningRate: 'learningRate',
  lr: 'learningRate',
  regularization: 'regularization',
  lambda: 'lambda',
  regRate: 'lambda',
  batchSize: 'batchSize',
  noise: 'noise',
  trainRatio: 'trainRatio',
  samples: 'samples',
  optimizer: 'optimizer',
  mode: 'mode',
  patience: 'patience',
  validation: 'validation',
  epochs: 'maxEpochs',
  showTest: 'showTest',
  seed: 'seed',
};

/**
 * Appends each lab flag's default (from the lab's default settings) to its help text. The value is
 * not given to commander as a default, so an unset flag stays unset and cannot override a value
 * from `--load` or `--playground`.
 */
function describeDefaults(cmd: Command, flags: Record<string, string>, defaults: object): void {
  for (const option of cmd.options) {
    const key = flags[option.attributeName()];
    if (key === undefined || option.isBoolean()) continue;
    const value = (defaults as Record<string, unknown>)[key];
    if (value === undefined || (value === null && key !== 'lnLambda')) continue;
    const shown =
      key === 'maxEpochs' && value === 0
        ? 'until stopped; 100 with --headless'
        : Array.isArray(value)
          ? value.join(',') || 'none'
          : value === -Infinity || (key === 'lnLambda' && value === null)
            ? '-inf (λ = 0)'
            : String(value);
    option.description += ` (default: ${shown})`;
  }
}

/** The app's version, read from its package.json (two levels up from src/cli or dist/cli). */
function packageVersion(): string {
  const manifest = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

/** Output sinks of the parser (commander's help and errors). */
export interface ProgramOutput {
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
}

/**
 * Builds the commander program with the subcommands `network` (default), `curve`, `classify` and `digits`.
 * `onRequest` receives the parsed request of whichever subcommand ran.
 */
export function buildProgram(
  output: ProgramOutput,
  onRequest: (request: CliRequest) => void,
): Command {
  const program = new Command('termgrad')
    .description(
      'Train machine-learning models live in the terminal: curve fitting, classifiers, the TensorFlow Playground, digit images.',
    )
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: output.writeOut,
      writeErr: output.writeErr,
      // One line: commander's "error: ..." message, without the help text.
      outputError: (text, write) => write(text.trimEnd().split('\n').join(' ') + '\n'),
    });
  for (const [make, lab] of [
    [networkCommand, 'network'],
    [curveCommand, 'curve'],
    [classifyCommand, 'classify'],
    [digitsCommand, 'digits'],
  ] as const) {
    const cmd = make();
    if (lab === 'network') describeDefaults(cmd, NETWORK_FLAGS, DEFAULT_NETWORK_SETTINGS);
    else if (lab === 'curve') describeDefaults(cmd, CURVE_FLAGS, DEFAULT_CURVE_SETTINGS);
    else if (lab === 'digits') describeDefaults(cmd, DIGITS_FLAGS, DEFAULT_DIGITS_SETTINGS);
    else describeDefaults(cmd, CLASSIFY_FLAGS, DEFAULT_CLASSIFY_SETTINGS);
    cmd.exitOverride().configureOutput({
      writeOut: output.writeOut,
      writeErr: output.writeErr,
      outputError: (text, write) => write(text.trimEnd().split('\n').join(' ') + '\n'),
    });
    cmd.action((opts: Opts) => onRequest(toRequest(lab, opts)));
    program.addCommand(cmd, lab === 'network' ? { isDefault: true } : {});
  }
  return program;
}
