import { describe, expect, it } from 'vitest';
import { findingsWithoutEntry, keyStatus, seqStatus, type ImportedPackage } from '../../../renderer/core/ledger/import-check';

const h = (n: number): string => n.toString(16).padStart(64, '0');
const trusted = { orgUnitCode: 'BR01', publicKey: 'A'.repeat(43) + '=', fingerprint: 'AAAA BBBB CCCC DDDD EEEE FFFF 0000 1111', deviceId: 'dev-1' };

describe('trusted keys', () => {
  it('knows the unit’s key, an unknown unit, and a different key for a known unit', () => {
    expect(keyStatus(undefined, { publicKey: trusted.publicKey })).toEqual({ kind: 'unknown' });
    expect(keyStatus(trusted, { publicKey: trusted.publicKey })).toEqual({ kind: 'trusted' });
    expect(keyStatus(trusted, { publicKey: 'B'.repeat(43) + '=' })).toEqual({ kind: 'mismatch', trustedFingerprint: trusted.fingerprint });
  });
});

describe('where a package falls in its device’s sequence', () => {
  const log: ImportedPackage[] = [
    { deviceId: 'dev-1', seq: 1, packageSha256: h(1) },
    { deviceId: 'dev-1', seq: 2, packageSha256: h(2) },
    { deviceId: 'dev-2', seq: 7, packageSha256: h(70) },
  ];
  const pkg = (seq: number, sha: number, prev: number | null, deviceId = 'dev-1') => ({ deviceId, seq, packageSha256: h(sha), prevPackageSha256: prev === null ? null : h(prev) });

  it('accepts a device’s first package whatever its seq, and the next one after the last', () => {
    expect(seqStatus(log, pkg(5, 5, 4, 'dev-3'))).toEqual({ kind: 'next' });
    expect(seqStatus(log, pkg(3, 3, 2))).toEqual({ kind: 'next' });
    expect(seqStatus(log, pkg(8, 8, 70, 'dev-2'))).toEqual({ kind: 'next' });
  });

  it('says when the very package was imported before, and when a seq was re-used for other content', () => {
    expect(seqStatus(log, pkg(2, 2, 1))).toEqual({ kind: 'duplicate' });
    expect(seqStatus(log, pkg(2, 99, 1))).toEqual({ kind: 'seqReused' });
  });

  it('flags an older package, a gap and a package that does not chain to the one before it', () => {
    const more = [...log, { deviceId: 'dev-1', seq: 4, packageSha256: h(4) }];
    expect(seqStatus(more, pkg(3, 3, 2))).toEqual({ kind: 'older', newest: 4 });
    expect(seqStatus(log, pkg(5, 5, 4))).toEqual({ kind: 'gap', missing: [3, 4] });
    expect(seqStatus(log, pkg(3, 3, 77))).toEqual({ kind: 'chainMismatch', expected: h(2) });
  });
});

describe('findings whose history does not reach them', () => {
  const f = (id: string, deviceId: string, updatedAt: string) => ({ id, ledgerNo: `BR01-2026-${id}`, deviceId, updatedAt });
  const e = (entityId: string, deviceId: string, at: string, entityType = 'finding') => ({ deviceId, entityType, entityId, at });
  const findings = [f('0001', 'dev-1', 't2'), f('0002', 'dev-1', 't3'), f('0003', 'ho', 't9'), f('0004', 'dev-1', 't1')];

  it('needs an entry of the writing device at the record’s instant, for the findings that device wrote last', () => {
    const entries = [e('0001', 'dev-1', 't1'), e('0001', 'dev-1', 't2'), e('0004', 'dev-1', 't1'), e('0002', 'dev-1', 't2')];
    // 0002's last write (t3) has no entry; 0003 was last written by head office, not this device's to prove.
    expect(findingsWithoutEntry(findings, entries, 'dev-1').map((x) => x.id)).toEqual(['0002']);
  });

  it('does not take an entry of another device, another entity type or another instant as the anchor', () => {
    const entries = [e('0001', 'dev-2', 't2'), e('0002', 'dev-1', 't3', 'answer'), e('0004', 'dev-1', 't1 ')];
    expect(findingsWithoutEntry(findings, entries, 'dev-1').map((x) => x.id)).toEqual(['0001', '0002', '0004']);
    expect(findingsWithoutEntry(findings, [], 'dev-9')).toEqual([]);
  });
});
