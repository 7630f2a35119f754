// Hard cases for the fused MLP kernels, float64 and the generated float32 twin (issue 14): every
// tile shape and remainder, fan-ins ≥ 8, zero rows that the active-step list skips, scratch growth
// past 1024 (batch or fan-in), extreme logits (sigmoid above ~709, softmax's max shift), ReLU on
// NaN and −0. References are plain triple loops and textbook identities written here.

import { Random } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { LEAKY_RELU, LINEAR, RELU, SIGMOID, SOFTMAX, TANH } from '../src/mlp-activation-codes.js';
import * as k32 from '../src/mlp-kernels-f32.js';
import * as k64 from '../src/mlp-kernels-f64.js';

type Arr = Float64Array | Float32Array;
interface Kernels {
  denseForward(A: Arr, B: Arr, bias: Arr, C: Arr, m: number, k: number, n: number): void;
  backInput(D: Arr, B: Arr, C: Arr, m: number, k: number, n: number): void;
  backWeights(A: Arr, D: Arr, G: Arr, m: number, k: number, n: number): void;
  columnSums(D: Arr, g: Arr, m: number, n: number): void;
  activate(kind: number, a: Arr, len: number, n: number, alpha: number): void;
  multiplyDerivative(kind: number, y: Arr, d: Arr, len: number, alpha: number): void;
  gatherRows(
    src: Arr,
    indices: ArrayLike<number>,
    start: number,
    count: number,
    d: number,
    dst: Arr,
  ): void;
}

const variants: { name: string; k: Kernels; make: (n: number) => Arr; ulp: number }[] = [
  {
    name: 'float64',
    k: k64 as unknown as Kernels,
    make: (n) => new Float64Array(n),
    ulp: 2 ** -52,
  },
  {
    name: 'float32',
    k: k32 as unknown as Kernels,
    make: (n) => new Float32Array(n),
    ulp: 2 ** -23,
  },
];

/** Entries in [−1, 1) with a fraction `zeros` of exact zeros and some all-zero rows (for the active lists). */
function fill(a: Arr, rng: Random, zeros = 0.3, rowLen = 0): Arr {
  for (let i = 0; i < a.length; i++) a[i] = rng.uniform(0, 1) < zeros ? 0 : rng.uniform(-1, 1);
  if (rowLen > 0) for (let j = 0; j < rowLen && 2 * rowLen <= a.length; j++) a[rowLen + j] = 0; // row 1 all zero
  return a;
}

/** Max |got − want| / (Σ|terms| + tiny): the rounding error of a sum is ≤ (#terms)·u·Σ|terms|. */
function check(got: Arr, want: number[], mag: number[], terms: number, ulp: number): void {
  for (let i = 0; i < want.length; i++) {
    // float64: (terms + 1)·ε·Σ|terms| (standard dot-product bound); float32: one final rounding to
    // float32 of a double-accumulated value, ≤ ½ulp₃₂·|value| + the float64 bound.
    const tol = (terms + 1) * 2 ** -52 * mag[i]! + ulp * Math.abs(want[i]!) + 1e-300;
    if (!(Math.abs(got[i]! - want[i]!) <= tol))
      throw new Error(`entry ${i}: got ${got[i]}, want ${want[i]} (tol ${tol})`);
  }
}

for (const { name, k, make, ulp } of variants) {
  describe(`MLP kernels (${name})`, () => {
    it('denseForward = A·B + bias for every tile remainder, zero rows and fan-ins ≥ 8', () => {
      const rng = new Random(11);
      for (const m of [1, 3, 4, 5, 8, 9]) {
        for (const kk of [1, 3, 4, 8, 9, 17]) {
          for (const n of [1, 3, 4, 5, 8, 11]) {
            const A = fill(make(m * kk), rng, 0.3, kk);
            const B = fill(make(kk * n), rng, 0);
            const bias = fill(make(n), rng, 0);
            const C = make(m * n);
            C.fill(Number.NaN); // every entry must be written
            k.denseForward(A, B, bias, C, m, kk, n);
            const want: number[] = [];
            const mag: number[] = [];
            for (let i = 0; i < m; i++) {
              for (let j = 0; j < n; j++) {
                let s = bias[j]!;
                let a = Math.abs(bias[j]!);
                for (let p = 0; p < kk; p++) {
                  s += A[i * kk + p]! * B[p * n + j]!;
                  a += Math.abs(A[i * kk + p]! * B[p * n + j]!);
                }
                want.push(s);
                mag.push(a);
              }
            }
            check(C, want, mag, kk, ulp);
          }
        }
      }
    });

    it('denseForward grows its scratch list for more than 1024 non-zero fan-in steps', () => {
      const m = 5;
      const kk = 1500;
      const n = 4;
      const A = make(m * kk);
      const B = make(kk * n);
      const bias = make(n);
      // Every input is non-zero (1500 active steps), but only steps 1100..1499 meet non-zero weights:
      // a scratch list stuck at 1024 entries would drop exactly those.
      for (let i = 0; i < m; i++) for (let p = 0; p < kk; p++) A[i * kk + p] = i + 1;
      for (let p = 1100; p < kk; p++) for (let j = 0; j < n; j++) B[p * n + j] = j + 1;
      const C = make(m * n);
      k.denseForward(A, B, bias, C, m, kk, n);
      // C[i][j] = 400·(i+1)(j+1), small integers: exact in both dtypes.
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) expect(C[i * n + j]).toBe(400 * (i + 1) * (j + 1));
    });

    it('backInput = D·Bᵀ for fan-in k ≥ 8 (two 4-wide tiles), remainders and odd batches', () => {
      const rng = new Random(12);
      for (const m of [1, 4, 6, 9]) {
        for (const kk of [1, 5, 8, 12, 13]) {
          for (const n of [1, 2, 7]) {
            const D = fill(make(m * n), rng, 0.2);
            const B = fill(make(kk * n), rng, 0);
            const C = make(m * kk);
            C.fill(Number.NaN);
            k.backInput(D, B, C, m, kk, n);
            const want: number[] = [];
            const mag: number[] = [];
            for (let i = 0; i < m; i++) {
              for (let p = 0; p < kk; p++) {
                let s = 0;
                let a = 0;
                for (let j = 0; j < n; j++) {
                  s += D[i * n + j]! * B[p * n + j]!;
                  a += Math.abs(D[i * n + j]! * B[p * n + j]!);
                }
                want.push(s);
                mag.push(a);
              }
            }
            check(C, want, mag, n, ulp);
          }
        }
      }
    });

    it('backWeights = Aᵀ·D, including a batch past 1024 whose only non-zero samples come late', () => {
      const rng = new Random(13);
      for (const m of [1, 3, 4, 7, 1300]) {
        for (const kk of [1, 4, 5, 8, 10]) {
          for (const n of [1, 4, 6]) {
            const A = make(m * kk);
            const D = make(m * n);
            if (m === 1300) {
              // All 1300 samples are active (non-zero inputs) but only samples 1200..1299 carry
              // non-zero deltas: a scratch list stuck at 1024 entries would drop exactly those.
              fill(A, rng, 0);
              for (let i = 1200; i < m; i++)
                for (let j = 0; j < n; j++) D[i * n + j] = rng.uniform(-1, 1);
            } else {
              fill(A, rng, 0.4, kk);
              fill(D, rng, 0);
            }
            const G = make(kk * n);
            G.fill(Number.NaN);
            k.backWeights(A, D, G, m, kk, n);
            const want: number[] = [];
            const mag: number[] = [];
            for (let p = 0; p < kk; p++) {
              for (let j = 0; j < n; j++) {
                let s = 0;
                let a = 0;
                for (let i = 0; i < m; i++) {
                  s += A[i * kk + p]! * D[i * n + j]!;
                  a += Math.abs(A[i * kk + p]! * D[i * n + j]!);
                }
                want.push(s);
                mag.push(a);
              }
            }
            check(G, want, mag, m, ulp);
          }
        }
      }
    });

    it('columnSums overwrites g with the column sums', () => {
      const D = make(6);
      D.set([1, 2, 3, 4, 5, 6]);
      const g = make(2);
      g.fill(100);
      k.columnSums(D, g, 3, 2);
      expect(Array.from(g)).toEqual([9, 12]);
    });

    it('sigmoid is exact at the extremes (x ≥ 710 where e^x overflows) and matches ½(1 + tanh(x/2))', () => {
      const xs = [800, 710, 709, 40, 1, 0.5, 0, -0.5, -1, -40, -709, -710, -800];
      const a = make(xs.length);
      a.set(xs);
      k.activate(SIGMOID, a, xs.length, 1, 0);
      expect(a[0]).toBe(1);
      expect(a[1]).toBe(1);
      expect(a[xs.length - 1]).toBe(0);
      xs.forEach((x, i) => {
        const want = 0.5 * (1 + Math.tanh(x / 2)); // identity σ(x) = ½(1 + tanh(x/2))
        // Relative accuracy a few ulps where σ is not tiny; absolute otherwise (tanh-form cancels for x ≪ 0).
        expect(Math.abs(a[i]! - want)).toBeLessThanOrEqual(
          8 * ulp * Math.max(want, 1e-300) + 4 * 2 ** -52,
        );
        expect(Number.isNaN(a[i]!)).toBe(false);
      });
      // Far-negative side keeps relative accuracy: σ(−40) = e^{−40}/(1 + e^{−40}).
      const b = make(1);
      b[0] = -40;
      k.activate(SIGMOID, b, 1, 1, 0);
      expect(Math.abs(b[0]! / (Math.exp(-40) / (1 + Math.exp(-40))) - 1)).toBeLessThan(4 * ulp);
    });

    it('softmax subtracts the row maximum: logits near ±1000 give the same row as [0, 1, 2]', () => {
      const rows = [
        [1000, 1001, 1002],
        [-1000, -999, -998],
        [0, 1, 2],
        [5, 5, 5],
      ];
      const a = make(12);
      a.set(rows.flat());
      k.activate(SOFTMAX, a, 12, 3, 0);
      const z = 1 + Math.E + Math.E ** 2;
      const want = [1 / z, Math.E / z, Math.E ** 2 / z]; // softmax is shift-invariant
      for (let r = 0; r < 3; r++)
        for (let j = 0; j < 3; j++)
          expect(Math.abs(a[r * 3 + j]! - want[j]!)).toBeLessThan(8 * ulp);
      for (let j = 0; j < 3; j++) expect(Math.abs(a[9 + j]! - 1 / 3)).toBeLessThan(4 * ulp);
      // Only the first `len` entries are touched.
      const b = make(6);
      b.set([1, 1, 7, 7, 7, 7]);
      k.activate(SOFTMAX, b, 2, 2, 0);
      expect(Array.from(b)).toEqual([0.5, 0.5, 7, 7, 7, 7]);
    });

    it('sigmoid keeps relative accuracy where e^{−x} overflows (−745 < x < −709): σ(x) = e^x / (1 + e^x) = e^x', () => {
      // 1 + e^x rounds to exactly 1 there, so σ(x) is e^x itself (a float64 subnormal; 0 in float32).
      // The other form, 1 / (1 + e^{−x}), gives 1 / ∞ = 0: every digit lost.
      const xs = [-710, -720, -740];
      const a = make(xs.length);
      a.set(xs);
      k.activate(SIGMOID, a, xs.length, 1, 0);
      const want = make(xs.length);
      want.set(xs.map((x) => Math.exp(x)));
      expect(Array.from(a)).toEqual(Array.from(want));
      if (name === 'float64') for (const v of a) expect(v).toBeGreaterThan(0);
    });

    it('softmax takes the maximum of each row wherever it sits (middle, first, last), reading its own row', () => {
      // rows [0, 1000, −1000], [1000, −1000, 0], [−1000, 0, 1000]: e^{−1000} = 0 and e^{−2000} = 0 in float64, so the
      // exact answer is one-hot; shifting by anything but the maximum overflows to ∞/∞ = NaN.
      const a = make(9);
      a.set([0, 1000, -1000, 1000, -1000, 0, -1000, 0, 1000]);
      k.activate(SOFTMAX, a, 9, 3, 0);
      expect(Array.from(a)).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 1]);
    });

    it('ReLU maps negatives and −0 to +0, keeps positives, and propagates NaN', () => {
      const a = make(5);
      a.set([-2, -0, 0, 3, Number.NaN]);
      k.activate(RELU, a, 5, 1, 0);
      expect(Object.is(a[0], 0)).toBe(true);
      expect(Object.is(a[1], 0)).toBe(true);
      expect(a[3]).toBe(3);
      expect(Number.isNaN(a[4]!)).toBe(true);
    });

    it('leaky ReLU, tanh, linear and an unknown kind', () => {
      const a = make(3);
      a.set([-2, 0, 3]);
      k.activate(LEAKY_RELU, a, 3, 1, 0.125);
      expect(Array.from(a)).toEqual([-0.25, 0, 3]);
      const t = make(3);
      t.set([-1, 0, 0.5]);
      k.activate(TANH, t, 3, 1, 0);
      [-1, 0, 0.5].forEach((x, i) =>
        expect(Math.abs(t[i]! - Math.tanh(x))).toBeLessThanOrEqual(ulp),
      );
      const l = make(2);
      l.set([-4, 4]);
      k.activate(LINEAR, l, 2, 1, 0);
      k.activate(99, l, 2, 1, 0);
      expect(Array.from(l)).toEqual([-4, 4]);
      // len limits the work.
      const part = make(3);
      part.set([-1, -1, -1]);
      k.activate(RELU, part, 2, 1, 0);
      expect(Array.from(part)).toEqual([0, 0, -1]);
    });

    it('multiplyDerivative uses y(1−y), 1−y², [y > 0] and α for y ≤ 0', () => {
      const y = make(4);
      y.set([0.25, 0.5, 0, -0.5]);
      const run = (kind: number, alpha = 0): number[] => {
        const d = make(4);
        d.set([2, 2, 2, 2]);
        k.multiplyDerivative(kind, y, d, 4, alpha);
        return Array.from(d);
      };
      expect(run(SIGMOID)).toEqual([2 * 0.25 * 0.75, 0.5, 0, 2 * -0.5 * 1.5]);
      expect(run(TANH)).toEqual([2 * (1 - 0.0625), 1.5, 2, 1.5]);
      expect(run(RELU)).toEqual([2, 2, 0, 0]);
      expect(run(LEAKY_RELU, 0.125)).toEqual([2, 2, 0.25, 0.25]);
      expect(run(SOFTMAX)).toEqual([2, 2, 2, 2]); // handled by the loss, not here
      const yn = make(2);
      yn.set([Number.NaN, 1]);
      const d = make(2);
      d.set([3, 3]);
      k.multiplyDerivative(RELU, yn, d, 2, 0);
      expect(Array.from(d)).toEqual([0, 3]);
      const e = make(2);
      e.set([3, 3]);
      k.multiplyDerivative(SIGMOID, y, e, 1, 0);
      expect(e[1]).toBe(3); // len = 1
    });

    it('gatherRows copies the selected rows in order', () => {
      const src = make(8);
      src.set([0, 1, 10, 11, 20, 21, 30, 31]);
      const dst = make(4);
      k.gatherRows(src, [3, 0, 2, 1], 1, 2, 2, dst);
      expect(Array.from(dst)).toEqual([0, 1, 20, 21]);
    });
  });
}
