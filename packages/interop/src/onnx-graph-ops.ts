import type { FeatureMapJSON, JsonNumber, OutputActivation } from '@termgrad/models';
import { InteropError } from './errors.js';
import type { GraphBuilder } from './onnx-builder.js';

/** Decodes a termgrad JSON number ('-0' is negative zero). @internal */
export function num(v: JsonNumber): number {
  return v === '-0' ? -0 : Number(v);
}

/** Decodes a list of termgrad JSON numbers. @internal */
export function nums(v: readonly JsonNumber[]): number[] {
  return v.map(num);
}

/** y = x·W + b with W [nIn, nOut] row-major (Gemm; transB when W is stored [nOut, nIn]). @internal */
export function dense(
  g: GraphBuilder,
  x: string,
  prefix: string,
  w: ArrayLike<number>,
  bias: ArrayLike<number>,
  nIn: number,
  nOut: number,
  transposed = false,
): string {
  const W = g.constant(`${prefix}.weight`, w, transposed ? [nOut, nIn] : [nIn, nOut]);
  const B = g.constant(`${prefix}.bias`, bias, [nOut]);
  return g.node('Gemm', [x, W, B], `${prefix}.linear`, transposed ? { transB: 1 } : {});
}

/** Applies a termgrad activation (identity for 'linear'). @internal */
export function activation(
  g: GraphBuilder,
  x: string,
  kind: OutputActivation,
  alpha: number,
  prefix: string,
): string {
  switch (kind) {
    case 'linear':
      return x;
    case 'sigmoid':
      return g.node('Sigmoid', [x], `${prefix}.sigmoid`);
    case 'tanh':
      return g.node('Tanh', [x], `${prefix}.tanh`);
    case 'relu':
      return g.node('Relu', [x], `${prefix}.relu`);
    case 'leakyRelu': {
      // LeakyRelu's alpha attribute is a float32; a slope it cannot hold exactly is written as
      // Where(x > 0, x, x·α) with α a tensor of the graph's dtype (fromOnnx reads both forms).
      if (Math.fround(alpha) === alpha)
        return g.node('LeakyRelu', [x], `${prefix}.leaky_relu`, { alpha });
      const positive = g.node(
        'Greater',
        [x, g.constant(`${prefix}.zero`, [0], [])],
        `${prefix}.positive`,
      );
      const scaled = g.node(
        'Mul',
        [x, g.constant(`${prefix}.alpha`, [alpha], [])],
        `${prefix}.scaled`,
      );
      return g.node('Where', [positive, x, scaled], `${prefix}.leaky_relu`);
    }
    case 'softmax':
      return g.node('Softmax', [x], `${prefix}.softmax`, { axis: 1 });
    default:
      throw new InteropError(
        'toOnnx',
        `unsupported activation; expected sigmoid, tanh, relu, linear, leakyRelu or softmax, got ${JSON.stringify(kind)}`,
      );
  }
}

/** Exponent tuples of the monomials of degree 1..M (0..M with the bias), in termgrad's graded order. */
function monomialExponents(d: number, degree: number, includeBias: boolean): number[][] {
  const out: number[][] = [];
  if (includeBias) out.push(new Array<number>(d).fill(0));
  const rec = (prefix: number[], remaining: number, start: number): void => {
    if (remaining === 0) {
      const e = new Array<number>(d).fill(0);
      for (const i of prefix) e[i] = (e[i] as number) + 1;
      out.push(e);
      return;
    }
    for (let i = start; i < d; i++) rec([...prefix, i], remaining - 1, i);
  };
  for (let deg = 1; deg <= degree; deg++) rec([], deg, 0);
  return out;
}

/**
 * A termgrad feature map φ as graph ops: polynomial monomials as products of input columns
 * (Gather + Mul, Concat), Gaussian basis as exp(−Σⱼ(xⱼ − μⱼ)² / (2s²)) (Unsqueeze, Sub, Mul,
 * ReduceSum, Exp) — the same arithmetic as termgrad's transform. @returns [value, width]. @internal
 */
export function featureMap(g: GraphBuilder, x: string, f: FeatureMapJSON): [string, number] {
  if (f.kind === 'polynomial') {
    const d = f.inputDim;
    const cols: string[] = [];
    for (let j = 0; j < d; j++)
      cols.push(
        g.node('Gather', [x, g.int64(`phi.col${j}.index`, [j])], `phi.col${j}`, { axis: 1 }),
      );
    const feats: string[] = [];
    monomialExponents(d, f.degree, f.includeBias).forEach((e, k) => {
      const factors: string[] = [];
      e.forEach((p, j) => {
        for (let r = 0; r < p; r++) factors.push(cols[j] as string);
      });
      if (factors.length === 0) {
        // constant column: x₀·0 + 1 keeps the symbolic batch size
        const zero = g.node(
          'Mul',
          [cols[0] as string, g.constant(`phi.m${k}.zero`, [0], [])],
          `phi.m${k}.zeros`,
        );
        feats.push(g.node('Add', [zero, g.constant(`phi.m${k}.one`, [1], [])], `phi.m${k}`));
        return;
      }
      let v = factors[0] as string;
      for (let i = 1; i < factors.length; i++)
        v = g.node(
          'Mul',
          [v, factors[i] as string],
          i === factors.length - 1 ? `phi.m${k}` : g.fresh(`phi.m${k}.p`),
        );
      feats.push(v);
    });
    const out =
      feats.length === 1
        ? g.node('Identity', feats, 'phi')
        : g.node('Concat', feats, 'phi', { axis: 1 });
    return [out, feats.length];
  }
  const d = f.inputDim;
  const centers = nums(f.centers);
  const m = centers.length / d;
  const s = num(f.s);
  const inv = 1 / (2 * s * s);
  const x3 = g.node('Unsqueeze', [x, g.int64('phi.unsqueeze_axes', [1])], 'phi.x3');
  const mu = g.constant('phi.centers', centers, [1, m, d]);
  const diff = g.node('Sub', [x3, mu], 'phi.diff');
  const sq = g.node('Mul', [diff, diff], 'phi.diff2');
  const r2 = g.node('ReduceSum', [sq, g.int64('phi.reduce_axes', [2])], 'phi.r2', { keepdims: 0 });
  const scaled = g.node('Mul', [r2, g.constant('phi.neg_inv_2s2', [-inv], [])], 'phi.exponent');
  return [g.node('Exp', [scaled], 'phi'), m];
}

/** Reshapes [batch, 1] to [batch]. @internal */
export function flatten1(g: GraphBuilder, x: string, name: string): string {
  return g.node('Reshape', [x, g.int64(`${name}.shape`, [-1])], name);
}

/** Class index (int64) of the largest entry of each row (first on ties, as termgrad). @internal */
export function argmax(g: GraphBuilder, x: string, name: string): string {
  return g.node('ArgMax', [x], name, { axis: 1, keepdims: 0, select_last_index: 0 });
}
