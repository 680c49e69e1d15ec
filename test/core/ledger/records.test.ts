// The record schemas of ledger.json: strict (an unknown field is refused, not dropped), and the names
// attachment files get inside a package.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ledgerDataSchema } from '../../../renderer/core/ledger/package';
import { canonicalJson } from '../../../renderer/core/canonical';
import { answerRecord, attachmentExtension, attachmentPath, attachmentRecord, findingRecord, historyChangesProblem, historyRecord, inspectionRecord, orgUnitRecord } from '../../../renderer/core/ledger/records';
import { tinyLedger } from './fixtures';

describe('ledger records', () => {
  it('accept what the app writes and refuse unknown fields, so a device-local field never travels unnoticed', () => {
    const { data } = tinyLedger();
    expect(ledgerDataSchema.safeParse(data).success).toBe(true);
    const finding = data.findings[0]!;
    expect(findingRecord.safeParse(finding).success).toBe(true);
    // The database row's localSeq is device-local: an export must leave it out.
    expect(findingRecord.safeParse({ ...finding, localSeq: 3 }).success).toBe(false);
    expect(orgUnitRecord.safeParse({ ...data.orgUnits[0]!, code: 'BR 01' }).success).toBe(false);
    const entry = data.history[0]!;
    expect(historyRecord.safeParse({ ...entry, prevHash: 'x' }).success).toBe(false);
    expect(historyRecord.safeParse({ ...entry, hash: entry.hash.toUpperCase() }).success).toBe(false);
    expect(historyRecord.safeParse({ ...entry, transition: 'submit' }).success).toBe(true);
  });

  it('give parsed records their keys in canonical order, so hashing an imported history entry takes canonicalJson’s native path', () => {
    const { data } = tinyLedger();
    // Shuffled keys in, as any writer may order them: the parsed record comes out sorted at every level.
    const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
    const sorted = (o: object): boolean => Object.keys(o).every((k, i, keys) => i === 0 || (keys[i - 1] as string) < k);
    const entry = historyRecord.parse(reversed(data.history[0]!));
    expect(sorted(entry)).toBe(true);
    const { hash: _hash, ...body } = entry;
    expect(JSON.stringify(body)).toBe(canonicalJson(body));
    const finding = findingRecord.parse(reversed({ ...data.findings[0]!, accountability: reversed(data.findings[0]!.accountability) }));
    expect(sorted(finding)).toBe(true);
    expect(sorted(finding.accountability)).toBe(true);
    for (const [schema, record] of [[orgUnitRecord, data.orgUnits[0]], [inspectionRecord, data.inspections[0]], [answerRecord, data.answers[0]], [attachmentRecord, data.attachments[0]]] as const) {
      expect(record).toBeDefined();
      expect(sorted(schema.parse(reversed(record as object)))).toBe(true);
    }
  });

  it('refuse a history value nested too deeply with a reason, instead of overflowing the stack (a hostile file)', () => {
    const entry = tinyLedger().data.history[0]!;
    const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
    const withValue = (to: unknown) => ({ ...entry, changes: [{ field: 'note', from: null, to }] });
    expect(historyRecord.safeParse(withValue(nested(200))).success).toBe(true);
    for (const depth of [201, 5000, 100_000]) {
      const r = historyRecord.safeParse(withValue(nested(depth)));
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/nested more than 200 levels deep/);
    }
  });

  it("accept exactly the changes the zod schema they replaced accepts, and say where a change is wrong", () => {
    // The schema history changes had before they were checked by hand (depth aside: see the test above).
    type J = null | boolean | number | string | J[] | { [k: string]: J };
    const jsonValue: z.ZodType<J> = z.lazy(() => z.union([z.null(), z.boolean(), z.number(), z.string().max(20_000), z.array(jsonValue).max(1000), z.record(z.string().max(200), jsonValue)]));
    const reference = z.array(z.strictObject({ field: z.string().min(1).max(100), from: jsonValue, to: jsonValue })).max(200);
    const entry = tinyLedger().data.history[0]!;
    const agree = (changes: unknown): void => {
      const expected = reference.safeParse(changes).success;
      expect(historyChangesProblem(changes) === null, fc.stringify(changes).slice(0, 300)).toBe(expected);
      expect(historyRecord.safeParse({ ...entry, changes }).success).toBe(expected);
    };
    const value = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }));
    const change = fc.oneof(
      fc.record({ field: fc.string({ maxLength: 110 }), from: value, to: value }),
      fc.record({ field: fc.string({ minLength: 1, maxLength: 5 }), from: value, to: value, extra: value }, { requiredKeys: ['field'] }),
      fc.anything({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.array(change, { maxLength: 6 }), fc.anything({ maxDepth: 2 })), (changes) => {
        agree(changes);
      }),
      { numRuns: 2000 },
    );
    const ok = { field: 'note', from: null, to: { a: [1, 'x', true, { b: null }] } };
    for (const changes of [[], [ok], Array.from({ length: 200 }, () => ok), Array.from({ length: 201 }, () => ok), [{ ...ok, to: 'x'.repeat(20_001) }], [{ ...ok, to: 'x'.repeat(20_000) }], [{ ...ok, to: Array.from({ length: 1001 }, () => 1) }], [{ ...ok, to: { ['k'.repeat(201)]: 1 } }], [{ ...ok, to: Number.NaN }], [{ field: '', from: 1, to: 2 }], [{ field: 'x'.repeat(101), from: 1, to: 2 }], [{ field: 'a', from: 1 }], [{ field: 'a', from: 1, to: undefined }]]) agree(changes);

    expect(historyChangesProblem([ok, { ...ok, to: { a: [1, { b: new Date(0) }] } }])).toEqual({ path: [1, 'to', 'a', 1, 'b'], message: 'not a plain object' });
    expect(historyChangesProblem([{ ...ok, extra: 1 }])).toEqual({ path: [0], message: 'unknown field "extra"' });
    expect(historyChangesProblem([{ field: 'a', to: 1 }])).toEqual({ path: [0, 'from'], message: 'missing' });
    const refused = historyRecord.safeParse({ ...entry, changes: [ok, { ...ok, from: [Infinity] }] });
    expect(refused.error?.issues.map((i) => [i.path, i.message])).toEqual([[['changes', 1, 'from', 0], 'not a finite number']]);
  });

  it('name attachment files by sha256 with an extension from the MIME type, else the file name, else .bin', () => {
    const id = 'a'.repeat(64);
    expect(attachmentExtension({ mime: 'image/jpeg', name: 'x.JPEG' })).toBe('jpg');
    expect(attachmentExtension({ mime: 'application/pdf', name: 'report' })).toBe('pdf');
    expect(attachmentExtension({ mime: 'image/heic', name: 'IMG_0001.HEIC' })).toBe('heic');
    expect(attachmentExtension({ mime: 'application/octet-stream', name: '说明' })).toBe('bin');
    expect(attachmentExtension({ mime: 'application/octet-stream', name: 'a.verylongext' })).toBe('bin');
    expect(attachmentPath({ id, mime: 'image/png', name: '现场照片.png' })).toBe(`attachments/${id}.png`);
  });
});
