import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, fixedClock, setUpBranch, withChecklist } from './helpers';
import { addOrgUnit, deleteOrgUnit, importOrgUnits, updateOrgUnit } from '../../renderer/db/repos/org-units';
import { startInspection } from '../../renderer/db/repos/inspections';
import { setClockForTests } from '../../renderer/db/clock';
import type { XbDb } from '../../renderer/db/db';

describe('organisation units', () => {
  let db: XbDb;
  beforeEach(async () => {
    fixedClock();
    db = await freshDb();
    await setUpBranch(db);
  });
  afterEach(() => setClockForTests(null));

  it('adds an outlet under the own unit and refuses a code that already exists', async () => {
    const a = await addOrgUnit(db, { code: 'WD001', name: '人民路网点', level: 'outlet', parentCode: 'BR01' });
    expect(a.ok && a.value).toMatchObject({ code: 'WD001', rev: 1, deletedAt: null });
    const dup = await addOrgUnit(db, { code: 'WD001', name: '另一个', level: 'outlet', parentCode: 'BR01' });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.problems?.map((p) => p.code)).toContain('org.duplicateCode');
    expect(await db.orgUnits.count()).toBe(2);
  });

  it('updates with a new revision and refuses an unknown parent', async () => {
    const a = await addOrgUnit(db, { code: 'WD001', name: '人民路网点', level: 'outlet', parentCode: 'BR01' });
    if (!a.ok) throw new Error();
    const u = await updateOrgUnit(db, a.value.id, { name: '人民路营业部', level: 'outlet', parentCode: 'BR01' });
    expect(u.ok && u.value).toMatchObject({ name: '人民路营业部', rev: 2 });
    const bad = await updateOrgUnit(db, a.value.id, { name: '人民路营业部', level: 'outlet', parentCode: 'ZZ99' });
    expect(bad.ok).toBe(false);
    expect((await db.orgUnits.get(a.value.id))!.parentCode).toBe('BR01');
  });

  it('deletes as a tombstone, refuses the own unit, parents and units with inspections', async () => {
    const own = (await db.orgUnits.where('code').equals('BR01').first())!;
    expect(await deleteOrgUnit(db, own.id)).toMatchObject({ ok: false, error: { code: 'org.deleteOwn' } });
    const a = await addOrgUnit(db, { code: 'WD001', name: '人民路网点', level: 'outlet', parentCode: 'BR01' });
    const b = await addOrgUnit(db, { code: 'WD002', name: '解放路网点', level: 'outlet', parentCode: 'BR01' });
    if (!a.ok || !b.ok) throw new Error();
    await withChecklist(db);
    await startInspection(db, { checklistId: 'mini', checklistVersion: '1.0', orgUnitCode: 'WD002', kind: 'self', inspectors: ['张三'], date: '2026-03-02' });
    expect(await deleteOrgUnit(db, b.value.id)).toMatchObject({ ok: false, error: { code: 'org.inUse' } });
    const d = await deleteOrgUnit(db, a.value.id);
    expect(d.ok && d.value.deletedAt).toBeTruthy();
    expect((await db.orgUnits.get(a.value.id))!.rev).toBe(2);
    // Re-adding a deleted code revives the same record rather than clashing with the unique index.
    const again = await addOrgUnit(db, { code: 'WD001', name: '人民路网点', level: 'outlet', parentCode: 'BR01' });
    expect(again.ok && again.value).toMatchObject({ id: a.value.id, rev: 3, deletedAt: null });
  });

  it('imports a list all or nothing', async () => {
    const ok = await importOrgUnits(db, [
      { code: 'WD010', name: '一号网点', level: 'outlet', parentCode: 'ZH01' },
      { code: 'ZH01', name: '新区支行', level: 'subbranch', parentCode: 'BR01' },
    ]);
    expect(ok).toMatchObject({ ok: true, value: { added: 2 } });
    const bad = await importOrgUnits(db, [
      { code: 'WD011', name: '二号网点', level: 'outlet', parentCode: 'ZH01' },
      { code: 'WD010', name: '重复', level: 'outlet', parentCode: 'ZH01' },
    ]);
    expect(bad.ok).toBe(false);
    expect(await db.orgUnits.where('code').equals('WD011').count()).toBe(0);
    expect(await db.orgUnits.count()).toBe(3);
  });
});
