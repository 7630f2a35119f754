// Classical-model benchmarks against npm peers, interleaved paired reps in one process.
// Run: pnpm bench models classical [--n 100000] [--logistic-n 10000] [--reps 9] [--steps 40] [--lr 2e-4]

import { LogisticRegression, PolynomialRegression } from '@termgrad/models';
import { Random, Tensor } from '@termgrad/tensor';
import MlLogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { PolynomialRegression as MlPolynomialRegression } from 'ml-regression-polynomial';
import { arg, median, printTable, time } from './harness.js';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function polyEval(w: readonly number[], x: number): number {
  let y = 0;
  for (let k = w.length - 1; k >= 0; k--) y = y * x + w[k]!;
  return y;
}

/** Mean cross-entropy of σ(wᵀx + b) on targets t (stable form). */
function meanCrossEntropy(
  x: Float64Array,
  t: Float64Array,
  w0: number,
  w1: number,
  b: number,
): number {
  let s = 0;
  const n = t.length;
  for (let i = 0; i < n; i++) {
    const a = w0 * x[2 * i]! + w1 * x[2 * i + 1]! + b;
    const z = t[i] === 1 ? a : -a; // −log σ(z) = softplus(−z)
    s += z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
  }
  return s / n;
}

export async function run(args: string[]): Promise<void> {
  const n = arg(args, 'n', 100_000);
  const reps = arg(args, 'reps', 9);
  const nLog = arg(args, 'logistic-n', 10_000);
  const steps = arg(args, 'steps', 40);
  const lr = arg(args, 'lr', 2e-4);
  const rng = new Random(42);

  // --- Polynomial fit, degree 5: exact data from known coefficients, so the error is measurable.
  const wTrue = [1, -2, 0.5, 0.3, -0.05, 0.002];
  const makeCase = (lo: number, hi: number) => {
    const x = new Float64Array(n);
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = rng.uniform(lo, hi);
      t[i] = polyEval(wTrue, x[i]!);
    }
    return { x, t, xs: Array.from(x), ts: Array.from(t) };
  };
  const cases = [
    { name: `degree 5, N=${n}, x in [-1,1]`, ...makeCase(-1, 1) },
    { name: `degree 5, N=${n}, x in [0,10]`, ...makeCase(0, 10) },
  ];
  const times: Record<string, number[]> = {};
  const errs: Record<string, number> = {};
  const push = (k: string, ms: number) => (times[k] ??= []).push(ms);
  // Warm-up once (JIT) outside the measured reps.
  for (const c of cases) {
    new PolynomialRegression({ degree: 5 }).fit(c.x, c.t);
    new MlPolynomialRegression(c.xs, c.ts, 5);
  }
  for (let r = 0; r < reps; r++) {
    for (const c of cases) {
      const ours = time(() => new PolynomialRegression({ degree: 5 }).fit(c.x, c.t));
      push(`ours ${c.name}`, ours.ms);
      errs[`ours ${c.name}`] = maxAbsDiff(ours.value.coefficients, wTrue);
      const peer = time(() => new MlPolynomialRegression(c.xs, c.ts, 5));
      push(`peer ${c.name}`, peer.ms);
      errs[`peer ${c.name}`] = maxAbsDiff(peer.value.coefficients, wTrue);
    }
  }
  console.log(
    '\nPolynomial least squares (median of',
    reps,
    'interleaved reps; error = max |w - w_true| on exact data)',
  );
  const polyRows: (string | number)[][] = [
    [
      'case',
      'termgrad ms',
      'ml-regression-polynomial ms',
      'speed-up',
      'termgrad coef err',
      'peer coef err',
    ],
  ];
  for (const c of cases) {
    const a = median(times[`ours ${c.name}`]!);
    const b = median(times[`peer ${c.name}`]!);
    polyRows.push([
      c.name,
      a,
      b,
      `${(b / a).toFixed(1)}x`,
      errs[`ours ${c.name}`]!,
      errs[`peer ${c.name}`]!,
    ]);
  }
  // Degree 9 through x = 1..10 (exact interpolation of a known degree-9 polynomial): accuracy only.
  const w9 = [1, -1, 1, -1, 1, -1, 1, -1, 1, -1];
  const x9 = Array.from({ length: 10 }, (_, i) => i + 1);
  const t9 = x9.map((v) => polyEval(w9, v));
  const ours9 = new PolynomialRegression({ degree: 9 }).fit(x9, t9);
  const peer9 = new MlPolynomialRegression(x9, t9, 9);
  polyRows.push([
    'degree 9, x = 1..10 (accuracy)',
    '-',
    '-',
    '-',
    maxAbsDiff(ours9.coefficients, w9),
    maxAbsDiff(peer9.coefficients, w9),
  ]);
  printTable(polyRows, { style: 'markdown' });

  // --- Logistic regression, N points in 2-D, two overlapping Gaussian classes.
  const X = new Float64Array(nLog * 2);
  const T = new Float64Array(nLog);
  for (let i = 0; i < nLog; i++) {
    const c = i % 2;
    X[2 * i] = rng.normal(c ? 1 : -1, 1.2);
    X[2 * i + 1] = rng.normal(c ? 0.5 : -0.5, 1);
    T[i] = c;
  }
  const rows: number[][] = [];
  for (let i = 0; i < nLog; i++) rows.push([X[2 * i]!, X[2 * i + 1]!, 1]);
  const peerX = new Matrix(rows);
  const peerY = Matrix.columnVector(Array.from(T));
  // Ours gets a prebuilt Tensor [n, 2], as the peer gets a prebuilt ml-matrix Matrix.
  const oursRows = new Tensor(X, [nLog, 2]);
  // Reference optimum: Newton to the rounding floor.
  const ref = new LogisticRegression({ tolerance: 0, maxIterations: 50 }).fit(oursRows, T);
  const optimum = meanCrossEntropy(X, T, ref.weights[0]!, ref.weights[1]!, ref.bias);
  const lt: Record<string, number[]> = { ours: [], peer: [] };
  let oursModel = ref;
  let peerModel: MlLogisticRegression | null = null;
  new LogisticRegression().fit(oursRows, T); // warm-up
  for (let r = 0; r < Math.min(reps, 5); r++) {
    const o = time(() => new LogisticRegression().fit(oursRows, T));
    lt.ours!.push(o.ms);
    oursModel = o.value;
    const p = time(() => {
      const m = new MlLogisticRegression({ numSteps: steps, learningRate: lr });
      m.train(peerX, peerY);
      return m;
    });
    lt.peer!.push(p.ms);
    peerModel = p.value;
  }
  const ow = oursModel.weights;
  const oursCE = meanCrossEntropy(X, T, ow[0]!, ow[1]!, oursModel.bias);
  // Classifier 0 of the one-vs-all ensemble models p(label = 1 | x) (the library relabels class 0 -> 0, others -> 1).
  const pw = (
    peerModel as unknown as { classifiers: { weights: Matrix }[] }
  ).classifiers[0]!.weights.to1DArray();
  const peerCE = meanCrossEntropy(X, T, pw[0]!, pw[1]!, pw[2]!);
  const a = median(lt.ours!);
  const b = median(lt.peer!);
  console.log(
    `\nLogistic regression, N=${nLog}, 2-D (median of ${Math.min(reps, 5)} interleaved reps); true optimum mean CE = ${optimum.toPrecision(15)}`,
  );
  printTable(
    [
      ['implementation', 'ms per fit', 'iterations', 'mean cross-entropy', '|CE - optimum|'],
      [
        'termgrad LogisticRegression (Newton/IRLS)',
        a,
        oursModel.fitInfo!.iterations,
        oursCE.toPrecision(15),
        Math.abs(oursCE - optimum),
      ],
      [
        `ml-logistic-regression (${steps} steps, lr ${lr}, one-vs-all)`,
        b,
        steps,
        peerCE.toPrecision(15),
        Math.abs(peerCE - optimum),
      ],
      ['speed-up', `${(b / a).toFixed(1)}x`, '', '', ''],
    ],
    { style: 'markdown' },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
