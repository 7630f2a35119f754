import { createSessionFactory } from '../src/driver/sessions.js';
import { initialState } from '../src/state/app-state.js';
import { reducer } from '../src/state/reducer.js';
import { appView } from '../src/views/app-view.js';
const f = await createSessionFactory();
let st = initialState({ lab: 'curve', curve: { m: 7 } });
const s = f.curve(st.curve.settings);
for (let i = 0; i < 12; i++) {
  const r = await s.next(undefined);
  if (r.done) break;
  st = reducer(st, { type: 'curveSnapshot', generation: 0, snapshot: r.value });
  const t0 = performance.now();
  const rows = appView(st, 120, 39, 0);
  console.log(i, r.value.sweep.length, (performance.now() - t0).toFixed(1), rows.length);
}
