import { afterEach, beforeEach } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createDb, type XbDb } from '../../renderer/db/db';
import { openDb } from '../../renderer/db/open';
import { completeSetup } from '../../renderer/db/repos/settings';
import { syncBundledChecklists } from '../../renderer/db/repos/checklists';
import { setClockForTests } from '../../renderer/db/clock';
import type { Checklist } from '../../renderer/core/checklist/schema';

let n = 0;

/** A fresh, opened database with its own IndexedDB factory, so tests never share state. */
export async function freshDb(): Promise<XbDb> {
  const db = createDb({ name: `test-${++n}`, indexedDB: new IDBFactory(), IDBKeyRange });
  const r = await openDb(db, { onBlocked: () => undefined, onVersionChange: () => undefined });
  if (!r.ok) throw new Error(r.error.code);
  return db;
}

/** A deterministic clock: each call advances one second; ids count up. */
export function fixedClock(start = '2026-03-01T08:00:00.000Z'): void {
  let t = Date.parse(start);
  let id = 0;
  setClockForTests({
    now: () => new Date((t += 1000)),
    uuid: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`,
  });
}

export async function setUpBranch(db: XbDb): Promise<void> {
  const r = await completeSetup(db, {
    role: 'branch',
    inspectorName: '张三',
    orgUnit: { code: 'BR01', name: '城东分行', level: 'branch', parentCode: 'HQ' },
  });
  if (!r.ok) throw new Error(r.error.code);
}

export const miniChecklist: Checklist = {
  format: 'xiaobao.checklist/1',
  id: 'mini',
  version: '1.0',
  title: '迷你检查表',
  issuer: '总行消费者权益保护部',
  effectiveFrom: '2026-01-01',
  documents: [{ key: 'DOC', title: '银行保险机构消费者权益保护管理办法', number: '银保监会令2022年第9号' }],
  sections: [
    {
      code: 'PUB',
      title: '公示',
      items: [
        { code: 'M-PUB-01', requirement: '价目表公示', basis: [{ doc: 'DOC', article: '第十条', verified: true }], method: '现场查看', severity: '一般' },
        { code: 'M-PUB-02', requirement: '投诉渠道公示', basis: [], method: '现场查看', severity: '一般' },
      ],
    },
    {
      code: 'ZQ',
      title: '双录',
      items: [{ code: 'M-ZQ-01', requirement: '抽查双录', basis: [], method: '抽取近3个月10笔', severity: '较重', sample: true }],
    },
  ],
};

/** Version 2.0 of the mini checklist: M-PUB-02 dropped, M-PUB-03 added, the rest kept by code. */
export const miniV2: Checklist = {
  ...miniChecklist,
  version: '2.0',
  sections: miniChecklist.sections.map((s) =>
    s.code === 'PUB'
      ? { ...s, items: [s.items[0]!, { code: 'M-PUB-03', requirement: '营业时间公示', basis: [], method: '现场查看', severity: '一般' }] }
      : s,
  ),
};

export async function withChecklist(db: XbDb, checklist: Checklist = miniChecklist): Promise<void> {
  await syncBundledChecklists(db, [{ fileName: `${checklist.id}.json`, checklist, sha256: 'a'.repeat(64) }]);
}

/**
 * Registers beforeEach/afterEach hooks for a describe block: a fresh database set up as branch BR01 with
 * a deterministic clock. Returns a getter for the current test's database.
 */
export function branchDbForEachTest(): () => XbDb {
  let db: XbDb | undefined;
  beforeEach(async () => {
    fixedClock();
    db = await freshDb();
    await setUpBranch(db);
  });
  afterEach(() => setClockForTests(null));
  return () => {
    if (!db) throw new Error('branchDbForEachTest: no database outside a test');
    return db;
  };
}
