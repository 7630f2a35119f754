delete process.env['CI'];
import { Writable } from 'node:stream';
const { render, Box, Text } = await import('ink');
const React = await import('react');
import { renderHeatmap, lineChart } from '../src/render/index.js';
class S extends Writable { bytes=0; columns=120; rows=40; isTTY=true; override _write(c: any, _e: any, cb: any) { this.bytes += c.length; cb(); } }
function rowsFor(k: number, colour: boolean): string[] {
  const W = 76, H = 76; const v = new Float64Array(W*H);
  for (let i = 0; i < v.length; i++) v[i] = Math.tanh(Math.sin(i * 0.01 + k) * 3);
  const hm = renderHeatmap(v, W, H, { mode: colour ? 'ansi256' : 'none' });
  return hm.map((r) => r + ' '.repeat(10) + 'x'.repeat(30));
}
for (const wrap of ['truncate-end', 'wrap'] as const) for (const colour of [true, false]) {
  const out = new S();
  const el = (rows: string[]) => React.createElement(Box, { flexDirection: 'column' }, rows.map((r, i) => React.createElement(Text, { key: i, wrap }, r)));
  const inst = render(el(rowsFor(0, colour)), { stdout: out as any, patchConsole: false, exitOnCtrlC: false, maxFps: 1000, incrementalRendering: true });
  await new Promise((r) => setTimeout(r, 50));
  const t0 = performance.now();
  for (let k = 1; k <= 20; k++) { inst.rerender(el(rowsFor(k, colour))); await new Promise((r) => setTimeout(r, 2)); }
  const dt = (performance.now() - t0) / 20;
  inst.unmount();
  console.log(wrap, colour ? 'ansi' : 'plain', dt.toFixed(1), 'ms/frame incl. row generation');
}
const t0 = performance.now(); for (let k = 0; k < 20; k++) rowsFor(k, true); console.log('rows only', ((performance.now()-t0)/20).toFixed(2));
