import { describe, expect, it } from 'vitest';
import { sgd, type TrainEvent, Trainer, type TrainTask, train } from '../src/index.js';

/** A task whose validation losses are scripted per epoch; its single parameter counts epochs. */
function scriptedTask(
  valLosses: number[],
  stepsPerEpoch = 3,
): TrainTask & { w: Float64Array; epochsStarted: number[] } {
  const w = Float64Array.from([0]);
  let steps = 0;
  const epochsStarted: number[] = [];
  return {
    w,
    epochsStarted,
    stepsPerEpoch,
    batchSize: 4,
    trainStep() {
      steps++;
      w[0] = Math.floor(steps / stepsPerEpoch); // after epoch e completes, w = e
      return 1 / steps;
    },
    evaluate() {
      const e = Math.round(w[0]!) - 1;
      return { trainLoss: 1, valLoss: valLosses[e] ?? 99, metrics: { accuracy: e / 10 } };
    },
    getParams: () => [w],
    setParams: (p) => w.set(p[0]!),
    onEpochStart: (e) => epochsStarted.push(e),
  };
}

/** gradient descent on f(x) = x² as a task, with a deliberately chosen learning rate. */
function quadraticTask(lr: number): TrainTask & { x: Float64Array } {
  const x = Float64Array.from([1]);
  const g = new Float64Array(1);
  const opt = sgd({ learningRate: lr });
  return {
    x,
    stepsPerEpoch: 10,
    trainStep() {
      const loss = x[0]! * x[0]!;
      g[0] = 2 * x[0]!;
      opt.step([x], [g]);
      return loss;
    },
    evaluate: () => ({ trainLoss: x[0]! * x[0]! }),
    getParams: () => [x],
    setParams: (p) => x.set(p[0]!),
  };
}

async function collect(gen: AsyncGenerator<TrainEvent>): Promise<TrainEvent[]> {
  const out: TrainEvent[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

describe('Trainer', () => {
  it('early stopping restores the best validation weights', () => {
    // best val loss 0.5 at epoch 3; patience 2 → stops after epoch 6
    const task = scriptedTask([3, 1, 0.5, 0.7, 0.6, 0.9, 0.1]);
    const trainer = new Trainer(task, {
      maxEpochs: 50,
      earlyStopping: { patience: 2 },
      now: () => 0,
    });
    const events = trainer.runSteps(1000);
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs.map((e) => e.snapshot.valLoss)).toEqual([3, 1, 0.5, 0.7, 0.6, 0.9]);
    expect(epochs.map((e) => (e.type === 'epoch' ? e.improved : null))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    const done = events.at(-1)!;
    expect(done.type === 'done' && done.reason).toBe('earlyStopping');
    expect(done.type === 'done' && done.restoredBest).toBe(true);
    expect(task.w[0]).toBe(3); // parameters as they were after epoch 3
    expect(done.snapshot.bestEpoch).toBe(3);
    expect(done.snapshot.bestValue).toBe(0.5);
    expect(task.epochsStarted).toEqual([0, 1, 2, 3, 4, 5]);
    expect(trainer.finished).toBe(true);
    expect(trainer.runSteps(5)).toEqual([]);
  });

  it('monitors a metric in max mode', () => {
    const task = scriptedTask([1, 1, 1, 1]);
    const trainer = new Trainer(task, {
      maxEpochs: 4,
      monitor: 'accuracy',
      earlyStopping: { mode: 'max', patience: 10 },
    });
    const events = trainer.runSteps(100);
    expect(events.at(-1)!.type === 'done' && events.at(-1)!.snapshot.bestValue).toBe(0.3);
  });

  it('runs exactly n steps per call and emits frozen snapshots', () => {
    const trainer = new Trainer(scriptedTask([1, 1, 1]), { maxEpochs: 3, now: () => 0 });
    const events = trainer.runSteps(4);
    expect(events.map((e) => e.type)).toEqual(['epoch', 'progress']);
    const last = events.at(-1)!.snapshot;
    expect([last.step, last.epoch, last.stepInEpoch]).toEqual([4, 1, 1]);
    expect(Object.isFrozen(last)).toBe(true);
    expect(trainer.snapshot().step).toBe(4);
  });

  it('runSlice uses the injected clock and reports samples per second', () => {
    let t = 0;
    const trainer = new Trainer(scriptedTask([1, 1, 1], 1000), { now: () => t });
    const task = trainer as unknown as { task: TrainTask };
    const inner = task.task.trainStep.bind(task.task);
    task.task.trainStep = () => {
      t += 2; // every step takes 2 fake ms
      return inner();
    };
    const events = trainer.runSlice(10);
    const snap = events.at(-1)!.snapshot;
    expect(snap.step).toBe(5); // steps until 10 ms have passed: at t = 10 the clock check stops
    expect(snap.samplesPerSecond).toBe((5 * 4 * 1000) / 10); // 5 steps × batch 4 in 10 ms
  });

  it('reports divergence on a too-large learning rate and keeps the last good parameters', () => {
    const task = quadraticTask(5); // x ← x − 10x = −9x: |x| grows 9× per step until Infinity
    // The trend rule off: this case is about the loss becoming Infinity (the trend rule would stop it sooner).
    const trainer = new Trainer(task, { maxEpochs: 1000, divergence: false });
    const events: TrainEvent[] = [];
    while (!trainer.finished) events.push(...trainer.runSteps(100));
    const diverged = events.find((e) => e.type === 'diverged');
    expect(diverged).toBeDefined();
    if (diverged?.type !== 'diverged') return;
    expect(diverged.message).toMatch(/diverged at step \d+.*smaller learning rate/);
    expect(diverged.restored).toBe(true);
    expect(Number.isFinite(task.x[0])).toBe(true);
    const end = events.at(-1)!;
    expect(end.type === 'done' && end.reason).toBe('diverged');
  });

  it('detects NaN parameters even when the loss stays finite', () => {
    const w = Float64Array.from([1, 2]);
    let steps = 0;
    const trainer = new Trainer(
      {
        stepsPerEpoch: 100,
        trainStep: () => {
          if (++steps === 7) w[1] = NaN; // a broken update at step 7
          return 1;
        },
        evaluate: () => ({ trainLoss: 1 }),
        getParams: () => [w],
        setParams: (p) => w.set(p[0]!),
      },
      { maxEpochs: 1 },
    );
    const first = trainer.runSteps(5); // good chunk: parameters saved at the start of the next chunk
    expect(first.at(-1)!.type).toBe('progress');
    const events = trainer.runSteps(5);
    expect(events.map((e) => e.type)).toEqual(['diverged', 'done']);
    expect(Array.from(w)).toEqual([1, 2]);
  });

  it('does not restore best weights when aborted', () => {
    const task = scriptedTask([3, 1, 2, 2, 2]);
    const trainer = new Trainer(task, { maxEpochs: 50, earlyStopping: { patience: 10 } });
    trainer.runSteps(12); // 4 epochs: best at epoch 2
    const done = trainer.abort()[0]!;
    expect(done.type === 'done' && [done.reason, done.restoredBest]).toEqual(['aborted', false]);
    expect(task.w[0]).toBe(4);
  });

  it('stops at maxSteps', () => {
    const events = new Trainer(quadraticTask(0.1), { maxSteps: 25 }).runSteps(100);
    const done = events.at(-1)!;
    expect(done.type === 'done' && done.reason).toBe('maxSteps');
    expect(done.snapshot.step).toBe(25);
  });
});

describe('train', () => {
  it('yields progress and epoch events and ends with done', async () => {
    const events = await collect(train(quadraticTask(0.1), { maxEpochs: 3, stepsPerChunk: 4 }));
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(3);
    expect(events.filter((e) => e.type === 'progress').length).toBeGreaterThan(0);
    const done = events.at(-1)!;
    expect(done.type === 'done' && done.reason).toBe('maxEpochs');
    expect(done.snapshot.step).toBe(30);
  });

  it('is deterministic: two runs give the same losses', async () => {
    const run = async (): Promise<number[]> =>
      (
        await collect(train(quadraticTask(0.3), { maxEpochs: 2, stepsPerChunk: 7, now: () => 0 }))
      ).map((e) => e.snapshot.trainLoss);
    expect(await run()).toEqual(await run());
  });

  it('ends with reason aborted when the signal fires', async () => {
    const aborted: TrainEvent[] = [];
    const c2 = new AbortController();
    for await (const e of train(quadraticTask(0.1), {
      maxEpochs: 1000,
      stepsPerChunk: 5,
      signal: c2.signal,
    })) {
      aborted.push(e);
      if (aborted.length === 3) c2.abort();
    }
    const done = aborted.at(-1)!;
    expect(done.type === 'done' && done.reason).toBe('aborted');
    // events: progress(5), epoch(10), progress(10) → abort after the third event
    expect(done.snapshot.step).toBe(10);
  });
});
