import { describe, expect, it } from 'vitest';
import { imagesFromIdx, parseIdx, parseImageCsv } from '../src/index.js';

/** Writes an IDX file the way the MNIST distribution does (big-endian header and elements). */
function idx(type: number, shape: number[], values: number[]): Uint8Array {
  const size = { 8: 1, 9: 1, 11: 2, 12: 4, 13: 4, 14: 8 }[type] as number;
  const buf = new ArrayBuffer(4 + 4 * shape.length + values.length * size);
  const v = new DataView(buf);
  v.setUint8(2, type);
  v.setUint8(3, shape.length);
  shape.forEach((d, k) => v.setUint32(4 + 4 * k, d, false));
  let p = 4 + 4 * shape.length;
  for (const x of values) {
    if (type === 0x08) v.setUint8(p, x);
    else if (type === 0x09) v.setInt8(p, x);
    else if (type === 0x0b) v.setInt16(p, x, false);
    else if (type === 0x0c) v.setInt32(p, x, false);
    else if (type === 0x0d) v.setFloat32(p, x, false);
    else v.setFloat64(p, x, false);
    p += size;
  }
  return new Uint8Array(buf);
}

describe('parseIdx', () => {
  it('reads the MNIST header example bytes by hand', () => {
    // 00 00 08 01 | 00 00 00 02 | 07 09 : a uint8 vector [7, 9].
    const r = parseIdx(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 2, 7, 9));
    expect(r).toEqual({ dtype: 'uint8', shape: [2], data: Float64Array.of(7, 9) });
  });

  it('reads every element type big-endian', () => {
    expect(Array.from(parseIdx(idx(0x09, [2], [-3, 5])).data)).toEqual([-3, 5]);
    expect(Array.from(parseIdx(idx(0x0b, [2], [-300, 1000])).data)).toEqual([-300, 1000]);
    expect(Array.from(parseIdx(idx(0x0c, [1, 2], [-70000, 123456])).data)).toEqual([
      -70000, 123456,
    ]);
    // 0.25 and 0.5 are exact in float32.
    expect(Array.from(parseIdx(idx(0x0d, [2], [0.25, 0.5])).data)).toEqual([0.25, 0.5]);
    expect(Array.from(parseIdx(idx(0x0e, [1], [0.1])).data)).toEqual([0.1]);
    expect(parseIdx(idx(0x0c, [1, 2], [0, 0])).shape).toEqual([1, 2]);
  });

  it('rejects a wrong magic, an unknown type and a truncated body with the file name', () => {
    expect(() => parseIdx(Uint8Array.of(1, 0, 8, 1), 'a.idx')).toThrow(/a\.idx is not an IDX file/);
    expect(() => parseIdx(Uint8Array.of(0, 0, 7, 1, 0, 0, 0, 0), 'b.idx')).toThrow(
      /b\.idx has element type 0x07/,
    );
    expect(() => parseIdx(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 3, 1, 2), 'c.idx')).toThrow(
      /c\.idx holds 10 bytes; expected 11 for shape \[3\] of uint8/,
    );
    expect(() => parseIdx(Uint8Array.of(0, 0, 8, 2, 0, 0), 'd.idx')).toThrow(
      /ends inside its header/,
    );
  });
});

describe('imagesFromIdx', () => {
  it('scales 8-bit pixels by 1/255 and keeps labels as classes', () => {
    const images = idx(0x08, [2, 2, 3], [0, 255, 51, 0, 0, 0, 255, 255, 255, 102, 0, 0]);
    const labels = idx(0x08, [2], [1, 0]);
    const { dataset, imageShape } = imagesFromIdx(images, labels);
    expect(imageShape).toEqual([2, 3]);
    expect(dataset.x.shape).toEqual([2, 6]);
    expect(Array.from(dataset.x.data.subarray(0, 3))).toEqual([0, 1, 0.2]);
    expect(Array.from(dataset.y.data)).toEqual([1, 0]);
    expect(dataset.numClasses).toBe(2);
  });

  it('names the problem: wrong dimensions, count mismatch, out-of-range pixels, one class', () => {
    const lab = idx(0x08, [2], [0, 1]);
    expect(() => imagesFromIdx(idx(0x08, [2, 4], new Array(8).fill(0)), lab)).toThrow(
      /expected 3 dimensions \[n, height, width\]/,
    );
    expect(() => imagesFromIdx(idx(0x08, [3, 1, 1], [0, 0, 0]), lab)).toThrow(
      /labels has shape \[2\]; expected \[3\]/,
    );
    expect(() => imagesFromIdx(idx(0x0d, [2, 1, 1], [0.5, 2]), lab)).toThrow(
      /image 1, pixel 0 is 2; expected a value in \[0, 1\]/,
    );
    expect(() => imagesFromIdx(idx(0x08, [2, 1, 1], [0, 0]), idx(0x08, [2], [0, 0]))).toThrow(
      /single class/,
    );
  });
});

describe('parseImageCsv', () => {
  it('infers a square image and the 0..16 scale of the optical digits', () => {
    const text = 'a,b,c,d,label\n0,16,8,4,7\n16,0,0,2,3\n';
    const { dataset, imageShape } = parseImageCsv(text);
    expect(imageShape).toEqual([2, 2]);
    expect(Array.from(dataset.x.data)).toEqual([0, 1, 0.5, 0.25, 1, 0, 0, 0.125]);
    expect(dataset.classNames).toEqual(['3', '7']);
    expect(Array.from(dataset.y.data)).toEqual([1, 0]);
  });

  it('takes explicit width/height and 0..255 data', () => {
    const text = '0,255,51,0,0,0,1\n255,0,0,0,0,102,2\n';
    const { imageShape, dataset } = parseImageCsv(text, { header: false, width: 3 });
    expect(imageShape).toEqual([2, 3]);
    expect(dataset.x.data[2]).toBeCloseTo(0.2, 15);
  });

  it('rejects sizes that do not form an image, ragged rows, negatives and a single class', () => {
    expect(() => parseImageCsv('1,2,3,0\n1,2,3,1\n', { header: false })).toThrow(
      /3 pixel columns do not form a \?×\? image \(not a square\); pass width and height/,
    );
    expect(() => parseImageCsv('1,2,3,4,0\n1,2,3,4,1\n', { header: false, width: 3 })).toThrow(
      /4 pixel columns do not form a 3×\? image/,
    );
    expect(() => parseImageCsv('1,2,3,4,0\n1,2,3,1\n', { header: false })).toThrow(/line 2/);
    expect(() => parseImageCsv('1,-2,3,4,0\n1,2,3,4,1\n', { header: false })).toThrow(
      /row 1, pixel 1 is -2/,
    );
    expect(() => parseImageCsv('1,2,3,4,0\n1,2,3,4,0\n', { header: false })).toThrow(
      /holds 1 class; expected at least 2/,
    );
    expect(() => parseImageCsv('1,2,3,400,0\n1,2,3,4,1\n', { header: false })).toThrow(
      /a pixel is 400; expected values in \[0, 1\], \[0, 16\] or \[0, 255\], or pass maxValue/,
    );
    expect(() =>
      parseImageCsv('1,2,3,4,0\n1,2,3,4,1\n', { header: false, depth: 3 } as never),
    ).toThrow(/unknown option 'depth'/);
  });
});

describe('loadImageCsv / loadIdxImages (files)', () => {
  it('reads files and names the file in errors', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { loadIdxImages, loadImageCsv } = await import('../src/node/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'tg-img-'));
    writeFileSync(join(dir, 'ok.csv'), '0,16,8,4,7\n16,0,0,2,3\n');
    writeFileSync(join(dir, 'bad.csv'), '0,16,8,7\n16,0,0,3\n');
    expect(loadImageCsv(join(dir, 'ok.csv'), { header: false }).imageShape).toEqual([2, 2]);
    expect(() => loadImageCsv(join(dir, 'bad.csv'), { header: false })).toThrow(
      /loadImageCsv: .*bad\.csv: 3 pixel columns do not form/,
    );
    expect(() => loadImageCsv(join(dir, 'none.csv'))).toThrow(
      /cannot read .*none\.csv: no such file/,
    );
    writeFileSync(join(dir, 'img'), idx(0x08, [2, 1, 2], [0, 255, 255, 0]));
    writeFileSync(join(dir, 'lab'), idx(0x08, [2], [0, 1]));
    writeFileSync(join(dir, 'lab3'), idx(0x08, [3], [0, 1, 1]));
    expect(loadIdxImages(join(dir, 'img'), join(dir, 'lab')).imageShape).toEqual([1, 2]);
    expect(() => loadIdxImages(join(dir, 'img'), join(dir, 'lab3'))).toThrow(
      /lab3 has shape \[3\]; expected \[2\]/,
    );
  });
});
