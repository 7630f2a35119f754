// The float32 MLP kernels' routing between WebAssembly SIMD (`gemmF32`) and the fused JavaScript
// loops (issue 14, item 2). Each product is checked against a float64 triple loop written here,
// on every path, and in 'auto' mode it must be exactly (bit for bit) the path its size picks —
// the output is m×n with depth k for denseForward, m×k with depth n for backInput (a transposed
// weight operand), k×n with depth m for backWeights (a transposed activation operand).
import { Random, setKernelMode, useWasmKernels } from '@termgrad/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import * as W from '../src/mlp-kernels-f32-wasm.js';

afterEach(() => setKernelMode('auto'));

const U = 2 ** -24;

function f32s(rng: Random, n: number, zeros = 0): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.uniform(0, 1) < zeros ? 0 : rng.uniform(-1, 1);
  return out;
}

/** Float32 accumulation bound γ_{d+1}·Σ|terms| (covers float64 accumulation rounded once, too). */
function expectClose(
  got: Float32Array,
  rows: number,
  cols: number,
  depth: number,
  term: (r: number, c: number, p: number) => number,
  init: (c: number) => number = () => 0,
): void {
  const g = ((depth + 1) * U) / (1 - (depth + 1) * U);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let s = init(c);
      let mag = Math.abs(s);
      for (let p = 0; p < depth; p++) {
        const t = term(r, c, p);
        s += t;
        mag += Math.abs(t);
      }
      const v = got[r * cols + c] as number;
      if (!(Math.abs(v - s) <= g * mag + U * Math.abs(s) + 1e-30))
        throw new Error(`[${r},${c}] = ${v}, want ${s}`);
    }
  }
}

type Mode = 'js' | 'wasm' | 'auto';

/** Runs all three kernels for batch m, fan-in k, fan-out n in one mode. */
function run(mode: Mode, m: number, k: number, n: number, seed: number) {
  setKernelMode(mode);
  const rng = new Random(seed);
  const A = f32s(rng, m * k, 0.2); // activations [m, k] (some exact zeros, as after ReLU)
  const B = f32s(rng, k * n); // weights [k, n]
  const bias = f32s(rng, n);
  const D = f32s(rng, m * n); // deltas [m, n]
  const fwd = new Float32Array(m * n).fill(Number.NaN);
  W.denseForward(A, B, bias, fwd, m, k, n);
  const back = new Float32Array(m * k).fill(Number.NaN);
  W.backInput(D, B, back, m, k, n);
  const grad = new Float32Array(k * n).fill(Number.NaN);
  W.backWeights(A, D, grad, m, k, n);
  setKernelMode('auto');
  return { A, B, bias, D, fwd, back, grad };
}

// batch m, fan-in k, fan-out n: each kernel lands on wasm for some and on JavaScript for others
const CASES: [number, number, number][] = [
  [64, 300, 1], // forward m×1: JS; backInput 64×300 (depth 1): wasm; backWeights 300×1: JS
  [13, 37, 19], // 9139 multiply-adds: wasm for all three
  [10, 2, 8], // the Playground's first layer: JS for all three
  [5, 3, 300], // 4500: wasm; backWeights 3×300 with depth 5
  [1, 100, 100], // one sample: forward and backInput JS, backWeights 100×100 (depth 1) wasm
];

describe('MLP float32 kernels: wasm / JavaScript routing', () => {
  it('every kernel matches a float64 reference on both forced paths', () => {
    for (const [m, k, n] of CASES) {
      for (const mode of ['js', 'wasm'] as const) {
        const { A, B, bias, D, fwd, back, grad } = run(mode, m, k, n, m + k + n);
        expectClose(
          fwd,
          m,
          n,
          k,
          (i, j, p) => (A[i * k + p] as number) * (B[p * n + j] as number),
          (j) => bias[j] as number,
        );
        expectClose(
          back,
          m,
          k,
          n,
          (i, p, j) => (D[i * n + j] as number) * (B[p * n + j] as number),
        );
        expectClose(
          grad,
          k,
          n,
          m,
          (p, j, i) => (A[i * k + p] as number) * (D[i * n + j] as number),
        );
      }
    }
  });

  it("'auto' takes exactly the path its product size picks (forward m×n·k, backInput m×k·n, backWeights k×n·m)", () => {
    let differing = 0;
    for (const [m, k, n] of CASES) {
      const seed = 7 * m + k + n;
      const js = run('js', m, k, n, seed);
      const wasm = run('wasm', m, k, n, seed);
      const auto = run('auto', m, k, n, seed);
      const pick = [
        useWasmKernels(m, n, k), // forward
        useWasmKernels(m, k, n), // backInput
        useWasmKernels(k, n, m), // backWeights
      ];
      (['fwd', 'back', 'grad'] as const).forEach((key, t) => {
        const want = pick[t] ? wasm[key] : js[key];
        expect(Buffer.from(auto[key].buffer).equals(Buffer.from(want.buffer))).toBe(true);
        if (!Buffer.from(js[key].buffer).equals(Buffer.from(wasm[key].buffer))) differing++;
      });
    }
    // the two paths really differ in their last bits on most products, so the check above has teeth
    expect(differing).toBeGreaterThanOrEqual(8);
  });
});
