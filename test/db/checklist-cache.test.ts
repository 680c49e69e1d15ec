// The in-memory copy of an inspection's checklist that answer saves use (db/checklist-cache.ts): kept
// per database instance, dropped when anything changes the checklists table (here, in another
// instance of the same database, or by a restore's clear and re-adding), and used only for the text
// the inspection pinned.
import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { branchDbForEachTest, freshDb, miniChecklist, setUpBranch, withChecklist } from './helpers';
import { inspected } from './finding-helpers';
import { createDb, type XbDb } from '../../renderer/db/db';
import { openDb } from '../../renderer/db/open';
import { pinnedChecklist } from '../../renderer/db/checklist-cache';
import { saveAnswer } from '../../renderer/db/repos/inspections';
import type { Checklist } from '../../renderer/core/checklist/schema';
import type { StoredChecklist } from '../../renderer/db/types';

/** The mini checklist without M-PUB-02, under the same id, version and (test) sha256. */
const withoutPub02: Checklist = {
  ...miniChecklist,
  sections: miniChecklist.sections.map((s) => ({ ...s, items: s.items.filter((i) => i.code !== 'M-PUB-02') })),
};

/** What a restored backup does to the table: everything cleared, the backup's rows added. */
async function replaceChecklists(db: XbDb, rows: StoredChecklist[]): Promise<void> {
  await db.transaction('rw', db.checklists, async () => {
    await db.checklists.clear();
    await db.checklists.bulkAdd(rows);
  });
}

/** Replaces the stored mini checklist, through `db`, by one without M-PUB-02 under the same pin; returns the old row. */
async function dropPub02(db: XbDb): Promise<StoredChecklist> {
  const stored = await db.checklists.get(['mini', '1.0']);
  if (!stored) throw new Error('no checklist');
  await replaceChecklists(db, [{ ...stored, checklist: withoutPub02 }]);
  return stored;
}

const read = (db: XbDb, sha256 = 'a'.repeat(64)) => db.transaction('r', db.checklists, () => pinnedChecklist(db, 'mini', '1.0', sha256));

async function openedTwice(name: string): Promise<[XbDb, XbDb]> {
  const factory = new IDBFactory();
  const open = async (): Promise<XbDb> => {
    const db = createDb({ name, indexedDB: factory, IDBKeyRange });
    const r = await openDb(db, { onBlocked: () => undefined, onVersionChange: () => undefined });
    if (!r.ok) throw new Error(r.error.code);
    return db;
  };
  const one = await open();
  return [one, await open()];
}

describe('the checklist an answer save uses', () => {
  const current = branchDbForEachTest();
  let db: XbDb;
  beforeEach(async () => {
    db = current();
    await withChecklist(db);
  });

  it('is read once and then served from memory, frozen, while it has the pinned sha256', async () => {
    const first = await read(db);
    const second = await read(db);
    expect(first?.checklist).toEqual(miniChecklist);
    expect(second).toBe(first);
    expect(Object.isFrozen(second?.checklist.sections[0]?.items[0])).toBe(true);
    // Another sha256 than the stored one: what is stored is still what is returned, read each time.
    const other = await read(db, 'b'.repeat(64));
    expect(other?.checklist).toEqual(miniChecklist);
    expect(await read(db, 'b'.repeat(64))).not.toBe(other);
  });

  it('follows a restore that replaced the checklist under the same id, version and sha256', async () => {
    const id = await inspected(db);
    expect((await saveAnswer(db, id, 'M-PUB-02', { verdict: 'compliant' })).ok).toBe(true);
    const stored = await dropPub02(db);
    expect(await saveAnswer(db, id, 'M-PUB-02', { verdict: 'partial' })).toMatchObject({ ok: false, error: { code: 'inspection.itemMissing' } });
    expect((await db.answers.get([id, 'M-PUB-02']))?.verdict).toBe('compliant');
    // And back again: the item is there once more.
    await replaceChecklists(db, [stored]);
    expect(await saveAnswer(db, id, 'M-PUB-02', { verdict: 'partial' })).toMatchObject({ ok: true, value: { verdict: 'partial' } });
  });

  it('is gone when the checklist is', async () => {
    const id = await inspected(db);
    expect((await saveAnswer(db, id, 'M-PUB-01', { verdict: 'compliant' })).ok).toBe(true);
    await replaceChecklists(db, []);
    expect(await saveAnswer(db, id, 'M-PUB-01', { verdict: 'noncompliant' })).toMatchObject({ ok: false, error: { code: 'inspection.itemMissing' } });
    expect(await db.findings.count()).toBe(0);
  });

  it('belongs to one database: another with the same id, version and sha256 but other text keeps its own', async () => {
    const other = await freshDb();
    await setUpBranch(other);
    await withChecklist(other, withoutPub02);
    const here = await inspected(db);
    const there = await inspected(other);
    expect((await saveAnswer(db, here, 'M-PUB-02', { verdict: 'noncompliant' })).ok).toBe(true);
    expect(await saveAnswer(other, there, 'M-PUB-02', { verdict: 'noncompliant' })).toMatchObject({ ok: false, error: { code: 'inspection.itemMissing' } });
    expect((await saveAnswer(db, here, 'M-PUB-02', { verdict: 'partial' })).ok).toBe(true);
    other.close();
  });

  it('follows a change made through another connection to the same database (another window)', async () => {
    const [one, two] = await openedTwice('checklist-cache-two-windows');
    await setUpBranch(one);
    await withChecklist(one);
    const id = await inspected(one);
    expect((await saveAnswer(one, id, 'M-PUB-02', { verdict: 'compliant' })).ok).toBe(true);
    await dropPub02(two);
    expect(await saveAnswer(one, id, 'M-PUB-02', { verdict: 'partial' })).toMatchObject({ ok: false, error: { code: 'inspection.itemMissing' } });
    one.close();
    two.close();
  });
});
