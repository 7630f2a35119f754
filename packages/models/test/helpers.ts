// Seeded data generators used by the classical-model tests (independent of the code under test).
import { Random } from '@termgrad/tensor';

/** Bishop's curve-fitting data: tₙ = sin(2πxₙ) + N(0, noise²), xₙ evenly spaced in [0, 1] or uniform. */
export function sinData(
  n: number,
  seed: number,
  options: { noise?: number; uniform?: boolean } = {},
): { x: number[]; t: number[] } {
  const rng = new Random(seed);
  const noise = options.noise ?? 0.3;
  const x = Array.from({ length: n }, (_, i) =>
    options.uniform ? rng.uniform() : n === 1 ? 0 : i / (n - 1),
  );
  const t = x.map((v) => Math.sin(2 * Math.PI * v) + rng.normal(0, noise));
  return { x, t };
}

/** Two Gaussian clouds in 2-D with labels 0/1. */
export function twoClouds(
  n: number,
  seed: number,
  offset = 1.5,
  spread = 1,
): { x: number[][]; t: number[] } {
  const rng = new Random(seed);
  const x: number[][] = [];
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    x.push([
      rng.normal(c ? offset : -offset, spread),
      rng.normal(c ? 0.5 * offset : -0.5 * offset, spread),
    ]);
    t.push(c);
  }
  return { x, t };
}

/** K isotropic Gaussian blobs in 2-D with the given centres. */
export function blobs(
  centers: readonly (readonly [number, number])[],
  perClass: number,
  seed: number,
  std = 1,
): { x: number[][]; y: number[] } {
  const rng = new Random(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < perClass; i++) {
    centers.forEach(([cx, cy], k) => {
      x.push([rng.normal(cx, std), rng.normal(cy, std)]);
      y.push(k);
    });
  }
  return { x, y };
}

/** Solves a small dense system by Gaussian elimination with partial pivoting (test-only reference). */
export function gaussSolve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= M[r]![k]! * x[k]!;
    x[r] = s / M[r]![r]!;
  }
  return x;
}

/** Stable −log σ(z). */
export function negLogSigmoid(z: number): number {
  return z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
}

export function sigma(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
