// Checks of one packed-and-installed package, used by pack-check.mjs: manifest fields and LICENSE,
// caret ranges, source maps that resolve, publint, attw, and the .d.ts compiling for a consumer on
// TypeScript 5.9 and 7 (node16 and bundler resolution). Each throws an Error naming the problem.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const checksBin = path.join(root, 'tooling', 'checks', 'node_modules', '.bin');
const TSC = { 5.9: path.join(checksBin, 'tsc'), 7: path.join(root, 'node_modules', '.bin', 'tsc') };

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  return {
    ok: r.status === 0,
    out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}`,
  };
}

/** License, repository (with directory), homepage, bugs, keywords, author; LICENSE in the tarball. */
export function checkManifest(installed, source, pkgDir, dir, isLibrary) {
  const problems = [];
  if (installed.license !== 'MIT') problems.push(`license is ${installed.license}; expected MIT`);
  if (!fs.existsSync(path.join(pkgDir, 'LICENSE')))
    problems.push('no LICENSE file in the package (add it to "files")');
  if (installed.repository?.directory !== dir || !installed.repository?.url)
    problems.push(`repository must have url and directory "${dir}"`);
  if (typeof installed.homepage !== 'string' || !installed.homepage) problems.push('no homepage');
  if (!installed.bugs?.url) problems.push('no bugs.url');
  if (!Array.isArray(installed.keywords) || installed.keywords.length === 0)
    problems.push('no keywords');
  if (!installed.author) problems.push('no author');
  if (!source.scripts?.prepack) problems.push('no prepack script (pnpm pack must build first)');
  if (isLibrary) {
    for (const [dep, spec] of Object.entries(installed.dependencies ?? {})) {
      if (!spec.startsWith('^'))
        problems.push(`runtime dependency ${dep}@${spec} must be a caret range`);
    }
  }
  if (problems.length)
    throw new Error(`${installed.name}: package.json / contents:\n  ${problems.join('\n  ')}`);
}

/** Every .map in the package: each `sources` entry must exist inside the package. Returns the count. */
export function checkSourceMaps(pkgDir) {
  const maps = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== 'node_modules') walk(path.join(d, e.name));
      else if (e.name.endsWith('.map')) maps.push(path.join(d, e.name));
    }
  };
  walk(pkgDir);
  const missing = [];
  for (const map of maps) {
    const m = JSON.parse(fs.readFileSync(map, 'utf8'));
    for (const src of m.sources ?? []) {
      const file = path.resolve(path.dirname(map), m.sourceRoot ?? '', src);
      if (!file.startsWith(pkgDir + path.sep) || !fs.existsSync(file))
        missing.push(`${path.relative(pkgDir, map)} -> ${src}`);
    }
  }
  if (missing.length)
    throw new Error(
      `source maps point at files the package does not ship:\n  ${missing.slice(0, 8).join('\n  ')}`,
    );
  return maps.length;
}

/** publint on the tarball: any message (error, warning or suggestion) fails. */
export function checkPublint(tgz) {
  const r = run(path.join(checksBin, 'publint'), ['run', tgz, '--level', 'suggestion']);
  if (!r.ok || !/All good/i.test(r.out)) throw new Error(`publint:\n${r.out}`);
}

/** @arethetypeswrong/cli on the tarball, ESM-only profile (the packages ship no CommonJS). */
export function checkAttw(tgz) {
  const r = run(path.join(checksBin, 'attw'), [
    tgz,
    '--profile',
    'esm-only',
    '--no-definitely-typed',
    '--format',
    'ascii',
    '--no-color',
    '--no-emoji',
  ]);
  if (!r.ok) throw new Error(`attw --profile esm-only:\n${r.out}`);
}

/**
 * The installed .d.ts must compile for a consumer: a file importing every entry point, type-checked
 * with skipLibCheck off by TypeScript 5.9 and 7 under moduleResolution node16 and bundler.
 */
export function checkConsumerTypes(project, name, subpaths) {
  const specs = [name, ...subpaths.map((s) => `${name}${s.slice(1)}`)];
  const lines = specs.map(
    (s, i) => `import * as m${i} from '${s}';\nexport const k${i}: string[] = Object.keys(m${i});`,
  );
  fs.writeFileSync(path.join(project, 'consumer.ts'), `${lines.join('\n')}\n`);
  const base = {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    target: 'ES2022',
    lib: ['ES2023', 'DOM'],
    types: [],
  };
  const configs = {
    node16: { ...base, module: 'node16', moduleResolution: 'node16' },
    bundler: { ...base, module: 'esnext', moduleResolution: 'bundler' },
  };
  const errors = [];
  for (const [label, compilerOptions] of Object.entries(configs)) {
    fs.writeFileSync(
      path.join(project, `tsconfig.${label}.json`),
      JSON.stringify({ compilerOptions, files: ['consumer.ts'] }),
    );
    for (const [version, tsc] of Object.entries(TSC)) {
      const r = run(tsc, ['-p', `tsconfig.${label}.json`], { cwd: project });
      if (!r.ok)
        errors.push(
          `TypeScript ${version}, moduleResolution ${label}:\n${r.out.trim().split('\n').slice(0, 12).join('\n')}`,
        );
    }
  }
  if (errors.length)
    throw new Error(
      `${name}: the packed .d.ts do not compile for a consumer:\n${errors.join('\n')}`,
    );
}

/**
 * The README's first ```js example and the ```text block after it ("prints"): the example's stdout
 * must equal that block, comparing lines with trailing whitespace removed.
 */
export function readmeExample(readme) {
  const js = /```js\n([\s\S]*?)```/.exec(readme);
  if (!js) return null;
  const rest = readme.slice(js.index + js[0].length);
  const text = /^```text\n([\s\S]*?)```/m.exec(rest);
  const between = text ? rest.slice(0, text.index) : '';
  // The output block must follow the example directly (only a short "prints" line between them).
  const expected =
    text && between.trim().split('\n').length <= 2 && !between.includes('```') ? text[1] : null;
  return { code: js[1], expected };
}

export function compareOutput(actual, expected) {
  const norm = (s) =>
    s
      .split('\n')
      .map((l) => l.replace(/\s+$/, ''))
      .join('\n')
      .replace(/\n+$/, '');
  const a = norm(actual).split('\n');
  const e = norm(expected).split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) {
      return `line ${i + 1} differs:\n  README: ${JSON.stringify(e[i] ?? '(missing)')}\n  actual: ${JSON.stringify(a[i] ?? '(missing)')}`;
    }
  }
  return null;
}
