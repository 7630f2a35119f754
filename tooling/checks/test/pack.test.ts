import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Each public package is packed, installed with plain npm into an empty project outside the
// workspace, and its README usage example is run there (tooling/scripts/pack-check.mjs).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const script = path.join(root, 'tooling', 'scripts', 'pack-check.mjs');
const dirs = [
  'packages/tensor',
  'packages/probability',
  'packages/optim',
  'packages/datasets',
  'packages/models',
  'packages/interop',
  'apps/termgrad',
];

describe('pack-and-install check', () => {
  for (const dir of dirs) {
    it(`${dir} works alone from its packed tarball`, () => {
      const r = spawnSync(process.execPath, [script, dir], { cwd: root, encoding: 'utf8' });
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    }, 180_000);
  }
});
