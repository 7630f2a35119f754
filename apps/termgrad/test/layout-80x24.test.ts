/** Issue 8 item 2: 80×24 is a first-class layout (settings and plots visible; help scrolls). */
import { describe, expect, it } from 'vitest';
import { createSessionFactory } from '../src/driver/sessions.js';
import type { Session } from '../src/driver/snapshots.js';
import { stripAnsi, visibleWidth } from '../src/render/index.js';
import { CLASSIFY_FIELDS, CURVE_FIELDS } from '../src/settings/fields.js';
import type { Action } from '../src/state/actions.js';
import type { AppState } from '../src/state/app-state.js';
import { initialState } from '../src/state/app-state.js';
import { KEY_HELP, keyToIntent } from '../src/state/keymap.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';
import { MIN_HEIGHT, MIN_WIDTH } from '../src/views/layout.js';

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

async function trained(lab: 'curve' | 'classify'): Promise<AppState> {
  const f = await createSessionFactory();
  const s = initialState({ lab, color: 'ansi256' });
  const action: Action =
    lab === 'curve'
      ? {
          type: 'curveSnapshot',
          generation: 0,
          snapshot: await lastCaptured(f.curve(s.curve.settings), 1),
        }
      : {
          type: 'classifySnapshot',
          generation: 0,
          snapshot: await lastCaptured(f.classify(s.classify.settings), 0),
        };
  return reducer(s, action);
}

const SIZES = [
  [MIN_WIDTH, MIN_HEIGHT],
  [80, 24],
  [100, 30],
  [120, 40],
  [200, 60],
] as const;

describe('80×24 and up', () => {
  for (const lab of ['curve', 'classify'] as const) {
    it(`${lab} lab: every setting with its value and the plot are on screen at 80×24 … 200×60`, async () => {
      const s = await trained(lab);
      const fields = lab === 'curve' ? CURVE_FIELDS : CLASSIFY_FIELDS;
      for (const [w, h] of SIZES.slice(1)) {
        const rows = appView(s, w, h);
        expect(rows).toHaveLength(h);
        for (const r of rows) expect(visibleWidth(r)).toBeLessThanOrEqual(w);
        const text = stripAnsi(rows.join('\n'));
        for (const f of fields)
          expect(text, `${lab} ${w}×${h}: ${f.label}`).toContain(`${f.label}`);
        for (const f of fields)
          expect(text).toMatch(
            new RegExp(
              `${f.label.replace(/[()]/g, '.')}\\s+${f.show(s[lab].settings as never).replace(/[()]/g, '.')}`,
            ),
          );
        // The plot: braille curve (curve lab) or half-block map (classify lab).
        expect(text).toMatch(lab === 'curve' ? /[\u2801-\u28ff]{3}/ : /[▀▄]{3}/);
        // The status line ends with the hints or '? help', never cut mid-word.
        expect(stripAnsi(rows[h - 1] ?? '')).not.toContain('…');
      }
    });
  }

  it('the help overlay scrolls at the minimum size until its last row', () => {
    for (const lab of ['curve', 'classify', 'network'] as const) {
      let s: AppState = { ...initialState({ lab }), help: true };
      const seen = new Set<string>();
      for (let i = 0; i < 60; i++) {
        const rows = appView(s, MIN_WIDTH, MIN_HEIGHT).map(stripAnsi);
        expect(rows).toHaveLength(MIN_HEIGHT);
        for (const r of rows) seen.add(r.trim());
        const intent = keyToIntent(s, '', { downArrow: true }, { now: 0, seed: 1 });
        if (intent?.kind === 'action') s = reducer(s, intent.action);
      }
      const text = [...seen].join('\n');
      for (const k of KEY_HELP.filter((x) => x.labs === undefined || x.labs.includes(lab)))
        expect(text, `${lab}: ${k.what}`).toContain(k.what.slice(0, 20));
      expect(text).toContain('Esc or ? closes this help.');
    }
  });
});
