import type { StepRequest } from './snapshots.js';

/** The parts of a running network session that {@link stepLoop} drives. */
export interface StepHooks<Snap, S> {
  /** The current snapshot; `capture` adds a frozen copy of the model. */
  snapshot(capture: boolean): Snap;
  /** Takes settings that change without a reset (applied before the next step). */
  apply(settings: S): void;
  /** True once the run has ended: no more epochs. */
  done(): boolean;
  /** Trains one epoch. */
  epoch(): void;
}

/**
 * The request loop of a network session (standard and Playground mode): yields a snapshot with the
 * model first; then, per request, applies new live settings, answers a capture request with a
 * snapshot with the model and without training, or trains one epoch and yields a snapshot without
 * it. Returns when the run is done.
 * @example
 * ```ts
 * async function* session() { yield* stepLoop({ snapshot, apply, done: () => finished, epoch }); }
 * ```
 */
export function* stepLoop<Snap, S>(
  hooks: StepHooks<Snap, S>,
): Generator<Snap, void, StepRequest<S> | undefined> {
  let request = yield hooks.snapshot(true);
  for (;;) {
    if (request?.settings !== undefined) hooks.apply(request.settings);
    if (request?.capture === true) {
      request = yield hooks.snapshot(true);
      continue;
    }
    if (hooks.done()) return;
    hooks.epoch();
    request = yield hooks.snapshot(false);
  }
}
