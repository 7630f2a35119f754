import { createSessionFactory } from '../src/driver/sessions.js';
import { initialState } from '../src/state/app-state.js';
import type { AppState } from '../src/state/app-state.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';
const sizes = JSON.parse(process.argv[2] ?? '[[60,20],[80,24]]');
const labs = (process.argv[3] ?? 'network,curve,classify').split(',');
const f = await createSessionFactory();
for (const lab of labs as ('network' | 'curve' | 'classify')[]) {
  let s: AppState = initialState({ lab, color: 'none', classify: { model: 'logistic', epochs: 5 }, curve: { m: 12 } });
  const take = async (session: any, n: number) => { let last; for (let i = 0; i < n; i++) { const r = await session.next(undefined); if (r.done) return last; last = r.value; } return (await session.next({ capture: true })).value; };
  if (lab === 'curve') s = reducer(s, { type: 'curveSnapshot', generation: 0, snapshot: await take(f.curve(s.curve.settings), 20) });
  else if (lab === 'classify') s = reducer(s, { type: 'classifySnapshot', generation: 0, snapshot: await take(f.classify(s.classify.settings), 5) });
  else s = reducer(s, { type: 'networkSnapshot', generation: 0, snapshot: await take(f.network(s.network.settings), 30), losses: Array.from({ length: 30 }, (_, e) => ({ epoch: e + 1, train: 0.7 / (e + 1), test: 0.8 / (e + 1) })) });
  for (const [w, h] of sizes) console.log(`--- ${lab} ${w}x${h}\n` + appView(s, w, h).map((r) => r + '|').join('\n'));
}
