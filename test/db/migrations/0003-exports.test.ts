// Schema 2 → 3 (STYLE §4): only a new table, the log of exported ledger packages. A schema-2 database
// with findings and history opens as schema 3 with every row as it was and an empty export log.
import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createDb } from '../../../renderer/db/db';
import { openDb } from '../../../renderer/db/open';
import { verifyHistory } from '../../../renderer/db/repos/history';
import { saveAnswer } from '../../../renderer/db/repos/inspections';
import { setUpBranch, withChecklist } from '../helpers';
import { inspected, unwrap } from '../finding-helpers';

const quiet = { onBlocked: () => undefined, onVersionChange: () => undefined };

describe('migration 0003: exports', () => {
  it('keeps every row of a schema-2 database and adds an empty export log', async () => {
    const factory = new IDBFactory();
    const v2 = createDb({ name: 'm3', indexedDB: factory, IDBKeyRange, schemaVersion: 2 });
    expect((await openDb(v2, quiet)).ok).toBe(true);
    await setUpBranch(v2);
    await withChecklist(v2);
    const id = await inspected(v2);
    unwrap(await saveAnswer(v2, id, 'M-PUB-01', { verdict: 'noncompliant', note: '旧版价目表' }));
    const tables = ['orgUnits', 'inspections', 'answers', 'findings', 'history', 'counters'] as const;
    const before = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await v2.table(t).toArray()] as const)));
    expect(before['findings']).toHaveLength(1);
    v2.close();

    const v3 = createDb({ name: 'm3', indexedDB: factory, IDBKeyRange, schemaVersion: 3 });
    expect((await openDb(v3, quiet)).ok).toBe(true);
    expect(v3.verno).toBe(3);
    for (const t of tables) expect(await v3.table(t).toArray()).toEqual(before[t]);
    expect(await v3.exports.count()).toBe(0);
    expect((await verifyHistory(v3)).verdicts.every((v) => v.ok)).toBe(true);
    v3.close();
  });
});
