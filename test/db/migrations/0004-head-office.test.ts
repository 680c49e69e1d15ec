// Schema 3 → 4 (STYLE §4): only new tables, head office's trusted keys and import log. A schema-3
// database with findings, history and an export log opens as schema 4 with every row as it was.
import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createDb } from '../../../renderer/db/db';
import { openDb } from '../../../renderer/db/open';
import { verifyHistory } from '../../../renderer/db/repos/history';
import { saveAnswer } from '../../../renderer/db/repos/inspections';
import { setUpBranch, withChecklist } from '../helpers';
import { inspected, unwrap } from '../finding-helpers';

const quiet = { onBlocked: () => undefined, onVersionChange: () => undefined };

describe('migration 0004: trusted keys and imports', () => {
  it('keeps every row of a schema-3 database and adds empty head-office tables', async () => {
    const factory = new IDBFactory();
    const v3 = createDb({ name: 'm4', indexedDB: factory, IDBKeyRange, schemaVersion: 3 });
    expect((await openDb(v3, quiet)).ok).toBe(true);
    await setUpBranch(v3);
    await withChecklist(v3);
    const id = await inspected(v3);
    unwrap(await saveAnswer(v3, id, 'M-PUB-01', { verdict: 'noncompliant', note: '旧版价目表' }));
    await v3.exports.add({ seq: 1, packageSha256: 'e'.repeat(64), fileName: 'a.xbledger', path: null, exportedAt: '2026-03-02T08:00:00.000Z', exportedBy: '张三', scope: { kind: 'full' }, chainHeads: [], auditHead: null, counts: { orgUnits: 1, inspections: 1, answers: 1, findings: 1, history: 3, attachments: 0 }, attachmentsIncluded: true, sealed: false });
    const tables = ['orgUnits', 'inspections', 'answers', 'findings', 'history', 'counters', 'exports'] as const;
    const before = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await v3.table(t).toArray()] as const)));
    expect(before['findings']).toHaveLength(1);
    expect(before['exports']).toHaveLength(1);
    v3.close();

    const v4 = createDb({ name: 'm4', indexedDB: factory, IDBKeyRange, schemaVersion: 4 });
    expect((await openDb(v4, quiet)).ok).toBe(true);
    expect(v4.verno).toBe(4);
    for (const t of tables) expect(await v4.table(t).toArray()).toEqual(before[t]);
    expect(await v4.trustedKeys.count()).toBe(0);
    expect(await v4.imports.count()).toBe(0);
    expect((await verifyHistory(v4)).verdicts.every((v) => v.ok)).toBe(true);
    v4.close();
  });
});
