// The bench page's verdict measurement (issue 7): 1,000 verdict changes through saveAnswer, the
// repository code path every click on 符合/部分符合/不符合 takes (answer, inspection, history, the item's
// finding: created, updated or withdrawn), each timed from the call until its strict transaction has
// committed; against a raw single-row put in a strict IndexedDB transaction into the same table of the
// same database, taken alternately with them so a busy machine slows both alike.
import { Dexie } from 'dexie';
import routine from '../../../checklists/branch-onsite.json';
import { parseChecklist } from '../../../renderer/core/checklist/parse';
import type { Verdict } from '../../../renderer/core/checklist/schema';
import { allItems } from '../../../renderer/core/checklist/items';
import { createDb } from '../../../renderer/db/db';
import { syncBundledChecklists } from '../../../renderer/db/repos/checklists';
import { saveAnswer, startInspection } from '../../../renderer/db/repos/inspections';
import { completeSetup } from '../../../renderer/db/repos/settings';
import type { AnswerRow } from '../../../renderer/db/types';
import type { BenchApi } from './api';
import { percentile } from '../results';

const VERDICT_DB = 'xiaobao-bench-verdicts';
const UNIT = { code: '101000', name: '示例银行第一分行', level: 'branch' as const, parentCode: '100000' };

/**
 * Fails, then a milder fail, then a pass, of every item of one inspection after another: a finding is
 * created (ledger number, repeat check), changed, and withdrawn — the three things a verdict does.
 */
const PASSES: readonly Verdict[] = ['noncompliant', 'partial', 'compliant'];

/** One put of `row` in its own strict read-write transaction, straight on IndexedDB: until it commits. */
function rawPut(idb: IDBDatabase, row: AnswerRow): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const tx = idb.transaction('answers', 'readwrite', { durability: 'strict' });
    tx.objectStore('answers').put(row);
    tx.oncomplete = () => resolve(performance.now() - start);
    tx.onerror = () => reject(tx.error ?? new Error('the raw put failed'));
    tx.onabort = () => reject(tx.error ?? new Error('the raw put was aborted'));
  });
}

export const verdicts: BenchApi['verdicts'] = async (count) => {
  await Dexie.delete(VERDICT_DB);
  const db = createDb({ name: VERDICT_DB });
  try {
    const setup = await completeSetup(db, { role: 'branch', orgUnit: UNIT, inspectorName: '张三' });
    if (!setup.ok) throw new Error(setup.error.code);
    const parsed = parseChecklist(routine);
    if (!parsed.ok) throw new Error('the bundled checklist does not parse');
    const checklist = parsed.value;
    await syncBundledChecklists(db, [{ fileName: 'branch-onsite.json', checklist, sha256: '0'.repeat(64) }]);
    const items = allItems(checklist).map((e) => e.item.code);
    const inspections: string[] = [];
    for (let i = 0; i < Math.ceil(count / (items.length * PASSES.length)); i++) {
      const started = await startInspection(db, { checklistId: checklist.id, checklistVersion: checklist.version, orgUnitCode: UNIT.code, kind: 'self', inspectors: ['张三'], date: `2026-06-${String(10 + i).padStart(2, '0')}` });
      if (!started.ok) throw new Error(started.error.code);
      inspections.push(started.value.id);
    }
    const changes: { inspectionId: string; itemCode: string; verdict: Verdict }[] = [];
    for (const verdict of PASSES) for (const inspectionId of inspections) for (const itemCode of items) changes.push({ inspectionId, itemCode, verdict });

    const idb = db.backendDB();
    const app: number[] = [];
    const raw: number[] = [];
    let findingsCreated = 0;
    for (const [n, c] of changes.slice(0, count).entries()) {
      // The baseline writes a row the size of an answer, under a key of its own.
      const row: AnswerRow = { inspectionId: `raw-${c.inspectionId}`, itemCode: c.itemCode, verdict: c.verdict, note: '', sampleSize: null, exceptions: null, attachments: [], rev: n + 1, updatedAt: new Date().toISOString(), updatedBy: '张三', deviceId: 'bench' };
      raw.push(await rawPut(idb, row));
      const start = performance.now();
      const saved = await saveAnswer(db, c.inspectionId, c.itemCode, { verdict: c.verdict });
      app.push(performance.now() - start);
      if (!saved.ok) throw new Error(`${c.itemCode}: ${saved.error.code}`);
      if (c.verdict === 'noncompliant') findingsCreated += 1;
    }
    const history = await db.history.count();
    const findings = await db.findings.count();
    return {
      p95: percentile(app, 95),
      baselineP95: percentile(raw, 95),
      details: { median: percentile(app, 50), 'baseline median': percentile(raw, 50), max: Math.max(...app), 'baseline max': Math.max(...raw) },
      counts: { changes: app.length, findingsCreated, findings, history },
    };
  } finally {
    db.close();
    await Dexie.delete(VERDICT_DB);
  }
};
