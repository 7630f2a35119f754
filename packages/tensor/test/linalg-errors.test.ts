import { describe, expect, it } from 'vitest';
import {
  cholesky,
  cond,
  det,
  eigh,
  inv,
  logdet,
  lstsq,
  lu,
  qr,
  solve,
  solveTriangular,
  svd,
  TensorError,
  tensor,
  zeros,
} from '../src/index.js';

// Every linear-algebra entry point rejects bad input at its boundary with a TensorError that names
// the operation and the problem (shape, NaN/Infinity, empty), instead of failing deep inside.
describe('linalg bad input', () => {
  const nan = tensor([
    [1, Number.NaN],
    [Number.NaN, 1],
  ]);
  const inf = tensor([
    [1, 0],
    [0, Infinity],
  ]);
  const wide = tensor([[1, 2, 3]]);
  const vec = tensor([1, 2]);

  it('reports NaN and Infinity with the op name and the position', () => {
    const ops: [string, (a: ReturnType<typeof tensor>) => unknown][] = [
      ['eigh', eigh],
      ['svd', svd],
      ['det', det],
      ['logdet', logdet],
      ['inv', inv],
      ['lu', lu],
      ['qr', qr],
      ['cholesky', cholesky],
      ['solve', (a) => solve(a, tensor([1, 1]))],
      ['solveTriangular', (a) => solveTriangular(a, tensor([1, 1]))],
      ['lstsq', (a) => lstsq(a, tensor([1, 1]))],
    ];
    for (const [name, f] of ops) {
      expect(() => f(nan)).toThrow(new RegExp(`^${name}: a contains NaN at flat index 1`));
      expect(() => f(inf)).toThrow(new RegExp(`^${name}: a contains Infinity`));
    }
    // cond is svd underneath: the message still names the problem.
    expect(() => cond(nan)).toThrow(/contains NaN/);
  });

  it('reports non-square and non-2-D matrices with the shape', () => {
    for (const [name, f] of [
      ['eigh', eigh],
      ['det', det],
      ['logdet', logdet],
      ['inv', inv],
      ['lu', lu],
      ['cholesky', cholesky],
    ] as const) {
      expect(() => f(wide)).toThrow(`${name}: a must be square; got shape [1,3]`);
      expect(() => f(vec)).toThrow(`${name}: a must be a 2-D matrix; got shape [2]`);
    }
    expect(() => svd(vec)).toThrow('svd: a must be a 2-D matrix; got shape [2]');
    expect(() =>
      solveTriangular(
        tensor([
          [1, 0, 0],
          [0, 1, 0],
        ]),
        tensor([1, 2]),
      ),
    ).toThrow('solveTriangular: a must be square; got shape [2,3]');
  });

  it('reports empty matrices and mismatched right-hand sides', () => {
    expect(() => svd(zeros([0, 2]))).toThrow('svd: a must be non-empty; got shape [0,2]');
    expect(() => lstsq(zeros([0, 2]), zeros([0]))).toThrow(
      'lstsq: a must be non-empty; got shape [0,2]',
    );
    expect(() => solve(zeros([0, 0]), zeros([0]))).toThrow(/solve: a must be non-empty/);
    expect(() =>
      solveTriangular(
        tensor([
          [1, 0],
          [0, 1],
        ]),
        tensor([1, 2, 3]),
      ),
    ).toThrow('solveTriangular: b must have shape [2] or [2,k] to match a [2,2], got [3]');
    expect(() =>
      solveTriangular(
        tensor([
          [1, 0],
          [0, 1],
        ]),
        tensor([1, Number.NaN]),
      ),
    ).toThrow(/solveTriangular: b contains NaN at flat index 1/);
    expect(() => lstsq(tensor([[1], [2]]), tensor([1, Number.NaN]))).toThrow(
      /lstsq: b contains NaN/,
    );
    expect(() => inv(zeros([2, 2]))).toThrow(TensorError);
  });
});
