import { TermgradError } from '@termgrad/tensor';

/**
 * Error thrown by @termgrad/interop for malformed files, unsupported operators or layers and
 * models that cannot be exported. The message reads `op: problem; expected X, got Y`.
 *
 * Like every package's error it extends {@link TermgradError}, so `instanceof TermgradError`
 * catches it together with the errors of the other packages.
 */
export class InteropError extends TermgradError {
  constructor(op: string, problem: string, options?: { cause?: unknown }) {
    super(op, problem, options);
    this.name = 'InteropError';
  }
}
