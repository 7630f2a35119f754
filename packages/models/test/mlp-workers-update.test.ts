// The worker pool applies a built-in optimizer's update inside its parallel chunked reduction
// (each thread updates the chunks it reduced, optimizer slots in shared memory). Checked bit for
// bit against the pool's fallback path — reduction, then optimizer.step on the calling thread — which
// every optimizer not built in takes (here: the same optimizer behind an opaque wrapper), for SGD
// (plain, momentum, Nesterov, weight decay), Adam and RMSprop, with a schedule and the penalty rule,
// on a network whose parameters span several reduction chunks; and the optimizer's state (t, slots)
// must be the one of the serial path, survive a state round trip and an optimizer swap mid-run.
import {
  adam,
  elementwiseOptimizer,
  exponentialDecay,
  fromState,
  type Optimizer,
  rmsprop,
  sgd,
} from '@termgrad/optim';
import { Random, Tensor } from '@termgrad/tensor';
import { describe, expect, it } from 'vitest';
import { createMlpTask, MLP } from '../src/index.js';
import { CHUNK, GradientWorkers } from '../src/mlp-workers.js';

const LAYERS = [40, 300, 20, 4]; // 12 000 + 300 + 6 000 + 20 + 80 + 4 = 18 404 parameters: three chunks, the last one partial

/** The same optimizer behind an object that is not a built-in one: the pool's fallback path. */
function opaque(inner: Optimizer): Optimizer {
  return {
    get type() {
      return inner.type;
    },
    get t() {
      return inner.t;
    },
    get learningRate() {
      return inner.learningRate;
    },
    get lr() {
      return inner.learningRate;
    },
    step: (p, g) => inner.step(p, g),
    setLearningRate: (lr) => inner.setLearningRate(lr),
    state: () => inner.state(),
    reset: () => inner.reset(),
  };
}

function build(dtype: 'float32' | 'float64', optimizer: Optimizer, reg: boolean): MLP {
  return new MLP({
    layers: LAYERS,
    activation: 'tanh',
    outputActivation: 'softmax',
    dtype,
    seed: 9,
    optimizer,
    ...(reg ? { regularization: 'l2' as const, lambda: 0.01 } : {}),
  });
}

function data(rows: number): { x: Tensor; y: Tensor } {
  const rng = new Random(5);
  const xs = new Float64Array(rows * 40);
  const ys = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    ys[i] = i % 4;
    for (let j = 0; j < 40; j++) xs[i * 40 + j] = rng.normal(i % 4 === j % 4 ? 1 : 0, 1);
  }
  return { x: new Tensor(xs, [rows, 40]), y: new Tensor(ys, [rows]) };
}

const optimizers: [string, () => Optimizer, boolean][] = [
  ['sgd', () => sgd({ learningRate: 0.1 }), false],
  ['sgd + weight decay + l2 penalty', () => sgd({ learningRate: 0.1, weightDecay: 0.01 }), true],
  ['sgd momentum', () => sgd({ learningRate: 0.05, momentum: 0.9 }), false],
  [
    'sgd nesterov, decaying rate',
    () =>
      sgd({
        learningRate: exponentialDecay({ learningRate: 0.05, gamma: 0.9 }),
        momentum: 0.8,
        nesterov: true,
      }),
    true,
  ],
  ['adam + weight decay', () => adam({ learningRate: 0.003, weightDecay: 0.001 }), false],
  ['rmsprop', () => rmsprop({ learningRate: 0.002 }), true],
];

const bits = (params: readonly (Float32Array | Float64Array)[]): Float64Array[] =>
  params.map((p) => Float64Array.from(p));

describe('GradientWorkers: the optimizer update inside the parallel reduction', () => {
  it('covers several chunks', () => {
    const total = build('float64', sgd(), false)
      .parameters()
      .reduce((n, p) => n + p.length, 0);
    expect(total).toBe(18_404);
    expect(total).toBeGreaterThan(2 * CHUNK);
  });

  it.each(
    optimizers.flatMap(([name, opt, reg]) =>
      [2, 3].flatMap((workers) =>
        (['float32', 'float64'] as const).map((dtype) => [name, workers, dtype, opt, reg] as const),
      ),
    ),
  )(
    '%s, %i workers, %s: bit for bit the fallback path, same optimizer state',
    async (_n, workers, dtype, make, reg) => {
      const { x, y } = data(150);
      const fusedOpt = make();
      const plainOpt = make();
      const fused = build(dtype, fusedOpt, reg);
      const plain = build(dtype, opaque(plainOpt), reg);
      expect(elementwiseOptimizer(fusedOpt)).not.toBeNull();
      expect(elementwiseOptimizer(plain.optimizer)).toBeNull();
      const opts = { x, y, batchSize: 64, workers, seed: 3 };
      const a = createMlpTask(fused, opts);
      const b = createMlpTask(plain, opts);
      try {
        a.onEpochStart?.(0);
        b.onEpochStart?.(0);
        for (let s = 0; s < 7; s++) {
          const la = a.trainStep();
          const lb = b.trainStep();
          expect(la).toBe(lb);
          expect(bits(fused.parameters())).toEqual(bits(plain.parameters()));
        }
        expect(fusedOpt.t).toBe(7);
        expect(fusedOpt.state()).toEqual(plainOpt.state());
        // the optimizer's JSON round trip continues exactly where the shared-memory state stopped
        fused.optimizer = fromState(JSON.parse(JSON.stringify(fusedOpt.state())));
        const before = JSON.stringify(fusedOpt.state());
        for (let s = 0; s < 3; s++) {
          expect(a.trainStep()).toBe(b.trainStep());
          expect(bits(fused.parameters())).toEqual(bits(plain.parameters()));
        }
        expect(fused.optimizer.state()).toEqual(plainOpt.state());
        // the swapped-out optimizer got its own slots back: the new one's steps did not touch them
        expect(JSON.stringify(fusedOpt.state())).toBe(before);
      } finally {
        a.close?.();
        b.close?.();
      }
    },
  );

  it('applies the update only for built-in optimizers (a custom one is stepped by the caller)', async () => {
    const { x, y } = data(64);
    const X = Float64Array.from(x.data);
    const T = new Float64Array(64 * 4);
    for (let i = 0; i < 64; i++) T[i * 4 + (y.data[i] as number)] = 1;
    const inner = sgd({ learningRate: 0.1, momentum: 0.5 });
    const net = build('float64', inner, false);
    const pool = new GradientWorkers(net, X, T, 2, 64);
    const batch = Int32Array.from({ length: 64 }, (_, i) => i);
    try {
      const w0 = Float64Array.from(net.parameters()[0]!);
      pool.step(batch);
      expect(pool.updatedParameters).toBe(true);
      expect(inner.t).toBe(1);
      expect(Float64Array.from(net.parameters()[0]!)).not.toEqual(w0);
      net.optimizer = opaque(sgd({ learningRate: 0.1 }));
      const w1 = Float64Array.from(net.parameters()[0]!);
      pool.step(batch);
      expect(pool.updatedParameters).toBe(false);
      expect(Float64Array.from(net.parameters()[0]!)).toEqual(w1);
      expect(inner.t).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
