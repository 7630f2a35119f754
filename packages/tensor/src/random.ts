import { TensorError } from './errors.js';

/** A serialisable snapshot of a {@link Random} generator: its four 32-bit state words. */
export interface RandomState {
  readonly algorithm: 'xoshiro128**';
  readonly s: readonly [number, number, number, number];
  /** A cached second Box–Muller deviate, or null. */
  readonly spare: number | null;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
// xoshiro128 jump polynomial: advances the state by 2^64 steps (Blackman & Vigna, xoshiro128starstar.c).
const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b] as const;

/** SplitMix32-style mixer used only to expand a user seed into 128 bits of state. */
function splitmix32(seed: number): () => number {
  let z = seed >>> 0;
  return () => {
    z = (z + 0x9e3779b9) >>> 0;
    let t = z;
    t = Math.imul(t ^ (t >>> 16), 0x85ebca6b) >>> 0;
    t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35) >>> 0;
    return (t ^ (t >>> 16)) >>> 0;
  };
}

/**
 * A seeded pseudo-random generator: **xoshiro128\*\*** (Blackman & Vigna, 2018), 128 bits of
 * state, period 2^128 − 1, seeded through a SplitMix32 expansion of a 32-bit seed.
 *
 * Same seed, same sequence, on every platform. `split()` returns an independent stream that
 * starts 2^64 draws away (the generator's jump function), so streams never overlap in practice.
 * Normal deviates use the Box–Muller transform (the second deviate is cached).
 *
 * @example
 * ```ts
 * const rng = new Random(42);
 * rng.uniform();          // a number in [0, 1)
 * rng.normal(0, 1);       // a standard normal deviate
 * rng.permutation(5);     // e.g. Int32Array [3, 0, 4, 1, 2]
 * ```
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  /**
   * @param seed an integer seed (default 0); any finite number is accepted and reduced to 32 bits.
   * @throws {TensorError} when the seed is not a finite number.
   */
  constructor(seed = 0) {
    if (typeof seed !== 'number' || !Number.isFinite(seed)) {
      throw new TensorError('Random', `seed must be a finite number, got ${String(seed)}`);
    }
    // Fold the high bits of large integer seeds in, so 2**32 + 1 and 1 differ.
    const folded = (Math.trunc(seed) ^ Math.trunc(seed / TWO_POW_32)) >>> 0;
    const sm = splitmix32(folded);
    this.s0 = sm();
    this.s1 = sm();
    this.s2 = sm();
    this.s3 = sm();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /**
   * Restores a generator from {@link Random.state}.
   * @throws {TensorError} when the state is not 4 unsigned 32-bit words, is all zero (a fixed point of
   * xoshiro128**: it would return 0 forever), or `spare` is neither null nor a finite number.
   */
  static fromState(state: RandomState): Random {
    if (state?.algorithm !== 'xoshiro128**' || !Array.isArray(state.s) || state.s.length !== 4) {
      throw new TensorError(
        'Random.fromState',
        `expected an xoshiro128** state with 4 words, got ${JSON.stringify(state)}`,
      );
    }
    if (!state.s.every((v) => Number.isInteger(v) && v >= 0 && v < TWO_POW_32)) {
      throw new TensorError(
        'Random.fromState',
        `state words must be integers in [0, 2^32), got ${JSON.stringify(state.s)}`,
      );
    }
    if (!state.s.some((v) => v !== 0)) {
      throw new TensorError(
        'Random.fromState',
        'state is all zero, a fixed point of xoshiro128** (it would return 0 forever); expected at least one non-zero word',
      );
    }
    if (state.spare !== null && state.spare !== undefined && !Number.isFinite(state.spare)) {
      throw new TensorError(
        'Random.fromState',
        `spare must be null or a finite number, got ${String(state.spare)}`,
      );
    }
    const r = new Random(0);
    [r.s0, r.s1, r.s2, r.s3] = state.s.map((v) => v >>> 0) as [number, number, number, number];
    r.spare = state.spare ?? null;
    return r;
  }

  /** The current state, JSON-serialisable; `Random.fromState(rng.state())` continues the same sequence. */
  state(): RandomState {
    // The XOR updates leave signed int32 values; report them as unsigned words (as the C reference prints them).
    return {
      algorithm: 'xoshiro128**',
      s: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0],
      spare: this.spare,
    };
  }

  /** A copy that continues exactly the same sequence. */
  clone(): Random {
    return Random.fromState(this.state());
  }

  /** The next raw 32-bit output as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /**
   * A uniform double in [low, high). Defaults: low 0, high 1.
   * @throws {TensorError} when low or high is not finite (a NaN bound would silently give NaN).
   */
  uniform(low = 0, high = 1): number {
    // `x - x === 0` holds exactly for finite numbers: one cheap check per draw.
    if (low - low !== 0 || high - high !== 0) {
      throw new TensorError(
        'Random.uniform',
        `low and high must be finite numbers, got ${low} and ${high}`,
      );
    }
    return low + (high - low) * this.random();
  }

  /**
   * A normal deviate N(mean, std²) by the Box–Muller transform. Defaults: mean 0, std 1.
   * @throws {TensorError} when std is negative or not finite, or mean is not finite.
   */
  normal(mean = 0, std = 1): number {
    if (!(std >= 0) || !Number.isFinite(std)) {
      throw new TensorError('Random.normal', `std must be a finite number >= 0, got ${std}`);
    }
    if (mean - mean !== 0)
      throw new TensorError('Random.normal', `mean must be a finite number, got ${mean}`);
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + std * z;
    }
    // 1 - random() lies in (0, 1], so the log is finite.
    const u1 = 1 - this.random();
    const u2 = this.random();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * Math.sin(theta);
    return mean + std * r * Math.cos(theta);
  }

  /**
   * A uniform integer in [low, high) without modulo bias (rejection sampling).
   * @throws {TensorError} when the range is empty or the bounds are not safe integers.
   */
  int(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || high <= low) {
      throw new TensorError('Random.int', `expected integers low < high, got ${low} and ${high}`);
    }
    const range = high - low;
    if (range <= TWO_POW_32) {
      // Lemire-style rejection: accept values below the largest multiple of range.
      const limit = TWO_POW_32 - (TWO_POW_32 % range);
      let x = this.nextUint32();
      while (x >= limit) x = this.nextUint32();
      return low + (x % range);
    }
    return low + Math.floor(this.random() * range);
  }

  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new TensorError('Random.permutation', `n must be a non-negative integer, got ${n}`);
    }
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /**
   * `k` indices drawn from 0..n-1, without replacement by default.
   * @param options.replace draw with replacement (default false).
   * @throws {TensorError} when k > n without replacement, or n, k are not non-negative integers.
   */
  choice(n: number, k: number, options: { replace?: boolean } = {}): Int32Array {
    if (!Number.isSafeInteger(n) || n < 0 || !Number.isSafeInteger(k) || k < 0) {
      throw new TensorError(
        'Random.choice',
        `n and k must be non-negative integers, got ${n} and ${k}`,
      );
    }
    const out = new Int32Array(k);
    if (options.replace) {
      if (n === 0 && k > 0)
        throw new TensorError('Random.choice', 'cannot draw from an empty population');
      for (let i = 0; i < k; i++) out[i] = this.int(0, n);
      return out;
    }
    if (k > n) {
      throw new TensorError(
        'Random.choice',
        `cannot draw ${k} without replacement from ${n}; expected k <= n`,
      );
    }
    // Partial Fisher–Yates over a lazily materialised index map: O(k) memory.
    const swapped = new Map<number, number>();
    for (let i = 0; i < k; i++) {
      const j = this.int(i, n);
      const vi = swapped.get(i) ?? i;
      const vj = swapped.get(j) ?? j;
      out[i] = vj;
      swapped.set(j, vi);
    }
    return out;
  }

  /**
   * An independent stream: returns a generator at the current state and then jumps this one
   * 2^64 draws ahead, so the two sequences never overlap for any practical length.
   */
  split(): Random {
    const child = this.clone();
    child.spare = null;
    this.jump();
    return child;
  }

  /** Advances the state by 2^64 draws (the xoshiro128 jump polynomial). */
  jump(): void {
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          t0 ^= this.s0;
          t1 ^= this.s1;
          t2 ^= this.s2;
          t3 ^= this.s3;
        }
        this.nextUint32();
      }
    }
    this.s0 = t0 >>> 0;
    this.s1 = t1 >>> 0;
    this.s2 = t2 >>> 0;
    this.s3 = t3 >>> 0;
    this.spare = null;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
