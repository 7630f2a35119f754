import { initialState } from './src/state/app-state.js';
import { reducer } from './src/state/reducer.js';
import { appView } from './src/views/app-view.js';
import { curveSession } from './src/driver/curve-session.js';
let s = initialState({ lab: 'curve', color: (process.argv[4] ?? 'none') as 'none' });
const gen = curveSession(s.curve.settings);
for await (const snap of gen) s = reducer(s, { type: 'curveSnapshot', generation: 0, snapshot: snap });
const w = Number(process.argv[2] ?? 100), h = Number(process.argv[3] ?? 30);
console.log(appView(s, w, h).join('\n'));
