// No import cycles inside any package: madge (with TypeScript 5.x from this package) walks each
// package's src from its entry files. Type-only imports are skipped: they vanish at run time and
// cannot cause an initialisation-order bug. The last test proves the check can fail.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const config = {
  fileExtensions: ['ts', 'tsx'],
  detectiveOptions: { ts: { skipTypeImports: true }, tsx: { skipTypeImports: true } },
  tsConfig: join(root, 'tsconfig.base.json'),
};

async function cyclesIn(dir: string): Promise<string[][]> {
  const result = await madge(dir, { ...config, excludeRegExp: [/\.test\.tsx?$/, /\.d\.ts$/] });
  return result.circular();
}

const dirs = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group))
    .map((name) => join(root, group, name, 'src'))
    .filter((src) => existsSync(src)),
);

describe('import cycles (madge)', () => {
  it('finds the packages', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(6);
  });
  for (const dir of dirs) {
    it(`none in ${dir.slice(root.length)}`, async () => {
      expect(await cyclesIn(dir)).toEqual([]);
    }, 120_000);
  }

  it('reports a cycle when there is one (the check can fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
    writeFileSync(
      join(dir, 'a.ts'),
      "import { b } from './b.js';\nexport const a = (): number => b() + 1;\n",
    );
    writeFileSync(
      join(dir, 'b.ts'),
      "import { a } from './a.js';\nexport const b = (): number => a() - 1;\n",
    );
    writeFileSync(
      join(dir, 'c.ts'),
      "import type { a } from './a.js';\nexport type C = typeof a;\n",
    );
    const cycles = await cyclesIn(dir);
    expect(cycles).toHaveLength(1);
    expect([...(cycles[0] ?? [])].sort()).toEqual(['a.ts', 'b.ts']);
  });
});
