import { useEffect, useRef } from 'react';
import type { Dispatch } from 'react';
import type { SessionFactory } from '../driver/session-factory.js';
import type { Session } from '../driver/snapshots.js';
import type { NetworkSnapshot } from '../driver/snapshots.js';
import type { LabId } from '../settings/lab.js';
import type { Action } from '../state/actions.js';
import type { AppState, LossPoint } from '../state/app-state.js';

/** Options of {@link useTraining}. */
export interface TrainingOptions {
  /** Frames per second of snapshots sent to the screen. */
  readonly fps: number;
  /** Longest uninterrupted training slice, ms (keys are read between slices). Default 30. */
  readonly sliceMs?: number;
  readonly now?: () => number;
}

interface Run {
  readonly lab: LabId;
  readonly generation: number;
  readonly session: Session<unknown>;
  done: boolean;
  stepsSeen: number;
  lastFrame: number;
  losses: LossPoint[];
  /** Last snapshot seen (published as is once the session has ended). */
  last: unknown;
}

function open(factory: SessionFactory, state: AppState, lab: LabId): Session<unknown> {
  if (lab === 'curve') return factory.curve(state.curve.settings) as Session<unknown>;
  if (lab === 'classify') return factory.classify(state.classify.settings) as Session<unknown>;
  return factory.network(state.network.settings) as Session<unknown>;
}

function snapshotAction(lab: LabId, generation: number, snapshot: unknown, losses: readonly LossPoint[]): Action {
  if (lab === 'curve') return { type: 'curveSnapshot', generation, snapshot: snapshot as never };
  if (lab === 'classify') return { type: 'classifySnapshot', generation, snapshot: snapshot as never };
  return { type: 'networkSnapshot', generation, snapshot: snapshot as NetworkSnapshot, losses };
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'error';

/**
 * Runs the current lab's session in time slices (at most `sliceMs` of training, then the event
 * loop gets control so keys answer), and dispatches a snapshot with a frozen model at most `fps`
 * times a second. Sessions restart when a lab's `generation` changes.
 */
export function useTraining(state: AppState, dispatch: Dispatch<Action>, factory: SessionFactory, options: TrainingOptions): void {
  const stateRef = useRef(state);
  stateRef.current = state;
  const runs = useRef(new Map<LabId, Run>());
  const cvSeen = useRef(state.curve.cvRequests);

  useEffect(() => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const now = options.now ?? (() => performance.now());
    const sliceMs = options.sliceMs ?? 30;
    const frameMs = 1000 / Math.max(1, options.fps);

    const currentRun = (s: AppState): Run => {
      const lab = s.lab;
      const generation = s[lab].generation;
      const existing = runs.current.get(lab);
      if (existing !== undefined && existing.generation === generation) return existing;
      void existing?.session.return(undefined);
      const run: Run = { lab, generation, session: open(factory, s, lab), done: false, stepsSeen: s[lab].steps, lastFrame: -Infinity, losses: [], last: undefined };
      runs.current.set(lab, run);
      return run;
    };

    const publish = async (run: Run): Promise<void> => {
      const r = await run.session.next({ capture: true });
      const value = r.done ? run.last : r.value;
      if (value !== undefined) dispatch(snapshotAction(run.lab, run.generation, value, run.losses));
      run.losses = [];
      run.lastFrame = now();
    };

    const tick = async (): Promise<void> => {
      const s = stateRef.current;
      if (s.quitting) return;
      if (s.curve.cvRequests !== cvSeen.current) {
        cvSeen.current = s.curve.cvRequests;
        try {
          dispatch({ type: 'cvResult', generation: s.curve.generation, choice: factory.crossValidate(s.curve.settings) });
        } catch (e) {
          dispatch({ type: 'message', text: `cross-validation failed: ${errorText(e)}`, now: Date.now() });
        }
        return;
      }
      const run = currentRun(s);
      const lab = s[run.lab];
      const wantStep = lab.steps > run.stepsSeen;
      const first = run.lastFrame === -Infinity;
      if (run.done || (!lab.running && !wantStep && !first)) return;
      const t0 = now();
      let epochs = 0;
      try {
        if (!first || wantStep || lab.running) {
          do {
            const r = await run.session.next(undefined);
            if (r.done) {
              run.done = true;
              break;
            }
            epochs++;
            run.last = r.value;
            const v = r.value as Partial<NetworkSnapshot>;
            if (typeof v.trainLoss === 'number' && typeof v.epoch === 'number') run.losses.push({ epoch: v.epoch, train: v.trainLoss, test: v.testLoss ?? NaN });
            if ((r.value as { done?: boolean }).done === true) run.done = true;
          } while (!run.done && lab.running && !wantStep && now() - t0 < sliceMs);
        }
        if (wantStep) run.stepsSeen = lab.steps;
        if (run.done || wantStep || first || now() - run.lastFrame >= frameMs || epochs === 0) await publish(run);
        if (run.done) dispatch({ type: 'finished', lab: run.lab, generation: run.generation });
      } catch (e) {
        run.done = true;
        dispatch({ type: 'driverError', lab: run.lab, generation: run.generation, message: errorText(e) });
      }
    };

    const loop = (): void => {
      if (stopped) return;
      const s = stateRef.current;
      const lab = s[s.lab];
      const run = runs.current.get(s.lab);
      const idle = run !== undefined && run.generation === lab.generation && (run.done || (!lab.running && lab.steps === run.stepsSeen)) && s.curve.cvRequests === cvSeen.current;
      void tick().finally(() => {
        // Busy: yield to the event loop (keys) and continue; idle: poll gently.
        if (!stopped) timer = setTimeout(loop, idle ? 25 : 0);
      });
    };
    loop();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const run of runs.current.values()) void run.session.return(undefined);
      runs.current.clear();
    };
  }, [dispatch, factory, options.fps, options.sliceMs, options.now]);
}
