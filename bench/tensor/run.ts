/**
 * Benchmark: matmul (n×n, float64 and float32) and lstsq (degree-5 polynomial fit) against peers,
 * interleaved in one process: rep 1 of every case, then rep 2, ... Prints medians and paired ratios.
 *
 * Usage: pnpm bench tensor [--sizes 64,256,512,1024 --reps 7 --points 100000]
 * termgrad's float32 matmul runs on its WebAssembly SIMD kernels (`kernelInfo()`), on every core from
 * 320³ multiply-adds ('termgrad 1 thread' forces one); the
 * 'termgrad js kernels' row is the same call forced onto the JavaScript fallback.
 * Peers: ml-matrix (`mmul`, float64), @tensorflow/tfjs on its pure-JS 'cpu' backend and on
 * @tensorflow/tfjs-backend-wasm (SIMD, single thread; float32 only — tfjs has no float64).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import {
  kernelInfo,
  lstsq,
  matmul,
  Random,
  randomUniform,
  setKernelMode,
  setKernelThreads,
  type Tensor,
  tensor,
} from '@termgrad/tensor';
import { Matrix, solve as mlSolve } from 'ml-matrix';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}
const sizes = arg('sizes', '64,256,512,1024').split(',').map(Number);
const reps = Number(arg('reps', '7'));
const points = Number(arg('points', '100000'));
const minSampleMs = 40;

interface Case {
  group: string;
  name: string;
  flops: number;
  setup?: () => Promise<void>;
  run: () => void;
  iters: number;
  samples: number[];
}

const cases: Case[] = [];
function addCase(
  group: string,
  name: string,
  flops: number,
  run: () => void,
  setup?: () => Promise<void>,
): void {
  cases.push({ group, name, flops, run, setup, iters: 1, samples: [] });
}

// --- tfjs backends -----------------------------------------------------------------------
const require = createRequire(import.meta.url);
const wasmDir = path.dirname(
  require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
);
setWasmPaths(`${wasmDir}${path.sep}`);
tf.env().set('IS_TEST', false);
const backends = ['cpu', 'wasm'] as const;
const haveBackend: Record<string, boolean> = {};
for (const b of backends) {
  try {
    haveBackend[b] = await tf.setBackend(b);
  } catch (e) {
    console.warn(`tfjs backend ${b} unavailable: ${String(e)}`);
    haveBackend[b] = false;
  }
}

// --- matmul cases ------------------------------------------------------------------------
for (const n of sizes) {
  const flops = 2 * n * n * n;
  for (const dtype of ['float64', 'float32'] as const) {
    const group = `matmul n=${n} ${dtype}`;
    const a = randomUniform(new Random(1), [n, n], -1, 1, { dtype });
    const b = randomUniform(new Random(2), [n, n], -1, 1, { dtype });
    const out = matmul(a, b);
    addCase(group, 'termgrad', flops, () => void matmul(a, b, out));
    if (
      dtype === 'float32' &&
      kernelInfo().wasmAvailable &&
      kernelInfo().largeThreads > 1 &&
      n >= 256
    ) {
      // 'termgrad' is the automatic choice (threads from 320³ multiply-adds); this row forces one thread
      addCase(group, 'termgrad 1 thread', flops, () => {
        setKernelThreads(1);
        matmul(a, b, out);
        setKernelThreads('auto');
      });
    }
    if (dtype === 'float32' && kernelInfo().wasmAvailable) {
      // the same call forced onto the JavaScript kernels (the fallback), for the wasm speed-up
      addCase(group, 'termgrad js kernels', flops, () => {
        setKernelMode('js');
        matmul(a, b, out);
        setKernelMode('auto');
      });
    }
    const rowsA = toRows(a);
    const rowsB = toRows(b);
    const ma = new Matrix(rowsA);
    const mb = new Matrix(rowsB);
    addCase(group, 'ml-matrix (f64)', flops, () => void ma.mmul(mb));
    for (const be of backends) {
      if (!haveBackend[be]) continue;
      let ta: tf.Tensor2D | undefined;
      let tb: tf.Tensor2D | undefined;
      addCase(
        group,
        `tfjs-${be} (f32)`,
        flops,
        () => {
          const c = tf.matMul(ta as tf.Tensor2D, tb as tf.Tensor2D);
          c.dataSync();
          c.dispose();
        },
        async () => {
          await tf.setBackend(be);
          if (ta === undefined) {
            ta = tf.tensor2d(Float32Array.from(a.data), [n, n]);
            tb = tf.tensor2d(Float32Array.from(b.data), [n, n]);
          }
        },
      );
    }
  }
}

// --- lstsq case --------------------------------------------------------------------------
{
  const deg = 5;
  const rng = new Random(3);
  const xs = Array.from({ length: points }, () => rng.uniform(-1, 1));
  const rows = xs.map((x) => Array.from({ length: deg + 1 }, (_, j) => x ** j));
  const ys = xs.map((x) => 1 - 2 * x + 0.5 * x ** 3 + 0.1 * rng.normal());
  const A = tensor(rows);
  const y = tensor(ys);
  const nc = deg + 1;
  const flops = 2 * points * nc * nc - (2 / 3) * nc ** 3; // Householder QR
  const group = `lstsq deg=${deg} N=${points}`;
  addCase(group, 'termgrad', flops, () => void lstsq(A, y));
  const mA = new Matrix(rows);
  const mY = Matrix.columnVector(ys);
  addCase(group, 'ml-matrix solve (QR)', flops, () => void mlSolve(mA, mY));
}

function toRows(t: Tensor): number[][] {
  return t.toArray() as number[][];
}

// --- calibration: enough iterations for each sample to last minSampleMs ---------------------
for (const c of cases) {
  await c.setup?.();
  c.run(); // warm-up / JIT
  const t0 = performance.now();
  c.run();
  const dt = Math.max(performance.now() - t0, 0.01);
  c.iters = Math.max(1, Math.ceil(minSampleMs / dt));
}

// --- interleaved reps ----------------------------------------------------------------------
for (let r = 0; r < reps; r++) {
  for (const c of cases) {
    await c.setup?.();
    const t0 = performance.now();
    for (let i = 0; i < c.iters; i++) c.run();
    c.samples.push((performance.now() - t0) / c.iters);
  }
}

function median(x: number[]): number {
  const s = [...x].sort((p, q) => p - q);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

// Paired ratio: median over reps of (peer time / termgrad time) in the same rep.
console.log(
  `\n@termgrad/tensor bench — Node ${process.version}, ${reps} interleaved reps, median per case; kernels ${JSON.stringify(kernelInfo())}; load average ${(
    await import('node:os')
  )
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}\n`,
);
console.log('| case | implementation | median ms | GFLOP/s | termgrad speed-up (paired median) |');
console.log('|---|---|---:|---:|---:|');
const groups = [...new Set(cases.map((c) => c.group))];
for (const g of groups) {
  const gc = cases.filter((c) => c.group === g);
  const ours = gc.find((c) => c.name === 'termgrad') as Case;
  for (const c of gc) {
    const ms = median(c.samples);
    const gflops = c.flops / (ms * 1e6);
    const ratio =
      c === ours
        ? '1'
        : `${median(c.samples.map((s, i) => s / (ours.samples[i] as number))).toFixed(2)}×`;
    console.log(
      `| ${g} | ${c.name} | ${ms < 1 ? ms.toFixed(3) : ms.toFixed(1)} | ${gflops.toFixed(2)} | ${ratio} |`,
    );
  }
}
