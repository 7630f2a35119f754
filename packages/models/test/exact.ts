// Exact rational arithmetic on BigInt for independent reference values in tests (issue 14).

/** A reduced fraction p/q with q > 0. */
export class Frac {
  readonly p: bigint;
  readonly q: bigint;
  constructor(p: bigint, q: bigint = 1n) {
    if (q === 0n) throw new Error('Frac: zero denominator');
    if (q < 0n) {
      p = -p;
      q = -q;
    }
    const g = gcd(p < 0n ? -p : p, q);
    this.p = g === 0n ? 0n : p / g;
    this.q = g === 0n ? 1n : q / g;
  }
  /** The exact value of a finite double (every double is a dyadic rational). */
  static of(x: number): Frac {
    if (!Number.isFinite(x)) throw new Error(`Frac.of: ${x}`);
    if (Number.isInteger(x)) return new Frac(BigInt(x));
    let q = 1n;
    let v = x;
    while (!Number.isInteger(v)) {
      v *= 2;
      q *= 2n;
    }
    return new Frac(BigInt(v), q);
  }
  add(o: Frac): Frac {
    return new Frac(this.p * o.q + o.p * this.q, this.q * o.q);
  }
  sub(o: Frac): Frac {
    return new Frac(this.p * o.q - o.p * this.q, this.q * o.q);
  }
  mul(o: Frac): Frac {
    return new Frac(this.p * o.p, this.q * o.q);
  }
  div(o: Frac): Frac {
    return new Frac(this.p * o.q, this.q * o.p);
  }
  isZero(): boolean {
    return this.p === 0n;
  }
  /** Nearest double (correct to within one rounding: numerator and denominator are scaled first). */
  toNumber(): number {
    const neg = this.p < 0n;
    let p = neg ? -this.p : this.p;
    const q = this.q;
    // Scale so the integer quotient has ≥ 64 significant bits, then one division in floating point.
    let shift = 0;
    const bits = (v: bigint): number => v.toString(2).length;
    const want = bits(q) - bits(p) + 64;
    if (want > 0) {
      p <<= BigInt(want);
      shift = want;
    }
    const quot = p / q;
    const v = Number(quot) * 2 ** -shift;
    return neg ? -v : v;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Solves the square system A x = b exactly (Gauss–Jordan with any non-zero pivot). */
export function solveExact(A: Frac[][], b: Frac[]): Frac[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    const r = M.findIndex((row, i) => i >= c && !row[c]!.isZero());
    if (r < 0) throw new Error('solveExact: singular');
    [M[c], M[r]] = [M[r]!, M[c]!];
    const piv = M[c]![c]!;
    M[c] = M[c]!.map((v) => v.div(piv));
    for (let i = 0; i < n; i++) {
      if (i === c || M[i]![c]!.isZero()) continue;
      const f = M[i]![c]!;
      M[i] = M[i]!.map((v, k) => v.sub(f.mul(M[c]![k]!)));
    }
  }
  return M.map((row) => row[n]!);
}
