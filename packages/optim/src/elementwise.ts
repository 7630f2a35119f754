// The elementwise update rules of the built-in optimizers as pure functions over an index range
// [lo, hi) of flat buffers. The optimizer classes call them on each parameter array (lo = 0,
// hi = length); a data-parallel trainer (MLP.fit({ workers })) calls them on chunks of one flat
// parameter buffer from several threads, with the per-step scalars (learning rate, bias
// corrections) computed once by the optimizer — one implementation of each formula, so both paths
// give the same bits.
import { BaseOptimizer } from './optimizer.js';
import type { ParamArray } from './params.js';

/** Rule code: SGD (coefficients lr, μ, nesterov ? 1 : 0, λ; slot velocity when μ > 0). @internal */
export const RULE_SGD = 1;
/** Rule code: Adam (coefficients lr, β₁, β₂, 1 − β₁ᵗ, 1 − β₂ᵗ, ε, λ; slots m, v). @internal */
export const RULE_ADAM = 2;
/** Rule code: RMSprop (coefficients lr, ρ, ε, λ; slot meanSquare). @internal */
export const RULE_RMSPROP = 3;
/** Length of a coefficient block. @internal */
export const RULE_COEFFICIENTS = 8;

/** SGD on [lo, hi): g ← g + λw; v ← μv + g; w ← w − lr·v (Nesterov: w − lr·(g + μv)); μ = 0: w ← w − lr·g. @internal */
export function sgdRange(
  p: ParamArray,
  g: ParamArray,
  v: Float64Array | undefined,
  lo: number,
  hi: number,
  lr: number,
  mu: number,
  nesterov: boolean,
  wd: number,
): void {
  if (mu === 0) {
    if (wd === 0) for (let k = lo; k < hi; k++) p[k] = (p[k] as number) - lr * (g[k] as number);
    else
      for (let k = lo; k < hi; k++)
        p[k] = (p[k] as number) - lr * ((g[k] as number) + wd * (p[k] as number));
    return;
  }
  const vel = v as Float64Array;
  for (let k = lo; k < hi; k++) {
    const gk = (g[k] as number) + wd * (p[k] as number);
    const vk = mu * (vel[k] as number) + gk;
    vel[k] = vk;
    p[k] = (p[k] as number) - lr * (nesterov ? gk + mu * vk : vk);
  }
}

/** Adam on [lo, hi) with bias corrections c1 = 1 − β₁ᵗ, c2 = 1 − β₂ᵗ of this step. @internal */
export function adamRange(
  p: ParamArray,
  g: ParamArray,
  m: Float64Array,
  v: Float64Array,
  lo: number,
  hi: number,
  lr: number,
  b1: number,
  b2: number,
  c1: number,
  c2: number,
  eps: number,
  wd: number,
): void {
  for (let k = lo; k < hi; k++) {
    const gk = (g[k] as number) + wd * (p[k] as number);
    const mk = b1 * (m[k] as number) + (1 - b1) * gk;
    const vk = b2 * (v[k] as number) + (1 - b2) * gk * gk;
    m[k] = mk;
    v[k] = vk;
    p[k] = (p[k] as number) - (lr * (mk / c1)) / (Math.sqrt(vk / c2) + eps);
  }
}

/** RMSprop on [lo, hi): s ← ρs + (1−ρ)g²; w ← w − lr·g/(√s + ε), g including λw. @internal */
export function rmspropRange(
  p: ParamArray,
  g: ParamArray,
  s: Float64Array,
  lo: number,
  hi: number,
  lr: number,
  rho: number,
  eps: number,
  wd: number,
): void {
  for (let k = lo; k < hi; k++) {
    const gk = (g[k] as number) + wd * (p[k] as number);
    const sk = rho * (s[k] as number) + (1 - rho) * gk * gk;
    s[k] = sk;
    p[k] = (p[k] as number) - (lr * gk) / (Math.sqrt(sk) + eps);
  }
}

/**
 * Applies rule `rule` (RULE_*) with the coefficient block `c` (written by
 * {@link ElementwiseOptimizer.beginSharedStep}) to elements [lo, hi) of flat buffers: parameters
 * `p`, gradient `g`, the optimizer's slots `s0`, `s1` in the order of its slot names. @internal
 */
export function applyRule(
  rule: number,
  p: ParamArray,
  g: ParamArray,
  s0: Float64Array | undefined,
  s1: Float64Array | undefined,
  lo: number,
  hi: number,
  c: Float64Array,
): void {
  if (rule === RULE_SGD)
    sgdRange(p, g, s0, lo, hi, c[0] as number, c[1] as number, c[2] !== 0, c[3] as number);
  else if (rule === RULE_ADAM)
    adamRange(
      p,
      g,
      s0 as Float64Array,
      s1 as Float64Array,
      lo,
      hi,
      c[0] as number,
      c[1] as number,
      c[2] as number,
      c[3] as number,
      c[4] as number,
      c[5] as number,
      c[6] as number,
    );
  else if (rule === RULE_RMSPROP)
    rmspropRange(
      p,
      g,
      s0 as Float64Array,
      lo,
      hi,
      c[0] as number,
      c[1] as number,
      c[2] as number,
      c[3] as number,
    );
  else throw new Error(`unknown optimizer rule ${rule}`);
}

/**
 * An optimizer whose update is elementwise and can be applied by {@link applyRule} elsewhere (other
 * threads, chunk by chunk) while this object keeps its step count and slots. @internal
 */
export interface ElementwiseOptimizer {
  /** Its RULE_* code. */
  readonly rule: number;
  /** Its slot names, in the order applyRule takes them (s0, s1). */
  readonly slotNames: readonly string[];
  /**
   * Makes the slots views of flat (shared) buffers — `views[name][i]` for parameter i of length
   * `lengths[i]` — copying the current state into them (zeros when none) unless they already are;
   * then writes this step's coefficients into `out`. Returns false (and changes nothing) when the
   * parameter lengths differ from those of earlier steps; the caller then uses `step`.
   */
  beginSharedStep(
    lengths: readonly number[],
    views: Readonly<Record<string, readonly Float64Array[]>>,
    out: Float64Array,
  ): boolean;
  /** Counts the step applied elsewhere as completed (t + 1). */
  endSharedStep(): void;
  /** Gives the slots their own memory again (copies of the shared views' values). */
  detachSlots(): void;
}

/** `opt` as an {@link ElementwiseOptimizer} (the built-in optimizers), or null for any other (custom objects). @internal */
export function elementwiseOptimizer(opt: unknown): ElementwiseOptimizer | null {
  return opt instanceof BaseOptimizer ? opt : null;
}
