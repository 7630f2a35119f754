import { type Random, type Tensor, tensor } from '../src/index.js';

/** Max |a - b| over two tensors of the same shape, read element by element through get(). */
export function maxDiff(a: Tensor, b: Tensor): number {
  if (a.shape.join(',') !== b.shape.join(',')) throw new Error(`shape ${a.shape} vs ${b.shape}`);
  const x = flat(a);
  const y = flat(b);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs((x[i] as number) - (y[i] as number)));
  return m;
}

/** Row-major elements via get() — independent of toTypedArray. */
export function flat(a: Tensor): number[] {
  const out: number[] = [];
  const idx = new Array<number>(a.ndim).fill(0);
  const n = a.size;
  for (let i = 0; i < n; i++) {
    out.push(a.get(...idx));
    for (let ax = a.ndim - 1; ax >= 0; ax--) {
      idx[ax] = (idx[ax] as number) + 1;
      if ((idx[ax] as number) < (a.shape[ax] as number)) break;
      idx[ax] = 0;
    }
  }
  return out;
}

/** Brute-force matrix product on nested arrays (reference implementation). */
export function naiveMatmul(a: number[][], b: number[][]): number[][] {
  const m = a.length;
  const k = b.length;
  const n = b[0]?.length ?? 0;
  const c: number[][] = [];
  for (let i = 0; i < m; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (a[i]?.[p] as number) * (b[p]?.[j] as number);
      row.push(s);
    }
    c.push(row);
  }
  return c;
}

/** A seeded random matrix with entries in [-1, 1). */
export function randomMatrix(rng: Random, m: number, n: number): number[][] {
  return Array.from({ length: m }, () => Array.from({ length: n }, () => rng.uniform(-1, 1)));
}

/** Tensor from nested rows. */
export function mat(rows: number[][]): Tensor {
  return tensor(rows);
}

/** Frobenius norm of a nested matrix. */
export function fro(a: number[][]): number {
  let s = 0;
  for (const r of a) for (const v of r) s += v * v;
  return Math.sqrt(s);
}
