// Head office trusts one key per unit: confirmed once, refused when another key signs, re-enrolled only
// with a reason, and the replaced key kept with who and why.
import { describe, expect, it } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import { importedFromDevice, reEnrolKey, trustedKeyOf, trustKey } from '../../renderer/db/repos/trusted-keys';
import { eachTestBranchDb, unwrap } from './finding-helpers';

let db: XbDb;
eachTestBranchDb((d) => {
  db = d;
});

const key = (n: number) => ({ orgUnitCode: 'BR02', publicKey: `${String(n).repeat(43).slice(0, 43)}=`, fingerprint: `${n}${n}${n}${n} 0000 0000 0000 0000 0000 0000 0000`, deviceId: `dev-${n}` });

describe('trusted keys', () => {
  it('registers a unit’s first key, accepts it again, and refuses another one', async () => {
    unwrap(await trustKey(db, key(1), '总行王五'));
    expect(await trustedKeyOf(db, 'BR02')).toMatchObject({ ...key(1), confirmedBy: '总行王五', replaced: [] });
    unwrap(await trustKey(db, key(1), '总行王五'));
    const other = await trustKey(db, key(2), '总行王五');
    expect(!other.ok && other.error).toMatchObject({ code: 'trust.otherKey', params: { code: 'BR02', fingerprint: key(1).fingerprint } });
    expect((await trustedKeyOf(db, 'BR02'))?.publicKey).toBe(key(1).publicKey);
  });

  it('re-enrols a unit’s key only with a reason, keeping the replaced key with who and why', async () => {
    unwrap(await trustKey(db, key(1), '总行王五'));
    const noReason = await reEnrolKey(db, key(2), '总行王五', '  ');
    expect(!noReason.ok && noReason.error.code).toBe('trust.reasonRequired');
    const same = await reEnrolKey(db, key(1), '总行王五', '换电脑');
    expect(!same.ok && same.error.code).toBe('trust.sameKey');
    const unknown = await reEnrolKey(db, { ...key(2), orgUnitCode: 'BR09' }, '总行王五', '换电脑');
    expect(!unknown.ok && unknown.error.code).toBe('trust.notEnrolled');
    unwrap(await reEnrolKey(db, key(2), '总行赵六', '分行更换笔记本电脑，从备份恢复'));
    const row = await trustedKeyOf(db, 'BR02');
    expect(row).toMatchObject({ publicKey: key(2).publicKey, confirmedBy: '总行赵六' });
    expect(row?.replaced).toEqual([expect.objectContaining({ publicKey: key(1).publicKey, fingerprint: key(1).fingerprint, by: '总行赵六', reason: '分行更换笔记本电脑，从备份恢复' })]);
  });

  it('lists the packages imported from a device', async () => {
    const base = { orgUnitCode: 'BR02', exportedAt: '2026-03-01T00:00:00.000Z', importedAt: '2026-03-02T00:00:00.000Z', importedBy: '王五', fileName: 'x.xbledger', counts: {}, conflicts: 0 };
    await db.imports.bulkAdd([
      { ...base, packageSha256: 'a'.repeat(64), deviceId: 'dev-1', seq: 1 },
      { ...base, packageSha256: 'b'.repeat(64), deviceId: 'dev-1', seq: 2 },
      { ...base, packageSha256: 'c'.repeat(64), deviceId: 'dev-2', seq: 1 },
    ]);
    expect(await importedFromDevice(db, 'dev-1')).toEqual([
      { deviceId: 'dev-1', seq: 1, packageSha256: 'a'.repeat(64) },
      { deviceId: 'dev-1', seq: 2, packageSha256: 'b'.repeat(64) },
    ]);
  });
});
