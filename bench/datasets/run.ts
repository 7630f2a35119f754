// Benchmarks for @termgrad/datasets: interleaved paired reps in one process, medians and ratios.
// Usage: pnpm bench datasets [--n 100000 --reps 7]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { circle, kFold, spiral, trainTestSplit } from '@termgrad/datasets';
import { parseDigitFile } from '../../packages/datasets/src/node/digits.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const n = arg('n', 100_000);
const reps = arg('reps', 7);
const mnistDir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
const files = Array.from({ length: 10 }, (_, d) =>
  readFileSync(join(mnistDir, 'src', 'digits', `${d}.json`)),
);
const big = circle({ numSamples: n, seed: 1 });
let sink = 0;

const cases: Record<string, () => void> = {
  'digits: parseDigitFile x10 files': () => {
    for (const [d, b] of files.entries()) sink += parseDigitFile(b, String(d)).length;
  },
  'digits: JSON.parse x10 files': () => {
    for (const b of files)
      sink += (JSON.parse(b.toString('utf8')) as { data: number[] }).data.length;
  },
  [`circle numSamples=${n}`]: () =>
    void (sink += circle({ numSamples: n, seed: 2, noise: 20 }).y.size),
  [`spiral numSamples=${n}`]: () =>
    void (sink += spiral({ numSamples: n, seed: 2, noise: 20 }).y.size),
  [`trainTestSplit n=${n} stratified`]: () =>
    void (sink += trainTestSplit(big, { seed: 3, stratify: true }).test.y.size),
  [`kFold n=${n} k=10`]: () => void (sink += kFold(n, 10, { seed: 4 }).length),
};

const names = Object.keys(cases);
const times: Record<string, number[]> = Object.fromEntries(names.map((c) => [c, []]));
for (let r = 0; r < reps + 1; r++) {
  for (const name of names) {
    const t0 = performance.now();
    (cases[name] as () => void)();
    if (r >= 1) times[name]!.push(performance.now() - t0); // rep 0 warms up
  }
}
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1] as number;
console.log(`@termgrad/datasets bench (Node ${process.version}, ${reps} reps, medians)`);
console.log('| case | median ms |');
console.log('|---|---|');
for (const name of names) console.log(`| ${name} | ${median(times[name]!).toFixed(1)} |`);
const ratio = median(times[names[0]!]!.map((t, i) => (times[names[1]!]![i] as number) / t));
console.log(`\nparseDigitFile vs JSON.parse (paired per rep): ${ratio.toFixed(2)}x faster`);
if (sink === 42) console.log('');
