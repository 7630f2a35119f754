/**
 * Error thrown by the pure rendering primitives for bad input at their public boundary
 * (non-positive sizes, a values array of the wrong length, an empty viewport).
 *
 * Message format: `op: problem; expected X, got Y`.
 *
 * @example
 * ```ts
 * try { new BrailleCanvas(0, 3); } catch (e) { console.log((e as Error).name); } // RenderError
 * ```
 */
export class RenderError extends Error {
  override readonly name = 'RenderError';
}

/** Throws a RenderError unless `n` is a positive integer (used for sizes). @internal */
export function assertPositiveInt(op: string, what: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RenderError(`${op}: ${what} must be a positive integer; expected >= 1, got ${n}`);
  }
}

/** Throws a RenderError unless `n` is a non-negative integer. @internal */
export function assertNonNegativeInt(op: string, what: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RenderError(`${op}: ${what} must be a non-negative integer; expected >= 0, got ${n}`);
  }
}
