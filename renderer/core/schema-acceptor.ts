// A zod schema compiled into a plain acceptance test: `accept(value)` is true exactly when
// `schema.safeParse(value)` succeeds, and the value zod would return is then `value` itself (the same
// keys, the same values). Only the kinds of schema the ledger's records use are compiled (strict
// objects, arrays, strings, numbers, booleans, enums, literals, unions, nullable, optional; length,
// pattern, integer and bound checks; refinements by a plain predicate); anything else — transforms,
// defaults, stripping objects, other checks — makes compileAcceptor return null, and the caller keeps
// using zod. A package's records are millions of fields, where zod builds a payload, an issue list and
// a copy for each: the acceptance test says "all valid" several times faster, and zod runs only to word
// what is wrong with a refused file. test/core/schema-acceptor.test.ts holds it to zod on arbitrary values.
import type { z } from 'zod';

export type Acceptor = (value: unknown) => boolean;

/** What compileAcceptor reads of zod's internals (zod 4's `_zod`); checked at run time, never trusted. */
type Internals = { def: Record<string, unknown>; optin?: unknown; optout?: unknown };

const internalsOf = (schema: unknown): Internals | null => {
  const zod = typeof schema === 'object' && schema !== null ? (schema as { _zod?: unknown })._zod : undefined;
  if (typeof zod !== 'object' || zod === null) return null;
  const def = (zod as { def?: unknown }).def;
  if (typeof def !== 'object' || def === null) return null;
  return { def: def as Record<string, unknown>, optin: (zod as { optin?: unknown }).optin, optout: (zod as { optout?: unknown }).optout };
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const lengthOf = (v: unknown): number => (v as { length: number }).length;

/**
 * `overrides`: acceptance tests for schemas zod cannot describe to us (a superRefine on a z.custom), by
 * schema instance; each must accept exactly what that schema accepts, and the value must be kept as is.
 */
export function compileAcceptor(schema: z.ZodType, overrides: ReadonlyMap<unknown, Acceptor> = new Map()): Acceptor | null {
  return compile(schema, overrides);
}

function compile(schema: unknown, overrides: ReadonlyMap<unknown, Acceptor>): Acceptor | null {
  const given = overrides.get(schema);
  if (given !== undefined) return given;
  const internals = internalsOf(schema);
  if (internals === null) return null;
  const { def } = internals;
  const checks = compileChecks(def['checks']);
  if (checks === null) return null;
  const base = compileType(def, overrides);
  if (base === null) return null;
  if (checks.length === 0) return base;
  return (v) => {
    if (!base(v)) return false;
    for (const check of checks) if (!check(v)) return false;
    return true;
  };
}

function compileType(def: Record<string, unknown>, overrides: ReadonlyMap<unknown, Acceptor>): Acceptor | null {
  switch (def['type']) {
    case 'string':
      return def['coerce'] === true ? null : (v) => typeof v === 'string';
    case 'number':
      return def['coerce'] === true ? null : (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return def['coerce'] === true ? null : (v) => typeof v === 'boolean';
    case 'enum': {
      const entries = def['entries'];
      if (!isRecord(entries)) return null;
      // zod's own rule (getEnumValues): a key that is one of the numeric values is a TypeScript enum's reverse entry.
      const numeric = Object.values(entries).filter((v) => typeof v === 'number');
      const values = new Set(Object.entries(entries).filter(([k]) => !numeric.includes(+k)).map(([, value]) => value));
      return (v) => values.has(v);
    }
    case 'literal': {
      const values = def['values'];
      if (!Array.isArray(values)) return null;
      const set = new Set<unknown>(values);
      return (v) => set.has(v);
    }
    case 'nullable': {
      const inner = compile(def['innerType'], overrides);
      return inner === null ? null : (v) => v === null || inner(v);
    }
    case 'optional': {
      const inner = compile(def['innerType'], overrides);
      return inner === null ? null : (v) => v === undefined || inner(v);
    }
    case 'union': {
      const options = def['options'];
      // Not an exclusive union (z.xor: exactly one option) nor a discriminated one (the key picks the option).
      if (!Array.isArray(options) || def['inclusive'] === false || def['discriminator'] !== undefined) return null;
      const compiled = options.map((o) => compile(o, overrides));
      if (compiled.some((c) => c === null)) return null;
      const accepts = compiled as Acceptor[];
      return (v) => accepts.some((a) => a(v));
    }
    case 'array': {
      const element = compile(def['element'], overrides);
      if (element === null) return null;
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'object':
      return compileStrictObject(def, overrides);
    default:
      return null;
  }
}

function compileStrictObject(def: Record<string, unknown>, overrides: ReadonlyMap<unknown, Acceptor>): Acceptor | null {
  // Strict only (catchall never): an object that strips or passes unknown keys returns another value.
  const catchall = internalsOf(def['catchall']);
  if (catchall === null || catchall.def['type'] !== 'never') return null;
  const shape = def['shape'];
  if (!isRecord(shape) || Object.getOwnPropertySymbols(shape).length > 0) return null;
  const fields: { key: string; accept: Acceptor; optional: boolean }[] = [];
  for (const key of Object.keys(shape)) {
    if (key === '__proto__') return null;
    const field = shape[key];
    const internals = internalsOf(field);
    const accept = compile(field, overrides);
    if (internals === null || accept === null) return null;
    // An absent key: allowed only where zod allows it and leaves it absent (`optional`, not `default`).
    const optional = internals.optin === 'optional' && internals.optout === 'optional';
    if (!optional && (internals.optin !== undefined || internals.optout !== undefined)) return null;
    fields.push({ key, accept, optional });
  }
  const keys = new Set(fields.map((f) => f.key));
  return (v) => {
    if (!isRecord(v)) return false;
    for (const f of fields) {
      if (!(f.key in v)) {
        if (f.optional) continue;
        return false;
      }
      if (!f.accept(v[f.key])) return false;
    }
    // Every key zod's strict catchall walks (for…in: own and inherited enumerable keys) must be declared.
    for (const key in v) if (!keys.has(key)) return false;
    return true;
  };
}

/** The checks on a schema, or null when one of them is a kind not compiled here. */
function compileChecks(checks: unknown): Acceptor[] | null {
  if (checks === undefined) return [];
  if (!Array.isArray(checks)) return null;
  const out: Acceptor[] = [];
  for (const item of checks) {
    const internals = internalsOf(item);
    if (internals === null) return null;
    const c = internals.def;
    const check = compileCheck(c);
    if (check === null) return null;
    // A check with a condition runs when zod would run it: zod asks `when` with the value and the issues so
    // far, none here (the type and every earlier check passed). Length checks have one by default.
    const when = c['when'];
    if (when === undefined) out.push(check);
    else if (typeof when === 'function') out.push((v) => !(when as (payload: { value: unknown; issues: unknown[] }) => unknown)({ value: v, issues: [] }) || check(v));
    else return null;
  }
  return out;
}

function compileCheck(c: Record<string, unknown>): Acceptor | null {
  switch (c['check']) {
    case 'min_length': {
      const n = c['minimum'];
      if (typeof n !== 'number') return null;
      return (v) => lengthOf(v) >= n;
    }
    case 'max_length': {
      const n = c['maximum'];
      if (typeof n !== 'number') return null;
      return (v) => lengthOf(v) <= n;
    }
    case 'string_format': {
      const pattern = c['pattern'];
      if (c['format'] !== 'regex' || !(pattern instanceof RegExp)) return null;
      return (v) => {
        pattern.lastIndex = 0;
        return pattern.test(v as string);
      };
    }
    case 'number_format':
      if (c['format'] !== 'safeint') return null;
      return (v) => Number.isSafeInteger(v);
    case 'greater_than': {
      const n = c['value'];
      if (typeof n !== 'number') return null;
      return c['inclusive'] === true ? (v) => (v as number) >= n : (v) => (v as number) > n;
    }
    case 'less_than': {
      const n = c['value'];
      if (typeof n !== 'number') return null;
      return c['inclusive'] === true ? (v) => (v as number) <= n : (v) => (v as number) < n;
    }
    case 'custom': {
      // A refinement (`.refine(fn)`): its predicate decides. A superRefine (no `fn`) is not compiled.
      const fn = c['fn'];
      if (c['type'] !== 'custom' || typeof fn !== 'function') return null;
      return (v) => {
        const r: unknown = (fn as (value: unknown) => unknown)(v);
        // An asynchronous refinement cannot be decided here: zod decides (and refuses a synchronous parse).
        return !(r instanceof Promise) && Boolean(r);
      };
    }
    default:
      return null;
  }
}
