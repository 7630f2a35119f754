import { Tensor } from '@termgrad/tensor';
import { ModelError } from './errors.js';
import { type MatrixLike, toMatrix } from './input.js';

/** The TensorFlow Playground's seven input features of a point (x₁, x₂), in its INPUTS order. */
export const PLAYGROUND_FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] as const;

/** One Playground input feature: x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂. */
export type PlaygroundFeature = (typeof PLAYGROUND_FEATURES)[number];

/** Each Playground feature as a function of the point (x₁, x₂). */
export const PLAYGROUND_FEATURE_FUNCTIONS: Readonly<
  Record<PlaygroundFeature, (x1: number, x2: number) => number>
> = Object.freeze({
  x1: (a: number) => a,
  x2: (_: number, b: number) => b,
  x1sq: (a: number) => a * a,
  x2sq: (_: number, b: number) => b * b,
  x1x2: (a: number, b: number) => a * b,
  sinx1: (a: number) => Math.sin(a),
  sinx2: (_: number, b: number) => Math.sin(b),
});

/**
 * Maps points [n, 2] to the named Playground features [n, d], one column per name in the order
 * given — so a library user builds exactly the inputs the termgrad app (and the Playground) feed
 * its network.
 * @param points [n, 2] (x₁, x₂) per row.
 * @param features names from {@link PLAYGROUND_FEATURES} (default: all seven, in that order).
 * @throws {ModelError} on points that are not [n, 2], NaN, an unknown or repeated feature name.
 * @example
 * ```ts
 * playgroundFeatures([[1, 2]], ['x1', 'x1x2', 'sinx2']).data; // Float64Array [1, 2, Math.sin(2)]
 * ```
 */
export function playgroundFeatures(
  points: MatrixLike,
  features: readonly PlaygroundFeature[] = PLAYGROUND_FEATURES,
): Tensor {
  const op = 'playgroundFeatures';
  if (!Array.isArray(features) || features.length === 0)
    throw new ModelError(
      op,
      `features must be a non-empty array of names; expected some of ${PLAYGROUND_FEATURES.join(', ')}, got ${JSON.stringify(features)}`,
    );
  const seen = new Set<string>();
  for (const f of features) {
    if (!(PLAYGROUND_FEATURES as readonly string[]).includes(f))
      throw new ModelError(
        op,
        `unknown feature; expected one of ${PLAYGROUND_FEATURES.join(', ')}, got ${JSON.stringify(f)}`,
      );
    if (seen.has(f))
      throw new ModelError(op, `feature ${f} is listed twice; expected each name at most once`);
    seen.add(f);
  }
  const x = toMatrix(op, points, 'points', 2);
  const fns = (features as readonly PlaygroundFeature[]).map(
    (f) => PLAYGROUND_FEATURE_FUNCTIONS[f],
  );
  const n = x.rows;
  const d = fns.length;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const a = x.data[2 * i]!;
    const b = x.data[2 * i + 1]!;
    for (let j = 0; j < d; j++) out[i * d + j] = fns[j]!(a, b);
  }
  return new Tensor(out, [n, d]);
}
