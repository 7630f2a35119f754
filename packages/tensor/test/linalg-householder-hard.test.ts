// More hard inputs for the Householder QR under lstsq and qr (issue 14, mutation survivors): a zero
// column between non-zero ones (the downdating loop must skip it, not poison its norm with 0/0),
// a column whose leading entry is exactly 0 (the reflector's sign falls back to +), and columns that
// are already triangular (LAPACK's dlarfg convention: no reflection, H = I, τ = 0).
// Expected values are closed forms derived in the comments.
import { describe, expect, it } from 'vitest';
import { lstsq, qr, tensor } from '../src/index.js';
import { householderQR } from '../src/linalg/householder.js';
import { flat } from './helpers.js';

/** Column-major copy of nested rows. */
function colMajor(rows: number[][]): Float64Array {
  const m = rows.length;
  const n = rows[0]?.length ?? 0;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = rows[i]?.[j] as number;
  return out;
}

describe('Householder QR: a zero column between non-zero ones', () => {
  it('pivoting moves the zero column last: perm [0, 2, 1]', () => {
    // c₀ = (3, 0, 0), c₁ = 0, c₂ = (0, 1, 0): norms 3, 0, 1. After step 0 c₂ keeps norm 1 and c₁ norm 0.
    const f = householderQR(
      colMajor([
        [3, 0, 0],
        [0, 0, 1],
        [0, 0, 0],
      ]),
      3,
      3,
      true,
    );
    expect(Array.from(f.perm)).toEqual([0, 2, 1]);
    expect(Math.abs(f.qr[0] as number)).toBe(3); // exact: no arithmetic on an already triangular column
    expect(Math.abs(f.qr[4] as number)).toBe(1);
    expect(f.qr[8]).toBe(0);
  });

  it('lstsq keeps rank 2 and solves the orthogonal columns around a zero column', () => {
    // Columns u = (1,1,1), 0, v = (0,1,−1) with u ⟂ v: x₀ = u·b/3, x₁ = 0, x₂ = v·b/2.
    // b = (1, 2, 3): x = (2, 0, −1/2); fitted 2u − ½v = (2, 1.5, 2.5), residual 1 + 0.25 + 0.25 = 1.5.
    const r = lstsq(
      tensor([
        [1, 0, 0],
        [1, 0, 1],
        [1, 0, -1],
      ]),
      tensor([1, 2, 3]),
    );
    expect(r.rank).toBe(2);
    expect(r.rankDeficient).toBe(true);
    const x = flat(r.x);
    // O(1) values from a 3×3 QR: a few ulps, inside 1e-14.
    expect(Math.abs(x[0]! - 2)).toBeLessThan(1e-14);
    expect(x[1]).toBe(0);
    expect(Math.abs(x[2]! + 0.5)).toBeLessThan(1e-14);
    expect(Math.abs(r.residual - 1.5)).toBeLessThan(1e-14);
  });
});

describe('Householder QR: leading entry exactly 0', () => {
  it('qr of [[0, 1], [1, 0]] is finite and reproduces A (sign(0) falls back to +1)', () => {
    const { q, r } = qr(
      tensor([
        [0, 1],
        [1, 0],
      ]),
    );
    const Q = flat(q);
    const R = flat(r);
    for (const v of [...Q, ...R]) expect(Number.isFinite(v)).toBe(true);
    // A permutation matrix is orthogonal: R = diag(1, 1) up to the ±1 normalisation (diag R ≥ 0), Q = A.
    expect(R.map((v) => Math.abs(v))).toEqual([1, 0, 0, 1]);
    const prod = [0, 1].map((i) =>
      [0, 1].map((j) => q.get(i, 0) * r.get(0, j) + q.get(i, 1) * r.get(1, j)),
    );
    const want = [0, 1, 1, 0];
    prod.flat().forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-15)); // O(1) products: ulps
  });

  it('lstsq on the swap matrix returns the swapped right-hand side', () => {
    // [[0,1],[1,0]] x = (2, 3) → x = (3, 2) exactly (orthogonal columns of norm 1).
    const r = lstsq(
      tensor([
        [0, 1],
        [1, 0],
      ]),
      tensor([2, 3]),
    );
    expect(r.rank).toBe(2);
    const x = flat(r.x);
    expect(Math.abs(x[0]! - 3)).toBeLessThan(1e-15);
    expect(Math.abs(x[1]! - 2)).toBeLessThan(1e-15);
  });
});

describe('Householder QR: already triangular columns are not reflected (dlarfg: τ = 0, H = I)', () => {
  it('an upper-triangular tall matrix comes back unchanged with τ = 0, whatever the diagonal signs', () => {
    for (const rows of [
      [
        [2, 1],
        [0, 3],
        [0, 0],
      ],
      [
        [-2, 1],
        [0, -3],
        [0, 0],
      ],
    ]) {
      const a = colMajor(rows);
      const f = householderQR(Float64Array.from(a), 3, 2, false);
      expect(Array.from(f.tau)).toEqual([0, 0]);
      expect(Array.from(f.qr)).toEqual(Array.from(a));
    }
  });

  it('the last column of a square matrix has an empty tail: τ = 0 and R₁₁ keeps its sign', () => {
    // [[1, 2], [0, −5]]: column 0 is already triangular (τ₀ = 0), column 1's tail below row 1 is empty.
    const f = householderQR(
      colMajor([
        [1, 2],
        [0, -5],
      ]),
      2,
      2,
      false,
    );
    expect(Array.from(f.tau)).toEqual([0, 0]);
    expect(Array.from(f.qr)).toEqual([1, 0, 2, -5]);
  });
});
