// Issue 8, campaign 6 (storage trouble). The disk or the browser's quota runs out in the middle of a
// write: a Dexie middleware makes the n-th write of an operation fail with QuotaExceededError, as
// IndexedDB does when the quota is reached. The writes are what the app does: an inspection answer
// (with the finding and history a failing verdict brings), a finding edited or added by hand, and head
// office importing a branch's ledger package through the import job. After each: the caller got the
// quota error in words (db.writeQuota: Chinese and English), nothing of the operation is stored (the
// fingerprint of the whole database is unchanged), everything still reads, and once space is back the
// same operation goes through. Then a blocked upgrade: another tab holds a connection of an older
// version and does not let go; the app is told (the start screen shows db.blocked), the old connection
// still reads, and the upgrade finishes, every row kept, as soon as the other tab closes.
import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createPrng } from '../../renderer/core/demo/prng';
import { createDb, type XbDb } from '../../renderer/db/db';
import { classifyWriteError, openDb } from '../../renderer/db/open';
import { addManualFinding, updateFinding } from '../../renderer/db/repos/findings';
import { rememberPosition, saveAnswer, startInspection } from '../../renderer/db/repos/inspections';
import { completeSetup, setLastRoute } from '../../renderer/db/repos/settings';
import { SCHEMA_VERSION } from '../../renderer/db/schema';
import type { AppError, Result } from '../../renderer/core/result';
import { bump, reportCampaign, soakSeed, soakTimeout, soakTrials, tally } from '../soak/campaign';
import { databaseFingerprint } from './db-fingerprint';
import { unwrap } from './finding-helpers';
import { fixedClock, setUpBranch, withChecklist } from './helpers';
import { ACTOR, demoPackages, hasWords, runJob, trustAll, type Built } from './import-campaign';
import { quotaExceeded, watchedDb, writeWatch } from './write-watch';

const TRIALS = soakTrials({ quick: 30, full: 300 });
const SEED = soakSeed(20261132);
const quiet = { onBlocked: () => undefined, onVersionChange: () => undefined };
const ITEMS = ['M-PUB-01', 'M-PUB-02', 'M-ZQ-01'] as const;

/** Makes the `failAt`-th write after arming fail as a full disk does; counts the writes either way. */
type Quota = { failAt: number | null; writes: number; fired: boolean };

const dbWithQuota = (quota: Quota): Promise<XbDb> =>
  watchedDb(
    'storage',
    writeWatch('soak-quota', () => {
      quota.writes += 1;
      if (quota.failAt === null || quota.writes !== quota.failAt) return null;
      quota.fired = true;
      return quotaExceeded();
    }),
    false,
  );

/** An operation's answer as the UI gets it: a Result, or the exception the UI catches and classifies. */
async function outcome(run: () => Promise<Result<unknown, AppError>>): Promise<AppError | null> {
  try {
    const r = await run();
    return r.ok ? null : r.error;
  } catch (e) {
    return classifyWriteError(e);
  }
}

type Kind = 'answer' | 'finding' | 'manual finding' | 'ledger import';
const KINDS: readonly Kind[] = ['answer', 'finding', 'manual finding', 'ledger import'];
/**
 * What each says: a save, db.writeQuota ("not saved: the disk or the storage quota is full…"); the import,
 * whose one transaction writes everything or nothing, import.writeFailed ("nothing was imported, the
 * disk may be full: free some space and try again").
 */
const EXPECTED: Record<Kind, string> = { answer: 'db.writeQuota', finding: 'db.writeQuota', 'manual finding': 'db.writeQuota', 'ledger import': 'import.writeFailed' };

describe('storage trouble', () => {
  it(
    `a write that runs out of space (${TRIALS} trials) is refused in words, leaves nothing, and reading goes on`,
    async () => {
      const started = Date.now();
      const rng = createPrng(`storage-${SEED}`);
      const { packages } = await demoPackages('storage-soak', 1);
      const pkg = packages[0] as Built;
      const failures: string[] = [];
      const outcomes = new Map<string, number>();
      // The most writes an operation of each kind made unhindered: the fault lands within that span.
      const span = new Map<Kind, number>(KINDS.map((k) => [k, 1]));
      let fired = 0;
      let attempts = 0;
      while (fired < TRIALS) {
        attempts += 1;
        if (attempts > TRIALS * 5) throw new Error(`only ${fired} of ${TRIALS} faults fired in ${attempts} attempts`);
        const kind = rng.pick(KINDS);
        const quota: Quota = { failAt: null, writes: 0, fired: false };
        fixedClock();
        const db = await dbWithQuota(quota);
        let operation: () => Promise<Result<unknown, AppError>>;
        if (kind === 'ledger import') {
          unwrap(await completeSetup(db, { role: 'head', inspectorName: ACTOR, orgUnit: { code: '100000', name: '总行', level: 'head', parentCode: null } }));
          const preview = unwrap(await runJob(db, [{ name: 'p.xbledger', bytes: pkg.bytes }], null));
          operation = () => runJob(db, [{ name: 'p.xbledger', bytes: pkg.bytes }], trustAll(preview.reports));
        } else {
          await setUpBranch(db);
          await withChecklist(db);
          const inspection = unwrap(await startInspection(db, { checklistId: 'mini', checklistVersion: '1.0', orgUnitCode: 'BR01', kind: 'self', inspectors: ['张三'], date: '2026-03-02' }));
          // Some answers and a finding already there, so the failed write has something to spoil.
          unwrap(await saveAnswer(db, inspection.id, 'M-PUB-01', { verdict: 'noncompliant', note: '价目表未更新' }));
          unwrap(await saveAnswer(db, inspection.id, 'M-ZQ-01', { verdict: 'compliant', sampleSize: 10, exceptions: 0 }));
          const finding = (await db.findings.toArray())[0]!;
          const item = rng.pick(ITEMS);
          const verdict = rng.pick(['compliant', 'partial', 'noncompliant', 'na', null] as const);
          operation =
            kind === 'answer'
              ? () => saveAnswer(db, inspection.id, item, rng.chance(0.5) ? { verdict } : { note: `记录${rng.int(0, 999)}`, verdict })
              : kind === 'finding'
                ? () => updateFinding(db, finding.id, { description: `问题描述${rng.int(0, 999)}`, measures: '更换价目表', responsiblePerson: '李四' })
                : () => addManualFinding(db, { orgUnitCode: 'BR01', description: `手工问题${rng.int(0, 999)}`, category: '其他', basis: '', severity: '较重', dueDate: null, responsibleDept: '', responsiblePerson: '' });
        }
        const before = await databaseFingerprint(db);
        const readBefore = { findings: await db.findings.count(), answers: await db.answers.count(), history: await db.history.count() };
        quota.writes = 0;
        quota.failAt = rng.int(1, span.get(kind)!);
        const error = await outcome(operation);
        quota.failAt = null;
        if (!quota.fired) {
          // Fewer writes than the span: it went through untouched, and the next span is known better.
          span.set(kind, Math.max(span.get(kind)!, quota.writes));
          db.close();
          continue;
        }
        fired += 1;
        const label = `${kind}, write ${quota.writes} failed`;
        bump(outcomes, `${kind}: ${error?.code ?? 'no error'}`);
        if (error?.code !== EXPECTED[kind]) failures.push(`${label}: the caller got ${JSON.stringify(error)}, not ${EXPECTED[kind]}`);
        else if (!hasWords(`errors.${error.code}`)) failures.push(`${label}: ${error.code} has no words`);
        if ((await databaseFingerprint(db)) !== before) failures.push(`${label}: the database changed`);
        const readAfter = { findings: await db.findings.count(), answers: await db.answers.count(), history: await db.history.count() };
        if (JSON.stringify(readAfter) !== JSON.stringify(readBefore)) failures.push(`${label}: reading gives ${JSON.stringify(readAfter)}`);
        // Space is back: the same operation goes through.
        quota.writes = 0;
        const again = await outcome(operation);
        if (again !== null) failures.push(`${label}: with space back it failed with ${again.code}`);
        span.set(kind, Math.max(span.get(kind)!, quota.writes));
        db.close();
      }
      reportCampaign({
        campaign: 'Storage trouble (quota)',
        trials: fired,
        required: 300,
        failures: failures.length,
        notes: `a write failed with QuotaExceededError at a random point of the operation: ${tally(outcomes)}; the database fingerprint unchanged, reads unchanged, and the same operation went through once space was back (most writes per operation: ${[...span].map(([k, n]) => `${k} ${n}`).join(', ')})`,
        seconds: (Date.now() - started) / 1000,
      });
      expect(failures).toEqual([]);
    },
    soakTimeout(120_000),
  );

  it('on a full disk, remembering the route and the item is skipped instead of throwing at the page', async () => {
    // Navigation calls these without waiting (void): a rejection would be an uncaught error on every
    // click while the disk is full. They answer false and leave what was stored.
    const quota: Quota = { failAt: null, writes: 0, fired: false };
    const db = await dbWithQuota(quota);
    await setUpBranch(db);
    await withChecklist(db);
    const inspection = unwrap(await startInspection(db, { checklistId: 'mini', checklistVersion: '1.0', orgUnitCode: 'BR01', kind: 'self', inspectors: ['张三'], date: '2026-03-02' }));
    expect(await rememberPosition(db, inspection.id, 'M-PUB-01')).toBe(true);
    expect(await setLastRoute(db, '#/inspections')).toBe(true);
    const before = await databaseFingerprint(db);
    quota.writes = 0;
    quota.failAt = 1;
    expect(await rememberPosition(db, inspection.id, 'M-ZQ-01')).toBe(false);
    quota.writes = 0;
    expect(await setLastRoute(db, '#/findings')).toBe(false);
    expect(quota.fired).toBe(true);
    expect(await databaseFingerprint(db)).toBe(before);
    db.close();
  });

  it('a blocked upgrade tells the app, keeps the old connection reading, and finishes when it closes', async () => {
    for (let old = 1; old < SCHEMA_VERSION; old++) {
      const factory = new IDBFactory();
      fixedClock();
      const v = createDb({ name: 'blocked', indexedDB: factory, IDBKeyRange, schemaVersion: old });
      unwrap(await openDb(v, quiet));
      await setUpBranch(v);
      await withChecklist(v);
      const before = await databaseFingerprint(v);
      v.close();

      // The other tab: an older release's connection that ignores versionchange.
      const other = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = factory.open('blocked', old * 10);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('open failed'));
      });
      let blocked = 0;
      const current = createDb({ name: 'blocked', indexedDB: factory, IDBKeyRange });
      const opening = openDb(current, { onBlocked: () => (blocked += 1), onVersionChange: () => undefined });
      await expect.poll(() => blocked, { timeout: 5_000 }).toBe(1);
      // The other tab still reads while the upgrade waits.
      const settings = await new Promise<unknown>((resolve, reject) => {
        const r = other.transaction('settings').objectStore('settings').get('device');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('read failed'));
      });
      expect(settings).toMatchObject({ key: 'device', role: 'branch' });
      other.close();
      const opened = await opening;
      expect(opened.ok).toBe(true);
      expect(current.verno).toBe(SCHEMA_VERSION);
      const newer = current.tables.map((t) => t.name).filter((n) => !v.tables.some((t) => t.name === n));
      expect(await databaseFingerprint(current, newer)).toBe(before);
      current.close();
    }
    expect(hasWords('errors.db.blocked')).toBe(true);
  });

  it('an older app in another tab steps aside: it closes and is told to reload, and the upgrade is not blocked', async () => {
    const factory = new IDBFactory();
    const old = createDb({ name: 'yield', indexedDB: factory, IDBKeyRange, schemaVersion: SCHEMA_VERSION - 1 });
    let reload = 0;
    unwrap(await openDb(old, { onBlocked: () => undefined, onVersionChange: () => (reload += 1) }));
    let blocked = 0;
    const current = createDb({ name: 'yield', indexedDB: factory, IDBKeyRange });
    expect((await openDb(current, { onBlocked: () => (blocked += 1), onVersionChange: () => undefined })).ok).toBe(true);
    expect([reload, blocked, old.isOpen()]).toEqual([1, 0, false]);
    current.close();
  });
});
