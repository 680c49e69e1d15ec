// Schema 1 → 2 (STYLE §4): a database written by the first release, with failing verdicts already in
// it, opens as schema 2 with a finding for each failure, numbered in order, and a complete history.
import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createDb } from '../../../renderer/db/db';
import { openDb } from '../../../renderer/db/open';
import { verifyHistory, historyOf } from '../../../renderer/db/repos/history';
import { setClockForTests } from '../../../renderer/db/clock';
import type { AnswerRow, Inspection } from '../../../renderer/db/types';
import { setUpBranch, withChecklist, fixedClock } from '../helpers';

const quiet = { onBlocked: () => undefined, onVersionChange: () => undefined };

const inspection = (id: string, date: string): Inspection => ({
  id,
  rev: 3,
  updatedAt: `${date}T09:00:00.000Z`,
  updatedBy: '张三',
  deviceId: 'ignored',
  deletedAt: null,
  checklistId: 'mini',
  checklistVersion: '1.0',
  checklistSha256: 'a'.repeat(64),
  checklistTitle: '迷你检查表',
  orgUnitCode: 'BR01',
  kind: 'self',
  inspectors: ['张三'],
  date,
  startedAt: `${date}T08:00:00.000Z`,
  finishedAt: null,
  status: 'draft',
});

const answer = (inspectionId: string, itemCode: string, verdict: AnswerRow['verdict'], at: string, note = ''): AnswerRow => ({
  inspectionId,
  itemCode,
  verdict,
  note,
  sampleSize: null,
  exceptions: null,
  attachments: [],
  rev: 1,
  updatedAt: at,
  updatedBy: '李四',
  deviceId: 'ignored',
});

describe('migration 0002: findings', () => {
  it('turns the failing verdicts of a schema-1 database into numbered findings with history', async () => {
    fixedClock();
    const factory = new IDBFactory();
    const v1 = createDb({ name: 'm2', indexedDB: factory, IDBKeyRange, schemaVersion: 1 });
    expect((await openDb(v1, quiet)).ok).toBe(true);
    expect(v1.verno).toBe(1);
    await setUpBranch(v1);
    await withChecklist(v1);
    await v1.inspections.bulkPut([inspection('i-2026', '2026-02-20'), inspection('i-2025', '2025-11-03')]);
    await v1.answers.bulkPut([
      answer('i-2026', 'M-PUB-02', 'noncompliant', '2026-02-20T09:30:00.000Z', '投诉电话未公示'),
      answer('i-2026', 'M-PUB-01', 'partial', '2026-02-20T09:10:00.000Z'),
      answer('i-2026', 'M-ZQ-01', 'compliant', '2026-02-20T09:40:00.000Z'),
      answer('i-2025', 'M-PUB-01', 'noncompliant', '2025-11-03T10:00:00.000Z'),
    ]);
    v1.close();

    const v2 = createDb({ name: 'm2', indexedDB: factory, IDBKeyRange, schemaVersion: 2 });
    expect((await openDb(v2, quiet)).ok).toBe(true);
    expect(v2.verno).toBe(2);
    const findings = (await v2.findings.toArray()).sort((a, b) => a.ledgerNo.localeCompare(b.ledgerNo));
    expect(findings.map((f) => [f.ledgerNo, f.inspectionId, f.itemCode, f.verdict, f.description, f.updatedBy])).toEqual([
      ['BR01-2025-0001', 'i-2025', 'M-PUB-01', 'noncompliant', '未达到检查要求：价目表公示', '李四'],
      ['BR01-2026-0001', 'i-2026', 'M-PUB-01', 'partial', '部分未达到检查要求：价目表公示', '李四'],
      ['BR01-2026-0002', 'i-2026', 'M-PUB-02', 'noncompliant', '投诉电话未公示', '李四'],
    ]);
    expect(findings.every((f) => f.status === 'open' && f.rev === 1 && f.deletedAt === null && f.localSeq > 0)).toBe(true);
    // The existing rows are untouched, and everything that exists is in a chain that verifies.
    expect(await v2.answers.count()).toBe(4);
    expect(await v2.inspections.get('i-2026')).toMatchObject({ rev: 3, status: 'draft' });
    const check = await verifyHistory(v2);
    expect(check.entries).toBe(2 + 4 + 3);
    expect(check.verdicts).toMatchObject([{ ok: true }]);
    expect(await historyOf(v2, 'finding', findings[0]!.id)).toMatchObject([{ action: 'create', reason: 'system:migration0002', actor: '李四' }]);
    // New failures continue each unit-year's sequence.
    expect(await v2.counters.get('ledger:BR01:2026')).toMatchObject({ value: 2 });
    v2.close();
    setClockForTests(null);
  });

  it('opens an empty schema-1 database (no device set up) without writing anything', async () => {
    const factory = new IDBFactory();
    const v1 = createDb({ name: 'm2-empty', indexedDB: factory, IDBKeyRange, schemaVersion: 1 });
    await openDb(v1, quiet);
    v1.close();
    const v2 = createDb({ name: 'm2-empty', indexedDB: factory, IDBKeyRange });
    expect((await openDb(v2, quiet)).ok).toBe(true);
    expect([await v2.findings.count(), await v2.history.count(), await v2.counters.count()]).toEqual([0, 0, 0]);
    v2.close();
  });
});
