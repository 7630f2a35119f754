/**
 * Row-wise affine map out[i, k] = b[k] + Σⱼ W[k, j]·x[i, j] for row-major x [rows, cols],
 * W [K, cols] and b [K] (sum from the bias, j ascending). Shared by the linear classifiers'
 * scores, discriminants and logits. @returns Float64Array [rows, K]. @internal
 */
export function affineRows(
  x: Float64Array,
  rows: number,
  cols: number,
  W: Float64Array,
  b: Float64Array,
  K: number,
): Float64Array {
  const out = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < K; k++) {
      let s = b[k]!;
      for (let j = 0; j < cols; j++) s += W[k * cols + j]! * x[i * cols + j]!;
      out[i * K + k] = s;
    }
  }
  return out;
}
