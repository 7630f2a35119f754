import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The README's ONNX Runtime + TF.js example (its peers are dev dependencies here, so pack-check's
// clean install cannot run it): run it against the built package and compare its printed output.
it('the README example runs in ONNX Runtime and TF.js and prints what the README shows', () => {
  const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
  const m = /```js\n([^`]*onnxruntime-node[^`]*)```\n\nprints[^\n]*\n\n```text\n([^`]*)```/.exec(
    readme,
  );
  expect(m, 'README has the ONNX Runtime / TF.js example followed by its output').not.toBeNull();
  const file = path.join(dir, `.readme-example-${process.pid}.mjs`);
  writeFileSync(file, m![1]!);
  try {
    const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(m![2]);
  } finally {
    rmSync(file, { force: true });
  }
}, 130_000);
