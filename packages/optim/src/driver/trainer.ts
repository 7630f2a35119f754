import { EarlyStopping } from '../early-stopping.js';
import { OptimError } from '../errors.js';
import { check, type ParamArray, paramArray } from '../params.js';
import type {
  DoneReason,
  TrainEvaluation,
  TrainEvent,
  TrainOptions,
  TrainSnapshot,
  TrainTask,
} from './types.js';

/** Default of {@link TrainOptions.divergence}: 10× the best loss for 2 epochs in a row. */
export const DEFAULT_DIVERGENCE = Object.freeze({ factor: 10, window: 2 });

const defaultNow = (): number => performance.now();

/**
 * The synchronous training driver: call `runSteps(n)` or `runSlice(ms)` from your own loop (a
 * UI's time slice, a worker, a CLI) and render the returned events. Every event carries a frozen
 * {@link TrainSnapshot}. At each epoch end the task is evaluated, early stopping consulted, and
 * an `epoch` event emitted; a NaN/Infinity loss or parameter ends the run with a `diverged`
 * event (the last good parameters are written back) followed by `done`, and so does a loss that
 * grows far above its best ({@link DivergenceRule}; the best point's parameters are written back).
 *
 * @throws {OptimError} from the constructor on an invalid task or options.
 * @example
 * ```ts
 * const trainer = new Trainer(task, { maxEpochs: 20, earlyStopping: { patience: 3 } });
 * while (!trainer.finished) for (const e of trainer.runSlice(16)) render(e.snapshot);
 * ```
 */
export class Trainer {
  private readonly task: TrainTask;
  private readonly maxEpochs: number;
  private readonly maxSteps: number;
  private readonly monitor: string;
  private readonly now: () => number;
  private readonly signal: AbortSignal | undefined;
  private readonly checkParams: boolean;
  private readonly stopper: EarlyStopping | null;
  private readonly batchSize: number;
  private epoch = 0;
  private step = 0;
  private stepInEpoch = 0;
  private epochLossSum = 0;
  private batchLoss = NaN;
  private trainLoss = NaN;
  private valLoss: number | null = null;
  private metrics: Readonly<Record<string, number>> = Object.freeze({});
  private samplesPerSecond = 0;
  private elapsedMs = 0;
  private bestEpoch: number | null = null;
  private bestValue: number | null = null;
  private lastGood: ParamArray[] | null = null;
  private done = false;
  private readonly divergence: { readonly factor: number; readonly window: number } | null;
  /** Lowest loss seen (first batch or an epoch's evaluation), its epoch (0 = start) and parameters. */
  private lowLoss = Infinity;
  private lowEpoch = 0;
  private lowParams: ParamArray[] | null = null;
  /** Consecutive epochs above factor × lowLoss. */
  private badEpochs = 0;

  constructor(task: TrainTask, options: TrainOptions = {}) {
    const op = 'Trainer';
    if (
      task === null ||
      typeof task !== 'object' ||
      typeof task.trainStep !== 'function' ||
      typeof task.evaluate !== 'function'
    ) {
      throw new OptimError(op, 'task must have trainStep() and evaluate() methods');
    }
    check.number(op, 'task.stepsPerEpoch', task.stepsPerEpoch, { integer: true, min: 1 });
    this.task = task;
    this.batchSize = task.batchSize ?? 1;
    const allowed = [
      'maxEpochs',
      'maxSteps',
      'earlyStopping',
      'monitor',
      'now',
      'signal',
      'checkParams',
      'divergence',
      'stepsPerChunk',
      'sliceMs',
      'pause',
    ];
    for (const key of Object.keys(options))
      if (!allowed.includes(key))
        throw new OptimError(
          op,
          `unknown option ${JSON.stringify(key)}; expected one of ${allowed.join(', ')}`,
        );
    this.maxEpochs =
      options.maxEpochs === undefined
        ? 100
        : check.number(op, 'maxEpochs', options.maxEpochs, { integer: true, min: 1 });
    this.maxSteps =
      options.maxSteps === undefined
        ? Infinity
        : check.number(op, 'maxSteps', options.maxSteps, { integer: true, min: 1 });
    this.monitor = options.monitor ?? 'valLoss';
    this.now = options.now ?? defaultNow;
    this.signal = options.signal;
    const es = options.earlyStopping;
    this.stopper =
      es === undefined ? null : es instanceof EarlyStopping ? es : new EarlyStopping(es);
    this.checkParams = (options.checkParams ?? true) && typeof task.getParams === 'function';
    const d = options.divergence;
    if (d === false) this.divergence = null;
    else {
      if (d !== undefined && (d === null || typeof d !== 'object'))
        throw new OptimError(
          op,
          `divergence must be { factor, window } or false; got ${String(d)}`,
        );
      const factor =
        d?.factor === undefined
          ? DEFAULT_DIVERGENCE.factor
          : check.number(op, 'divergence.factor', d.factor, { min: 1, minExclusive: true });
      const window =
        d?.window === undefined
          ? DEFAULT_DIVERGENCE.window
          : check.number(op, 'divergence.window', d.window, { integer: true, min: 1 });
      this.divergence = { factor, window };
    }
  }

  /** True after a `done` event; further calls return no events. */
  get finished(): boolean {
    return this.done;
  }

  /** The current state as a frozen snapshot. */
  snapshot(): TrainSnapshot {
    return Object.freeze({
      epoch: this.epoch,
      step: this.step,
      stepInEpoch: this.stepInEpoch,
      batchLoss: this.batchLoss,
      trainLoss: this.trainLoss,
      valLoss: this.valLoss,
      metrics: this.metrics,
      samplesPerSecond: this.samplesPerSecond,
      elapsedMs: this.elapsedMs,
      bestEpoch: this.bestEpoch,
      bestValue: this.bestValue,
    });
  }

  /** Runs up to `n` steps (fewer when the run ends) and returns the events, ending with `progress` or `done`. */
  runSteps(n: number): TrainEvent[] {
    check.number('Trainer.runSteps', 'n', n, { integer: true, min: 0 });
    return this.chunk((count) => count < n);
  }

  /** Runs steps until `ms` milliseconds (by the `now` clock) have passed — at least one step. */
  runSlice(ms: number): TrainEvent[] {
    check.number('Trainer.runSlice', 'ms', ms, { min: 0 });
    const start = this.now();
    return this.chunk((count) => count === 0 || this.now() - start < ms);
  }

  /** Ends the run now with reason 'aborted' (returns the done event, or nothing if already finished). */
  abort(): TrainEvent[] {
    return this.done ? [] : [this.finish('aborted')];
  }

  private chunk(more: (count: number) => boolean): TrainEvent[] {
    if (this.done) return [];
    const events: TrainEvent[] = [];
    const t0 = this.now();
    let evalMs = 0;
    let count = 0;
    this.saveGood();
    while (more(count)) {
      if (this.signal?.aborted === true) {
        events.push(this.finish('aborted'));
        return events;
      }
      if (this.stepInEpoch === 0) this.task.onEpochStart?.(this.epoch);
      const loss = this.task.trainStep();
      count++;
      this.step++;
      this.stepInEpoch++;
      this.batchLoss = loss;
      if (typeof loss !== 'number' || !Number.isFinite(loss)) {
        events.push(this.diverge(`loss is ${String(loss)}`));
        events.push(this.finish('diverged'));
        return events;
      }
      // The first batch's loss is that of the starting weights: the trend rule's first reference.
      if (this.step === 1) this.noteLow(loss, 0);
      this.epochLossSum += loss;
      this.trainLoss = this.epochLossSum / this.stepInEpoch;
      if (this.stepInEpoch === this.task.stepsPerEpoch) {
        const te = this.now();
        const bad = this.checkParams ? this.firstBadParam() : null;
        if (bad !== null) {
          events.push(this.diverge(bad));
          events.push(this.finish('diverged'));
          return events;
        }
        const epochEvent = this.endEpoch();
        evalMs += this.now() - te;
        events.push(epochEvent.event);
        const trend = this.trend();
        if (trend !== null) {
          events.push(trend);
          events.push(this.finish('diverged'));
          return events;
        }
        if (epochEvent.stop) {
          events.push(this.finish('earlyStopping'));
          return events;
        }
        if (this.epoch >= this.maxEpochs) {
          events.push(this.finish('maxEpochs'));
          return events;
        }
        this.saveGood();
      }
      if (this.step >= this.maxSteps) {
        events.push(this.finish('maxSteps'));
        return events;
      }
    }
    const bad = this.checkParams && count > 0 ? this.firstBadParam() : null;
    if (bad !== null) {
      events.push(this.diverge(bad));
      events.push(this.finish('diverged'));
      return events;
    }
    const spent = this.now() - t0;
    this.elapsedMs += spent;
    const trainMs = spent - evalMs;
    if (count > 0 && trainMs > 0) this.samplesPerSecond = (count * this.batchSize * 1000) / trainMs;
    events.push({ type: 'progress', snapshot: this.snapshot() });
    return events;
  }

  private endEpoch(): { event: TrainEvent; stop: boolean } {
    const ev: TrainEvaluation = this.task.evaluate();
    this.epoch++;
    this.stepInEpoch = 0;
    this.epochLossSum = 0;
    this.trainLoss = ev.trainLoss;
    this.valLoss = ev.valLoss ?? null;
    this.metrics = Object.freeze({ ...(ev.metrics ?? {}) });
    const value = this.monitored(ev);
    let improved = false;
    let stop = false;
    if (this.stopper !== null) {
      const params =
        this.stopper.restoreBest && this.task.getParams !== undefined
          ? this.task.getParams()
          : undefined;
      const d = this.stopper.update(value, params);
      improved = d.improved;
      stop = d.stop;
    } else {
      improved = this.bestValue === null || (Number.isFinite(value) && value < this.bestValue);
    }
    if (improved) {
      this.bestEpoch = this.epoch;
      this.bestValue = value;
    }
    return { event: { type: 'epoch', snapshot: this.snapshot(), improved }, stop };
  }

  private monitored(ev: TrainEvaluation): number {
    if (this.monitor === 'valLoss') return ev.valLoss ?? ev.trainLoss;
    if (this.monitor === 'trainLoss') return ev.trainLoss;
    const v = ev.metrics?.[this.monitor];
    if (v === undefined)
      throw new OptimError(
        'Trainer',
        `monitored metric ${JSON.stringify(this.monitor)} missing from evaluate(); got ${Object.keys(ev.metrics ?? {}).join(', ') || 'no metrics'}`,
      );
    return v;
  }

  private finish(reason: DoneReason): TrainEvent {
    this.done = true;
    let restoredBest = false;
    if (
      reason !== 'diverged' &&
      reason !== 'aborted' &&
      this.stopper !== null &&
      this.stopper.restoreBest &&
      this.task.setParams !== undefined
    ) {
      const best = this.stopper.bestParams();
      if (best !== null) {
        this.task.setParams(best);
        restoredBest = true;
      }
    }
    return { type: 'done', snapshot: this.snapshot(), reason, restoredBest };
  }

  private diverge(what: string): TrainEvent {
    let restored = false;
    if (this.lastGood !== null && this.task.setParams !== undefined) {
      this.task.setParams(this.lastGood.map((a) => a.slice()));
      restored = true;
    }
    const message =
      `training diverged at step ${this.step} (epoch ${this.epoch + 1}): ${what}; ` +
      `${restored ? 'the last good parameters were restored; ' : ''}try a smaller learning rate`;
    return { type: 'diverged', snapshot: this.snapshot(), step: this.step, message, restored };
  }

  /** Records a new lowest loss (and a copy of the parameters that reached it). */
  private noteLow(loss: number, epoch: number): void {
    if (this.divergence === null || !(loss < this.lowLoss)) return;
    this.lowLoss = loss;
    this.lowEpoch = epoch;
    if (this.task.getParams === undefined || this.task.setParams === undefined) return;
    // At step 1 the parameters have already taken one step: the last good ones (saved before it) are the start.
    const params = epoch === 0 && this.lastGood !== null ? this.lastGood : this.task.getParams();
    this.lowParams = params.map((p, i) =>
      paramArray('Trainer', p as ParamArray, `param ${i}`).slice(),
    );
  }

  /** The trend rule at an epoch's end: a `diverged` event, or null while the loss is within bounds. */
  private trend(): TrainEvent | null {
    if (this.divergence === null) return null;
    const loss = this.trainLoss;
    const { factor, window } = this.divergence;
    if (loss > factor * this.lowLoss) this.badEpochs++;
    else this.badEpochs = 0;
    this.noteLow(loss, this.epoch);
    if (this.badEpochs < window) return null;
    let restored = false;
    if (this.lowParams !== null && this.task.setParams !== undefined) {
      this.task.setParams(this.lowParams.map((a) => a.slice()));
      restored = true;
    }
    const from = this.lowEpoch === 0 ? 'the start' : `epoch ${this.lowEpoch}`;
    const g = (x: number): string => String(Number(x.toPrecision(3)));
    const message =
      `training diverged at epoch ${this.epoch}: the loss rose to ${g(loss)}, over ${g(factor)} times its best ${g(this.lowLoss)} (at ${from}) for ${window} epoch${window === 1 ? '' : 's'}; ` +
      `${restored ? `the parameters of ${from} were restored; ` : ''}try a smaller learning rate`;
    return { type: 'diverged', snapshot: this.snapshot(), step: this.step, message, restored };
  }

  /** Copies the current parameters as the last good ones (buffers reused). */
  private saveGood(): void {
    if (!this.checkParams || this.task.getParams === undefined) return;
    if (this.firstBadParam() !== null) return;
    const params = this.task.getParams();
    if (this.lastGood === null || this.lastGood.length !== params.length) this.lastGood = [];
    for (let i = 0; i < params.length; i++) {
      const a = paramArray('Trainer', params[i] as ParamArray, `param ${i}`);
      const saved = this.lastGood[i];
      if (saved !== undefined && saved.length === a.length && saved.constructor === a.constructor)
        saved.set(a);
      else this.lastGood[i] = a.slice();
    }
  }

  private firstBadParam(): string | null {
    const params = this.task.getParams?.() ?? [];
    for (let i = 0; i < params.length; i++) {
      const a = paramArray('Trainer', params[i] as ParamArray, `param ${i}`);
      for (let k = 0; k < a.length; k++) {
        const v = a[k] as number;
        if (v - v !== 0) return `parameter buffer ${i} has ${String(v)} at index ${k}`;
      }
    }
    return null;
  }
}
