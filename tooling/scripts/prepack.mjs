#!/usr/bin/env node
// `prepack` of every public package: build it (and the workspace packages it depends on, through
// turbo, cached) so `pnpm pack` / `pnpm publish` never produce a package without dist/. Fails
// loudly when the build fails or a file named by `exports`, `main`, `types` or `bin` is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = process.cwd();
const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const fail = (msg) => {
  console.error(`prepack ${pj.name}: ${msg}; refusing to pack a package without its build`);
  process.exit(1);
};

const r = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'build', `--filter=${pj.name}`, '--output-logs=errors-only'],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
  },
);
if (r.error) fail(`cannot run turbo (${r.error.message})`);
if (r.status !== 0) fail(`the build exited ${r.status}`);

/** Every file path the published manifest points at. */
function targets(value, out = []) {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object')
    for (const v of Object.values(value)) targets(v, out);
  return out;
}
const published = [pj.publishConfig?.exports ?? pj.exports, pj.main, pj.types, pj.bin];
for (const file of targets(published)) {
  if (!fs.existsSync(path.join(dir, file))) fail(`${file} is missing after the build`);
}
