import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abs,
  add,
  broadcastTo,
  div,
  exp,
  log,
  map,
  maximum,
  minimum,
  mul,
  neg,
  pow,
  Random,
  randomUniform,
  relu,
  sigmoid,
  sqrt,
  square,
  sub,
  TensorError,
  tanh,
  tensor,
  transpose,
  zeros,
} from '../src/index.js';
import { flat } from './helpers.js';

describe('broadcasting', () => {
  it('adds a column to a row (hand-worked)', () => {
    // [[1],[2]] + [10,20] → [[11,21],[12,22]]
    expect(add(tensor([[1], [2]]), tensor([10, 20])).toArray()).toEqual([
      [11, 21],
      [12, 22],
    ]);
  });

  it('broadcasts [2,1,3] with [4,1] to [2,4,3]', () => {
    const a = tensor([[[1, 2, 3]], [[4, 5, 6]]]);
    const b = tensor([[0], [10], [20], [30]]);
    const c = add(a, b);
    expect(c.shape).toEqual([2, 4, 3]);
    // c[i,j,k] = a[i,0,k] + b[j,0]
    expect(c.get(1, 2, 0)).toBe(24);
    expect(c.get(0, 3, 2)).toBe(33);
  });

  it('accepts numbers on either side', () => {
    expect(sub(10, tensor([1, 2])).toArray()).toEqual([9, 8]);
    expect(div(tensor([1, 2]), 4).toArray()).toEqual([0.25, 0.5]);
    expect(add(1, 2).item()).toBe(3);
  });

  it('matches a brute-force broadcast on random shapes (property)', () => {
    const dim = fc.integer({ min: 1, max: 4 });
    fc.assert(
      fc.property(
        fc.array(dim, { minLength: 0, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        fc.integer(),
        (shape, ones, seed) => {
          // b's shape: shape with some axes set to 1 and maybe leading axes dropped.
          const bShape = shape
            .map((d, i) => (ones[i] ? 1 : d))
            .slice(seed % 2 === 0 ? 0 : Math.min(1, shape.length));
          const rng = new Random(seed);
          const a = randomUniform(rng, shape, -1, 1);
          const b = randomUniform(rng, bShape, -1, 1);
          const c = mul(a, b);
          expect(c.shape).toEqual(shape);
          // Brute force: for each output index, read b at the index mapped into its shape.
          const lead = shape.length - bShape.length;
          const idx = new Array<number>(shape.length).fill(0);
          for (let i = 0; i < c.size; i++) {
            const bi = bShape.map((d, k) => (d === 1 ? 0 : (idx[k + lead] as number)));
            expect(c.get(...idx)).toBe(a.get(...idx) * b.get(...bi));
            for (let ax = shape.length - 1; ax >= 0; ax--) {
              idx[ax] = (idx[ax] as number) + 1;
              if ((idx[ax] as number) < (shape[ax] as number)) break;
              idx[ax] = 0;
            }
          }
        },
      ),
      { seed: 10, numRuns: 80 },
    );
  });

  it('reports incompatible shapes with both shapes in the message', () => {
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow(
      'add: shapes cannot be broadcast together, got [2,3] and [4]',
    );
    expect(() => add(zeros([2, 3]), zeros([2, 3]), zeros([3, 2]))).toThrow(
      /add: out must have the broadcast shape \[2,3\], got \[3,2\]/,
    );
    expect(() => add(zeros([2]), 1, broadcastTo(zeros([1]), [2]))).toThrow(/broadcast view/);
    expect(() => add('x' as unknown as number, 1)).toThrow(TensorError);
  });
});

describe('out and views', () => {
  it('writes into out (which may be an input) and returns it', () => {
    const a = tensor([1, 2, 3]);
    const r = add(a, 1, a);
    expect(r).toBe(a);
    expect(a.toArray()).toEqual([2, 3, 4]);
  });

  it('writes through a transposed out view', () => {
    const base = zeros([2, 3]);
    const out = transpose(base);
    mul(
      tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      10,
      out,
    );
    expect(base.toArray()).toEqual([
      [10, 30, 50],
      [20, 40, 60],
    ]);
  });

  it('reads transposed inputs correctly', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(
      add(
        transpose(a),
        tensor([
          [0, 0],
          [1, 1],
          [2, 2],
        ]),
      ).toArray(),
    ).toEqual([
      [1, 4],
      [3, 6],
      [5, 8],
    ]);
  });
});

describe('dtypes', () => {
  it('keeps float32 when every tensor operand is float32', () => {
    const f = tensor([1, 2], undefined, { dtype: 'float32' });
    expect(add(f, f).dtype).toBe('float32');
    expect(add(f, 0.1).dtype).toBe('float32');
    expect(add(f, tensor([1, 2])).dtype).toBe('float64');
    expect(exp(f).dtype).toBe('float32');
  });
});

describe('unary ops', () => {
  it('match Math on hand values', () => {
    const x = tensor([-2, -0.5, 0, 0.5, 2]);
    const ref = (f: (v: number) => number) => [-2, -0.5, 0, 0.5, 2].map(f);
    expect(flat(neg(x))).toEqual(ref((v) => -v));
    expect(flat(abs(x))).toEqual(ref(Math.abs));
    expect(flat(square(x))).toEqual(ref((v) => v * v));
    expect(flat(tanh(x))).toEqual(ref(Math.tanh));
    expect(flat(exp(x))).toEqual(ref(Math.exp));
    expect(flat(relu(x))).toEqual([0, 0, 0, 0.5, 2]);
    expect(flat(sqrt(tensor([4, 9])))).toEqual([2, 3]);
    expect(flat(log(tensor([1, Math.E])))).toEqual([0, 1]);
    expect(flat(pow(tensor([2, 3]), tensor([3, 2])))).toEqual([8, 9]);
    expect(flat(maximum(tensor([1, 5]), 3))).toEqual([3, 5]);
    expect(flat(minimum(tensor([1, 5]), 3))).toEqual([1, 3]);
  });

  it('sigmoid is stable and symmetric: σ(−x) = 1 − σ(x), no NaN at ±1000', () => {
    const s = sigmoid(tensor([-1000, -3, 0, 3, 1000]));
    expect(s.get(0)).toBe(0);
    expect(s.get(4)).toBe(1);
    expect(s.get(2)).toBe(0.5);
    expect(Math.abs(s.get(1) - (1 - s.get(3)))).toBeLessThan(1e-15); // 1 − σ(3) loses a few ulps to cancellation
    expect(s.get(3)).toBeCloseTo(1 / (1 + Math.exp(-3)), 15);
  });

  it('map passes values and row-major flat indices', () => {
    expect(
      map(
        transpose(
          tensor([
            [1, 2],
            [3, 4],
          ]),
        ),
        (v, i) => v * 10 + i,
      ).toArray(),
    ).toEqual([
      [10, 31],
      [22, 43],
    ]);
  });
});
