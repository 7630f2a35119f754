/**
 * Error thrown by @termgrad/interop for malformed files, unsupported operators or layers and
 * models that cannot be exported. The message reads `op: problem; expected X, got Y`.
 */
export class InteropError extends Error {
  /** The operation that rejected its input, e.g. `"fromOnnx"`. */
  readonly op: string;

  constructor(op: string, problem: string, options?: { cause?: unknown }) {
    super(`${op}: ${problem}`, options);
    this.name = 'InteropError';
    this.op = op;
  }
}
