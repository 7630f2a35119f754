import { digitsSession } from './src/driver/digits-session.js';
import { stripAnsi } from './src/render/index.js';
import { DEFAULT_DIGITS_SETTINGS } from './src/settings/digits-settings.js';
import { initialState } from './src/state/app-state.js';
import { reducer } from './src/state/reducer.js';
import { appView } from './src/views/app-view.js';

const model = (process.argv[2] ?? 'softmax') as any;
const s = digitsSession({ ...DEFAULT_DIGITS_SETTINGS, model, epochs: 5 });
let last: any;
for (;;) {
  const r = await s.next(undefined);
  if (r.done) break;
  last = r.value;
  if (last.done) break;
}
const f = (await s.next({ capture: true })).value;
let st = initialState({ lab: 'digits', color: 'none' });
st = reducer(st, { type: 'digitsSnapshot', generation: 0, snapshot: f as any });
st = reducer(st, { type: 'padSample' });
st = reducer(st, { type: 'digitsFocus' });
for (const [w, h] of [
  [80, 24],
  [120, 40],
]) {
  console.log(appView(st, w, h, 0, 'none').map(stripAnsi).join('\n'));
}
st = reducer(st, { type: 'digitsPanel' });
console.log(appView(st, 80, 24, 0, 'none').map(stripAnsi).join('\n'));
