// The checklist library in the database: imports are all or nothing and never overwrite a pinned
// version; removal is refused while an inspection uses the version; a new version is added beside the
// old one, and inspections keep the exact checklist they started with.
import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { branchDbForEachTest, miniChecklist } from './helpers';
import { checklistUsage, importChecklist, removeChecklist, syncBundledChecklists } from '../../renderer/db/repos/checklists';
import { startInspection } from '../../renderer/db/repos/inspections';
import type { XbDb } from '../../renderer/db/db';
import type { Checklist } from '../../renderer/core/checklist/schema';
import { checklistFingerprint } from '../../renderer/core/checklist/fingerprint';
import { checklistToJsonBytes, checklistToXlsx, readChecklistFile } from '../../renderer/io/checklist-file';
import { platformEd25519Verify, platformSha256 } from '../../renderer/platform/crypto';
import { newestVersions } from '../../renderer/features/inspections/newest-versions';

const v2: Checklist = { ...miniChecklist, version: '1.10', sections: [...miniChecklist.sections, { code: 'NEW', title: '新增', items: [{ code: 'M-NEW-01', requirement: '新要求', basis: [], method: '现场查看', severity: '一般' }] }] };
const provenance = { issuer: { code: 'HQ', name: '总行', level: 'head' as const }, fingerprint: 'ABCD '.repeat(8).trim(), deviceId: 'hq-1', exportedAt: '2026-02-01T00:00:00.000Z', exportedBy: '李四' };

async function add(db: XbDb, c: Checklist) {
  return importChecklist(db, { fileName: `${c.id}-${c.version}.json`, checklist: c, sha256: await checklistFingerprint(c, platformSha256) });
}

describe('the checklist library', () => {
  const current = branchDbForEachTest();
  let db: XbDb;
  beforeEach(() => {
    db = current();
  });

  it('imports a checklist as "imported", keeps its provenance, and treats the same content again as already there', async () => {
    const sha256 = await checklistFingerprint(miniChecklist, platformSha256);
    const r = await importChecklist(db, { fileName: 'mini.xbchecklist', checklist: miniChecklist, sha256, provenance });
    expect(r).toMatchObject({ ok: true, value: { added: true, stored: { id: 'mini', version: '1.0', source: 'imported', sha256, provenance } } });
    expect(await importChecklist(db, { fileName: 'again.json', checklist: miniChecklist, sha256 })).toMatchObject({ ok: true, value: { added: false } });
    expect(await db.checklists.count()).toBe(1);
    expect((await db.checklists.get(['mini', '1.0']))?.fileName).toBe('mini.xbchecklist');
  });

  it('refuses other content under a stored id and version, bundled or imported, and changes nothing', async () => {
    await syncBundledChecklists(db, [{ fileName: 'mini.json', checklist: miniChecklist, sha256: await checklistFingerprint(miniChecklist, platformSha256) }]);
    const changed: Checklist = { ...miniChecklist, title: '改过的迷你检查表' };
    expect(await add(db, changed)).toEqual({ ok: false, error: { code: 'checklist.versionConflict', params: { id: 'mini', version: '1.0' } } });
    expect((await db.checklists.get(['mini', '1.0']))?.checklist.title).toBe('迷你检查表');
  });

  it('adds a new version beside the old one; an inspection keeps the version it started with', async () => {
    await add(db, miniChecklist);
    const started = await startInspection(db, { checklistId: 'mini', checklistVersion: '1.0', orgUnitCode: 'BR01', kind: 'self', inspectors: ['张三'], date: '2026-03-02' });
    if (!started.ok) throw new Error(started.error.code);
    await add(db, v2);
    expect((await db.checklists.where('id').equals('mini').toArray()).map((c) => c.version).sort()).toEqual(['1.0', '1.10']);
    const inspection = await db.inspections.get(started.value.id);
    expect(inspection).toMatchObject({ checklistVersion: '1.0', checklistSha256: await checklistFingerprint(miniChecklist, platformSha256) });
    expect(await checklistUsage(db)).toEqual(new Map([['mini@1.0', 1]]));
  });

  it('offers the newest version by default, and the last used checklist first', async () => {
    await add(db, miniChecklist);
    await add(db, v2);
    await add(db, { ...miniChecklist, id: 'another', title: '另一份清单', version: '2026.1' });
    const all = await db.checklists.toArray();
    const label = (c: { version: string }, newest: boolean) => `${c.version}${newest ? '' : ' old'}`;
    const fresh = newestVersions(all, [], label);
    expect(fresh.groups.map((g) => [g.label, g.options.map((o) => o.label)])).toEqual([
      ['另一份清单', ['2026.1']],
      ['迷你检查表', ['1.10', '1.0 old']],
    ]);
    expect(fresh.defaultValue).toBe('another@2026.1');
    const used = newestVersions(all, [{ checklistId: 'another', startedAt: '2026-01-01T00:00:00Z' }, { checklistId: 'mini', startedAt: '2026-02-01T00:00:00Z' }], label);
    expect(used.defaultValue).toBe('mini@1.10');
  });

  it('removes an unused imported version, and refuses with the reason when an inspection uses it or it is bundled', async () => {
    await add(db, miniChecklist);
    await add(db, v2);
    await startInspection(db, { checklistId: 'mini', checklistVersion: '1.0', orgUnitCode: 'BR01', kind: 'self', inspectors: ['张三'], date: '2026-03-02' });
    expect(await removeChecklist(db, 'mini', '1.0')).toEqual({ ok: false, error: { code: 'checklist.inUse', params: { title: '迷你检查表', version: '1.0', count: 1 } } });
    expect(await removeChecklist(db, 'mini', '1.10')).toEqual({ ok: true, value: undefined });
    expect(await db.checklists.get(['mini', '1.10'])).toBeUndefined();
    expect(await removeChecklist(db, 'mini', '1.10')).toMatchObject({ ok: false, error: { code: 'checklist.notFound' } });
    const bundled: Checklist = { ...miniChecklist, id: 'shipped' };
    await syncBundledChecklists(db, [{ fileName: 'shipped.json', checklist: bundled, sha256: 'b'.repeat(64) }]);
    expect(await removeChecklist(db, 'shipped', '1.0')).toMatchObject({ ok: false, error: { code: 'checklist.bundled' } });
  });

  it('never stores anything from a damaged file (JSON or Excel): reading refuses it before the repository is called', { timeout: 120_000 }, async () => {
    const json = new TextDecoder().decode(checklistToJsonBytes(miniChecklist));
    const xlsx = await checklistToXlsx(miniChecklist);
    const importFile = async (name: string, bytes: Uint8Array) => {
      const read = await readChecklistFile(name, bytes, { sha256: platformSha256, verify: platformEd25519Verify });
      if (read.ok) await importChecklist(db, { fileName: name, checklist: read.value.checklist, sha256: read.value.sha256 });
      return read.ok;
    };
    await fc.assert(
      fc.asyncProperty(fc.nat(json.length), fc.nat(8), fc.string({ maxLength: 4 }), async (at, cut, insert) => {
        const before = await db.checklists.count();
        const ok = await importFile('m.json', new TextEncoder().encode(json.slice(0, at) + insert + json.slice(at + cut)));
        // Either the whole checklist is stored (a harmless edit, e.g. in whitespace) or nothing is.
        const after = await db.checklists.count();
        if (!ok) expect(after).toBe(before);
        else expect((await db.checklists.toArray()).every((c) => c.checklist.sections.length > 0)).toBe(true);
      }),
      { numRuns: 150 },
    );
    await db.checklists.clear();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ at: fc.nat(xlsx.length - 1), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 4 }), async (flips) => {
        const bytes = xlsx.slice();
        for (const f of flips) bytes[f.at] = f.byte;
        const ok = await importFile('m.xlsx', bytes);
        expect(await db.checklists.count()).toBe(ok ? 1 : 0);
        await db.checklists.clear();
      }),
      { numRuns: 40 },
    );
  });
});
