import { parsePlaygroundUrlWithWarnings, playgroundSeedToInt } from '../playground-url.js';
import type { PlaygroundSettings } from '../playground-url.js';
import { UsageError } from './errors.js';
import type { Feature, NetworkSettings } from './network-settings.js';

/**
 * Network settings of a parsed Playground state, in the Playground-compatible training mode.
 * @throws UsageError for a regression data set this app does not have.
 */
export function fromPlaygroundSettings(p: PlaygroundSettings): Partial<NetworkSettings> {
  const features: Feature[] = [];
  if (p.x) features.push('x1');
  if (p.y) features.push('x2');
  if (p.xSquared) features.push('x1sq');
  if (p.ySquared) features.push('x2sq');
  if (p.xTimesY) features.push('x1x2');
  if (p.sinX) features.push('sinx1');
  if (p.sinY) features.push('sinx2');
  let dataset: NetworkSettings['dataset'] = p.dataset;
  if (p.problem === 'regression') {
    if (p.regDataset === 'reg-plane') dataset = 'plane';
    else if (p.regDataset === 'reg-gauss') dataset = 'multi-gauss';
    else throw new UsageError(`--playground: regression data set ${p.regDataset} is not available; expected reg-plane or reg-gauss`);
  }
  return {
    mode: 'playground',
    dataset,
    problem: p.problem,
    features: features.length > 0 ? features : ['x1', 'x2'],
    layers: [...p.networkShape],
    activation: p.activation,
    learningRate: p.learningRate > 0 ? p.learningRate : 0.00001,
    regularization: p.regularization === 'L1' ? 'l1' : p.regularization === 'L2' ? 'l2' : 'none',
    lambda: p.regularizationRate,
    batchSize: p.batchSize,
    noise: p.noise,
    trainRatio: Math.min(90, Math.max(10, p.percTrainData)),
    showTest: p.showTestData,
    ...(p.seed !== null ? { seed: playgroundSeedToInt(p.seed) } : {}),
  };
}

/**
 * Network settings of a TensorFlow Playground URL, through `parsePlaygroundUrlWithWarnings`: those
 * of {@link fromPlaygroundSettings} and the Playground's sample count. What the parser ignored
 * (unknown or repeated keys, empty values) goes to `warn`, one message each.
 * @throws UsageError when the URL cannot be parsed.
 */
export async function settingsFromPlaygroundUrl(url: string, warn: (message: string) => void = () => {}): Promise<Partial<NetworkSettings>> {
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
  return { ...fromPlaygroundSettings(parsed), samples: PLAYGROUND_SAMPLES[parsed.problem] };
}
