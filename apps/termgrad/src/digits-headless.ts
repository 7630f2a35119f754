import type { DigitsSnapshot } from './driver/digits-snapshot.js';
import type { SessionFactory } from './driver/session-factory.js';
import type { Session } from './driver/snapshots.js';
import type { Session as SessionFile } from './persist.js';
import type { DigitsSettings } from './settings/digits-settings.js';
import { num, rate } from './views/layout.js';

/** Epochs run headless when the settings say 0 (= until paused). */
const HEADLESS_EPOCHS = 100;

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const round = (x: number): number | null => (Number.isFinite(x) ? Number(x.toPrecision(6)) : null);

/** What {@link runDigitsHeadless} needs. */
export interface DigitsHeadlessOptions {
  readonly sessions: SessionFactory;
  readonly digits: DigitsSettings;
  readonly json: boolean;
  readonly write: (line: string) => void;
}

/** The confusion matrix as text rows: true class down, predicted class across. */
export function confusionRows(confusion: Int32Array, classes: number): string[] {
  const w = Math.max(3, ...Array.from(confusion, (v) => String(v).length + 1));
  const head = `true\\pred${Array.from({ length: classes }, (_, c) => String(c).padStart(w)).join('')}`;
  const rows = Array.from(
    { length: classes },
    (_, t) =>
      `${String(t).padStart(9)}${Array.from({ length: classes }, (_, p) => String(confusion[t * classes + p] ?? 0).padStart(w)).join('')}`,
  );
  return [head, ...rows];
}

/**
 * Runs the digits lab without a screen: one line per epoch (or JSON lines), then a summary with the
 * test accuracy, the confusion matrix and (linear2) the collapse C = BA with its equal predictions.
 * @returns the session to save.
 */
export async function runDigitsHeadless(o: DigitsHeadlessOptions): Promise<SessionFile> {
  const settings: DigitsSettings = {
    ...o.digits,
    maxEpochs: o.digits.maxEpochs > 0 ? o.digits.maxEpochs : HEADLESS_EPOCHS,
  };
  const session: Session<DigitsSnapshot, DigitsSettings> = o.sessions.digits(settings);
  let last: DigitsSnapshot | null = null;
  let first = true;
  let yielded = Date.now();
  for (;;) {
    const r = await session.next(undefined);
    if (r.done) break;
    last = r.value;
    if (first) {
      first = false;
      const d = last.data;
      if (!o.json)
        o.write(
          `data: ${d.source}, ${d.train.n} train / ${d.test.n} test images of ${d.imageShape[0]}×${d.imageShape[1]}, ${d.classes} classes`,
        );
    } else if (o.json) {
      o.write(
        JSON.stringify({
          type: 'epoch',
          lab: 'digits',
          model: settings.model,
          epoch: last.epoch,
          trainLoss: round(last.trainLoss),
          testLoss: round(last.testLoss),
          trainAccuracy: round(last.trainAccuracy),
          testAccuracy: round(last.testAccuracy),
          samplesPerSecond: Math.round(last.samplesPerSecond),
        }),
      );
    } else {
      o.write(
        `epoch ${last.epoch}  loss train ${num(last.trainLoss)}  test ${num(last.testLoss)}  acc ${pct(last.trainAccuracy)} / ${pct(last.testAccuracy)}  ${rate(last.samplesPerSecond)} samples/s`,
      );
    }
    if (Date.now() - yielded >= 20) {
      await new Promise((resolve) => setImmediate(resolve));
      yielded = Date.now();
    }
    if (last.done) break;
  }
  if (last === null) throw new Error('digits: training produced no epoch');
  const final = await session.next({ capture: true });
  await session.return(undefined);
  const snap = final.done ? last : final.value;
  const model = snap.model;
  const collapse = model?.collapse;
  const k = snap.data.classes;
  if (o.json) {
    o.write(
      JSON.stringify({
        type: 'summary',
        lab: 'digits',
        model: settings.model,
        epochs: snap.epoch,
        trainLoss: round(snap.trainLoss),
        testLoss: round(snap.testLoss),
        trainAccuracy: round(snap.trainAccuracy),
        testAccuracy: round(snap.testAccuracy),
        trainImages: snap.data.train.n,
        testImages: snap.data.test.n,
        imageShape: snap.data.imageShape,
        confusion: Array.from({ length: k }, (_, t) =>
          Array.from(snap.confusion.subarray(t * k, (t + 1) * k)),
        ),
        ...(snap.rank !== undefined ? { rank: snap.rank } : {}),
        ...(collapse !== undefined
          ? {
              collapse: {
                agree: collapse.agree,
                total: collapse.total,
                accuracy: round(collapse.accuracy),
                maxDiff: collapse.maxDiff,
              },
            }
          : {}),
        settings,
      }),
    );
  } else {
    const rank =
      snap.rank !== undefined
        ? ` (design rank ${snap.rank} of ${snap.data.pixels + 1}: constant pixels get weight 0)`
        : '';
    o.write(
      `done: ${settings.model}, ${snap.epoch} epochs, accuracy train ${pct(snap.trainAccuracy)} test ${pct(snap.testAccuracy)}, loss test ${num(snap.testLoss)}${rank}`,
    );
    if (collapse !== undefined) {
      o.write(
        `collapse: C = BA, c = Ba + b predicts the same class as the two-layer net on ${collapse.agree}/${collapse.total} test images; accuracy ${pct(collapse.accuracy)} (max score difference ${collapse.maxDiff.toExponential(1)})`,
      );
    }
    o.write('confusion matrix (test images):');
    for (const row of confusionRows(snap.confusion, k)) o.write(row);
  }
  return {
    lab: 'digits',
    settings,
    model: model?.toJSON() ?? null,
    progress: { epoch: snap.epoch },
  };
}
