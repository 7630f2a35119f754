import type { LabId } from '../settings/lab.js';
import { crossValidateCurve, curveSession } from './curve-session.js';
import { networkSession } from './network-session.js';
import { classifySession } from './classify-session.js';
import { replayable } from './replayable.js';
import type { SessionFactory } from './session-factory.js';

/** Options of {@link createSessionFactory}. */
export interface SessionFactoryOptions {
  /** The user's CSV (`--data`). */
  readonly dataFile?: string;
  /** Model JSON from `--load`, used by the first run of `loadedLab`. */
  readonly loadedModel?: unknown;
  readonly loadedLab?: LabId;
}


/** The real session factory: the library models behind the three labs. */
export async function createSessionFactory(options: SessionFactoryOptions = {}): Promise<SessionFactory> {
  let loaded = options.loadedModel ?? null;
  // The loaded weights seed only the first run of their lab (reset starts fresh).
  const take = (lab: LabId): unknown => {
    if (options.loadedLab !== lab || loaded === null) return undefined;
    const m = loaded;
    loaded = null;
    return m;
  };
  return {
    curve: (s) => replayable(curveSession(s)),
    classify: (s) => replayable(classifySession(s)),
    network: (s) => {
      const initialModel = take('network');
      return networkSession(s, initialModel !== undefined ? { initialModel } : {});
    },
    crossValidate: (s) => crossValidateCurve(s),
  };
}
