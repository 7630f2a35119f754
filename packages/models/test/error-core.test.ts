// Every package's error is its own class AND a TermgradError, so user code can catch either.
import { circle, DatasetError } from '@termgrad/datasets';
import { OptimError, sgd } from '@termgrad/optim';
import { Gaussian, ProbabilityError } from '@termgrad/probability';
import { matmul, TensorError, TermgradError, zeros } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { ModelError, PolynomialRegression, TermgradError as ReExported } from '../src/index.js';

describe('one error core', () => {
  const cases: [string, () => unknown, new (...a: never[]) => Error, string][] = [
    ['tensor', () => matmul(zeros([2, 3]), zeros([4, 5])), TensorError, 'matmul'],
    ['probability', () => new Gaussian(NaN, 1), ProbabilityError, 'Gaussian'],
    ['optim', () => sgd({ learningRate: -1 }), OptimError, 'sgd'],
    ['datasets', () => circle({ noise: 120 }), DatasetError, 'circle'],
    ['models', () => new PolynomialRegression({ degree: -1 }), ModelError, 'PolynomialRegression'],
  ];
  for (const [pkg, run, Own, op] of cases) {
    it(`${pkg}: the error is its own class and a TermgradError with op`, () => {
      let caught: unknown;
      try {
        run();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(Own);
      expect(caught).toBeInstanceOf(TermgradError);
      expect((caught as TermgradError).op).toBe(op);
      expect((caught as Error).message.startsWith(`${op}: `)).toBe(true);
    });
  }

  it('every package re-exports the same TermgradError class', () => {
    expect(ReExported).toBe(TermgradError);
  });
});
