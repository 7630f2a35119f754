import { checkGradient } from '@termgrad/optim';
import { Random, Tensor } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { type Activation, type Loss, MLP, type OutputActivation } from '../src/index.js';

const hidden: Activation[] = ['sigmoid', 'tanh', 'relu', 'linear', 'leakyRelu'];
const pairs: [OutputActivation, Loss][] = [
  ['linear', 'squaredError'],
  ['sigmoid', 'binaryCrossEntropy'],
  ['softmax', 'categoricalCrossEntropy'],
  ['sigmoid', 'squaredError'], // the lecture's network
  ['tanh', 'squaredError'], // the Playground's classification setup
  ['relu', 'squaredError'],
  ['leakyRelu', 'squaredError'],
];

/** A small net [3, 4, 3, K] with explicit (seeded) weights of moderate size and non-zero biases. */
function smallNet(
  act: Activation,
  out: OutputActivation,
  loss: Loss,
  extra: Partial<ConstructorParameters<typeof MLP>[0]> = {},
): MLP {
  const K = out === 'softmax' ? 3 : 2;
  const net = new MLP({
    layers: [3, 4, 3, K],
    activation: act,
    outputActivation: out,
    loss,
    leakyReluAlpha: 0.1,
    ...extra,
  });
  const rng = new Random(11);
  for (let l = 0; l < net.depth; l++) {
    const nIn = net.layers[l]!;
    const nOut = net.layers[l + 1]!;
    net.setLayer(
      l,
      Array.from({ length: nIn * nOut }, () => rng.uniform(-1, 1)),
      Array.from({ length: nOut }, () => rng.uniform(-0.5, 0.5)),
    );
  }
  return net;
}

function data(K: number, out: OutputActivation, loss: Loss): { x: Tensor; y: Tensor } {
  const rng = new Random(5);
  const n = 6;
  const x = new Tensor(
    Float64Array.from({ length: n * 3 }, () => rng.normal(0, 1)),
    [n, 3],
  );
  if (loss === 'categoricalCrossEntropy')
    return {
      x,
      y: new Tensor(
        Float64Array.from({ length: n }, (_, i) => i % K),
        [n],
      ),
    };
  const target = (): number =>
    out === 'tanh'
      ? rng.random() < 0.5
        ? -1
        : 1
      : out === 'sigmoid'
        ? rng.uniform(0.05, 0.95)
        : rng.normal(0, 1);
  return { x, y: new Tensor(Float64Array.from({ length: n * K }, target), [n, K]) };
}

function maxRelativeError(net: MLP, x: Tensor, y: Tensor | number[]): number {
  const objective = (): number => net.loss(x, y) + net.penalty();
  let worst = 0;
  net.parameters().forEach((buffer, i) => {
    const report = checkGradient(
      objective,
      () => {
        net.computeGradients(x, y);
        return net.gradients()[i]!.slice();
      },
      buffer,
    );
    worst = Math.max(worst, report.relativeError);
  });
  return worst;
}

describe('MLP backpropagation vs central finite differences', () => {
  for (const act of hidden) {
    for (const [out, loss] of pairs) {
      it(`${act} hidden, ${out} output with ${loss}`, () => {
        const net = smallNet(act, out, loss);
        const { x, y } = data(net.layers[3]!, out, loss);
        // central differences with h = 1e-6 have O(h²) truncation and ≈1e-10 rounding error: far below 1e-6
        expect(maxRelativeError(net, x, y)).toBeLessThan(1e-6);
      });
    }
  }

  it('includes the L2 penalty (λ/2)Σw² on weights only', () => {
    const net = smallNet('tanh', 'linear', 'squaredError', { regularization: 'l2', lambda: 0.3 });
    const { x, y } = data(2, 'linear', 'squaredError');
    // same finite-difference accuracy argument as above
    expect(maxRelativeError(net, x, y)).toBeLessThan(1e-6);
    net.computeGradients(x, y);
    const withPenalty = net.gradients().map((g) => g.slice());
    net.setRegularization('none', 0);
    net.computeGradients(x, y);
    const plain = net.gradients();
    // bias gradients (odd buffers) are untouched by the penalty: exact equality
    expect(Array.from(withPenalty[1]!)).toEqual(Array.from(plain[1]!));
    const w0 = net.parameters()[0]!;
    // weight gradients differ by exactly λw (one rounding)
    expect(withPenalty[0]![0]! - plain[0]![0]!).toBeCloseTo(0.3 * w0[0]!, 14);
  });

  it('includes the L1 penalty λΣ|w| away from zero', () => {
    const net = smallNet('sigmoid', 'softmax', 'categoricalCrossEntropy', {
      regularization: 'l1',
      lambda: 0.05,
    });
    const { x, y } = data(3, 'softmax', 'categoricalCrossEntropy');
    // weights are ≥ 1e-3 away from 0 with this seed, so |w| is smooth within h = 1e-6
    expect(maxRelativeError(net, x, y)).toBeLessThan(1e-6);
  });

  it('float32 gradients agree with float64 ones to float32 precision', () => {
    const a = smallNet('tanh', 'sigmoid', 'binaryCrossEntropy');
    const b = smallNet('tanh', 'sigmoid', 'binaryCrossEntropy', { dtype: 'float32' });
    const { x, y } = data(2, 'sigmoid', 'binaryCrossEntropy');
    a.computeGradients(x, y);
    b.computeGradients(x, y);
    const ga = a.gradients();
    const gb = b.gradients();
    for (let i = 0; i < ga.length; i++) {
      for (let k = 0; k < ga[i]!.length; k++) {
        // weights were rounded to float32 (rel. 6e-8) and every product rounds again: 1e-5 absolute is ample for O(1) values
        expect(Math.abs(ga[i]![k]! - gb[i]![k]!)).toBeLessThan(1e-5);
      }
    }
    expect(b.parameters()[0]).toBeInstanceOf(Float32Array);
  });
});

describe('MLP kernels on larger shapes', () => {
  it('match finite differences with sparse inputs, full 4×4 tiles and remainders (13-9-6, batch 11)', () => {
    const net = new MLP({
      layers: [13, 9, 6],
      activation: 'relu',
      outputActivation: 'softmax',
      seed: 3,
    });
    const rng = new Random(21);
    // about half the inputs are exactly zero, in runs, like blank image borders
    const x = new Tensor(
      Float64Array.from({ length: 11 * 13 }, (_, i) =>
        i % 13 < 5 || rng.random() < 0.3 ? 0 : rng.uniform(0, 1),
      ),
      [11, 13],
    );
    const y = Array.from({ length: 11 }, (_, i) => i % 6);
    // same finite-difference accuracy argument as above
    expect(maxRelativeError(net, x, y)).toBeLessThan(1e-6);
  });

  it('forward equals a brute-force triple loop on a 37-29-7 network', () => {
    const net = new MLP({
      layers: [37, 29, 7],
      activation: 'linear',
      outputActivation: 'linear',
      seed: 8,
    });
    const rng = new Random(4);
    const n = 19;
    const xs = Array.from({ length: n }, () =>
      Array.from({ length: 37 }, () => (rng.random() < 0.4 ? 0 : rng.normal(0, 1))),
    );
    const [W0, b0, W1, b1] = net.parameters();
    const out = net.forward(xs);
    for (let r = 0; r < n; r++) {
      const h = Array.from({ length: 29 }, (_, j) =>
        xs[r]!.reduce((s, v, i) => s + v * W0![i * 29 + j]!, b0![j]!),
      );
      for (let j = 0; j < 7; j++) {
        const ref = h.reduce((s, v, i) => s + v * W1![i * 7 + j]!, b1![j]!);
        // different summation order over ≤ 37 terms of size O(1): 1e-12 absolute
        expect(Math.abs(out.get(r, j) - ref)).toBeLessThan(1e-12);
      }
    }
  });
});
