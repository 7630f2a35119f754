/**
 * An error caused by the user's input (a bad flag, a bad value, an unreadable file).
 * The CLI prints its message on one line and exits non-zero, without a stack trace.
 *
 * @example
 * throw new UsageError('--lr: expected a positive number, got "abc"');
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super(message);
  }
}
