import { parse } from 'csv-parse/sync';
import type { Dataset, DatasetTask } from './dataset.js';
import { check, makeDataset } from './dataset.js';
import { DatasetError } from './errors.js';

/** Options of {@link parseCsv} and `loadCsv` (from `@termgrad/datasets/node`). */
export interface CsvOptions {
  /** The first row holds column names. Default true. */
  readonly header?: boolean;
  /**
   * The label/target column: a header name or a 0-based index (negative counts from the end).
   * Default −1, the last column.
   */
  readonly labelColumn?: string | number;
  /** Field delimiter. Default `','`. */
  readonly delimiter?: string;
  /**
   * `'classification'` encodes the label column's distinct values as classes 0..K−1 (sorted:
   * numerically when all are numbers, else as strings); `'regression'` reads it as numbers.
   * Default: classification when some label is not a number, else regression.
   */
  readonly task?: DatasetTask;
  /** Lines starting with this character are comments. Default: none. */
  readonly comment?: string;
}

/**
 * Parses CSV text into a {@link Dataset}: every column except the label column is a numeric feature.
 *
 * Uses `csv-parse` (quotes, CRLF, a BOM and blank lines are handled; cells are trimmed). Errors name
 * the line (1-based, counting the header) and the column: ragged rows, non-numeric or empty feature
 * cells, a missing label column, or no data rows.
 *
 * @param text the CSV content.
 * @param options header (true), labelColumn (−1), delimiter (','), task (inferred), comment.
 * @returns x [n, d] (d = columns − 1), y [n]; featureNames from the header (or `col0`, `col1`, ...).
 * @throws {DatasetError} `parseCsv: line 4, column 2 ("sepal width"): "abc" is not a number`.
 * @example
 * ```ts
 * const d = parseCsv('a,b,label\n1,2,cat\n3,4,dog\n');
 * d.classNames; // ['cat', 'dog']
 * ```
 */
export function parseCsv(text: string, options: CsvOptions = {}): Dataset {
  return parseCsvAs('parseCsv', text, options, '');
}

interface Row {
  readonly cells: string[];
  readonly line: number;
}

/**
 * {@link parseCsv} with the operation name and a location prefix for error messages (used by
 * `loadCsv`).
 * @internal
 */
export function parseCsvAs(op: string, text: string, options: CsvOptions, where: string): Dataset {
  if (typeof text !== 'string')
    throw new DatasetError(op, `text must be a string, got ${typeof text}`);
  check.optionKeys(op, options, ['header', 'labelColumn', 'delimiter', 'task', 'comment']);
  const header = options.header ?? true;
  const delimiter = options.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length === 0)
    throw new DatasetError(
      op,
      `delimiter must be a non-empty string, got ${JSON.stringify(delimiter)}`,
    );
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      delimiter,
      ...(options.comment !== undefined ? { comment: options.comment } : {}),
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    throw new DatasetError(
      op,
      `${where}malformed CSV: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const rows: Row[] = records.map((r) => ({ cells: r.record, line: r.info.lines }));
  if (rows.length === 0)
    throw new DatasetError(
      op,
      `${where}the CSV is empty; expected ${header ? 'a header row and ' : ''}at least one data row`,
    );
  const first = rows[0] as Row;
  const width = first.cells.length;
  const names = header
    ? first.cells.map((c, j) => (c === '' ? `col${j}` : c))
    : Array.from({ length: width }, (_, j) => `col${j}`);
  const data = header ? rows.slice(1) : rows;
  if (data.length === 0)
    throw new DatasetError(
      op,
      `${where}the CSV has a header but no data rows; expected at least one`,
    );
  if (width < 2)
    throw new DatasetError(
      op,
      `${where}line ${first.line} has ${width} column; expected at least 2 (features and a label)`,
    );
  for (const r of data) {
    if (r.cells.length !== width) {
      throw new DatasetError(
        op,
        `${where}line ${r.line} has ${r.cells.length} columns; expected ${width} (as in line ${first.line})`,
      );
    }
  }
  const label = resolveLabelColumn(op, where, options.labelColumn ?? -1, names, width);
  const featureIdx = names.map((_, j) => j).filter((j) => j !== label);
  const n = data.length;
  const d = featureIdx.length;
  const x = new Float64Array(n * d);
  const describeCol = (j: number): string => `column ${j + 1} (${JSON.stringify(names[j])})`;
  data.forEach((r, i) => {
    featureIdx.forEach((j, k) => {
      const cell = r.cells[j] as string;
      const v = cell === '' ? NaN : Number(cell);
      if (!Number.isFinite(v)) {
        throw new DatasetError(
          op,
          `${where}line ${r.line}, ${describeCol(j)}: ${cell === '' ? 'empty cell' : `${JSON.stringify(cell)} is not a number`}; expected a finite number`,
        );
      }
      x[i * d + k] = v;
    });
  });
  const labels = data.map((r) => r.cells[label] as string);
  const numeric = labels.map((s) => (s === '' ? NaN : Number(s)));
  const allNumeric = numeric.every((v) => Number.isFinite(v));
  const task = options.task ?? (allNumeric ? 'regression' : 'classification');
  if (task !== 'classification' && task !== 'regression')
    throw new DatasetError(
      op,
      `task must be 'classification' or 'regression', got ${JSON.stringify(task)}`,
    );
  const y = new Float64Array(n);
  const featureNames = featureIdx.map((j) => names[j] as string);
  if (task === 'regression') {
    numeric.forEach((v, i) => {
      if (!Number.isFinite(v)) {
        const r = data[i] as Row;
        throw new DatasetError(
          op,
          `${where}line ${r.line}, ${describeCol(label)}: ${labels[i] === '' ? 'empty cell' : `${JSON.stringify(labels[i])} is not a number`}; expected a numeric target (or task 'classification')`,
        );
      }
      y[i] = v;
    });
    return makeDataset(x, n, d, y, { task, featureNames });
  }
  for (let i = 0; i < n; i++) {
    if (labels[i] === '')
      throw new DatasetError(
        op,
        `${where}line ${(data[i] as Row).line}, ${describeCol(label)}: empty label; expected a class name`,
      );
  }
  const distinct = [...new Set(labels)];
  if (allNumeric) distinct.sort((a, b) => Number(a) - Number(b));
  else distinct.sort();
  const index = new Map(distinct.map((c, k) => [c, k]));
  labels.forEach((s, i) => {
    y[i] = index.get(s) as number;
  });
  return makeDataset(x, n, d, y, {
    task,
    featureNames,
    classNames: distinct,
    numClasses: distinct.length,
    labelValues: distinct.map((_, k) => k),
  });
}

function resolveLabelColumn(
  op: string,
  where: string,
  spec: string | number,
  names: string[],
  width: number,
): number {
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec >= width || spec < -width) {
      throw new DatasetError(
        op,
        `${where}labelColumn ${spec} is out of range; expected an integer in [${-width}, ${width - 1}]`,
      );
    }
    return spec < 0 ? width + spec : spec;
  }
  const j = names.indexOf(spec);
  if (j < 0)
    throw new DatasetError(
      op,
      `${where}labelColumn ${JSON.stringify(spec)} is not a column; expected one of ${names.map((s) => JSON.stringify(s)).join(', ')}`,
    );
  return j;
}
