/** Regression tests of issue 8's display bugs (each failed before its fix). */
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { createSessionFactory } from '../src/driver/sessions.js';
import type { Session } from '../src/driver/snapshots.js';
import { stripAnsi } from '../src/render/index.js';
import { CLASSIFY_FIELDS } from '../src/settings/fields.js';
import type { AppState } from '../src/state/app-state.js';
import { initialState } from '../src/state/app-state.js';
import { keyToIntent } from '../src/state/keymap.js';
import { reducer } from '../src/state/reducer.js';
import { appView, statusLine } from '../src/views/app-view.js';

async function headlessTestErms(args: string[]): Promise<number> {
  const out: string[] = [];
  const code = await runCli(['curve', '--headless', ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
    env: { LANG: 'C.UTF-8' },
    isTTY: false,
  });
  expect(code).toBe(0);
  const m = out.join('').match(/E_RMS train \S+ test ([0-9.e+-]+)/);
  if (m === null) throw new Error(`no E_RMS in ${out.join('')}`);
  return Number(m[1]);
}

async function lastCaptured<S>(session: Session<S>, epochs: number): Promise<S> {
  let last: S | undefined;
  for (let i = 0; i < epochs; i++) {
    const r = await session.next(undefined);
    if (r.done) break;
    last = r.value;
  }
  const r = await session.next({ capture: true });
  await session.return(undefined);
  const value = r.done ? last : r.value;
  if (value === undefined) throw new Error('session produced nothing');
  return value;
}

describe('issue 8 display bugs', () => {
  it("the curve lab's defaults show the lecture's overfitting: M = 9 test E_RMS well above M = 3", async () => {
    const m3 = await headlessTestErms(['--m', '3']);
    const m9 = await headlessTestErms(['--m', '9']);
    // The lecture's picture (PRML fig. 1.5): M = 9 fits the 10 points exactly and generalises far worse.
    expect(m9).toBeGreaterThan(1.8 * m3);
  });

  it('the curve lab shows no play / step / speed hints (nothing animates) and ignores those keys', () => {
    const s = initialState({ lab: 'curve' });
    for (const w of [80, 120, 200]) {
      const text = statusLine(s, w, 0, 'none');
      expect(text).not.toMatch(/play|step|speed/);
      expect(text).toMatch(/r reset/);
    }
    const ctx = { now: 0, seed: 1 };
    for (const ch of [' ', 'n', '>', '<'])
      expect(keyToIntent(s, ch, {} as never, ctx), ch).toBeNull();
    // The other labs keep them.
    expect(statusLine(initialState({ lab: 'network' }), 200, 0, 'none')).toMatch(
      /space play\/pause · n step/,
    );
  });

  it('hints that do not fit collapse to "? help" instead of being cut', () => {
    const text = stripAnsi(statusLine(initialState({ lab: 'network' }), 80, 0, 'none')).trimEnd();
    expect(text.endsWith('? help')).toBe(true);
    expect(text).not.toContain('…');
  });

  it('with the generative model the panel does not say "Gaussian basis on"', () => {
    const s = { ...initialState().classify.settings, model: 'generative' as const, basis: true };
    const basis = CLASSIFY_FIELDS.find((f) => f.key === 'basis');
    expect(basis?.show(s)).not.toBe('on');
    expect(basis?.show({ ...s, model: 'logistic' })).toBe('on');
  });

  it('K = 3 shows a colour-to-class key', async () => {
    const f = await createSessionFactory();
    let s: AppState = initialState({
      lab: 'classify',
      color: 'ansi256',
      classify: { classes: 3, dataset: 'blobs', model: 'logistic' } as never,
    });
    const snapshot = await lastCaptured(f.classify(s.classify.settings), 5);
    s = reducer(s, { type: 'classifySnapshot', generation: 0, snapshot });
    const text = stripAnsi(appView(s, 120, 40).join('\n'));
    for (const k of [0, 1, 2]) expect(text).toMatch(new RegExp(`● ██ class ${k}`));
  });
});
