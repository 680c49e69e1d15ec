import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, fixedClock } from './helpers';
import { completeSetup, getSettings, getUiState, setLanguage, setLastRoute, updateSettings } from '../../renderer/db/repos/settings';
import { setClockForTests } from '../../renderer/db/clock';
import { fromBase64 } from '../../renderer/core/crypto/encoding';

describe('first-start set-up', () => {
  beforeEach(() => fixedClock());
  afterEach(() => setClockForTests(null));

  it('stores role, own unit, inspector and a non-extractable Ed25519 key that can sign', async () => {
    const db = await freshDb();
    const r = await completeSetup(db, {
      role: 'branch',
      inspectorName: ' 李四 ',
      orgUnit: { code: 'BR01', name: '城东支行', level: 'subbranch', parentCode: 'HQ' },
    });
    expect(r.ok).toBe(true);
    const s = await getSettings(db);
    expect(s).toMatchObject({ role: 'branch', inspectorName: '李四', orgUnitCode: 'BR01' });
    expect(s!.privateKey.extractable).toBe(false);
    expect(s!.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    const raw = fromBase64(s!.publicKeyRaw)!;
    expect(raw).toHaveLength(32);
    // The stored key pair still works after the round trip through IndexedDB.
    const data = new Uint8Array([1, 2, 3]);
    const sig = await crypto.subtle.sign('Ed25519', s!.privateKey, data);
    const pub = await crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'Ed25519', true, ['verify']);
    expect(await crypto.subtle.verify('Ed25519', pub, sig, data)).toBe(true);
    await expect(crypto.subtle.exportKey('pkcs8', s!.privateKey)).rejects.toThrow();
    const units = await db.orgUnits.toArray();
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({ code: 'BR01', level: 'subbranch', parentCode: 'HQ', rev: 1, deletedAt: null, updatedBy: '李四', deviceId: s!.deviceId });
  });

  it('refuses an empty inspector name and a second set-up, writing nothing', async () => {
    const db = await freshDb();
    const bad = await completeSetup(db, { role: 'branch', inspectorName: '  ', orgUnit: { code: 'BR01', name: 'x', level: 'branch', parentCode: null } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'setup.inspectorName' } });
    expect(await db.orgUnits.count()).toBe(0);
    expect(await getSettings(db)).toBeUndefined();
    await completeSetup(db, { role: 'head', inspectorName: '王五', orgUnit: { code: 'HQ', name: '总行', level: 'head', parentCode: null } });
    const again = await completeSetup(db, { role: 'head', inspectorName: '王五', orgUnit: { code: 'HQ2', name: '总行', level: 'head', parentCode: null } });
    expect(again).toMatchObject({ ok: false, error: { code: 'setup.alreadyDone' } });
    expect(await db.orgUnits.count()).toBe(1);
  });

  it('rejects an invalid own unit and stores nothing', async () => {
    const db = await freshDb();
    const r = await completeSetup(db, { role: 'branch', inspectorName: '赵六', orgUnit: { code: '!', name: '', level: 'branch', parentCode: null } });
    expect(r.ok).toBe(false);
    expect(await getSettings(db)).toBeUndefined();
    expect(await db.orgUnits.count()).toBe(0);
  });

  it('changes role, inspector and own unit later; the key stays the same', async () => {
    const db = await freshDb();
    await completeSetup(db, { role: 'branch', inspectorName: '张三', orgUnit: { code: 'BR01', name: '城东支行', level: 'subbranch', parentCode: null } });
    const before = (await getSettings(db))!;
    expect((await updateSettings(db, { orgUnitCode: 'NOPE' })).ok).toBe(false);
    const r = await updateSettings(db, { role: 'head', inspectorName: '李四' });
    expect(r.ok).toBe(true);
    const after = (await getSettings(db))!;
    expect(after).toMatchObject({ role: 'head', inspectorName: '李四', orgUnitCode: 'BR01', fingerprint: before.fingerprint, deviceId: before.deviceId });
  });

  it('remembers language and last route', async () => {
    const db = await freshDb();
    expect(await getUiState(db)).toMatchObject({ language: 'zh-CN', lastRoute: null });
    await setLanguage(db, 'en-US');
    await setLastRoute(db, '#/settings');
    expect(await getUiState(db)).toMatchObject({ language: 'en-US', lastRoute: '#/settings' });
  });
});
