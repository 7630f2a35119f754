import type { SessionFactory } from './driver/session-factory.js';
import type {
  ClassifySnapshot,
  CurveSnapshot,
  NetworkSnapshot,
  Session,
} from './driver/snapshots.js';
import type { Session as SessionFile } from './persist.js';
import { saveSession } from './persist.js';
import type { CsvSource } from './session-file.js';
import { dataSourceOf } from './session-file.js';
import type { ClassifySettings } from './settings/classify-settings.js';
import type { CurveSettings } from './settings/curve-settings.js';
import type { DigitsSettings } from './settings/digits-settings.js';
import type { LabId } from './settings/lab.js';
import type { NetworkSettings } from './settings/network-settings.js';
import { num, rate } from './views/layout.js';

/** Options of {@link runHeadless}. */
export interface HeadlessOptions {
  readonly lab: LabId;
  readonly sessions: SessionFactory;
  readonly curve: CurveSettings;
  readonly classify: ClassifySettings;
  readonly network: NetworkSettings;
  /** Digits lab settings (default: the lab's defaults). */
  readonly digits?: DigitsSettings;
  /** JSON lines instead of text. */
  readonly json: boolean;
  /** Curve lab: select M and λ by cross-validation first. */
  readonly cv?: boolean;
  /** Save the final model and settings here. */
  readonly save?: string;
  /** The user's CSV as the saved session records it. */
  readonly csv?: CsvSource;
  readonly write: (line: string) => void;
}

/** Epochs run headless when the settings say 0 (= until paused). */
export const HEADLESS_DEFAULT_EPOCHS = 100;

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const round = (x: number): number | null => (Number.isFinite(x) ? Number(x.toPrecision(6)) : null);

/** How often (ms) a headless run lets the event loop run: pending writes, a closed pipe, signals. */
const YIELD_MS = 20;

async function drain<S>(session: Session<S>, onStep: (s: S) => void): Promise<S | null> {
  let last: S | null = null;
  let yielded = Date.now();
  for (;;) {
    const r = await session.next(undefined);
    if (r.done) break;
    last = r.value;
    onStep(r.value);
    // The sessions only await promises, which never let the event loop in: without this, output
    // to a busy or closed pipe piles up in memory and its EPIPE is never seen.
    if (Date.now() - yielded >= YIELD_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      yielded = Date.now();
    }
    // A snapshot marked done is the last one; stop so the session can still hand out its model.
    if ((r.value as { done?: boolean }).done === true) break;
  }
  return last;
}

/** Validation loss and accuracy for the JSON lines, when the run holds out validation data. */
function valFields(s: NetworkSnapshot): { valLoss?: number | null; valAccuracy?: number | null } {
  if (!Number.isFinite(s.valLoss)) return {};
  return {
    valLoss: round(s.valLoss ?? NaN),
    ...(Number.isFinite(s.valAccuracy) ? { valAccuracy: round(s.valAccuracy ?? NaN) } : {}),
  };
}

/**
 * The network summary's settings: `classes` (the number of blobs) only for the blobs data set,
 * where it is what the data has; the summary's own `classes` says how many classes the data has.
 */
function summarySettings(
  s: NetworkSettings,
): Omit<NetworkSettings, 'classes'> & { classes?: number } {
  if (s.dataset === 'blobs') return s;
  const { classes: _blobs, ...rest } = s;
  return rest;
}

async function runNetwork(o: HeadlessOptions): Promise<SessionFile> {
  const settings: NetworkSettings = {
    ...o.network,
    maxEpochs: o.network.maxEpochs > 0 ? o.network.maxEpochs : HEADLESS_DEFAULT_EPOCHS,
  };
  const session = o.sessions.network(settings);
  let before = true;
  const last = await drain(session, (s: NetworkSnapshot) => {
    // The first snapshot is the state before training (epoch 0, or the epoch a loaded run saved).
    if (before) {
      before = false;
      return;
    }
    if (o.json) {
      o.write(
        JSON.stringify({
          type: 'epoch',
          lab: 'network',
          epoch: s.epoch,
          trainLoss: round(s.trainLoss),
          ...valFields(s),
          testLoss: round(s.testLoss),
          trainAccuracy: round(s.trainAccuracy),
          testAccuracy: round(s.testAccuracy),
          samplesPerSecond: Math.round(s.samplesPerSecond),
        }),
      );
    } else {
      const acc = Number.isFinite(s.testAccuracy)
        ? `  acc ${pct(s.trainAccuracy)} / ${pct(s.testAccuracy)}`
        : '';
      const val = Number.isFinite(s.valLoss) ? `  val ${num(s.valLoss ?? NaN)}` : '';
      o.write(
        `epoch ${s.epoch}  loss train ${num(s.trainLoss)}${val}  test ${num(s.testLoss)}${acc}  ${rate(s.samplesPerSecond)} samples/s`,
      );
    }
  });
  if (last === null) throw new Error('network: training produced no epoch');
  if (o.json) {
    o.write(
      JSON.stringify({
        type: 'summary',
        lab: 'network',
        epochs: last.epoch,
        trainLoss: round(last.trainLoss),
        testLoss: round(last.testLoss),
        trainAccuracy: round(last.trainAccuracy),
        testAccuracy: round(last.testAccuracy),
        stoppedEarly: last.stoppedEarly,
        ...valFields(last),
        ...(last.restoredBest === true ? { restoredBest: true, bestEpoch: last.bestEpoch } : {}),
        ...(last.data.classes > 1 ? { classes: last.data.classes } : {}),
        settings: summarySettings(settings),
      }),
    );
  } else {
    const acc = Number.isFinite(last.testAccuracy)
      ? `, accuracy train ${pct(last.trainAccuracy)} test ${pct(last.testAccuracy)}`
      : '';
    const stop = last.stoppedEarly
      ? ` (early stopping${last.restoredBest === true ? `, best weights of epoch ${last.bestEpoch ?? '?'} restored` : ''})`
      : '';
    const val = Number.isFinite(last.valLoss) ? ` val ${num(last.valLoss ?? NaN)}` : '';
    o.write(
      `done: ${last.epoch} epochs${stop}, loss train ${num(last.trainLoss)}${val} test ${num(last.testLoss)}${acc}`,
    );
  }
  const final = await session.next({ capture: true });
  await session.return(undefined);
  const frozen = final.done ? undefined : final.value.model;
  const trainer = frozen?.trainerState;
  return {
    lab: 'network',
    settings,
    model: frozen?.toJSON() ?? null,
    progress: {
      epoch: final.done ? last.epoch : final.value.epoch,
      ...(trainer !== undefined ? { trainer } : {}),
    },
  };
}

async function runCurve(o: HeadlessOptions): Promise<SessionFile> {
  let settings = o.curve;
  if (o.cv === true) {
    const choice = await o.sessions.crossValidate(settings);
    settings = { ...settings, m: choice.m, lnLambda: choice.lnLambda };
    const ln = choice.lnLambda === null ? '-inf' : String(choice.lnLambda);
    o.write(
      o.json
        ? JSON.stringify({
            type: 'cv',
            lab: 'curve',
            m: choice.m,
            lnLambda: choice.lnLambda,
            score: round(choice.score),
            folds: choice.folds,
          })
        : `cross-validation (${choice.folds} folds): M = ${choice.m}, ln λ = ${ln}, validation E_RMS ${num(choice.score)}`,
    );
  }
  const session = o.sessions.curve(settings);
  let printed = 0;
  const last = await drain(session, (s: CurveSnapshot) => {
    for (; printed < s.sweep.length; printed++) {
      const e = s.sweep[printed];
      if (e === undefined) continue;
      o.write(
        o.json
          ? JSON.stringify({
              type: 'order',
              lab: 'curve',
              m: e.m,
              eRmsTrain: round(e.train),
              eRmsTest: round(e.test),
            })
          : `M ${String(e.m).padStart(2)}  E_RMS train ${num(e.train)}  test ${num(e.test)}`,
      );
    }
  });
  if (last === null) throw new Error('curve: no fit');
  const ln = settings.lnLambda === null ? '-inf' : String(settings.lnLambda);
  if (o.json) {
    o.write(
      JSON.stringify({
        type: 'summary',
        lab: 'curve',
        m: settings.m,
        lnLambda: settings.lnLambda,
        eRmsTrain: round(last.eRmsTrain),
        eRmsTest: round(last.eRmsTest),
        coefficients: last.coefficients.map(round),
        settings,
      }),
    );
  } else {
    o.write(
      `fit: M = ${settings.m}, ln λ = ${ln}, E_RMS train ${num(last.eRmsTrain)} test ${num(last.eRmsTest)}`,
    );
    o.write(`w = [${last.coefficients.map((w) => num(w)).join(', ')}]`);
  }
  return { lab: 'curve', settings, model: last.toJSON() };
}

async function runClassify(o: HeadlessOptions): Promise<SessionFile> {
  const settings = o.classify;
  const session = o.sessions.classify(settings);
  const last = await drain(session, (s: ClassifySnapshot) => {
    if (s.epoch === 0 && settings.model !== 'generative') return;
    if (o.json) {
      o.write(
        JSON.stringify({
          type: 'epoch',
          lab: 'classify',
          model: settings.model,
          epoch: s.epoch,
          accuracy: round(s.accuracy),
          loss: round(s.loss),
          ...(s.updates !== undefined ? { updates: s.updates } : {}),
        }),
      );
    } else {
      const extra = s.updates !== undefined ? `  updates ${s.updates}` : '';
      o.write(`epoch ${s.epoch}  accuracy ${pct(s.accuracy)}  loss ${num(s.loss)}${extra}`);
    }
  });
  if (last === null) throw new Error('classify: no result');
  if (o.json) {
    o.write(
      JSON.stringify({
        type: 'summary',
        lab: 'classify',
        model: settings.model,
        epochs: last.epoch,
        accuracy: round(last.accuracy),
        w: last.w.map((r) => r.map(round)),
        w0: last.w0.map(round),
        converged: last.converged ?? null,
        settings,
      }),
    );
  } else {
    o.write(
      `done: ${settings.model}, ${last.epoch} epochs, accuracy ${pct(last.accuracy)}${last.converged === true ? ' (converged)' : ''}`,
    );
    last.w.forEach((row, k) =>
      o.write(
        `w${last.w.length > 1 ? `_${k}` : ''} = [${row.map((v) => num(v)).join(', ')}]  w0 = ${num(last.w0[k] ?? NaN)}`,
      ),
    );
  }
  return { lab: 'classify', settings, model: last.toJSON(), progress: { epoch: last.epoch } };
}

async function runDigits(o: HeadlessOptions): Promise<SessionFile> {
  const [{ runDigitsHeadless }, { DEFAULT_DIGITS_SETTINGS }] = await Promise.all([
    import('./digits-headless.js'),
    import('./settings/digits-settings.js'),
  ]);
  return runDigitsHeadless({
    sessions: o.sessions,
    digits: o.digits ?? DEFAULT_DIGITS_SETTINGS,
    json: o.json,
    write: o.write,
  });
}

/**
 * Headless mode: runs the lab's session to the end, printing one line per epoch (or JSON lines) and
 * a summary; saves when asked. The same sessions the dashboard consumes.
 * @throws whatever the session throws (the CLI turns it into a one-line error).
 */
export async function runHeadless(o: HeadlessOptions): Promise<void> {
  const file =
    o.lab === 'digits'
      ? await runDigits(o)
      : o.lab === 'network'
        ? await runNetwork(o)
        : o.lab === 'curve'
          ? await runCurve(o)
          : await runClassify(o);
  if (o.save !== undefined) {
    const path = await saveSession(o.save, { ...file, data: dataSourceOf(file, o.csv) });
    o.write(o.json ? JSON.stringify({ type: 'saved', path }) : `saved ${path}`);
  }
}
