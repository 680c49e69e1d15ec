// Canonical JSON (ARCHITECTURE §5): the one serialisation that hashes, fingerprints and signatures
// are computed over. It follows RFC 8785 (JCS) for everything JSON can express: object keys sorted
// by UTF-16 code units at every level, no insignificant whitespace, numbers as ECMAScript's
// Number-to-string (what JSON.stringify does), strings escaped as JSON.stringify escapes them.
//
// Values JSON cannot represent are programming errors, not user errors, so they throw a
// CanonicalJsonError instead of being silently changed as JSON.stringify would (NaN → null,
// undefined in an array → null, a Date → its toJSON string). The one tolerance: an object property
// whose value is undefined is left out, exactly as JSON.stringify does, because optional fields of
// our TypeScript records are often present-but-undefined and must hash like absent ones.
//
// Lone surrogates are not I-JSON; JSON.stringify escapes them as \udxxx, which keeps the output
// ASCII for them and therefore lossless and deterministic. We accept that rather than reject.

export type CanonicalJsonErrorReason =
  | 'nonFiniteNumber'
  | 'undefinedInArray'
  | 'undefinedValue'
  | 'function'
  | 'symbol'
  | 'bigint'
  | 'nonPlainObject'
  | 'cycle'
  | 'tooDeep';

export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
  constructor(
    readonly reason: CanonicalJsonErrorReason,
    /** Where the offending value sits, e.g. `sections[2].items[0].code`; '' is the value itself. */
    readonly path: string,
  ) {
    super(`canonicalJson: ${reason} at ${path === '' ? '(root)' : path}`);
  }
}

/** Deeper than any record we serialise; stops a hostile value from exhausting the stack. */
export const CANONICAL_MAX_DEPTH = 200;

/** @throws CanonicalJsonError for values JSON cannot represent (see the module comment). */
export function canonicalJson(value: unknown): string {
  // Values read from canonical JSON (an imported package's records) already have their keys in order:
  // JSON.stringify then writes exactly the canonical text, natively.
  if (inCanonicalOrder(value, 0)) return JSON.stringify(value);
  try {
    return write(value, 0);
  } catch (e) {
    // The fast pass keeps no paths and no set of open objects (a cycle runs it into the depth limit);
    // the slow pass finds what and where: a cycle, or a value nested too deep.
    if (e instanceof CanonicalJsonError) locate(value, '', 0, new Set());
    throw e;
  }
}

/**
 * True when JSON.stringify(value) is its canonical JSON: only strings, booleans, finite numbers, null,
 * arrays without undefined and plain objects whose keys (in Object.keys order, which JSON.stringify
 * follows) are strictly ascending by UTF-16 code units, no deeper than the limit. An object property
 * whose value is undefined is left out by both. Anything else (including every problem) is false.
 */
function inCanonicalOrder(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth >= CANONICAL_MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const element: unknown = value[i];
      if (element === undefined || !inCanonicalOrder(element, depth + 1)) return false;
    }
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const record = value as Record<string, unknown>;
  let previous: string | null = null;
  for (const key in record) {
    if (previous !== null && !(previous < key)) return false;
    previous = key;
    const v = record[key];
    if (v !== undefined && !inCanonicalOrder(v, depth + 1)) return false;
  }
  return true;
}

// Builds with `+=` (V8 joins the pieces once, at the end) and sorts keys with the default sort, which
// compares strings by UTF-16 code units: RFC 8785's order.
function write(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('nonFiniteNumber', '');
      return JSON.stringify(value); // -0 becomes "0", as RFC 8785 requires
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(problemOf(value) ?? 'undefinedValue', '');
  }
  if (value === null) return 'null';
  if (depth >= CANONICAL_MAX_DEPTH) throw new CanonicalJsonError('tooDeep', '');
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const element: unknown = value[i];
      if (element === undefined) throw new CanonicalJsonError('undefinedInArray', '');
      if (i > 0) out += ',';
      out += write(element, depth + 1);
    }
    return `${out}]`;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError('nonPlainObject', '');
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${write(v, depth + 1)}`;
  }
  return `${out}}`;
}

function problemOf(value: unknown): CanonicalJsonErrorReason | null {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? null : 'nonFiniteNumber';
    case 'undefined':
      return 'undefinedValue';
    case 'function':
      return 'function';
    case 'symbol':
      return 'symbol';
    case 'bigint':
      return 'bigint';
    default:
      return null;
  }
}

/** The same walk and checks as `write`, in the same order, throwing with the path of the first problem. */
function locate(value: unknown, path: string, depth: number, open: Set<object>): void {
  const problem = problemOf(value);
  if (problem !== null) throw new CanonicalJsonError(problem, path);
  if (typeof value !== 'object' || value === null) return;
  if (depth >= CANONICAL_MAX_DEPTH) throw new CanonicalJsonError('tooDeep', path);
  if (open.has(value)) throw new CanonicalJsonError('cycle', path);
  open.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const element: unknown = value[i];
      const at = `${path}[${i}]`;
      if (element === undefined) throw new CanonicalJsonError('undefinedInArray', at);
      locate(element, at, depth + 1, open);
    }
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError('nonPlainObject', path);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const v = record[key];
      if (v !== undefined) locate(v, path === '' ? key : `${path}.${key}`, depth + 1, open);
    }
  }
  open.delete(value);
}
