// The shared matrix and vector input converters of validators(): every accepted form, every refusal.
import { describe, expect, it } from 'vitest';
import {
  describeValue,
  Tensor,
  TermgradError,
  tensor,
  transpose,
  validators,
  zeros,
} from '../src/index.js';

class DemoError extends TermgradError {
  constructor(op: string, problem: string) {
    super(op, problem);
    this.name = 'DemoError';
  }
}
const check = validators(DemoError);

/** The error `fn` throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('validators.matrix', () => {
  it('reads an array of rows row-major, as a fresh copy', () => {
    const rows = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const m = check.matrix('f', 'x', rows);
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(3);
    expect(m.data).toBeInstanceOf(Float64Array);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    m.data[0] = 99;
    expect(rows[0]?.[0]).toBe(1);
  });

  it('accepts typed arrays and other array-likes as rows', () => {
    const m = check.matrix('f', 'x', [new Float32Array([0.5, 1]), Int32Array.of(2, 3)]);
    expect([m.rows, m.cols]).toEqual([2, 2]);
    expect(Array.from(m.data)).toEqual([0.5, 1, 2, 3]);
    const rowLike = { length: 2, 0: 7, 1: 8 };
    expect(Array.from(check.matrix('f', 'x', [rowLike]).data)).toEqual([7, 8]);
  });

  it('reads a 2-D tensor, float32 and strided (transposed) ones included, without aliasing it', () => {
    const t = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const m = check.matrix('f', 'x', t);
    expect([m.rows, m.cols]).toEqual([3, 2]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    m.data[0] = 99;
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const f32 = new Tensor(Float32Array.of(0.5, 1.5), [1, 2]);
    expect(Array.from(check.matrix('f', 'x', f32).data)).toEqual([0.5, 1.5]);
    const tr = check.matrix('f', 'x', transpose(t));
    expect([tr.rows, tr.cols]).toEqual([2, 3]);
    expect(Array.from(tr.data)).toEqual([1, 3, 5, 2, 4, 6]);
  });

  it('refuses a tensor of another rank, naming the shape', () => {
    expect(() => check.matrix('f', 'x', zeros([2, 2, 2]))).toThrow(
      new DemoError('f', 'x must be a 2-D tensor; expected shape [n,d], got [2,2,2]'),
    );
    expect(() => check.matrix('f', 'x', zeros([3]))).toThrow(
      'f: x must be a 2-D tensor; expected shape [n,d], got [3]',
    );
    expect(() => check.matrix('f', 'x', zeros([2, 2, 2]), { vectorAsColumn: true })).toThrow(
      'f: x must be a 2-D tensor; expected shape [n,d] or [n], got [2,2,2]',
    );
  });

  it('refuses 1-D input unless vectorAsColumn, which reads it as one column', () => {
    expect(() => check.matrix('f', 'x', [1, 2, 3])).toThrow(
      'f: x must be an array of rows; expected an array at row 0, got 1',
    );
    expect(() => check.matrix('f', 'x', Float64Array.of(1, 2))).toThrow(
      'f: x must be a matrix; expected a 2-D Tensor or an array of rows, got a Float64Array',
    );
    const opts = { vectorAsColumn: true };
    for (const input of [
      [1, 2, 3],
      Float64Array.of(1, 2, 3),
      Float32Array.of(1, 2, 3),
      Int32Array.of(1, 2, 3),
      tensor([1, 2, 3]),
    ]) {
      const m = check.matrix('f', 'x', input, opts);
      expect([m.rows, m.cols]).toEqual([3, 1]);
      expect(Array.from(m.data)).toEqual([1, 2, 3]);
    }
    // rows are still rows with the option on
    expect(check.matrix('f', 'x', [[1, 2]], opts).cols).toBe(2);
  });

  it('refuses anything that is not a matrix, describing it', () => {
    const msg = (got: string) =>
      `f: x must be a matrix; expected a 2-D Tensor or an array of rows, got ${got}`;
    expect(() => check.matrix('f', 'x', null)).toThrow(msg('null'));
    expect(() => check.matrix('f', 'x', undefined)).toThrow(msg('undefined'));
    expect(() => check.matrix('f', 'x', 'abc')).toThrow(msg('"abc"'));
    expect(() => check.matrix('f', 'x', { length: 1, 0: [1] })).toThrow(msg('object'));
    expect(() => check.matrix('f', 'x', 5, { vectorAsColumn: true })).toThrow(
      'f: x must be a matrix; expected a 2-D Tensor or an array of rows, or a Tensor [n], number[] or typed array as one column, got 5',
    );
  });

  it('refuses ragged rows and non-array rows, naming the row', () => {
    expect(() =>
      check.matrix('f', 'x', [
        [1, 2],
        [3, 4],
        [5, 6, 7],
      ]),
    ).toThrow('f: x is ragged; expected rows of length 2, got length 3 at row 2');
    expect(() => check.matrix('f', 'x', [[1, 2], 3])).toThrow(
      'f: x must be an array of rows; expected an array at row 1, got 3',
    );
    expect(() => check.matrix('f', 'x', [[1], null], { vectorAsColumn: true })).toThrow(
      'f: x must be an array of rows; expected an array at row 1, got null',
    );
  });

  it('refuses non-numbers, naming row and column', () => {
    expect(() =>
      check.matrix('f', 'x', [
        [1, 2],
        [3, '4'],
      ]),
    ).toThrow('f: x must contain numbers; expected a number at row 1, column 1, got "4"');
    expect(() => check.matrix('f', 'x', [[null, 1]])).toThrow(
      'f: x must contain numbers; expected a number at row 0, column 0, got null',
    );
    expect(() => check.matrix('f', 'x', [1, true], { vectorAsColumn: true })).toThrow(
      'f: x must contain numbers; expected a number at row 1, column 0, got true',
    );
  });

  it('refuses NaN and ±Infinity from every input form, naming row and column', () => {
    expect(() =>
      check.matrix('f', 'x', [
        [1, 2, 3],
        [4, 5, NaN],
      ]),
    ).toThrow(new DemoError('f', 'x contains NaN at row 1, column 2; expected finite numbers'));
    expect(() => check.matrix('f', 'x', tensor([[1, -Infinity]]))).toThrow(
      'f: x contains -Infinity at row 0, column 1; expected finite numbers',
    );
    expect(() =>
      check.matrix('f', 'x', Float64Array.of(0, 1, Infinity), { vectorAsColumn: true }),
    ).toThrow('f: x contains Infinity at row 2, column 0; expected finite numbers');
    expect(() => check.matrix('f', 'x', [[0], [Infinity]], {})).toThrow(
      'f: x contains Infinity at row 1, column 0; expected finite numbers',
    );
  });

  it('refuses an empty matrix unless allowEmpty', () => {
    expect(() => check.matrix('f', 'x', [])).toThrow(
      'f: x is empty; expected at least 1 row, got 0',
    );
    expect(() => check.matrix('f', 'x', zeros([0, 3]))).toThrow(
      'f: x is empty; expected at least 1 row, got 0',
    );
    expect(() => check.matrix('f', 'x', [[], []])).toThrow(
      'f: x has no columns; expected at least 1, got 0',
    );
    expect(() => check.matrix('f', 'x', [], { vectorAsColumn: true })).toThrow(
      'f: x is empty; expected at least 1 row, got 0',
    );
    const empty = { allowEmpty: true };
    expect(check.matrix('f', 'x', [], empty)).toEqual({
      data: new Float64Array(0),
      rows: 0,
      cols: 0,
    });
    expect(check.matrix('f', 'x', [[], []], empty)).toMatchObject({ rows: 2, cols: 0 });
    expect(check.matrix('f', 'x', zeros([0, 3]), empty)).toMatchObject({ rows: 0, cols: 3 });
    // an empty array takes its column count from the rule
    expect(check.matrix('f', 'x', [], { allowEmpty: true, cols: 4 })).toMatchObject({
      rows: 0,
      cols: 4,
    });
    expect(check.matrix('f', 'x', [], { allowEmpty: true, vectorAsColumn: true }).cols).toBe(1);
  });

  it('checks the column count when cols is given', () => {
    expect(check.matrix('f', 'x', [[1, 2]], { cols: 2 }).cols).toBe(2);
    expect(() => check.matrix('f', 'x', [[1, 2, 3]], { cols: 2 })).toThrow(
      'f: x has the wrong number of columns; expected 2, got 3',
    );
    expect(() => check.matrix('f', 'x', tensor([1, 2]), { cols: 2, vectorAsColumn: true })).toThrow(
      'f: x has the wrong number of columns; expected 2, got 1',
    );
    expect(() => check.matrix('f', 'x', zeros([0, 3]), { cols: 2, allowEmpty: true })).toThrow(
      'f: x has the wrong number of columns; expected 2, got 3',
    );
  });

  it("throws the caller's error class, with op", () => {
    const e = thrown(() => check.matrix('Model.fit', 'x', [[NaN]]));
    expect(e).toBeInstanceOf(DemoError);
    expect(e).toBeInstanceOf(TermgradError);
    expect((e as TermgradError).op).toBe('Model.fit');
  });
});

describe('validators.vector', () => {
  it('reads number[], typed arrays and array-likes as a fresh Float64Array', () => {
    const arr = [1, 2.5, -3];
    const v = check.vector('f', 'y', arr);
    expect(v).toBeInstanceOf(Float64Array);
    expect(Array.from(v)).toEqual([1, 2.5, -3]);
    v[0] = 99;
    expect(arr[0]).toBe(1);
    for (const input of [Float64Array.of(1, 2), Float32Array.of(1, 2), Int32Array.of(1, 2)])
      expect(Array.from(check.vector('f', 'y', input))).toEqual([1, 2]);
    const src = Float64Array.of(4, 5);
    const copy = check.vector('f', 'y', src);
    copy[0] = 0;
    expect(src[0]).toBe(4);
    expect(Array.from(check.vector('f', 'y', { length: 2, 0: 3, 1: 4 }))).toEqual([3, 4]);
  });

  it('reads a tensor [n] or [n,1]; other shapes only with flatten (row-major)', () => {
    expect(Array.from(check.vector('f', 'y', tensor([1, 2, 3])))).toEqual([1, 2, 3]);
    expect(Array.from(check.vector('f', 'y', tensor([[1], [2]])))).toEqual([1, 2]);
    const t = new Tensor(Float32Array.of(0.5, 0.25), [2]);
    expect(Array.from(check.vector('f', 'y', t))).toEqual([0.5, 0.25]);
    const m = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(() => check.vector('f', 'y', m)).toThrow(
      new DemoError('f', 'y must be a 1-D tensor; expected shape [n] or [n,1], got [2,2]'),
    );
    expect(() => check.vector('f', 'y', tensor([[1, 2]]))).toThrow(/got \[1,2\]$/);
    expect(Array.from(check.vector('f', 'y', m, { flatten: true }))).toEqual([1, 2, 3, 4]);
    expect(Array.from(check.vector('f', 'y', transpose(m), { flatten: true }))).toEqual([
      1, 3, 2, 4,
    ]);
    const copy = check.vector('f', 'y', m, { flatten: true });
    copy[0] = 99;
    expect(m.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('refuses anything that is not a vector, describing it', () => {
    const msg = (got: string) =>
      `f: y must be a vector; expected a Tensor or an array of numbers, got ${got}`;
    expect(() => check.vector('f', 'y', null)).toThrow(msg('null'));
    expect(() => check.vector('f', 'y', 3)).toThrow(msg('3'));
    expect(() => check.vector('f', 'y', 'abc')).toThrow(msg('"abc"'));
    expect(() => check.vector('f', 'y', { a: 1 })).toThrow(msg('object'));
    expect(() => check.vector('f', 'y', new DataView(new ArrayBuffer(8)))).toThrow(
      msg('a DataView'),
    );
  });

  it('refuses non-numbers, naming the index', () => {
    expect(() => check.vector('f', 'y', [1, [2]])).toThrow(
      'f: y must contain numbers; expected a number at index 1, got an array',
    );
    expect(() => check.vector('f', 'y', [0, 1, '1'])).toThrow(
      'f: y must contain numbers; expected a number at index 2, got "1"',
    );
    // also with finite: false — NaN is a number, a string is not
    expect(() => check.vector('f', 'y', [NaN, 'a'], { finite: false })).toThrow(
      'f: y must contain numbers; expected a number at index 1, got "a"',
    );
  });

  it('refuses NaN and ±Infinity unless finite is false', () => {
    expect(() => check.vector('f', 'y', [0, NaN])).toThrow(
      'f: y contains NaN at index 1; expected finite numbers',
    );
    expect(() => check.vector('f', 'y', Float32Array.of(-Infinity))).toThrow(
      'f: y contains -Infinity at index 0; expected finite numbers',
    );
    expect(() => check.vector('f', 'y', tensor([[1, Infinity]]), { flatten: true })).toThrow(
      'f: y contains Infinity at index 1; expected finite numbers',
    );
    const raw = check.vector('f', 'y', [NaN, -Infinity, Infinity], { finite: false });
    expect(Array.from(raw)).toEqual([NaN, -Infinity, Infinity]);
  });

  it('refuses an empty vector unless allowEmpty', () => {
    expect(() => check.vector('f', 'y', [])).toThrow(
      'f: y is empty; expected at least 1 value, got 0',
    );
    expect(() => check.vector('f', 'y', zeros([0]))).toThrow(
      'f: y is empty; expected at least 1 value, got 0',
    );
    expect(check.vector('f', 'y', [], { allowEmpty: true }).length).toBe(0);
    expect(check.vector('f', 'y', zeros([2, 0]), { allowEmpty: true, flatten: true }).length).toBe(
      0,
    );
  });

  it('checks the length when length is given', () => {
    expect(check.vector('f', 'y', [1, 2], { length: 2 }).length).toBe(2);
    expect(() => check.vector('f', 'y', [1, 2, 3], { length: 2 })).toThrow(
      'f: y has the wrong length; expected 2, got 3',
    );
    expect(() => check.vector('f', 'y', [], { length: 2, allowEmpty: true })).toThrow(
      'f: y has the wrong length; expected 2, got 0',
    );
    expect(() => check.vector('f', 'y', [], { length: 2 })).toThrow('f: y is empty');
  });

  it("throws the caller's error class, also when the method is detached", () => {
    const { vector } = check;
    const e = thrown(() => vector('Model.fit', 'y', [Infinity]));
    expect(e).toBeInstanceOf(DemoError);
    expect((e as TermgradError).op).toBe('Model.fit');
  });
});

describe('describeValue', () => {
  it('names typed arrays and tensors', () => {
    expect(describeValue(Int32Array.of(1))).toBe('an Int32Array');
    expect(describeValue(Float32Array.of(1))).toBe('a Float32Array');
    expect(describeValue(zeros([2, 3]))).toBe('a Tensor [2,3]');
  });
});
