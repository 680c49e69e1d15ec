// The record schemas of ledger.json: strict (an unknown field is refused, not dropped), and the names
// attachment files get inside a package.
import { describe, expect, it } from 'vitest';
import { ledgerDataSchema } from '../../../renderer/core/ledger/package';
import { attachmentExtension, attachmentPath, findingRecord, historyRecord, orgUnitRecord } from '../../../renderer/core/ledger/records';
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
