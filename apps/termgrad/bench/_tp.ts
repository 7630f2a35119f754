import { networkSession } from '../src/driver/network-session.js';
import { DEFAULT_NETWORK_SETTINGS } from '../src/settings/network-settings.js';
const S = { ...DEFAULT_NETWORK_SETTINGS, seed: 1 };
async function run(capture: boolean, yieldEvery: boolean) {
  const session = networkSession(S);
  await session.next();
  let e = 0; const t0 = performance.now(); let last = t0;
  while (performance.now() - t0 < 2000) {
    await session.next(); e++;
    if (performance.now() - last > 66) { last = performance.now(); if (capture) await session.next({ capture: true }); if (yieldEvery) await new Promise(r => setImmediate(r)); }
  }
  await session.return(undefined);
  return e / 2;
}
for (let rep = 0; rep < 2; rep++) for (const [c, y] of [[false, true], [true, true], [false, false], [true, false]] as const) console.log(rep, 'capture', c, 'yield', y, (await run(c, y)).toFixed(0), 'epochs/s');
