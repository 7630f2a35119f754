/** A square world domain [min, max]² as a viewport. */
export interface Domain {
  readonly xmin: number;
  readonly xmax: number;
  readonly ymin: number;
  readonly ymax: number;
}

/** Cell-centre coordinates of a gridW × gridH grid over `domain`, top row first: [n, 2] row-major. */
export function gridPoints(gridW: number, gridH: number, domain: Domain): Float64Array {
  const out = new Float64Array(gridW * gridH * 2);
  for (let r = 0; r < gridH; r++) {
    const y =
      gridH === 1
        ? (domain.ymin + domain.ymax) / 2
        : domain.ymax - (r / (gridH - 1)) * (domain.ymax - domain.ymin);
    for (let c = 0; c < gridW; c++) {
      const x =
        gridW === 1
          ? (domain.xmin + domain.xmax) / 2
          : domain.xmin + (c / (gridW - 1)) * (domain.xmax - domain.xmin);
      const i = (r * gridW + c) * 2;
      out[i] = x;
      out[i + 1] = y;
    }
  }
  return out;
}
