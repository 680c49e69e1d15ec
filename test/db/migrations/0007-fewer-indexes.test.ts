// Schema version 7 drops indexes nothing queries (every put writes one entry per index): a database of
// version 6 upgrades with its data untouched, and the queries by inspection and by unit are answered
// from the compound keys that stay.
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createDb } from '../../../renderer/db/db';
import { openDb } from '../../../renderer/db/open';
import { setClockForTests } from '../../../renderer/db/clock';
import { SCHEMA_VERSION } from '../../../renderer/db/schema';
import { saveAnswer, startInspection } from '../../../renderer/db/repos/inspections';
import { fixedClock, miniChecklist, setUpBranch, withChecklist } from '../helpers';

const quiet = { onBlocked: () => undefined, onVersionChange: () => undefined };

/** The index names IndexedDB itself holds for a store. */
function indexNames(idb: IDBDatabase, store: string): string[] {
  return [...idb.transaction(store).objectStore(store).indexNames].sort();
}

afterEach(() => setClockForTests(null));

describe('schema version 7', () => {
  it('drops the unused indexes of answers, findings and history; data and queries stay as they were', async () => {
    expect(SCHEMA_VERSION).toBe(7);
    fixedClock();
    const factory = new IDBFactory();
    const old = createDb({ name: 'indexes', indexedDB: factory, IDBKeyRange, schemaVersion: 6 });
    const opened = await openDb(old, quiet);
    if (!opened.ok) throw new Error(opened.error.code);
    await setUpBranch(old);
    await withChecklist(old);
    const started = await startInspection(old, { checklistId: miniChecklist.id, checklistVersion: miniChecklist.version, orgUnitCode: 'BR01', kind: 'self', inspectors: ['张三'], date: '2026-03-02' });
    if (!started.ok) throw new Error(started.error.code);
    const inspectionId = started.value.id;
    for (const [item, verdict] of [['M-PUB-01', 'noncompliant'], ['M-PUB-02', 'compliant'], ['M-ZQ-01', 'partial']] as const) {
      const saved = await saveAnswer(old, inspectionId, item, { verdict });
      if (!saved.ok) throw new Error(saved.error.code);
    }
    expect(indexNames(old.backendDB(), 'answers')).toEqual(['inspectionId', 'updatedAt']);
    expect(indexNames(old.backendDB(), 'history')).toContain('at');
    expect(indexNames(old.backendDB(), 'inspections')).toEqual(['checklistId', 'date', 'orgUnitCode', 'status', 'updatedAt']);
    const before = {
      answers: await old.answers.toArray(),
      findings: await old.findings.toArray(),
      history: await old.history.toArray(),
    };
    expect(before.findings).toHaveLength(2);
    old.close();

    const db = createDb({ name: 'indexes', indexedDB: factory, IDBKeyRange });
    const upgraded = await openDb(db, quiet);
    if (!upgraded.ok) throw new Error(upgraded.error.code);
    const idb = db.backendDB();
    expect(indexNames(idb, 'answers')).toEqual([]);
    expect(indexNames(idb, 'findings')).toEqual(['[inspectionId+itemCode]', '[orgUnitCode+itemCode]', 'ledgerNo', 'localSeq']);
    expect(indexNames(idb, 'history')).toEqual(['[entityType+entityId]']);
    expect(indexNames(idb, 'inspections')).toEqual(['checklistId', 'orgUnitCode', 'updatedAt']);
    expect(await db.answers.toArray()).toEqual(before.answers);
    expect(await db.findings.toArray()).toEqual(before.findings);
    expect(await db.history.toArray()).toEqual(before.history);

    // The queries the app makes by inspection and by unit, from the compound keys.
    expect((await db.answers.where('inspectionId').equals(inspectionId).toArray()).map((a) => a.itemCode)).toEqual(['M-PUB-01', 'M-PUB-02', 'M-ZQ-01']);
    expect(await db.answers.where('inspectionId').equals('another').count()).toBe(0);
    const ids = before.findings.map((f) => f.id).sort();
    expect((await db.findings.where('inspectionId').equals(inspectionId).toArray()).map((f) => f.id).sort()).toEqual(ids);
    expect((await db.findings.where('orgUnitCode').equals('BR01').toArray()).map((f) => f.id).sort()).toEqual(ids);
    expect(await db.findings.where('orgUnitCode').equals('BR02').count()).toBe(0);

    // And the app keeps writing: a changed verdict withdraws its finding.
    const passed = await saveAnswer(db, inspectionId, 'M-ZQ-01', { verdict: 'compliant' });
    expect(passed.ok).toBe(true);
    expect((await db.findings.where('inspectionId').equals(inspectionId).toArray()).filter((f) => f.deletedAt === null)).toHaveLength(1);
    db.close();
  });
});
