import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Dataset } from '@termgrad/datasets';
import { loadCsv } from '@termgrad/datasets/node';
import { Random } from '@termgrad/tensor';
import { UsageError } from '../settings/errors.js';

/**
 * The user's own data (`--data file.csv`): features standardised (zero mean, unit variance per
 * column, so every lab's learning rates work whatever the units), rows shuffled once with the
 * seed (files are often sorted by class), labels 0..K−1 or regression targets.
 */
export interface UserData {
  /** Standardised features [n, d] row-major. */
  readonly x: Float64Array;
  /** Class index 0..K−1 (classification) or the target scaled into [-1, 1] (regression). */
  readonly y: Float64Array;
  readonly n: number;
  /** Number of feature columns. */
  readonly d: number;
  readonly task: 'classification' | 'regression';
  /** K for classification, 1 for regression. */
  readonly classes: number;
  /** Column names of the features (from the header, or col0, col1, ...). */
  readonly featureNames: readonly string[];
  /** Class names (classification). */
  readonly classNames?: readonly string[];
  /** Regression: the targets shown are (t − targetOffset) / targetScale, within [-1, 1]. */
  readonly targetOffset?: number;
  readonly targetScale?: number;
  /** The file it came from. */
  readonly source: string;
  /** SHA-256 of the file's bytes (lower-case hex): a saved session records it. */
  readonly sha256: string;
}

/** Options of {@link loadUserData}. */
export interface UserDataOptions {
  /** Label column: a header name or a 0-based index (negative from the end). Default: the last column. */
  readonly labelColumn?: string | number;
  /** The first row holds column names. Default true. */
  readonly header?: boolean;
  /** Force the task; default: classification for text labels or at most 10 distinct integers, else regression. */
  readonly task?: 'classification' | 'regression';
  /** Seed of the one-off shuffle. Default 1. */
  readonly seed?: number;
  /** The lab the data is for (named in the messages; the classification lab has no regression). Default 'network'. */
  readonly lab?: 'network' | 'classify';
}

/** Most classes a lab takes from a CSV: as many as the class colours and glyphs (and `--classes`) tell apart. */
export const MAX_CSV_CLASSES = 8;

/** Most distinct integer values a numeric label column may have to be read as classes. */
export const MAX_INFERRED_CLASSES = 10;

function looksCategorical(d: Dataset): boolean {
  const seen = new Set<number>();
  for (const v of d.y.data) {
    if (!Number.isInteger(v)) return false;
    seen.add(v);
    if (seen.size > MAX_INFERRED_CLASSES) return false;
  }
  return seen.size >= 2;
}

/** Line numbers (1-based) of the CSV's data rows, as the parser skips blank lines. */
function dataLines(text: string, header: boolean): number[] {
  const out: number[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) if ((lines[i] ?? '').trim() !== '') out.push(i + 1);
  return header ? out.slice(1) : out;
}

/**
 * Reads a CSV through `loadCsv` of @termgrad/datasets/node and prepares it for the labs.
 * @throws DatasetError (one line: file, line, column) for unreadable or malformed files;
 *   UsageError for labels that cannot form the classification (one class, more than
 *   {@link MAX_CSV_CLASSES}) unless regression was asked for, and for values whose standardisation
 *   overflows (naming the file, line and column).
 * @example
 * loadUserData('points.csv', { labelColumn: 'label' }).d; // 2
 */
export function loadUserData(path: string, options: UserDataOptions = {}): UserData {
  const csv = {
    ...(options.labelColumn !== undefined ? { labelColumn: options.labelColumn } : {}),
    header: options.header ?? true,
  };
  let ds = loadCsv(path, { ...csv, ...(options.task !== undefined ? { task: options.task } : {}) });
  if (options.task === undefined && ds.task === 'regression' && looksCategorical(ds))
    ds = loadCsv(path, { ...csv, task: 'classification' });
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const lab = options.lab ?? 'network';
  const n = ds.x.shape[0] ?? 0;
  const d = ds.x.shape[1] ?? 1;
  const raw = ds.x.data;
  const featureNames = ds.featureNames ?? Array.from({ length: d }, (_, j) => `col${j}`);
  const labelName =
    options.labelColumn !== undefined
      ? `label column ${JSON.stringify(options.labelColumn)}`
      : 'the label column (the last)';
  const regressionHint = lab === 'network' ? '; for a numeric target add --problem regression' : '';
  if (ds.task === 'classification') {
    const k = ds.numClasses ?? 0;
    if (k < 2) {
      const only = ds.classNames?.[0] ?? String(ds.y.data[0] ?? '');
      throw new UsageError(
        `${path}: ${labelName} has one class (${JSON.stringify(only)}) in all ${n} rows; a classification needs at least 2${regressionHint}`,
      );
    }
    if (k > MAX_CSV_CLASSES)
      throw new UsageError(
        `${path}: ${labelName} has ${k} classes; the ${lab} lab tells apart at most ${MAX_CSV_CLASSES}${regressionHint}`,
      );
  } else if (options.task === undefined) {
    // Inferred regression: a numeric label with one value is a one-class label, not a target.
    const first = ds.y.data[0] ?? 0;
    if (ds.y.data.every((v) => v === first))
      throw new UsageError(
        `${path}: ${labelName} is ${first} in all ${n} rows: one class; a classification needs at least 2 (for a constant target add --problem regression)`,
      );
  }
  let lines: number[] | undefined;
  /** Names the row holding a column's largest magnitude: where the arithmetic overflowed. */
  const overflow = (column: string, values: (i: number) => number): UsageError => {
    let worst = 0;
    for (let i = 1; i < n; i++) if (Math.abs(values(i)) > Math.abs(values(worst))) worst = i;
    lines ??= dataLines(bytes.toString('utf8'), csv.header);
    return new UsageError(
      `${path}: line ${lines[worst] ?? worst + 1}, column ${JSON.stringify(column)}: ${values(worst)} overflows while standardising (the column's spread exceeds the largest double); rescale the column`,
    );
  };
  const perm = new Random(options.seed ?? 1).permutation(n);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const src = perm[i] ?? i;
    for (let j = 0; j < d; j++) x[i * d + j] = raw[src * d + j] ?? 0;
    y[i] = ds.y.data[src] ?? 0;
  }
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i * d + j] ?? 0;
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += ((x[i * d + j] ?? 0) - mean) ** 2;
    if (!Number.isFinite(mean) || !Number.isFinite(v))
      throw overflow(featureNames[j] ?? `col${j}`, (i) => raw[i * d + j] ?? 0);
    const std = Math.sqrt(v / n) || 1; // a constant column stays 0
    for (let i = 0; i < n; i++) x[i * d + j] = ((x[i * d + j] ?? 0) - mean) / std;
  }
  const base = { x, y, n, d, featureNames, source: path, sha256 };
  if (ds.task === 'regression') {
    // Centre and scale the targets into [-1, 1], the range of the Playground's regression sets.
    let offset = 0;
    for (const v of y) offset += v / n;
    let scale = 0;
    for (const v of y) scale = Math.max(scale, Math.abs(v - offset));
    if (!Number.isFinite(offset) || !Number.isFinite(scale))
      throw overflow(
        options.labelColumn !== undefined ? String(options.labelColumn) : 'label',
        (i) => ds.y.data[i] ?? 0,
      );
    scale = scale || 1;
    for (let i = 0; i < n; i++) y[i] = ((y[i] ?? 0) - offset) / scale;
    return { ...base, task: 'regression', classes: 1, targetOffset: offset, targetScale: scale };
  }
  return {
    ...base,
    task: 'classification',
    classes: ds.numClasses ?? 2,
    ...(ds.classNames !== undefined ? { classNames: ds.classNames } : {}),
  };
}
