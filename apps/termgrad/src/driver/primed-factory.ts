import type { LabId } from '../settings/lab.js';
import type { SessionFactory } from './session-factory.js';
import type { Session } from './snapshots.js';

/**
 * A factory whose FIRST session of `lab` is `session`, already opened (and possibly advanced past
 * its first snapshot, e.g. to draw the first frame before the dashboard's code has loaded); every
 * later session, and the other labs, come from `factory`. Sessions re-yield their current state
 * on `next({ capture: true })`, so the consumer picks up where the first frame left off.
 */
export function primeFactory(
  factory: SessionFactory,
  lab: LabId,
  session: Session<unknown>,
): SessionFactory {
  let primed: Session<unknown> | null = session;
  const take = (): Session<never> | null => {
    const s = primed;
    primed = null;
    return s as Session<never> | null;
  };
  return {
    curve: (s) => (lab === 'curve' ? take() : null) ?? factory.curve(s),
    classify: (s) => (lab === 'classify' ? take() : null) ?? factory.classify(s),
    network: (s) => (lab === 'network' ? take() : null) ?? factory.network(s),
    digits: (s) => (lab === 'digits' ? take() : null) ?? factory.digits(s),
    crossValidate: (s) => factory.crossValidate(s),
  };
}
