import { describe, expect, it } from 'vitest';
import { adam, checkGradient, gradientDescent, OptimError } from '../src/index.js';

// f(x) = ½ xᵀAx − bᵀx, A = [[4, 1, 0], [1, 3, 1], [0, 1, 2]], b = [1, 2, 3]
const A = [
  [4, 1, 0],
  [1, 3, 1],
  [0, 1, 2],
];
const b = [1, 2, 3];
const f = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) s += 0.5 * x[i]! * A[i]![j]! * x[j]!;
    s -= b[i]! * x[i]!;
  }
  return s;
};
const grad = (x: ArrayLike<number>): number[] =>
  A.map((row, i) => row.reduce((s, a, j) => s + a * x[j]!, 0) - b[i]!);
// Exact minimiser A⁻¹b by hand substitution: 4x + y = 1, x + 3y + z = 2, y + 2z = 3 give y = 1 − 4x,
// z = (3 − y)/2 = 1 + 2x, then x + 3(1 − 4x) + 1 + 2x = 2 ⇒ x = 2/9, y = 1/9, z = 13/9 (check: 2/9 + 3/9 + 13/9 = 2).
const exact = [2 / 9, 1 - 8 / 9, 1 + 4 / 9];

describe('gradientDescent', () => {
  it('finds the exact minimiser of a quadratic', () => {
    const r = gradientDescent(f, grad, [0, 0, 0], {
      learningRate: 0.2,
      tolerance: 1e-10,
      maxIterations: 5000,
    });
    expect(r.converged).toBe(true);
    // ‖∇f‖ ≤ 1e-10 and λmin(A) > 1 bound the distance to the minimiser by 1e-10
    for (let i = 0; i < 3; i++) expect(r.x[i]).toBeCloseTo(exact[i]!, 9);
    // f is quadratic at the minimum: an x error of 1e-10 changes f by ~1e-20; 5e-13 covers rounding of f itself.
    expect(r.value).toBeCloseTo(f(exact), 12);
  });

  it('accepts another optimizer and records history', () => {
    const r = gradientDescent(f, grad, [1, 1, 1], {
      optimizer: adam({ learningRate: 0.05 }),
      maxIterations: 50,
      history: true,
    });
    expect(r.history).toHaveLength(50);
    expect(r.history[49]!).toBeLessThan(f([1, 1, 1]));
    // The recorded values are f at the iterates: the last one is the reported value.
    expect(r.history[49]).toBe(r.value);
  });

  it('rejects bad input with OptimError naming the problem', () => {
    expect(() => gradientDescent(f, grad, [Number.NaN, 0, 0], {})).toThrow(
      'gradientDescent: x0 contains NaN at index 0; expected finite numbers',
    );
    expect(() => gradientDescent(f, grad, [], {})).toThrow(
      'gradientDescent: x0 is empty; expected at least 1 value, got 0',
    );
    expect(() => gradientDescent(f, grad, [0, '1', 0] as never, {})).toThrow(
      'gradientDescent: x0 must contain numbers; expected a number at index 1, got "1"',
    );
    expect(() => gradientDescent(f, grad, 3 as never, {})).toThrow(
      'gradientDescent: x0 must be a vector; expected a Tensor or an array of numbers, got 3',
    );
    expect(() => gradientDescent(f, () => [1, 2], [0, 0, 0], {})).toThrow(
      'gradientDescent: grad must return 3 numbers; got an array of length 2',
    );
    expect(() => gradientDescent(f, grad, [0, 0, 0], { learning_rate: 0.1 } as never)).toThrow(
      /unknown option 'learning_rate'/,
    );
    expect(() => gradientDescent(f, grad, [0, 0, 0], { learningRate: -1 })).toThrow(
      /learningRate is out of range; expected a number > 0, got -1/,
    );
  });

  it('reports divergence with the iteration and a suggestion', () => {
    expect(() =>
      gradientDescent(f, grad, [1, 1, 1], { learningRate: 10, maxIterations: 2000 }),
    ).toThrow(/diverged, try a smaller learning rate/);
    expect(() => gradientDescent(f, grad, [], {})).toThrow(OptimError);
  });
});

describe('checkGradient', () => {
  it('accepts a correct gradient with a tiny relative error', () => {
    const r = checkGradient(f, grad, Float64Array.from([0.3, -1, 2]));
    // central differences are exact for quadratics up to rounding ≈ 1e-16/1e-6
    expect(r.relativeError).toBeLessThan(1e-8);
    expect(r.ok).toBe(true);
    expect(r.numeric).toHaveLength(3);
  });

  it('flags a wrong gradient and names the worst coordinate', () => {
    const wrong = (x: ArrayLike<number>): number[] => {
      const g = grad(x);
      g[2] = g[2]! + 0.05;
      return g;
    };
    const r = checkGradient(f, wrong, Float64Array.from([0.3, -1, 2]));
    expect(r.ok).toBe(false);
    expect(r.worstIndex).toBe(2);
    // The true ∂f/∂x₂ at this x is 0·0.3 + 1·(−1) + 2·2 − 3 = 0, so the wrong analytic value is 0.05 and the
    // numeric one ~1e-10: component error |0.05 − n| / 0.05 = 1 up to ~1e-8.
    expect(Math.abs(r.maxComponentError - 1)).toBeLessThan(1e-6);
    expect(r.analytic[2]).toBeCloseTo(0.05, 12); // 0 + 0.05 after exact integer arithmetic on doubles
  });

  it('checks a subset of coordinates and restores x exactly', () => {
    const x = Float64Array.from([0.1, 0.2, 0.3]);
    const r = checkGradient(
      (v) => Math.sin(v[0]!) * Math.exp(v[1]!),
      (v) => [Math.cos(v[0]!) * Math.exp(v[1]!), Math.sin(v[0]!) * Math.exp(v[1]!), 0],
      x,
      { indices: [0, 1] },
    );
    // O(h²) = 1e-12 truncation plus rounding 1e-10
    expect(r.relativeError).toBeLessThan(1e-8);
    expect(Array.from(x)).toEqual([0.1, 0.2, 0.3]);
  });

  it('rejects a NaN gradient, a non-finite f, bad indices and unknown options', () => {
    const x = Float64Array.from([0.3, -1, 2]);
    expect(() => checkGradient(f, () => [0, Number.NaN, 0], x)).toThrow(
      'checkGradient: grad returned NaN at index 1; expected finite numbers',
    );
    expect(() => checkGradient(() => Number.NaN, grad, x)).toThrow(/f is not finite near x\[0\]/);
    expect(() => checkGradient(f, grad, x, { indices: [3] })).toThrow(
      'checkGradient: index 3 out of range; expected 0..2',
    );
    expect(() => checkGradient(f, grad, x, { eps: 1e-5 } as never)).toThrow(/unknown option 'eps'/);
    expect(() => checkGradient(f, grad, new Float64Array(0))).toThrow(OptimError);
  });
});
