delete process.env['CI'];
import { Writable } from 'node:stream';
const { render, Box, Text } = await import('ink');
const React = await import('react');
import { renderHeatmap } from '../src/render/index.js';
class S extends Writable { bytes=0; columns=120; rows=40; isTTY=true; override _write(c: any, _e: any, cb: any) { this.bytes += c.length; cb(); } }
function rowsFor(k: number): string[] {
  const W = 76, H = 76; const v = new Float64Array(W*H);
  for (let i = 0; i < v.length; i++) v[i] = Math.tanh(Math.sin(i * 0.01 + k) * 3);
  return renderHeatmap(v, W, H, { mode: 'ansi256' }).map((r) => r + ' '.repeat(10) + 'x'.repeat(30));
}
const variants: Record<string, (rows: string[]) => any> = {
  perRowTruncate: (rows) => React.createElement(Box, { flexDirection: 'column' }, rows.map((r, i) => React.createElement(Text, { key: i, wrap: 'truncate-end' }, r))),
  oneText: (rows) => React.createElement(Text, null, rows.join('\n')),
};
for (const [name, el] of Object.entries(variants)) {
  const out = new S();
  const inst = render(el(rowsFor(0)), { stdout: out as any, patchConsole: false, exitOnCtrlC: false, maxFps: 1000, incrementalRendering: true });
  await new Promise((r) => setTimeout(r, 50));
  const pre = Array.from({ length: 20 }, (_, k) => rowsFor(k + 1));
  const t0 = performance.now();
  for (let k = 0; k < 20; k++) { inst.rerender(el(pre[k]!)); await new Promise((r) => setTimeout(r, 2)); }
  console.log(name, ((performance.now() - t0) / 20).toFixed(1), 'ms/frame');
  inst.unmount();
}
