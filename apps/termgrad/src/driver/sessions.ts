import type { SessionProgress } from '../persist.js';
import type { ClassifySettings } from '../settings/classify-settings.js';
import type { CurveSettings } from '../settings/curve-settings.js';
import type { DigitsSettings } from '../settings/digits-settings.js';
import type { LabId } from '../settings/lab.js';
import type { NetworkSettings } from '../settings/network-settings.js';
import type { SessionFactory } from './session-factory.js';
import type { Session } from './snapshots.js';
import type { UserData } from './user-data.js';

/** Options of {@link createSessionFactory}. */
export interface SessionFactoryOptions {
  /** The user's data (`--data`, read by `loadUserData`): used by the network and classification labs. */
  readonly user?: UserData;
  /** Model JSON from `--load`, used by the first run of `loadedLab`. */
  readonly loadedModel?: unknown;
  readonly loadedLab?: LabId;
  /** Progress saved with `loadedModel` (epoch, trainer state): the loaded run continues from it. */
  readonly loadedProgress?: SessionProgress;
  /** Digits lab with a CSV: false when `--no-header` was given. Default true. */
  readonly header?: boolean;
}

/**
 * A session whose module is imported on its first `next()`: a lab's models and data code load
 * only when the lab is first shown, which keeps start-up short. Requests pass through (`yield*`).
 */
async function* lazy<S, T>(load: () => Promise<Session<S, T>>): Session<S, T> {
  const inner = await load();
  yield* inner;
}

/** The real session factory: the library models behind the three labs, each imported on first use. */
export async function createSessionFactory(
  options: SessionFactoryOptions = {},
): Promise<SessionFactory> {
  let loaded = options.loadedModel ?? null;
  // The loaded weights seed only the first run of their lab (reset starts fresh).
  const take = (lab: LabId): { model: unknown; progress: SessionProgress } | undefined => {
    if (options.loadedLab !== lab || loaded === null) return undefined;
    const m = loaded;
    loaded = null;
    return { model: m, progress: options.loadedProgress ?? {} };
  };
  const user = options.user;
  const csvOnly = <S extends { dataset: string }>(s: S): UserData | undefined =>
    s.dataset === 'csv' ? user : undefined;
  return {
    curve: (s: CurveSettings) =>
      lazy(async () => {
        const [{ curveSession }, { replayable }] = await Promise.all([
          import('./curve-session.js'),
          import('./replayable.js'),
        ]);
        return replayable(curveSession(s));
      }),
    classify: (s: ClassifySettings) => {
      const start = s.model !== 'generative' ? take('classify') : undefined;
      return lazy(async () => {
        const [{ classifySession }, { replayable }] = await Promise.all([
          import('./classify-session.js'),
          import('./replayable.js'),
        ]);
        // A CSV with a numeric target (regression) is for the network lab; this lab keeps its own sets then.
        return replayable(
          classifySession(
            s,
            s.dataset === 'csv' && user?.task === 'classification' ? user : undefined,
            start?.model,
            start?.progress.epoch ?? 0,
          ),
        );
      });
    },
    network: (s: NetworkSettings) => {
      const start = take('network');
      return lazy(async () => {
        const { networkSession } = await import('./network-session.js');
        const u = csvOnly(s);
        return networkSession(s, {
          ...(start !== undefined
            ? { initialModel: start.model, initialProgress: start.progress }
            : {}),
          ...(u !== undefined ? { user: u } : {}),
        });
      });
    },
    digits: (s: DigitsSettings) => {
      const start = take('digits');
      return lazy(async () => {
        const { digitsSession } = await import('./digits-session.js');
        return digitsSession(s, {
          ...(start !== undefined
            ? { initialModel: start.model, initialEpoch: start.progress.epoch ?? 0 }
            : {}),
          header: options.header ?? true,
        });
      });
    },
    crossValidate: async (s: CurveSettings) =>
      (await import('./curve-session.js')).crossValidateCurve(s),
  };
}
