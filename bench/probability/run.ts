// Benchmarks for @termgrad/probability: interleaved paired reps (rep 1 of every case, then rep 2, ...)
// in one process; prints medians and ratios against a plain allocating JS baseline.
// Usage: pnpm bench probability [--n 20000 --k 10 --reps 21]

import { MultivariateGaussian, sigmoidArray, softmaxRows } from '@termgrad/probability';
import { Random } from '@termgrad/tensor';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const n = arg('n', 20_000);
const k = arg('k', 10);
const reps = arg('reps', 21);
const rng = new Random(1);
const logits = Float64Array.from({ length: n * k }, () => rng.normal(0, 3));
const out = new Float64Array(n * k);
const xs = Float64Array.from({ length: n * k }, () => rng.normal(0, 4));
const mvn = new MultivariateGaussian(
  [0.5, -1],
  [
    [2, 0.6],
    [0.6, 1],
  ],
);
const points = Float64Array.from({ length: n * 2 }, () => rng.normal(0, 2));
const lp = new Float64Array(n);
let sink = 0;

/** Baseline: what one writes without thinking, allocating a row array per row and no max shift. */
function naiveSoftmaxRows(x: Float64Array, kk: number): number[][] {
  const res: number[][] = [];
  for (let r = 0; r < x.length / kk; r++) {
    const e = Array.from(x.subarray(r * kk, r * kk + kk), Math.exp);
    const s = e.reduce((a, b) => a + b, 0);
    res.push(e.map((v) => v / s));
  }
  return res;
}

/** Baseline MVN log-density: explicit 2×2 inverse and determinant per call, allocating the difference. */
function naiveMvn2(x: Float64Array): Float64Array {
  const [a, b, c, d] = [2, 0.6, 0.6, 1];
  const det = a * d - b * c;
  const res = new Float64Array(x.length / 2);
  for (let i = 0; i < res.length; i++) {
    const diff = [(x[2 * i] as number) - 0.5, (x[2 * i + 1] as number) + 1];
    const q =
      (d * diff[0]! * diff[0]! - 2 * b * diff[0]! * diff[1]! + a * diff[1]! * diff[1]!) / det;
    res[i] = -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * q;
  }
  return res;
}

const cases: Record<string, () => void> = {
  [`softmaxRows out [${n},${k}]`]: () => void (sink += softmaxRows(logits, k, out)[0] as number),
  [`softmaxRows alloc [${n},${k}]`]: () => void (sink += softmaxRows(logits, k)[0] as number),
  [`naive softmax rows [${n},${k}]`]: () => void (sink += naiveSoftmaxRows(logits, k)[0]![0]!),
  [`sigmoidArray out ${n * k}`]: () => void (sink += sigmoidArray(xs, out)[0] as number),
  [`naive sigmoid map ${n * k}`]: () =>
    void (sink += xs.map((v) => 1 / (1 + Math.exp(-v)))[0] as number),
  [`MVN logPdfRows d=2 n=${n}`]: () => void (sink += mvn.logPdfRows(points, lp)[0] as number),
  [`naive 2x2 inverse n=${n}`]: () => void (sink += naiveMvn2(points)[0] as number),
};

const names = Object.keys(cases);
const times: Record<string, number[]> = Object.fromEntries(names.map((c) => [c, []]));
for (let r = 0; r < reps + 2; r++) {
  for (const name of names) {
    const t0 = performance.now();
    (cases[name] as () => void)();
    const dt = performance.now() - t0;
    if (r >= 2) times[name]!.push(dt); // first two reps warm up the JIT
  }
}
const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  return s[s.length >> 1] as number;
};
const pairs: [string, string][] = [
  [names[0]!, names[2]!],
  [names[1]!, names[2]!],
  [names[3]!, names[4]!],
  [names[5]!, names[6]!],
];
console.log(`@termgrad/probability bench (Node ${process.version}, ${reps} reps, medians)`);
console.log('| case | median ms |');
console.log('|---|---|');
for (const name of names) console.log(`| ${name} | ${median(times[name]!).toFixed(3)} |`);
console.log('\n| ours vs baseline | speed-up (baseline / ours, paired per rep) |');
console.log('|---|---|');
for (const [ours, base] of pairs) {
  const ratios = times[ours]!.map((t, i) => (times[base]![i] as number) / t);
  console.log(`| ${ours} vs ${base} | ${median(ratios).toFixed(2)}x |`);
}
if (sink === 42) console.log('');
