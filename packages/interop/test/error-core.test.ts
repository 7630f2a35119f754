// InteropError is its own class AND a TermgradError (like every package's error), so user code
// can catch interop failures together with the other packages' errors.
import { TermgradError } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { fromTfjs, InteropError, TermgradError as ReExported, toOnnx } from '../src/index.js';

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('InteropError and the shared error core', () => {
  it('toOnnx: an unsupported model is an InteropError and a TermgradError with op', () => {
    const e = caught(() => toOnnx({} as never));
    expect(e).toBeInstanceOf(InteropError);
    expect(e).toBeInstanceOf(TermgradError);
    expect(e).toBeInstanceOf(Error);
    expect((e as TermgradError).op).toBe('toOnnx');
    expect((e as Error).name).toBe('InteropError');
    expect((e as Error).message).toMatch(/^toOnnx: unsupported model; expected MLP, /);
  });

  it('fromTfjs: a malformed document is caught as a TermgradError too', () => {
    const e = caught(() => fromTfjs(null as never));
    expect(e).toBeInstanceOf(InteropError);
    expect(e).toBeInstanceOf(TermgradError);
    expect((e as Error).message.startsWith(`${(e as TermgradError).op}: `)).toBe(true);
  });

  it('keeps the cause', () => {
    const cause = new Error('inner');
    const e = new InteropError('fromOnnx', 'bad bytes', { cause });
    expect(e.cause).toBe(cause);
    expect(e.message).toBe('fromOnnx: bad bytes');
  });

  it('re-exports the same TermgradError class as the other packages', () => {
    expect(ReExported).toBe(TermgradError);
  });
});
