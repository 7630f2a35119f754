import { UsageError } from './errors.js';
import type { NetworkSettings } from './network-settings.js';

/**
 * Network settings of a TensorFlow Playground URL, through `parsePlaygroundUrl` of
 * `src/playground-url.ts`. The experiment runs in the Playground-compatible mode.
 * @throws UsageError when the URL cannot be parsed.
 */
export async function settingsFromPlaygroundUrl(url: string): Promise<Partial<NetworkSettings>> {
  let mod: Record<string, unknown>;
  try {
    // Resolved at run time: the parser module is written in parallel by another engineer.
    const spec = '../playground-url.js';
    mod = (await import(spec)) as Record<string, unknown>;
  } catch {
    throw new UsageError('--playground: Playground URL support is not available in this build');
  }
  const parse = mod['parsePlaygroundUrl'];
  if (typeof parse !== 'function') throw new UsageError('--playground: parsePlaygroundUrl is missing');
  let parsed: unknown;
  try {
    parsed = (parse as (u: string) => unknown)(url);
  } catch (error) {
    throw new UsageError(`--playground: ${(error as Error).message}`);
  }
  return fromPlaygroundSettings(parsed as Record<string, unknown>);
}

/** Maps the parser's settings object to network settings (unknown fields are ignored). */
export function fromPlaygroundSettings(p: Record<string, unknown>): Partial<NetworkSettings> {
  const out: Record<string, unknown> = { mode: 'playground' };
  const copy = (from: string, to: string = from): void => {
    if (p[from] !== undefined) out[to] = p[from];
  };
  copy('dataset');
  copy('activation');
  copy('learningRate', 'lr');
  copy('regularizationRate', 'regRate');
  copy('batchSize');
  copy('noise');
  copy('percTrainData', 'trainRatio');
  copy('networkShape', 'layers');
  copy('seed');
  copy('showTestData', 'showTest');
  copy('problem');
  if (typeof p['regularization'] === 'string') out['regularization'] = p['regularization'] === 'none' ? 'none' : p['regularization'];
  return out as Partial<NetworkSettings>;
}
