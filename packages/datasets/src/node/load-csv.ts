import { readFileSync } from 'node:fs';
import { type CsvOptions, parseCsvAs } from '../csv.js';
import type { Dataset } from '../dataset.js';
import { DatasetError } from '../errors.js';

/**
 * Reads a CSV file into a {@link Dataset}; see `parseCsv` for the format and options.
 *
 * @param path file path.
 * @param options header (true), labelColumn (−1), delimiter (','), task (inferred), comment.
 * @throws {DatasetError} when the file does not exist or cannot be read, or as `parseCsv`
 *   (messages start with `loadCsv: <path>: line L, column C`).
 * @example
 * ```ts
 * const d = loadCsv('data/iris.csv', { labelColumn: 'species' });
 * ```
 */
export function loadCsv(path: string, options: CsvOptions = {}): Dataset {
  if (typeof path !== 'string' || path === '')
    throw new DatasetError('loadCsv', `path must be a non-empty string, got ${String(path)}`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : e instanceof Error
            ? e.message
            : String(e);
    throw new DatasetError('loadCsv', `cannot read ${path}: ${why}; expected a readable CSV file`);
  }
  return parseCsvAs('loadCsv', text, options, `${path}: `);
}
