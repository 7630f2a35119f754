import { ModelError } from './errors.js';

/**
 * A number as stored in a model document: a JSON number, or the string `"-0"` for negative zero
 * (JSON.stringify writes -0 as `0`, which would lose the sign bit). Every other finite double
 * round-trips exactly through JSON text because JavaScript prints the shortest decimal that
 * parses back to the same double.
 */
export type JsonNumber = number | '-0';

/** Header every model document starts with. */
export interface ModelDocumentHeader {
  /** The model class, e.g. `'PolynomialRegression'`. */
  readonly type: string;
  /** Schema version; this release writes and reads version 1. */
  readonly version: number;
}

/** The schema version this release writes. */
export const MODEL_SCHEMA_VERSION = 1;

/** Encodes one double so that it survives JSON exactly (including -0). @internal */
export function encodeNumber(v: number): JsonNumber {
  return Object.is(v, -0) ? '-0' : v;
}

/** Encodes a list of doubles (see {@link encodeNumber}). @internal */
export function encodeNumbers(values: ArrayLike<number>): JsonNumber[] {
  const out: JsonNumber[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = encodeNumber(values[i]!);
  return out;
}

/** Decodes one stored double; finite unless `allowInfinite`. @internal */
export function decodeNumber(op: string, value: unknown, name: string): number {
  if (value === '-0') return -0;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ModelError(
      op,
      `malformed document: ${name} must be a finite number; got ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  return value;
}

/** Decodes a stored list of doubles, optionally checking its length. @internal */
export function decodeNumbers(
  op: string,
  value: unknown,
  name: string,
  length?: number,
): Float64Array {
  if (!Array.isArray(value))
    throw new ModelError(
      op,
      `malformed document: ${name} must be an array of numbers; got ${value === null ? 'null' : typeof value}`,
    );
  if (length !== undefined && value.length !== length) {
    throw new ModelError(
      op,
      `malformed document: ${name} has the wrong length; expected ${length}, got ${value.length}`,
    );
  }
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) out[i] = decodeNumber(op, value[i], `${name}[${i}]`);
  return out;
}

/** Decodes a stored integer in a range. @internal */
export function decodeInt(op: string, value: unknown, name: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ModelError(
      op,
      `malformed document: ${name} must be an integer >= ${min}; got ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  return value;
}

/** Decodes a stored boolean. @internal */
export function decodeBool(op: string, value: unknown, name: string): boolean {
  if (typeof value !== 'boolean')
    throw new ModelError(
      op,
      `malformed document: ${name} must be a boolean; got ${JSON.stringify(value) ?? String(value)}`,
    );
  return value;
}

/**
 * A document given as a JSON string is parsed; anything else is returned unchanged.
 * @throws {ModelError} a string that is not valid JSON.
 * @internal
 */
export function parseDocument(op: string, doc: unknown): unknown {
  if (typeof doc !== 'string') return doc;
  try {
    return JSON.parse(doc);
  } catch (e) {
    throw new ModelError(op, `malformed document: not valid JSON (${(e as Error).message})`, {
      cause: e,
    });
  }
}

/**
 * Parses (if a string) and checks a model document's header: an object whose `type` is `type`
 * and whose `version` this release can read. Returns the document as a record.
 * @throws {ModelError} malformed JSON, wrong type, missing/unknown version (e.g. a future version).
 * @internal
 */
export function readDocument(op: string, doc: unknown, type: string): Record<string, unknown> {
  const value = parseDocument(op, doc);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ModelError(
      op,
      `malformed document: expected an object with type '${type}', got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  const rec = value as Record<string, unknown>;
  if (rec.type !== type)
    throw new ModelError(
      op,
      `wrong document type; expected '${type}', got ${JSON.stringify(rec.type) ?? 'undefined'}`,
    );
  if (typeof rec.version !== 'number' || !Number.isInteger(rec.version) || rec.version < 1) {
    throw new ModelError(
      op,
      `malformed document: version must be a positive integer; expected ${MODEL_SCHEMA_VERSION}, got ${JSON.stringify(rec.version) ?? 'undefined'}`,
    );
  }
  if (rec.version > MODEL_SCHEMA_VERSION) {
    throw new ModelError(
      op,
      `unsupported document version; expected ${MODEL_SCHEMA_VERSION} (this release), got ${rec.version} (written by a newer release: upgrade @termgrad/models)`,
    );
  }
  return rec;
}
