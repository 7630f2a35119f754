import type { PlaygroundSettings } from '../playground-url.js';
import { parsePlaygroundUrlWithWarnings, playgroundSeedToInt } from '../playground-url.js';
import { UsageError } from './errors.js';
import type { Feature, NetworkSettings } from './network-settings.js';

/** The learning rate used for a Playground URL's `learningRate=0` (this app's rates are > 0). */
export const SMALLEST_LEARNING_RATE = 0.00001;

/**
 * Network settings of a parsed Playground state, in the Playground-compatible training mode.
 * Every key is honoured or, where this app cannot do what it says, reported to `warn` (one
 * sentence each, only for values other than the Playground's defaults): nothing is dropped
 * silently.
 * @throws UsageError for a regression data set this app does not have.
 */
export function fromPlaygroundSettings(
  p: PlaygroundSettings,
  warn: (message: string) => void = () => {},
): Partial<NetworkSettings> {
  const features: Feature[] = [];
  if (p.x) features.push('x1');
  if (p.y) features.push('x2');
  if (p.xSquared) features.push('x1sq');
  if (p.ySquared) features.push('x2sq');
  if (p.xTimesY) features.push('x1x2');
  if (p.sinX) features.push('sinx1');
  if (p.sinY) features.push('sinx2');
  const cos = [...(p.cosX ? ['cosX'] : []), ...(p.cosY ? ['cosY'] : [])];
  if (cos.length > 0)
    warn(
      `${cos.join(' and ')} ignored: the Playground's UI has no cosine inputs and neither has termgrad (features x₁ x₂ x₁² x₂² x₁x₂ sin x₁ sin x₂)`,
    );
  if (features.length === 0) warn('no input feature is on; using x₁ and x₂');
  let dataset: NetworkSettings['dataset'] = p.dataset;
  if (p.problem === 'regression') {
    if (p.regDataset === 'reg-plane') dataset = 'plane';
    else if (p.regDataset === 'reg-gauss') dataset = 'multi-gauss';
    else
      throw new UsageError(
        `--playground: regression data set ${p.regDataset} is not available; expected reg-plane or reg-gauss`,
      );
  }
  if (!(p.learningRate > 0))
    warn(`learningRate ${p.learningRate} is not > 0; using ${SMALLEST_LEARNING_RATE}`);
  const trainRatio = Math.min(90, Math.max(10, p.percTrainData));
  if (trainRatio !== p.percTrainData)
    warn(
      `percTrainData ${p.percTrainData} is outside the Playground's 10..90; using ${trainRatio}`,
    );
  if (p.collectStats) warn('collectStats ignored: termgrad collects no usage statistics');
  if (p.tutorial !== null)
    warn(`tutorial ${p.tutorial} ignored: termgrad has no tutorials (see termgrad --help)`);
  if (p.hideText) warn('hideText ignored: termgrad shows no explanatory text beside the dashboard');
  if (p.hidden.length > 0)
    warn(
      `${p.hidden.map((k) => `${k}_hide`).join(', ')} ignored: every setting stays editable here`,
    );
  return {
    mode: 'playground',
    dataset,
    problem: p.problem,
    features: features.length > 0 ? features : ['x1', 'x2'],
    layers: [...p.networkShape],
    activation: p.activation,
    learningRate: p.learningRate > 0 ? p.learningRate : SMALLEST_LEARNING_RATE,
    regularization: p.regularization === 'L1' ? 'l1' : p.regularization === 'L2' ? 'l2' : 'none',
    lambda: p.regularizationRate,
    batchSize: p.batchSize,
    noise: p.noise,
    trainRatio,
    showTest: p.showTestData,
    discretize: p.discretize,
    initZero: p.initZero,
    ...(p.seed !== null ? { seed: playgroundSeedToInt(p.seed) } : {}),
  };
}

/**
 * Network settings of a TensorFlow Playground URL, through `parsePlaygroundUrlWithWarnings`: those
 * of {@link fromPlaygroundSettings} and the Playground's sample count. What the parser ignored
 * (unknown or repeated keys, empty values) goes to `warn`, one message each.
 * @throws UsageError when the URL cannot be parsed.
 */
export async function settingsFromPlaygroundUrl(
  url: string,
  warn: (message: string) => void = () => {},
): Promise<Partial<NetworkSettings>> {
  let parsed: PlaygroundSettings;
  try {
    const result = parsePlaygroundUrlWithWarnings(url);
    parsed = result.settings;
    for (const w of result.warnings) warn(`--playground: ${w}`);
  } catch (error) {
    throw new UsageError(`--playground: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
  // The Playground generates 500 points for classification, 1200 for regression. (Imported here,
  // not at the top: this module is on the start-up path of every command.)
  const { PLAYGROUND_SAMPLES } = await import('@termgrad/datasets');
  return {
    ...fromPlaygroundSettings(parsed, (w) => warn(`--playground: ${w}`)),
    samples: PLAYGROUND_SAMPLES[parsed.problem],
  };
}
