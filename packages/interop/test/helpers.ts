import { Random } from '@termgrad/tensor';
import * as ort from 'onnxruntime-node';

/** n × d uniform(−2, 2) inputs from a seeded generator, as rows. */
export function inputs(n: number, d: number, seed: number): number[][] {
  const r = new Random(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => r.random() * 4 - 2));
}

/** Labels of a fixed nonlinear rule, K classes. */
export function labels(x: number[][], K: number): number[] {
  return x.map((row) => {
    const s = row.reduce((a, v, j) => a + Math.sin(v * (j + 1)), 0);
    return Math.min(K - 1, Math.max(0, Math.floor(((s + row.length) / (2 * row.length)) * K)));
  });
}

/** One-hot rows. */
export function oneHot(y: number[], K: number): number[][] {
  return y.map((c) => Array.from({ length: K }, (_, k) => (k === c ? 1 : 0)));
}

/** Runs an ONNX model in ONNX Runtime for Node on rows x; returns every output's data. */
export async function runOrt(
  bytes: Uint8Array,
  x: number[][],
  dtype: 'float32' | 'float64',
  inputName = 'input',
): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes);
  const d = x[0]?.length ?? 0;
  const flat = x.flat();
  const data = dtype === 'float32' ? Float32Array.from(flat) : Float64Array.from(flat);
  const out = await session.run({ [inputName]: new ort.Tensor(dtype, data, [x.length, d]) });
  await session.release();
  return out;
}

/**
 * Largest error |a − b| / max(|b|, 1) — relative for |b| ≥ 1, absolute below (probabilities and
 * activations near 0 have no meaningful relative error).
 */
export function maxRelError(a: ArrayLike<number | bigint>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(Number(a[i]) - (b[i] as number)) / Math.max(Math.abs(b[i] as number), 1);
    if (!(e <= worst)) worst = e;
  }
  return worst;
}
