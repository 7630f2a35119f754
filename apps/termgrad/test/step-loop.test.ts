import { describe, expect, it } from 'vitest';
import { stepLoop } from '../src/driver/step-loop.js';

describe('stepLoop', () => {
  it('yields with the model first, trains once per plain request, not on capture, and stops when done', () => {
    const log: string[] = [];
    let epochs = 0;
    let lr = 1;
    const loop = stepLoop<string, number>({
      snapshot: (capture) => `${epochs}${capture ? '+model' : ''}@${lr}`,
      apply: (next) => {
        log.push(`apply ${next}`);
        lr = next;
      },
      done: () => epochs >= 2,
      epoch: () => {
        epochs++;
      },
    });
    expect(loop.next().value).toBe('0+model@1');
    expect(loop.next(undefined).value).toBe('1@1');
    expect(loop.next({ capture: true }).value).toBe('1+model@1'); // no epoch for a capture
    // New settings are applied before the epoch of the same request.
    expect(loop.next({ settings: 3 }).value).toBe('2@3');
    expect(loop.next(undefined).done).toBe(true);
    expect(log).toEqual(['apply 3']);
    expect(epochs).toBe(2);
  });
});
