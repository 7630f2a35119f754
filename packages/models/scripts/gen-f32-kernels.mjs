#!/usr/bin/env node
// Generates src/mlp-kernels-f32.ts from src/mlp-kernels-f64.ts: the same kernels with Float32Array
// storage. One copy per dtype keeps every kernel monomorphic in V8. test/mlp-kernels-sync.test.ts
// fails when the checked-in file differs from what this script writes.
// Usage: node scripts/gen-f32-kernels.mjs [--check]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** The float32 kernel file's text, derived from the float64 one. */
export function generateF32(f64Text) {
  const body = f64Text.replace(/^(\/\/[^\n]*\n)+/, '').replaceAll('Float64Array', 'Float32Array');
  const header =
    '// GENERATED from mlp-kernels-f64.ts by scripts/gen-f32-kernels.mjs — do not edit.\n' +
    '// The same fused dense-layer kernels for Float32Array storage (V8 computes in double either way;\n' +
    '// float32 halves memory traffic). One copy per dtype keeps every kernel monomorphic.\n';
  return header + body;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const next = generateF32(fs.readFileSync(path.join(src, 'mlp-kernels-f64.ts'), 'utf8'));
  const target = path.join(src, 'mlp-kernels-f32.ts');
  if (process.argv.includes('--check')) {
    const same = fs.readFileSync(target, 'utf8') === next;
    console.log(
      same
        ? 'mlp-kernels-f32.ts is in sync'
        : 'mlp-kernels-f32.ts is stale: run node scripts/gen-f32-kernels.mjs',
    );
    process.exit(same ? 0 : 1);
  }
  fs.writeFileSync(target, next);
}
