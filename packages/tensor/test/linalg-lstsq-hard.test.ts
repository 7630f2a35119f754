// Hard inputs for lstsq and the Householder QR under it (issue 14): every robustness path —
// column scaling, pivot order, norm downdating, the reflector's sign, the rank cut-off and the
// complete orthogonal decomposition — has a test here that fails when that path is removed.
// Expected values come from closed forms (hand-derived below), never from the code's own output.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lstsq, qr, Random, TensorError, tensor } from '../src/index.js';
import { householderQR } from '../src/linalg/householder.js';
import { flat } from './helpers.js';

/** Row-major matrix-vector product on nested arrays (reference). */
function mulVec(a: number[][], x: number[]): number[] {
  return a.map((row) => row.reduce((s, v, j) => s + v * (x[j] as number), 0));
}

function maxAbsDiff(a: number[], b: number[]): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

/** Column-major copy of nested rows. */
function colMajor(rows: number[][]): Float64Array {
  const m = rows.length;
  const n = rows[0]?.length ?? 0;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = rows[i]?.[j] as number;
  return out;
}

describe('lstsq: column scaling', () => {
  it('dependent columns of unequal norm give the minimum-norm solution in scaled variables', () => {
    // Columns u and 2u, u = (1,2,3). Scaled, both are û = u/√14 and z₀ + z₁ = û·b = √14 with
    // ‖z‖ minimal, so z₀ = z₁ = √14/2 and x = (z₀/√14, z₁/(2√14)) = (0.5, 0.25). Without column
    // scaling the minimum-norm x would be (0.2, 0.4).
    const r = lstsq(
      tensor([
        [1, 2],
        [2, 4],
        [3, 6],
      ]),
      tensor([1, 2, 3]),
    );
    // O(1) values from a 3×2 QR: a few ulps each, far inside 1e-14.
    expect(Math.abs(r.x.get(0) - 0.5)).toBeLessThan(1e-14);
    expect(Math.abs(r.x.get(1) - 0.25)).toBeLessThan(1e-14);
    expect(r.rank).toBe(1);
    expect(r.rankDeficient).toBe(true);
    expect(r.residual).toBeLessThan(1e-28); // b lies in the column space: residual is rounding noise squared
  });

  it('columns with norms 1e10 and 1e-10 keep full rank and relative accuracy', () => {
    // A = B·diag(1e10, 1e-10), B = [[1,1],[1,−1],[1,0]] (orthogonal columns). b = B·(3, −2) = (1, 5, 3)
    // so x = (3e-10, −2e10) exactly. Unscaled, |R₁₁|/|R₀₀| ≈ 1e-20 < rcond and rank would be 1.
    const a = [
      [1e10, 1e-10],
      [1e10, -1e-10],
      [1e10, 0],
    ];
    const r = lstsq(tensor(a), tensor([1, 5, 3]));
    expect(r.rank).toBe(2);
    expect(r.rankDeficient).toBe(false);
    // Scaled B has condition 1.22: relative error a few ulps, inside 1e-14.
    expect(Math.abs(r.x.get(0) / 3e-10 - 1)).toBeLessThan(1e-14);
    expect(Math.abs(r.x.get(1) / -2e10 - 1)).toBeLessThan(1e-14);
  });

  it('a zero column gets coefficient 0 and does not poison the others', () => {
    // Column 1 is zero (its scale falls back to 1): x = (b·u/‖u‖², 0) with u = (1, 1, 1), b = (1, 2, 6) → 3.
    const r = lstsq(
      tensor([
        [1, 0],
        [1, 0],
        [1, 0],
      ]),
      tensor([1, 2, 6]),
    );
    expect(r.x.get(0)).toBeCloseTo(3, 14); // O(1) value from a 3×2 QR: ulps
    expect(r.x.get(1)).toBe(0);
    expect(r.rank).toBe(1);
    // Residual Σ(bᵢ − 3)² = 4 + 1 + 9 = 14; summed from O(1) squares, relative error ~1e-15.
    expect(r.residual).toBeCloseTo(14, 12);
  });

  it('an all-zero matrix gives x = 0, rank 0 and residual ‖b‖²', () => {
    const r = lstsq(
      tensor([
        [0, 0],
        [0, 0],
      ]),
      tensor([3, 4]),
    );
    expect(flat(r.x)).toEqual([0, 0]);
    expect(r.rank).toBe(0);
    expect(r.residual).toBe(25);
  });
});

describe('lstsq: complete orthogonal decomposition (rank < n)', () => {
  it('three parallel columns of norms 1, 2, 3 plus an orthogonal one: closed form', () => {
    // Columns u, 2u, v, 3u with u = (1,1,0,0), v = (0,0,1,2). In scaled variables the u-group is one
    // direction û = u/√2 shared by 3 columns: z = (û·b)/3 each (minimum norm), x_j = z/s_j with
    // s = (√2, 2√2, 3√2). The v column is orthogonal: x₂ = v·b/‖v‖².
    // b = (1, 3, 2, −1): û·b = 4/√2, so x₀ = 4/(3·2) = 2/3, x₁ = 1/3, x₃ = 2/9; x₂ = (2 − 2)/5 = 0.
    // Add a v-part: b = (1, 3, 2, 4) → v·b = 10 → x₂ = 2.
    const a = [
      [1, 2, 0, 3],
      [1, 2, 0, 3],
      [0, 0, 1, 0],
      [0, 0, 2, 0],
    ];
    const r = lstsq(tensor(a), tensor([1, 3, 2, 4]));
    expect(r.rank).toBe(2);
    const want = [2 / 3, 1 / 3, 2, 2 / 9];
    // O(1) solution of a 4×4 problem with exact zeros: rounding ~1e-16, well inside 1e-14.
    expect(maxAbsDiff(flat(r.x), want)).toBeLessThan(1e-14);
    // Residual: (1−2)² + (3−2)² = 2 (the u-part mean is 2).
    expect(Math.abs(r.residual - 2)).toBeLessThan(1e-13);
  });

  it('a wide full-row-rank system: exact fit, and the scaled solution lies in the row space', () => {
    // A is 2×3 with rank 2: Ax = b exactly; minimum norm in z = D x means z ⟂ null(A D⁻¹),
    // where null(B) is spanned by the cross product of B's two rows.
    const a = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const b = [1, -1];
    const r = lstsq(tensor(a), tensor(b));
    expect(r.rank).toBe(2);
    const x = flat(r.x);
    expect(maxAbsDiff(mulVec(a, x), b)).toBeLessThan(1e-13); // exact fit up to rounding of O(10) sums
    const s = [Math.hypot(1, 4), Math.hypot(2, 5), Math.hypot(3, 6)];
    const b0 = a[0]!.map((v, j) => v / s[j]!);
    const b1 = a[1]!.map((v, j) => v / s[j]!);
    const nullv = [
      b0[1]! * b1[2]! - b0[2]! * b1[1]!,
      b0[2]! * b1[0]! - b0[0]! * b1[2]!,
      b0[0]! * b1[1]! - b0[1]! * b1[0]!,
    ];
    const z = x.map((v, j) => v * s[j]!);
    expect(Math.abs(z.reduce((acc, v, j) => acc + v * nullv[j]!, 0))).toBeLessThan(1e-13); // O(10) entries: ~1e-15 rounding
  });

  it('a 2×4 system stops counting rank at min(m, n) = 2 and fits exactly', () => {
    // Past k = min(m, n) the packed array holds entries of other columns, not a diagonal of R.
    const a = [
      [1, 2, 3, 4],
      [5, 6, 7, 9],
    ];
    const r = lstsq(tensor(a), tensor([1, 2]));
    expect(r.rank).toBe(2);
    expect(r.rankDeficient).toBe(true);
    expect(maxAbsDiff(mulVec(a, flat(r.x)), [1, 2])).toBeLessThan(1e-13); // O(10) sums: ~1e-15 rounding
    // Minimum norm in scaled variables z = D x: z lies in the row space of B = A D⁻¹, i.e.
    // z = Bᵀw with w = (BBᵀ)⁻¹Bz (2×2 inverse in closed form).
    const s = [0, 1, 2, 3].map((j) => Math.hypot(a[0]![j]!, a[1]![j]!));
    const B = a.map((row) => row.map((v, j) => v / s[j]!));
    const z = flat(r.x).map((v, j) => v * s[j]!);
    const dot = (u: number[], v: number[]): number => u.reduce((acc, ui, i) => acc + ui * v[i]!, 0);
    const [g00, g01, g11] = [dot(B[0]!, B[0]!), dot(B[0]!, B[1]!), dot(B[1]!, B[1]!)];
    const [c0, c1] = [dot(B[0]!, z), dot(B[1]!, z)];
    const det = g00 * g11 - g01 * g01;
    const w0 = (g11 * c0 - g01 * c1) / det;
    const w1 = (g00 * c1 - g01 * c0) / det;
    const proj = [0, 1, 2, 3].map((j) => w0 * B[0]![j]! + w1 * B[1]![j]!);
    // cond(BBᵀ) ≈ 1e3 for these nearly parallel rows: projection error ≲ 1e3·ε·‖z‖; 1e-11 absolute.
    expect(maxAbsDiff(proj, z)).toBeLessThan(1e-11);
  });

  it('a row of R12 that is already zero is skipped, and the rest still solved', () => {
    // Columns e₀, e₁, e₁ (2×3): x₀ = b₀, and x₁ = x₂ = b₁/2 (minimum norm, equal norms).
    const r = lstsq(
      tensor([
        [1, 0, 0],
        [0, 1, 1],
      ]),
      tensor([3, 4]),
    );
    expect(r.rank).toBe(2);
    expect(maxAbsDiff(flat(r.x), [3, 2, 2])).toBeLessThan(1e-15); // exact data, ulps
  });

  it('rank-deficient multi-column right-hand side solves each column as its own vector problem', () => {
    const a = [
      [1, 2],
      [2, 4],
      [3, 6],
    ];
    const r = lstsq(
      tensor(a),
      tensor([
        [1, 0],
        [2, 1],
        [3, 0],
      ]),
    );
    // Column 0 is the first test's (0.5, 0.25). Column 1: û·b = 2/√14, z = 1/√14 each,
    // x = (1/14, 1/28). Residual of column 1: ‖b − u(u·b)/14‖² = 1 − 4/14 = 5/7.
    expect(maxAbsDiff(flat(r.x), [0.5, 1 / 14, 0.25, 1 / 28])).toBeLessThan(1e-14); // O(1) ulps
    expect(Math.abs(r.residual - 5 / 7)).toBeLessThan(1e-14);
  });
});

describe('lstsq: residual and rcond', () => {
  it('residual sums ‖A x − b‖² over every column of a matrix right-hand side', () => {
    // A = ones(3,1): x is each column's mean. Column (0,0,1): mean 1/3, residual 1/9+1/9+4/9 = 2/3.
    // Column (0,1,2): mean 1, residual 1 + 0 + 1 = 2. Total 8/3.
    const r = lstsq(
      tensor([[1], [1], [1]]),
      tensor([
        [0, 0],
        [0, 1],
        [1, 2],
      ]),
    );
    expect(r.x.shape).toEqual([1, 2]);
    expect(r.x.get(0, 0)).toBeCloseTo(1 / 3, 15);
    expect(r.x.get(0, 1)).toBeCloseTo(1, 15);
    expect(Math.abs(r.residual - 8 / 3)).toBeLessThan(1e-14); // O(1) sum of six squares: ulps
  });

  it('rcond decides the rank: R₁₁/R₀₀ ≈ 0.0995 is cut at 0.5 but not at 0.05', () => {
    // Scaled columns (1,0) and (1,0.1)/‖·‖: R = [[1, 0.995],[0, 0.0995]] up to signs.
    const a = tensor([
      [1, 1],
      [0, 0.1],
    ]);
    expect(lstsq(a, tensor([1, 1]), { rcond: 0.5 }).rank).toBe(1);
    expect(lstsq(a, tensor([1, 1]), { rcond: 0.05 }).rank).toBe(2);
    expect(lstsq(a, tensor([1, 1]), { rcond: 0.0995 }).rank).toBe(2);
    expect(lstsq(a, tensor([1, 1]), { rcond: 0.0996 }).rank).toBe(1);
    // Exact solve at full rank: x₀ + x₁ = 1, 0.1·x₁ = 1 → x = (−9, 10).
    expect(maxAbsDiff(flat(lstsq(a, tensor([1, 1])).x), [-9, 10])).toBeLessThan(1e-13); // cond ≈ 20: ~20·ε·10
  });

  it('rcond = 0 still counts an exactly zero pivot as rank-deficient', () => {
    // Identical columns e₀: no reflection is needed, R₁₁ is exactly 0, and 0 > 0·R₀₀ is false.
    const r = lstsq(
      tensor([
        [1, 1],
        [0, 0],
      ]),
      tensor([2, 0]),
      { rcond: 0 },
    );
    expect(r.rank).toBe(1);
    expect(maxAbsDiff(flat(r.x), [1, 1])).toBeLessThan(1e-15); // minimum norm split of 2 = x₀ + x₁
  });

  it('the default rcond is max(m, n)·ε, not ε: a 9e-16 relative pivot is cut for a 10-row matrix', () => {
    // Column 1 = column 0 + 3e-15·e₀. After scaling, |R₁₁|/|R₀₀| = 3e-15·√(9/10)/√10 ≈ 9e-16: below
    // 10·ε = 2.2e-15 (rank 1 by default) but above ε = 2.2e-16 (rank 2 with rcond = ε).
    const rows = Array.from({ length: 10 }, (_, i) => [1, i === 0 ? 1 + 3e-15 : 1]);
    const b = tensor(Array.from({ length: 10 }, () => 1));
    expect(lstsq(tensor(rows), b).rank).toBe(1);
    expect(lstsq(tensor(rows), b, { rcond: 2.220446049250313e-16 }).rank).toBe(2);
  });

  it('rejects a bad rcond', () => {
    for (const rcond of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => lstsq(tensor([[1]]), tensor([1]), { rcond })).toThrow(TensorError);
      expect(() => lstsq(tensor([[1]]), tensor([1]), { rcond })).toThrow(/rcond/);
    }
  });
});

describe('Householder QR: reflector sign, pivot order, norm downdating', () => {
  it('a nearly triangular column keeps full accuracy (reflector sign avoids cancellation)', () => {
    // [[1,0],[1e-9,1]] x = (1, 1): x₀ = 1, x₁ = 1 − 1e-9 exactly (to double rounding).
    const r = lstsq(
      tensor([
        [1, 0],
        [1e-9, 1],
      ]),
      tensor([1, 1]),
    );
    expect(Math.abs(r.x.get(0) - 1)).toBeLessThan(1e-15); // backward-stable solve of a cond≈1 system: ulps
    expect(Math.abs(r.x.get(1) - 0.999999999)).toBeLessThan(1e-15);
    // Through qr() too: Q stays orthogonal and QR = A to machine precision.
    const { q, r: R } = qr(
      tensor([
        [1, 0],
        [1e-9, 1],
      ]),
    );
    const Q = [
      [q.get(0, 0), q.get(0, 1)],
      [q.get(1, 0), q.get(1, 1)],
    ];
    const QtQ01 = Q[0]![0]! * Q[0]![1]! + Q[1]![0]! * Q[1]![1]!;
    expect(Math.abs(QtQ01)).toBeLessThan(1e-15); // orthogonality: a sum of two O(1) products, ulps
    expect(Math.abs(Q[1]![0]! * R.get(0, 0) - 1e-9)).toBeLessThan(1e-24); // the tiny entry is reproduced to relative ulps
  });

  it('a zero column (x₀ = 0, empty tail) is skipped without NaN', () => {
    const { q, r } = qr(
      tensor([
        [0, 1],
        [0, 1],
      ]),
    );
    for (const v of [...flat(q), ...flat(r)]) expect(Number.isFinite(v)).toBe(true);
    // R = [[0, ·],[0, ·]] with QR = A: check the product.
    const prod = [0, 1].map((i) =>
      [0, 1].map((j) => q.get(i, 0) * r.get(0, j) + q.get(i, 1) * r.get(1, j)),
    );
    expect(maxAbsDiff(prod.flat(), [0, 1, 0, 1])).toBeLessThan(1e-15);
  });

  it('pivots by the downdated column norm, not the original one', () => {
    // c₀ = (10,0,0), c₁ = (9,1,0), c₂ = (0,0,5). Norms 10, 9.06, 5: c₀ first. After removing the
    // e₀ direction c₁ has norm 1 and c₂ norm 5, so c₂ comes second: perm = [0, 2, 1], |diag R| = 10, 5, 1.
    const rows = [
      [10, 9, 0],
      [0, 1, 0],
      [0, 0, 5],
    ];
    const f = householderQR(colMajor(rows), 3, 3, true);
    expect(Array.from(f.perm)).toEqual([0, 2, 1]);
    const diag = [0, 1, 2].map((j) => Math.abs(f.qr[j * 3 + j] as number));
    expect(maxAbsDiff(diag, [10, 5, 1])).toBeLessThan(1e-14); // O(10) entries, ulps
  });

  it('picks the largest-norm column first and keeps the first of equal norms', () => {
    const f = householderQR(
      colMajor([
        [1, 0, 0],
        [0, 3, 0],
        [0, 0, 2],
      ]),
      3,
      3,
      true,
    );
    expect(Array.from(f.perm)).toEqual([1, 2, 0]);
    const g = householderQR(
      colMajor([
        [1, 0],
        [0, 1],
      ]),
      2,
      2,
      true,
    );
    expect(Array.from(g.perm)).toEqual([0, 1]);
    const h = householderQR(
      colMajor([
        [1, 0, 0],
        [0, 3, 0],
        [0, 0, 2],
      ]),
      3,
      3,
      false,
    );
    expect(Array.from(h.perm)).toEqual([0, 1, 2]);
  });

  it('recomputes a downdated norm lost to cancellation (LAPACK safeguard)', () => {
    // c₀ = (1,0,0), c₁ = (1,1e-9,0), c₂ = (0,0,1e-10). After step 0, 1 − (|r₀₁|/‖c₁‖)² rounds to 0,
    // so the downdate alone says ‖c₁'‖ = 0 although it is 1e-9 > 1e-10 = ‖c₂‖. The safeguard
    // recomputes it: perm = [0, 1, 2] and |R₁₁| = 1e-9, |R₂₂| = 1e-10.
    const rows = [
      [1, 1, 0],
      [0, 1e-9, 0],
      [0, 0, 1e-10],
    ];
    const f = householderQR(colMajor(rows), 3, 3, true);
    expect(Array.from(f.perm)).toEqual([0, 1, 2]);
    expect(Math.abs(Math.abs(f.qr[4] as number) / 1e-9 - 1)).toBeLessThan(1e-12); // relative: ulps
    expect(Math.abs(Math.abs(f.qr[8] as number) / 1e-10 - 1)).toBeLessThan(1e-12);
  });

  it('downdates a column norm correctly when no recomputation is needed', () => {
    // c₀ = (3,0,0,0), c₁ = (2,2,0,0), c₂ = (0,0,2.5,0): norms 3, 2.83, 2.5 → c₀ first; then c₁'s
    // residual norm is 2 (downdated: 2.83·√(1 − (2/2.83)²) = 2) < 2.5 → c₂ second; perm [0, 2, 1].
    const rows = [
      [3, 2, 0],
      [0, 2, 0],
      [0, 0, 2.5],
      [0, 0, 0],
    ];
    const f = householderQR(colMajor(rows), 4, 3, true);
    expect(Array.from(f.perm)).toEqual([0, 2, 1]);
    expect(Math.abs(Math.abs(f.qr[2 * 4 + 2] as number) - 2)).toBeLessThan(1e-14);
  });
});

describe('lstsq: invariances (fast-check, seeded)', () => {
  /** A seeded m×n matrix with entries in [−1, 1) and m ≥ n + 2 (well conditioned with high probability). */
  const shapes = fc.record({
    n: fc.integer({ min: 1, max: 5 }),
    extra: fc.integer({ min: 2, max: 6 }),
    seed: fc.integer(),
  });

  it('permuting the rows leaves x, rank and the residual unchanged', () => {
    fc.assert(
      fc.property(shapes, fc.integer(), ({ n, extra, seed }, permSeed) => {
        const rng = new Random(seed);
        const m = n + extra;
        const a = Array.from({ length: m }, () =>
          Array.from({ length: n }, () => rng.uniform(-1, 1)),
        );
        const b = Array.from({ length: m }, () => rng.uniform(-1, 1));
        const order = Array.from({ length: m }, (_, i) => i);
        const pr = new Random(permSeed);
        for (let i = m - 1; i > 0; i--) {
          const j = Math.floor(pr.uniform(0, 1) * (i + 1));
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        const r1 = lstsq(tensor(a), tensor(b));
        const r2 = lstsq(tensor(order.map((i) => a[i]!)), tensor(order.map((i) => b[i]!)));
        expect(r2.rank).toBe(r1.rank);
        // Both solutions are backward stable; the difference is ~ε·κ(A)·‖x‖ with κ ≲ 1e4 for these
        // sizes with overwhelming probability, so 1e-9 relative leaves a wide margin.
        const x1 = flat(r1.x);
        const scale = 1 + Math.max(...x1.map(Math.abs));
        expect(maxAbsDiff(flat(r2.x), x1)).toBeLessThan(1e-9 * scale);
        expect(Math.abs(r2.residual - r1.residual)).toBeLessThan(1e-9 * (1 + r1.residual));
      }),
      { seed: 14, numRuns: 80 },
    );
  });

  it('adding a linearly dependent column leaves the fitted values unchanged and marks rank deficiency', () => {
    fc.assert(
      fc.property(
        shapes,
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        ({ n, extra, seed }, alpha, beta) => {
          fc.pre(Math.abs(alpha) + Math.abs(beta) > 1e-3);
          const rng = new Random(seed);
          const m = n + extra;
          const a = Array.from({ length: m }, () =>
            Array.from({ length: n }, () => rng.uniform(-1, 1)),
          );
          const b = Array.from({ length: m }, () => rng.uniform(-1, 1));
          const i = 0;
          const j = n - 1;
          const wide = a.map((row) => [...row, alpha * row[i]! + beta * row[j]!]);
          const r1 = lstsq(tensor(a), tensor(b));
          const r2 = lstsq(tensor(wide), tensor(b));
          expect(r2.rank).toBe(r1.rank);
          expect(r2.rankDeficient).toBe(true);
          // Fitted values are the projection of b on the (unchanged) column space: error ~ε·κ·‖b‖.
          const f1 = mulVec(a, flat(r1.x));
          const f2 = mulVec(wide, flat(r2.x));
          expect(maxAbsDiff(f2, f1)).toBeLessThan(1e-9);
          expect(Math.abs(r2.residual - r1.residual)).toBeLessThan(1e-9);
        },
      ),
      { seed: 1414, numRuns: 80 },
    );
  });

  it('scaling a column by 10^k scales its coefficient by 10^-k (scaled problem is identical)', () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: -12, max: 12 }), ({ n, extra, seed }, k) => {
        const rng = new Random(seed);
        const m = n + extra;
        const a = Array.from({ length: m }, () =>
          Array.from({ length: n }, () => rng.uniform(-1, 1)),
        );
        const b = Array.from({ length: m }, () => rng.uniform(-1, 1));
        const f = 10 ** k;
        const r1 = lstsq(tensor(a), tensor(b));
        const r2 = lstsq(
          tensor(a.map((row) => row.map((v, c) => (c === 0 ? v * f : v)))),
          tensor(b),
        );
        expect(r2.rank).toBe(r1.rank);
        const x1 = flat(r1.x);
        const x2 = flat(r2.x);
        const scale = 1 + Math.max(...x1.map(Math.abs));
        // Column scaling makes both problems the same up to the rounding of the scaling itself.
        expect(Math.abs(x2[0]! * f - x1[0]!)).toBeLessThan(1e-9 * scale);
        expect(maxAbsDiff(x2.slice(1), x1.slice(1))).toBeLessThan(1e-9 * scale);
      }),
      { seed: 99, numRuns: 60 },
    );
  });
});
