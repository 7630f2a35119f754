// Shared helpers of the benchmark suites (classical, mlp, playground): CLI numbers, interleaved
// paired reps, medians, paired ratios and table printing. Not part of the package's API.

/** The number after `--name` in `args`, or `fallback` when the flag is absent. */
export function arg(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
}

/** Median of `xs` (mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median over reps of num[r] / den[r], both measured in the same rep r (paired ratio). */
export function pairedRatio(num: readonly number[], den: readonly number[]): number {
  return median(num.map((v, r) => v / den[r]!));
}

/** Runs `fn` once: wall time in ms and its value. */
export function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

/**
 * Interleaved paired reps in one process: one warm-up call of every case, then rep 1 of every case,
 * rep 2 of every case, ... Each case returns its own measurement (e.g. a rate).
 * @returns the measurements per case name, one per rep.
 */
export function interleave(
  cases: Record<string, () => number>,
  reps: number,
): Record<string, number[]> {
  const names = Object.keys(cases);
  const out: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (const name of names) cases[name]!(); // warm-up
  for (let r = 0; r < reps; r++) for (const name of names) out[name]!.push(cases[name]!());
  return out;
}

/** 3 significant digits; exponent form for very large or small magnitudes. */
export function formatNum(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-2) return v.toExponential(2);
  return v.toPrecision(3);
}

/**
 * Prints `rows` (the first is the header) as aligned columns; number cells go through
 * {@link formatNum}. `markdown`: `| a | b |`, every cell left-aligned. `plain`: cells joined by two
 * spaces, the first column left-aligned and the others aligned as `align` says.
 */
export function printTable(
  rows: readonly (readonly (string | number)[])[],
  options: { style?: 'markdown' | 'plain'; align?: 'left' | 'right' } = {},
): void {
  const { style = 'plain', align = 'left' } = options;
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNum(c) : c)));
  const widths = cells[0]!.map((_, j) => Math.max(...cells.map((r) => r[j]!.length)));
  for (const r of cells) {
    if (style === 'markdown')
      console.log('| ' + r.map((c, j) => c.padEnd(widths[j]!)).join(' | ') + ' |');
    else
      console.log(
        r
          .map((c, j) =>
            j === 0 || align === 'left' ? c.padEnd(widths[j]!) : c.padStart(widths[j]!),
          )
          .join('  '),
      );
  }
}
