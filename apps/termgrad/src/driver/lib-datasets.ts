import * as datasets from '@termgrad/datasets';
import { fallbackDataset } from './fallback-datasets.js';

/** The slice of a @termgrad/datasets `Dataset` the app reads. */
export interface DatasetLike {
  readonly x: { readonly shape: readonly number[]; toTypedArray(): ArrayLike<number> };
  readonly y: { toTypedArray(): ArrayLike<number> };
  readonly numClasses?: number;
  readonly task?: 'classification' | 'regression';
}

/**
 * Looks up a generator of @termgrad/datasets by name. The package is written in parallel; until
 * its index exports the name, the lab reports it instead of crashing.
 */
export function datasetFn<F>(name: string): F {
  const fn = (datasets as Record<string, unknown>)[name] ?? fallbackDataset(name);
  if (typeof fn !== 'function') throw new Error(`@termgrad/datasets does not export ${name} yet`);
  return fn as F;
}
