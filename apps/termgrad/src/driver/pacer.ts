/** Training speeds of the dashboard in epochs per second; Infinity is 'max'. */
export const SPEEDS: readonly number[] = [1, 3, 10, 30, 100, 300, Infinity];

/** Default speed: 30 epochs/s, close to the Playground's one epoch per animation frame. */
export const DEFAULT_SPEED = 30;

/** "30 ep/s" or "max". */
export function formatSpeed(speed: number): string {
  return Number.isFinite(speed) ? `${speed} ep/s` : 'max';
}

/** The next speed up (dir 1) or down (dir −1) on the {@link SPEEDS} ladder. */
export function stepSpeed(speed: number, dir: -1 | 1): number {
  if (dir > 0) return SPEEDS.find((v) => v > speed) ?? Infinity;
  const lower = SPEEDS.filter((v) => v < speed);
  return lower[lower.length - 1] ?? SPEEDS[0] ?? 1;
}

/**
 * Paces training at `speed` epochs per second with a token bucket: credit grows by speed × elapsed
 * seconds (capped at a quarter second's worth, at least one epoch, so a stalled event loop never
 * causes a burst), and each epoch run spends one. Infinity means unpaced. Time comes in as an
 * argument, so the pacer is deterministic in tests.
 * @example
 * const p = new Pacer(10, 0);
 * p.allowance(0);   // 1 (the first epoch is free)
 * p.take(1);
 * p.allowance(100); // 1 (100 ms at 10 epochs/s)
 */
export class Pacer {
  private credit = 1;
  private last: number;

  constructor(
    private speed: number,
    now: number,
  ) {
    this.last = now;
  }

  /** Changes the speed; credit already earned is kept (up to the new cap). */
  setSpeed(speed: number, now: number): void {
    this.refill(now);
    this.speed = speed;
    this.credit = Math.min(this.credit, this.cap());
  }

  /** Whole epochs that may run now (Infinity when unpaced). */
  allowance(now: number): number {
    if (!Number.isFinite(this.speed)) return Infinity;
    this.refill(now);
    // The epsilon absorbs rounding of many small increments (ten 0.1s must make a whole epoch).
    return Math.floor(this.credit + 1e-9);
  }

  /** Spends the credit of `epochs` epochs. */
  take(epochs: number): void {
    if (Number.isFinite(this.speed)) this.credit -= epochs;
  }

  /** Milliseconds until the next epoch is allowed (0 when one is allowed now or unpaced). */
  wait(now: number): number {
    if (!Number.isFinite(this.speed)) return 0;
    this.refill(now);
    return this.credit + 1e-9 >= 1 ? 0 : ((1 - this.credit) * 1000) / this.speed;
  }

  private cap(): number {
    return Math.max(1, this.speed / 4);
  }

  private refill(now: number): void {
    const dt = Math.max(0, now - this.last);
    this.last = now;
    this.credit = Math.min(this.cap(), this.credit + (dt * this.speed) / 1000);
  }
}
