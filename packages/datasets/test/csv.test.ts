import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError, parseCsv } from '../src/index.js';
import { loadCsv } from '../src/node/index.js';

const dir = mkdtempSync(join(tmpdir(), 'termgrad-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseCsv', () => {
  it('reads numeric features with a header and a string label column as classes', () => {
    const d = parseCsv('a,b,label\n1,2,dog\n3,4.5,cat\n-1e3,0,dog\n');
    expect(d.x.toArray()).toEqual([
      [1, 2],
      [3, 4.5],
      [-1000, 0],
    ]);
    expect(d.featureNames).toEqual(['a', 'b']);
    // Classes are sorted: cat = 0, dog = 1.
    expect(d.classNames).toEqual(['cat', 'dog']);
    expect(Array.from(d.y.data)).toEqual([1, 0, 1]);
    expect(d.task).toBe('classification');
    expect(d.numClasses).toBe(2);
  });

  it('picks the label column by name or index, honours the delimiter, and reads numeric targets', () => {
    const text = 'y;x1;x2\r\n0.5;1;2\r\n\r\n1.5;3;4\r\n';
    const d = parseCsv(text, { delimiter: ';', labelColumn: 'y' });
    expect(d.task).toBe('regression');
    expect(Array.from(d.y.data)).toEqual([0.5, 1.5]);
    expect(d.x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(parseCsv(text, { delimiter: ';', labelColumn: 0 }).y.toArray()).toEqual([0.5, 1.5]);
    const noHeader = parseCsv('1,2,0\n3,4,1\n5,6,1\n', { header: false, task: 'classification' });
    expect(noHeader.featureNames).toEqual(['col0', 'col1']);
    expect(noHeader.classNames).toEqual(['0', '1']);
    expect(Array.from(noHeader.y.data)).toEqual([0, 1, 1]);
  });

  it('names the line and column of a ragged row', () => {
    expect(() => parseCsv('a,b,c\n1,2,3\n4,5\n')).toThrow(/line 3 has 2 columns; expected 3/);
    // Blank lines are skipped but still counted, so the message points at the real line.
    expect(() => parseCsv('a,b,c\n1,2,3\n\n4,5,6,7\n')).toThrow(/line 4 has 4 columns/);
  });

  it('names the line and column of a non-numeric or empty cell', () => {
    expect(() => parseCsv('a,b,c\n1,2,3\n4,abc,6\n')).toThrow(
      /line 3, column 2 \("b"\): "abc" is not a number/,
    );
    expect(() => parseCsv('a,b,c\n1,,3\n')).toThrow(/line 2, column 2 \("b"\): empty cell/);
    expect(() => parseCsv('a,b,c\n1,2,x\n', { task: 'regression' })).toThrow(
      /line 2, column 3 \("c"\)/,
    );
  });

  it('rejects empty input, a header without rows, unknown label columns and broken quoting', () => {
    expect(() => parseCsv('')).toThrow(/empty/);
    expect(() => parseCsv('\n\n')).toThrow(/empty/);
    expect(() => parseCsv('a,b\n')).toThrow(/no data rows/);
    expect(() => parseCsv('a,b\n1,2\n', { labelColumn: 'z' })).toThrow(
      /labelColumn "z" is not a column/,
    );
    expect(() => parseCsv('a,b\n1,2\n', { labelColumn: 5 })).toThrow(/out of range/);
    expect(() => parseCsv('a,b\n1,"2\n')).toThrow(/malformed CSV/);
    expect(() => parseCsv('a\n1\n')).toThrow(DatasetError);
    expect(() => parseCsv('a,b\nNaN,2\n')).toThrow(
      /"NaN" is not a number; expected a finite number/,
    );
    expect(() => parseCsv('a,b\n1,2\n', { delim: ';' } as never)).toThrow(
      "parseCsv: unknown option 'delim'; expected one of header, labelColumn, delimiter, task, comment",
    );
  });
});

describe('loadCsv', () => {
  it('reads a file', () => {
    const path = join(dir, 'data.csv');
    writeFileSync(path, '\uFEFFx,y\n1,10\n2,20\n');
    const d = loadCsv(path);
    expect(d.x.toArray()).toEqual([[1], [2]]);
    expect(Array.from(d.y.data)).toEqual([10, 20]);
  });

  it('names the file, line and column in errors', () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'x,y\n1,2\nfoo,3\n');
    expect(() => loadCsv(path)).toThrow(
      `loadCsv: ${path}: line 3, column 1 ("x"): "foo" is not a number`,
    );
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    expect(() => loadCsv(empty)).toThrow(/empty/);
  });

  it('reports a missing file clearly', () => {
    const path = join(dir, 'nope.csv');
    expect(() => loadCsv(path)).toThrow(DatasetError);
    expect(() => loadCsv(path)).toThrow(`loadCsv: cannot read ${path}: no such file`);
    expect(() => loadCsv(dir)).toThrow(/is a directory/);
  });
});
