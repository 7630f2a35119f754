import { OptimError } from '../errors.js';
import { Trainer } from './trainer.js';
import type { TrainEvent, TrainLoopOptions, TrainTask } from './types.js';

const tick = (): Promise<void> =>
  new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );

/**
 * The training loop as an async generator of immutable events: it runs the task in chunks
 * (`sliceMs`, default 50 ms, or `stepsPerChunk` steps), yields each chunk's events
 * (`progress`, `epoch`, `diverged`, `done`) and awaits `pause()` between chunks so a UI can
 * render. It ends after the `done` event; aborting the signal ends it with reason 'aborted'.
 * The TUI, `--headless` and `--json` are just different consumers of it.
 *
 * @throws {OptimError} on an invalid task or options (when iteration starts).
 * @example
 * ```ts
 * for await (const e of train(task, { maxEpochs: 10, sliceMs: 16 })) {
 *   if (e.type === 'epoch') console.log(e.snapshot.epoch, e.snapshot.valLoss);
 * }
 * ```
 */
export async function* train(
  task: TrainTask,
  options: TrainLoopOptions = {},
): AsyncGenerator<TrainEvent, void, undefined> {
  const { stepsPerChunk, sliceMs, pause = tick, ...rest } = options;
  if (stepsPerChunk !== undefined && (!Number.isInteger(stepsPerChunk) || stepsPerChunk < 1)) {
    throw new OptimError(
      'train',
      `option stepsPerChunk must be an integer ≥ 1; got ${String(stepsPerChunk)}`,
    );
  }
  if (sliceMs !== undefined && !(typeof sliceMs === 'number' && sliceMs >= 0)) {
    throw new OptimError('train', `option sliceMs must be a number ≥ 0; got ${String(sliceMs)}`);
  }
  const trainer = new Trainer(task, rest);
  const useSteps = stepsPerChunk !== undefined && sliceMs === undefined;
  while (!trainer.finished) {
    const events = useSteps ? trainer.runSteps(stepsPerChunk) : trainer.runSlice(sliceMs ?? 50);
    for (const event of events) yield event;
    if (!trainer.finished) {
      await pause();
      if (rest.signal?.aborted === true) for (const event of trainer.abort()) yield event;
    }
  }
}
