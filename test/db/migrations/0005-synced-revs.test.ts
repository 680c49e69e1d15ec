// Schema 4 → 5 (STYLE §4): one new table, syncedRevs. A schema-4 database with findings, history, an
// export log and a trusted key opens as schema 5 with every row as it was and the new table empty.
import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createDb } from '../../../renderer/db/db';
import { openDb } from '../../../renderer/db/open';
import { verifyHistory } from '../../../renderer/db/repos/history';
import { saveAnswer } from '../../../renderer/db/repos/inspections';
import { setUpBranch, withChecklist } from '../helpers';
import { inspected, unwrap } from '../finding-helpers';

const quiet = { onBlocked: () => undefined, onVersionChange: () => undefined };

describe('migration 0005: synced revs', () => {
  it('keeps every row of a schema-4 database and adds an empty syncedRevs table', async () => {
    const factory = new IDBFactory();
    const v4 = createDb({ name: 'm5', indexedDB: factory, IDBKeyRange, schemaVersion: 4 });
    expect((await openDb(v4, quiet)).ok).toBe(true);
    await setUpBranch(v4);
    await withChecklist(v4);
    const id = await inspected(v4);
    unwrap(await saveAnswer(v4, id, 'M-PUB-01', { verdict: 'noncompliant', note: '旧版价目表' }));
    await v4.trustedKeys.add({ orgUnitCode: 'B001', publicKey: 'k'.repeat(44), fingerprint: 'f', deviceId: 'd', firstSeen: '2026-03-02T08:00:00.000Z', confirmedBy: '李四', replaced: [] });
    const tables = ['orgUnits', 'inspections', 'answers', 'findings', 'history', 'counters', 'exports', 'trustedKeys', 'imports'] as const;
    const before = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await v4.table(t).toArray()] as const)));
    expect(before['findings']).toHaveLength(1);
    expect(before['trustedKeys']).toHaveLength(1);
    v4.close();

    const v5 = createDb({ name: 'm5', indexedDB: factory, IDBKeyRange, schemaVersion: 5 });
    expect((await openDb(v5, quiet)).ok).toBe(true);
    expect(v5.verno).toBe(5);
    for (const t of tables) expect(await v5.table(t).toArray()).toEqual(before[t]);
    expect(await v5.syncedRevs.count()).toBe(0);
    expect((await verifyHistory(v5)).verdicts.every((v) => v.ok)).toBe(true);
    v5.close();
  });
});
