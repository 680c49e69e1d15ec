// Schema 5 → 6 (STYLE §4): one new table, registerCache (local only). A schema-5 database with findings
// opens as schema 6 with every row as it was and the new table empty.
import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createDb } from '../../../renderer/db/db';
import { openDb } from '../../../renderer/db/open';
import { saveAnswer } from '../../../renderer/db/repos/inspections';
import { setUpBranch, withChecklist } from '../helpers';
import { inspected, unwrap } from '../finding-helpers';

const quiet = { onBlocked: () => undefined, onVersionChange: () => undefined };

describe('migration 0006: register cache', () => {
  it('keeps every row of a schema-5 database and adds an empty registerCache table', async () => {
    const factory = new IDBFactory();
    const v5 = createDb({ name: 'm6', indexedDB: factory, IDBKeyRange, schemaVersion: 5 });
    expect((await openDb(v5, quiet)).ok).toBe(true);
    await setUpBranch(v5);
    await withChecklist(v5);
    const id = await inspected(v5);
    unwrap(await saveAnswer(v5, id, 'M-PUB-01', { verdict: 'noncompliant', note: '旧版价目表' }));
    const tables = ['orgUnits', 'inspections', 'answers', 'findings', 'history', 'counters'] as const;
    const before = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await v5.table(t).toArray()] as const)));
    expect(before['findings']).toHaveLength(1);
    v5.close();

    const v6 = createDb({ name: 'm6', indexedDB: factory, IDBKeyRange, schemaVersion: 6 });
    expect((await openDb(v6, quiet)).ok).toBe(true);
    expect(v6.verno).toBe(6);
    for (const t of tables) expect(await v6.table(t).toArray()).toEqual(before[t]);
    expect(await v6.registerCache.count()).toBe(0);
    v6.close();
  });
});
