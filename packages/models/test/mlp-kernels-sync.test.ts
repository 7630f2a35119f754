import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain-JS generator script without type declarations
import { generateF32 } from '../scripts/gen-f32-kernels.mjs';

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

describe('mlp-kernels-f32.ts', () => {
  it('is exactly the float64 kernels regenerated for Float32Array (no hand edits drift)', () => {
    const f64 = fs.readFileSync(path.join(src, 'mlp-kernels-f64.ts'), 'utf8');
    const f32 = fs.readFileSync(path.join(src, 'mlp-kernels-f32.ts'), 'utf8');
    expect(f32).toBe(generateF32(f64));
    expect(f32).not.toContain('Float64Array');
  });
});
