import type { Dispatch } from 'react';
import { useEffect, useRef } from 'react';
import { Pacer } from '../driver/pacer.js';
import type { SessionFactory } from '../driver/session-factory.js';
import type { NetworkSnapshot, Session, StepRequest } from '../driver/snapshots.js';
import type { LabId } from '../settings/lab.js';
import type { Action } from '../state/actions.js';
import { snapshotAction } from '../state/actions.js';
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
  /** Settings the session runs with (live changes are handed over when the lab's differ). */
  settings: unknown;
  readonly pacer: Pacer;
  done: boolean;
  stepsSeen: number;
  lastFrame: number;
  /** Epochs or settings not yet on screen. */
  dirty: boolean;
  losses: LossPoint[];
  /** Last snapshot seen (published as is once the session has ended). */
  last: unknown;
}

function open(factory: SessionFactory, state: AppState, lab: LabId): Session<unknown> {
  if (lab === 'curve') return factory.curve(state.curve.settings) as Session<unknown>;
  if (lab === 'classify') return factory.classify(state.classify.settings) as Session<unknown>;
  if (lab === 'digits') return factory.digits(state.digits.settings) as Session<unknown>;
  return factory.network(state.network.settings) as Session<unknown>;
}

const errorText = (e: unknown): string =>
  (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'error';

/** Longest wait between polls (ms): keeps play/pause and lab switches prompt. */
const MAX_WAIT_MS = 50;

/**
 * Runs the current lab's session at the chosen speed (epochs per second, or 'max': time slices of
 * at most `sliceMs` of training, then the event loop gets control so keys answer), and dispatches a
 * snapshot with a frozen model at most `fps` times a second. Sessions restart when a lab's
 * `generation` changes; settings that change without a new generation (learning rate, batch size,
 * ...) are handed to the running session.
 */
export function useTraining(
  state: AppState,
  dispatch: Dispatch<Action>,
  factory: SessionFactory,
  options: TrainingOptions,
): void {
  const stateRef = useRef(state);
  stateRef.current = state;
  const runs = useRef(new Map<LabId, Run>());
  const cvSeen = useRef(state.curve.cvRequests);

  useEffect(() => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;
    const now = options.now ?? (() => performance.now());
    const sliceMs = options.sliceMs ?? 30;
    const frameMs = 1000 / Math.max(1, options.fps);

    const currentRun = (s: AppState): Run => {
      const lab = s.lab;
      const generation = s[lab].generation;
      const existing = runs.current.get(lab);
      if (existing !== undefined && existing.generation === generation) return existing;
      void existing?.session.return(undefined);
      const run: Run = {
        lab,
        generation,
        session: open(factory, s, lab),
        settings: s[lab].settings,
        pacer: new Pacer(s.speed, now()),
        done: false,
        stepsSeen: s[lab].steps,
        lastFrame: -Infinity,
        dirty: true,
        losses: [],
        last: undefined,
      };
      runs.current.set(lab, run);
      return run;
    };

    /** The request of the next session step: live settings when they changed. */
    const request = (run: Run, s: AppState, capture: boolean): StepRequest | undefined => {
      const settings = s[run.lab].settings;
      if (settings === run.settings) return capture ? { capture } : undefined;
      run.settings = settings;
      run.dirty = true;
      return capture ? { capture, settings } : { settings };
    };

    const publish = async (run: Run, s: AppState): Promise<void> => {
      const r = await run.session.next(request(run, s, true));
      const value = r.done ? run.last : r.value;
      if (value !== undefined) dispatch(snapshotAction(run.lab, run.generation, value, run.losses));
      run.losses = [];
      run.lastFrame = now();
      run.dirty = false;
    };

    /** One round of work; returns how long to wait before the next (ms). */
    const tick = async (): Promise<number> => {
      const s = stateRef.current;
      if (s.quitting) return MAX_WAIT_MS;
      if (s.curve.cvRequests !== cvSeen.current) {
        cvSeen.current = s.curve.cvRequests;
        try {
          dispatch({
            type: 'cvResult',
            generation: s.curve.generation,
            choice: await factory.crossValidate(s.curve.settings),
            now: Date.now(),
          });
        } catch (e) {
          dispatch({
            type: 'message',
            text: `cross-validation failed: ${errorText(e)}`,
            now: Date.now(),
          });
        }
        return 0;
      }
      const run = currentRun(s);
      const lab = s[run.lab];
      run.pacer.setSpeed(s.speed, now());
      // Every `n` counts: presses that arrived in one read (steps + 3) run three epochs.
      const pendingSteps = lab.steps - run.stepsSeen;
      const wantStep = pendingSteps > 0;
      const first = run.lastFrame === -Infinity;
      const settingsChanged = lab.settings !== run.settings;
      if (run.done) {
        if (run.dirty || settingsChanged) await publish(run, s);
        return MAX_WAIT_MS;
      }
      const t0 = now();
      const allowed = wantStep ? pendingSteps : lab.running ? run.pacer.allowance(t0) : 0;
      // A slice ends by the next frame's time, so frames come at the requested rate.
      const slice = Math.max(1, Math.min(sliceMs, frameMs - (t0 - run.lastFrame)));
      let epochs = 0;
      try {
        while (epochs < allowed && !run.done && (epochs === 0 || now() - t0 < slice)) {
          const r = await run.session.next(request(run, s, false));
          if (r.done) {
            run.done = true;
            break;
          }
          epochs++;
          run.dirty = true;
          run.last = r.value;
          const v = r.value as Partial<NetworkSnapshot>;
          if (typeof v.trainLoss === 'number' && typeof v.epoch === 'number')
            run.losses.push({
              epoch: v.epoch,
              train: v.trainLoss,
              test: v.testLoss ?? NaN,
              ...(Number.isFinite(v.valLoss) ? { val: v.valLoss } : {}),
            });
          if ((r.value as { done?: boolean }).done === true) run.done = true;
        }
        if (lab.running && !wantStep) run.pacer.take(epochs);
        if (wantStep) run.stepsSeen = run.done ? lab.steps : run.stepsSeen + epochs;
        const due = now() - run.lastFrame >= frameMs;
        if (
          first ||
          run.done ||
          wantStep ||
          ((run.dirty || lab.settings !== run.settings) && (due || !lab.running))
        )
          await publish(run, s);
        if (run.done) dispatch({ type: 'finished', lab: run.lab, generation: run.generation });
      } catch (e) {
        run.done = true;
        dispatch({
          type: 'driverError',
          lab: run.lab,
          generation: run.generation,
          message: errorText(e),
        });
      }
      if (run.done) return MAX_WAIT_MS;
      if (!lab.running) return run.dirty ? Math.max(1, frameMs - (now() - run.lastFrame)) : 25;
      // Unpaced: yield to the event loop (keys) and continue; paced: sleep until the next epoch or frame.
      const untilEpoch = run.pacer.wait(now());
      const untilFrame = run.dirty ? Math.max(0, frameMs - (now() - run.lastFrame)) : Infinity;
      return Math.min(MAX_WAIT_MS, untilEpoch, untilFrame);
    };

    const loop = (): void => {
      if (stopped) return;
      tick().then(
        (wait) => {
          if (stopped) return;
          // Unpaced training continues at once after the event loop has read keys (setImmediate);
          // a timer would idle for at least 1 ms per slice.
          if (wait <= 0) immediate = setImmediate(loop);
          else timer = setTimeout(loop, Math.ceil(wait));
        },
        () => {
          if (!stopped) timer = setTimeout(loop, MAX_WAIT_MS);
        },
      );
    };
    loop();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      if (immediate !== undefined) clearImmediate(immediate);
      for (const run of runs.current.values()) void run.session.return(undefined);
      runs.current.clear();
    };
  }, [dispatch, factory, options.fps, options.sliceMs, options.now]);
}
