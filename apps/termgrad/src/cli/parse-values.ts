import { InvalidArgumentError } from 'commander';

/** A commander value parser for a finite number within [min, max]. */
export function numberIn(
  min: number,
  max: number,
  opts: { integer?: boolean; exclusiveMin?: boolean } = {},
) {
  return (raw: string): number => {
    const value = Number(raw);
    const kind = opts.integer === true ? 'an integer' : 'a number';
    const low = opts.exclusiveMin === true ? `> ${min}` : `>= ${min}`;
    if (
      raw.trim() === '' ||
      !Number.isFinite(value) ||
      (opts.integer === true && !Number.isInteger(value))
    ) {
      throw new InvalidArgumentError(`expected ${kind} ${low} and <= ${max}, got "${raw}"`);
    }
    if ((opts.exclusiveMin === true ? value <= min : value < min) || value > max) {
      throw new InvalidArgumentError(`expected ${kind} ${low} and <= ${max}, got ${raw}`);
    }
    return value;
  };
}

/** Parses ln λ: a number, or `-inf`/`none`/`off` for λ = 0 (returned as null). */
export function parseLnLambda(raw: string): number | null {
  const s = raw.trim().toLowerCase();
  if (s === '-inf' || s === '-infinity' || s === 'none' || s === 'off') return null;
  const value = Number(s);
  if (s === '' || !Number.isFinite(value) || value < -100 || value > 20) {
    throw new InvalidArgumentError(`expected a number in [-100, 20] or -inf (λ = 0), got "${raw}"`);
  }
  return value;
}

/** Parses hidden layer sizes `8,8` (or `''`/`none`/`0` for no hidden layer). */
export function parseLayers(maxLayers: number, maxNeurons: number) {
  return (raw: string): number[] => {
    const s = raw.trim().toLowerCase();
    if (s === '' || s === 'none' || s === '0' || s === '[]') return [];
    const parts = s
      .replace(/^\[|\]$/g, '')
      .split(/[,\s]+/)
      .filter((p) => p !== '');
    const sizes = parts.map(Number);
    if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > maxNeurons)) {
      throw new InvalidArgumentError(
        `expected comma-separated neuron counts in 1..${maxNeurons} (e.g. 4,2 or none), got "${raw}"`,
      );
    }
    if (sizes.length > maxLayers) {
      throw new InvalidArgumentError(
        `expected at most ${maxLayers} hidden layers, got ${sizes.length}`,
      );
    }
    return sizes;
  };
}

/** Parses a comma-separated subset of `allowed`. */
export function parseList<T extends string>(allowed: readonly T[]) {
  return (raw: string): T[] => {
    const parts = raw
      .split(/[,\s]+/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    const bad = parts.filter((p) => !(allowed as readonly string[]).includes(p));
    if (parts.length === 0 || bad.length > 0) {
      throw new InvalidArgumentError(
        `expected a comma-separated list of ${allowed.join(', ')}, got "${raw}"`,
      );
    }
    return allowed.filter((a) => parts.includes(a));
  };
}

/** Parses a training speed: a positive number of epochs per second (at most 10 000), or `max` (Infinity). */
export function parseSpeed(raw: string): number {
  const s = raw.trim().toLowerCase();
  if (s === 'max' || s === 'inf' || s === 'infinity') return Infinity;
  const value = Number(s);
  if (s === '' || !Number.isFinite(value) || value <= 0 || value > 10_000) {
    throw new InvalidArgumentError(
      `expected epochs per second > 0 and <= 10000 (e.g. 1, 3, 10, 30, 100, 300) or max, got "${raw}"`,
    );
  }
  return value;
}
