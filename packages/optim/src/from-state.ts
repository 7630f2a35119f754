import { adam } from './adam.js';
import { OptimError } from './errors.js';
import type { BaseOptimizer, Optimizer, OptimizerState } from './optimizer.js';
import { describe } from './params.js';
import { rmsprop } from './rmsprop.js';
import { sgd } from './sgd.js';

/**
 * Rebuilds an optimizer from {@link Optimizer.state} output (also after a JSON round trip), so
 * training resumes bit-for-bit where it stopped.
 * @throws {OptimError} on a malformed document, an unknown type or a future version.
 * @example
 * ```ts
 * const copy = fromState(JSON.parse(JSON.stringify(opt.state())));
 * ```
 */
export function fromState(state: OptimizerState): Optimizer {
  const op = 'fromState';
  if (state === null || typeof state !== 'object')
    throw new OptimError(op, `state must be an object; got ${describe(state)}`);
  if (state.version !== 1)
    throw new OptimError(
      op,
      `unsupported state version; expected 1, got ${JSON.stringify(state.version)}`,
    );
  // documents written before the rename store the rate as `lr` (and schedules with lr/minLr):
  // data, not code, so they load silently
  const options = upgradeOptions((state.options ?? {}) as Record<string, unknown>) as Record<
    string,
    never
  >;
  switch (state.type) {
    case 'sgd':
      return (sgd(options) as BaseOptimizer).restore(state);
    case 'adam':
      return (adam(options) as BaseOptimizer).restore(state);
    case 'rmsprop':
      return (rmsprop(options) as BaseOptimizer).restore(state);
    default:
      throw new OptimError(
        op,
        `unknown optimizer type; expected sgd, adam or rmsprop, got ${JSON.stringify((state as { type?: unknown }).type)}`,
      );
  }
}

function upgradeOptions(options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...options };
  if ('lr' in out && !('learningRate' in out)) {
    out.learningRate = out.lr;
    delete out.lr;
  }
  const rate = out.learningRate;
  if (rate !== null && typeof rate === 'object') {
    const s: Record<string, unknown> = { ...(rate as Record<string, unknown>) };
    if ('lr' in s && !('learningRate' in s)) {
      s.learningRate = s.lr;
      delete s.lr;
    }
    if ('minLr' in s && !('minLearningRate' in s)) {
      s.minLearningRate = s.minLr;
      delete s.minLr;
    }
    out.learningRate = s;
  }
  return out;
}
