import type { Session, StepRequest } from './snapshots.js';

/**
 * Turns a plain generator of snapshots into a {@link Session}: `next()` advances it, while
 * `next({ capture: true })` re-yields the current snapshot without advancing (these snapshots
 * already carry their frozen model).
 */
export async function* replayable<S>(inner: Iterator<S> | AsyncIterator<S>): Session<S> {
  let r = await inner.next();
  if (r.done === true) return;
  let current: S = r.value;
  let request: StepRequest | undefined = yield current;
  for (;;) {
    if (request?.capture === true) {
      request = yield current;
      continue;
    }
    r = await inner.next();
    if (r.done === true) return;
    current = r.value;
    request = yield current;
  }
}
