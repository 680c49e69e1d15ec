// compileAcceptor: a zod schema as a plain acceptance test. It decides which files an import takes, so
// it must accept exactly what zod accepts: held to zod on the ledger's own records mutated at random
// (edge values at every field, unknown and missing keys, nested objects) and on schemas of each kind it
// compiles; kinds it does not compile must make it give up (null), never guess.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ledgerDataSchema, parseLedgerData } from '../../renderer/core/ledger/package';
import { answerRecord, attachmentRecord, findingRecord, historyRecord, inspectionRecord, orgUnitRecord, RECORD_ACCEPTOR_OVERRIDES } from '../../renderer/core/ledger/records';
import { compileAcceptor, type Acceptor } from '../../renderer/core/schema-acceptor';
import { utf8Encode } from '../../renderer/core/utf8';
import { tinyLedger } from './ledger/fixtures';

const compiled = (schema: z.ZodType): Acceptor => {
  const accept = compileAcceptor(schema, RECORD_ACCEPTOR_OVERRIDES);
  if (accept === null) throw new Error('the schema was expected to compile');
  return accept;
};

/** Values at and around every limit the ledger's schemas set, and of every wrong type. */
const EDGES: readonly unknown[] = [
  null, undefined, true, false, 0, -0, 1, -1, 1.5, 2 ** 53 - 1, 2 ** 53, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY, 1e12, 1e12 + 1, 1_000_000, 1_000_001,
  '', 'x', 'BR01', 'b r', 'a'.repeat(32), 'a'.repeat(33), 'a'.repeat(40), 'a'.repeat(41), 'a'.repeat(60), 'a'.repeat(61), 'a'.repeat(100), 'a'.repeat(101),
  'a'.repeat(200), 'a'.repeat(201), 'a'.repeat(255), 'a'.repeat(256), 'a'.repeat(300), 'a'.repeat(301), 'a'.repeat(20_000), 'a'.repeat(20_001),
  '2026-02-28', '2026-02-30', '2026-2-28', '2026-06-01T00:00:00Z', '2026-06-01T00:00:00.123Z', '2026-06-01T00:00:00.1234Z', '2026-06-01 00:00:00Z',
  '0'.repeat(64), 'f'.repeat(64), 'A'.repeat(64), '0'.repeat(63), '0'.repeat(65),
  'open', 'verified', 'partial', 'noncompliant', 'compliant', 'not_applicable', '一般', '重大', 'create', 'finding', 'answer', 'outlet', 'head', 'self', 'draft', 'verdict', 'image/png',
  [], ['x'], ['0'.repeat(64)], Array.from({ length: 51 }, () => 'x'), {}, { who: '', how: '', docNo: '' }, { by: 'a', at: 'b', note: '' }, { by: 'a', at: 'b', reason: '' },
  [{ field: 'note', from: null, to: 'x' }], [{ field: '', from: null, to: 'x' }], [{ field: 'note', from: null }], [{ field: 'note', from: [1, { a: 2 }], to: Number.NaN }],
];

type Mutation = { path: readonly string[]; value: unknown; remove: boolean };

const mutation = (keys: readonly string[]): fc.Arbitrary<Mutation> =>
  fc.record({
    path: fc.oneof(
      fc.constantFrom(...keys).map((k) => [k]),
      fc.constantFrom('unknown', '__proto__', 'localSeq', 'constructor').map((k) => [k]),
      fc.tuple(fc.constantFrom('accountability', 'verification', 'lastReturn', 'changes'), fc.constantFrom('who', 'how', 'docNo', 'by', 'at', 'note', 'reason', '0', 'extra')).map(([a, b]) => [a, b]),
    ),
    value: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...EDGES) }, { weight: 1, arbitrary: fc.anything() }),
    remove: fc.boolean(),
  });

/** A copy of `record` with each mutation applied (JSON-like copies, as JSON.parse would give). */
function mutated(record: unknown, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(record) as Record<string, unknown>;
  for (const m of mutations) {
    let target: Record<string, unknown> = copy;
    for (const key of m.path.slice(0, -1)) {
      const next = target[key];
      if (typeof next !== 'object' || next === null) return copy;
      target = next as Record<string, unknown>;
    }
    const last = m.path[m.path.length - 1] as string;
    if (m.remove) Reflect.deleteProperty(target, last);
    // defineProperty: an own "__proto__" key, as JSON.parse makes one.
    else Object.defineProperty(target, last, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

describe('compileAcceptor', () => {
  const { data } = tinyLedger();
  const records = [
    ['orgUnits', orgUnitRecord, data.orgUnits[0]],
    ['inspections', inspectionRecord, data.inspections[0]],
    ['answers', answerRecord, data.answers[1]],
    ['findings', findingRecord, { ...data.findings[0]!, verification: { by: '李四', at: '2026-03-05', note: '' }, lastReturn: null }],
    ['history', historyRecord, data.history[4]],
    ['attachments', attachmentRecord, data.attachments[0]],
  ] as const;

  for (const [name, schema, record] of records) {
    it(`accepts exactly what zod accepts: ${name}, mutated at random`, () => {
      const accept = compiled(schema);
      expect(accept(record)).toBe(true);
      const keys = Object.keys(record as object);
      let refused = 0;
      fc.assert(
        fc.property(fc.array(mutation(keys), { minLength: 1, maxLength: 3 }), (mutations) => {
          const value = mutated(record, mutations);
          const zodSays = schema.safeParse(value).success;
          if (!zodSays) refused += 1;
          expect(accept(value)).toBe(zodSays);
        }),
        { numRuns: 1500 },
      );
      // The mutations must reach both sides, or the property says little.
      expect(refused).toBeGreaterThan(300);
      expect(refused).toBeLessThan(1500);
    });
  }

  it('accepts exactly what zod accepts for whole ledger data, a record changed anywhere', () => {
    const accept = compiled(ledgerDataSchema);
    expect(accept(data)).toBe(true);
    fc.assert(
      fc.property(fc.constantFrom(...records), fc.array(mutation(['id', 'rev', 'deviceId', 'updatedAt']), { minLength: 1, maxLength: 2 }), fc.constantFrom(null, 'schemaVersion', 'extra'), ([name, , record], mutations, top) => {
        const value = { ...data, [name]: [...(data[name] as unknown[]), mutated(record, mutations)] } as Record<string, unknown>;
        if (top === 'schemaVersion') value['schemaVersion'] = 2;
        if (top === 'extra') value['extra'] = 1;
        expect(accept(value)).toBe(ledgerDataSchema.safeParse(value).success);
      }),
      { numRuns: 500 },
    );
    for (const odd of [null, [], 'x', { ...data, history: {} }, { ...data, findings: undefined }]) expect(accept(odd)).toBe(ledgerDataSchema.safeParse(odd).success);
  });

  it('compiles every kind it claims to, each equal to zod on values around its limits', () => {
    enum Numeric {
      A = 1,
      B = 2,
    }
    const schemas: z.ZodType[] = [
      z.strictObject({ a: z.string().min(2).max(4), b: z.number().int().min(1).max(9).optional(), c: z.boolean().nullable() }),
      z.union([z.literal(''), z.string().regex(/^[a-c]+$/)]),
      z.array(z.number().gt(0).lt(10)).min(1).max(3),
      z.enum(['x', 'y']),
      z.nativeEnum(Numeric),
      z.string().refine((s) => s.startsWith('ok')),
      z.string().nullable().optional(),
      z.strictObject({ nested: z.strictObject({ n: z.number().gte(-1).lte(1) }).nullable() }),
    ];
    const values = fc.oneof(
      fc.constantFrom<unknown>(null, undefined, '', 'a', 'ab', 'abcd', 'abcde', 'okay', 'o', 0, 1, 9, 10, 1.5, -1, 2, [], [1], [1, 2, 3], [1, 2, 3, 4], [0], [10], 'x', 'y', 'A', 'B', { a: 'ab' }, { a: 'ab', b: 3 }, { a: 'ab', b: 0 }, { a: 'ab', b: undefined }, { a: 'ab', c: null }, { a: 'ab', b: 3, c: true }, { a: 'ab', c: true, d: 1 }, { nested: null }, { nested: { n: 1 } }, { nested: { n: 1.01 } }, { nested: { n: -1 } }, { nested: {} }),
      fc.anything(),
    );
    for (const schema of schemas) {
      const accept = compileAcceptor(schema);
      expect(accept).not.toBeNull();
      fc.assert(
        fc.property(values, (v) => {
          expect(accept?.(v)).toBe(schema.safeParse(v).success);
        }),
        { numRuns: 400 },
      );
    }
  });

  it('gives up on kinds whose parsed value is not the value itself, or which it cannot read', () => {
    const unsupported: z.ZodType[] = [
      z.string().transform((s) => s.length),
      z.string().default('x'),
      z.object({ a: z.string() }),
      z.looseObject({ a: z.string() }),
      z.string().trim(),
      z.coerce.number(),
      z.custom<string>(),
      z.number().superRefine(() => undefined),
      z.discriminatedUnion('k', [z.strictObject({ k: z.literal('a') }), z.strictObject({ k: z.literal('b') })]),
      z.xor([z.string(), z.string().min(1)]),
      z.date(),
      z.strictObject({ a: z.string().transform((s) => s.length) }),
    ];
    for (const schema of unsupported) expect(compileAcceptor(schema)).toBeNull();
  });

  it('lets parseLedgerData take accepted data as read, and leaves refused data to zod’s words', () => {
    const bytes = (v: unknown): Uint8Array => utf8Encode(JSON.stringify(v));
    const read = parseLedgerData(bytes(data));
    expect(read.ok && read.value).toEqual(ledgerDataSchema.parse(data));
    const broken = { ...data, findings: [{ ...data.findings[0]!, status: 'closed' }] };
    const refused = parseLedgerData(bytes(broken));
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error.detail).toContain('status');
  });
});
