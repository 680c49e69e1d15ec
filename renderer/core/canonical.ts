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

/**
 * True when arrays or objects in `value` nest more than `max` levels deep (where canonicalJson stops).
 * Iterative, so a hostile value cannot exhaust the stack while this finds out: check untrusted JSON
 * with it before anything recursive (a recursive schema, canonicalJson) walks it.
 */
export function nestedTooDeep(value: unknown, max = CANONICAL_MAX_DEPTH): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [v, depth] = next;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) pending.push([child, depth + 1]);
  }
  return false;
}

/** @throws CanonicalJsonError for values JSON cannot represent (see the module comment). */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  try {
    write(value, parts, 0, new Set());
  } catch (e) {
    // The fast pass keeps no paths (building one per value is most of its cost); the slow pass finds where.
    if (e instanceof CanonicalJsonError) locate(value, '', 0, new Set());
    throw e;
  }
  return parts.join('');
}

function write(value: unknown, out: string[], depth: number, open: Set<object>): void {
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('nonFiniteNumber', '');
      out.push(JSON.stringify(value)); // -0 becomes "0", as RFC 8785 requires
      return;
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(problemOf(value) ?? 'undefinedValue', '');
  }
  if (value === null) {
    out.push('null');
    return;
  }
  if (depth >= CANONICAL_MAX_DEPTH || open.has(value)) throw new CanonicalJsonError(depth >= CANONICAL_MAX_DEPTH ? 'tooDeep' : 'cycle', '');
  open.add(value);
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      const element: unknown = value[i];
      if (element === undefined) throw new CanonicalJsonError('undefinedInArray', '');
      if (i > 0) out.push(',');
      write(element, out, depth + 1, open);
    }
    out.push(']');
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError('nonPlainObject', '');
    const record = value as Record<string, unknown>;
    // Relational comparison of strings compares UTF-16 code units: exactly RFC 8785's order.
    const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    out.push('{');
    let first = true;
    for (const key of keys) {
      const v = record[key];
      if (v === undefined) continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(key), ':');
      write(v, out, depth + 1, open);
    }
    out.push('}');
  }
  open.delete(value);
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
