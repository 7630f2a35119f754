// The shared error base and validators: one message form, one argument order, the caller's class.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  matmul,
  Random,
  randomNormal,
  renameDeprecated,
  TensorError,
  TermgradError,
  validators,
  warnDeprecated,
  zeros,
} from '../src/index.js';

class DemoError extends TermgradError {
  constructor(op: string, problem: string) {
    super(op, problem);
    this.name = 'DemoError';
  }
}
const check = validators(DemoError);

describe('TermgradError', () => {
  it('is the base of TensorError and carries op', () => {
    try {
      matmul(zeros([2, 3]), zeros([4, 5]));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TensorError);
      expect(e).toBeInstanceOf(TermgradError);
      expect((e as TermgradError).op).toBe('matmul');
      expect((e as Error).name).toBe('TensorError');
    }
  });
});

describe('validators', () => {
  it('number: type, finiteness, integer and range, all as `op: name problem; expected X, got Y`', () => {
    expect(check.number('f', 'rate', 0.5, { min: 0, max: 1 })).toBe(0.5);
    expect(() => check.number('f', 'rate', 'a')).toThrow(
      new DemoError('f', 'rate must be a number; expected a number, got "a"'),
    );
    expect(() => check.number('f', 'rate', NaN, { min: 0 })).toThrow(
      'f: rate must be a number; expected a number >= 0, got NaN',
    );
    expect(() => check.number('f', 'rate', Infinity)).toThrow(
      'f: rate must be finite; expected a number, got Infinity',
    );
    expect(check.number('f', 'cap', Infinity, { allowInfinity: true })).toBe(Infinity);
    expect(() => check.number('f', 'cap', -Infinity, { allowInfinity: true })).toThrow(
      /must be finite/,
    );
    expect(() => check.number('f', 'rate', 0, { min: 0, minExclusive: true })).toThrow(
      'f: rate is out of range; expected a number > 0, got 0',
    );
    expect(() => check.number('f', 'p', 1, { min: 0, max: 1, maxExclusive: true })).toThrow(
      'f: p is out of range; expected a number >= 0 and < 1, got 1',
    );
    expect(() => check.integer('f', 'n', 2.5, { min: 0 })).toThrow(
      'f: n must be an integer; expected an integer >= 0, got 2.5',
    );
    expect(() => check.integer('f', 'n', -1, { min: 0 })).toThrow(DemoError);
  });

  it('oneOf, optionKeys, finite, shape', () => {
    expect(check.oneOf('f', 'kind', 'l1', ['l1', 'l2'] as const)).toBe('l1');
    expect(() => check.oneOf('f', 'kind', 'L1', ['l1', 'l2'] as const)).toThrow(
      `f: unknown kind; expected one of 'l1', 'l2', got "L1"`,
    );
    expect(() => check.optionKeys('f', { lamda: 1 }, ['lambda'])).toThrow(
      "f: unknown option 'lamda'; expected one of lambda",
    );
    expect(() => check.optionKeys('f', 5, ['lambda'])).toThrow(
      'f: options must be an object; got 5',
    );
    check.optionKeys('f', undefined, ['lambda']);
    expect(() => check.finite('f', 'x', [1, NaN])).toThrow(
      'f: x contains NaN at index 1; expected finite numbers',
    );
    expect(() => check.shape('f', 'x', [3, 2], [null, 3])).toThrow(
      'f: x has the wrong shape; expected [n,3], got [3,2]',
    );
    check.shape('f', 'x', [3, 2], [null, 2]);
  });
});

describe('validators.rng', () => {
  it("returns a Random and names anything else, in the caller's error class", () => {
    const check = validators(TensorError);
    const r = new Random(1);
    expect(check.rng('op', 'rng', r)).toBe(r);
    expect(() => check.rng('op', 'rng', { random: () => 0.5 })).toThrow(
      'op: rng must be a Random from @termgrad/tensor; got object',
    );
    expect(() => check.rng('op', 'gen', null)).toThrow(TensorError);
    expect(() => check.rng('op', 'gen', null)).toThrow(
      'op: gen must be a Random from @termgrad/tensor; got null',
    );
    // the tensor package's own samplers use it
    expect(() => randomNormal(42 as never, [2])).toThrow(
      'randomNormal: rng must be a Random from @termgrad/tensor; got 42',
    );
  });
});

describe('deprecation helpers', () => {
  const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  afterEach(() => spy.mockClear());

  it('warnDeprecated emits once per name with the TERMGRAD_DEPRECATED code', () => {
    expect(warnDeprecated('demo.a', 'a is old')).toBe(true);
    expect(warnDeprecated('demo.a', 'a is old')).toBe(false);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith('a is old', {
      type: 'DeprecationWarning',
      code: 'TERMGRAD_DEPRECATED',
    });
  });

  it('renameDeprecated maps old keys, warns once per op and name, rejects both names', () => {
    const input = { rate: 2, other: 1 };
    expect(renameDeprecated('demo', input, { rate: 'learningRate' })).toEqual({
      learningRate: 2,
      other: 1,
    });
    expect(input).toEqual({ rate: 2, other: 1 }); // the caller's object is not changed
    renameDeprecated('demo', { rate: 3 }, { rate: 'learningRate' });
    expect(spy).toHaveBeenCalledTimes(1);
    const same = { learningRate: 1 };
    expect(renameDeprecated('demo', same, { rate: 'learningRate' })).toBe(same);
    expect(() =>
      renameDeprecated('demo', { rate: 1, learningRate: 2 }, { rate: 'learningRate' }, DemoError),
    ).toThrow(new DemoError('demo', 'give learningRate or its deprecated alias rate, not both'));
  });
});
