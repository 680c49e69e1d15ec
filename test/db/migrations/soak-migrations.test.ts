// Issue 8, campaign 5 (migrations). The files next to this one test each step N−1 → N once; this campaign
// takes random databases of every released version — the rows an app of that version wrote: schema 1's
// inspections and answers as that release stored them, later ones through the repositories, with the
// export log, trusted keys and import log of the versions that had them — and
//   1. upgrades each straight to the current version: every row of every old table is as it was (row for
//      row, not counted), the new tables are empty, and schema 1's failing verdicts became findings with a
//      history chain that verifies;
//   2. interrupts the upgrade at a random step, as closing the page during it would (the versionchange
//      transaction aborts): the database is still the old version with every row, an app of that version
//      opens it and writes to it, and the next start of the current app upgrades it as in 1.
import { describe, expect, it } from 'vitest';
import { IDBDatabase, IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { createPrng, type Prng } from '../../../renderer/core/demo/prng';
import { createDb, type XbDb } from '../../../renderer/db/db';
import { openDb } from '../../../renderer/db/open';
import { verifyHistory } from '../../../renderer/db/repos/history';
import { saveAnswer, startInspection } from '../../../renderer/db/repos/inspections';
import { setClockForTests } from '../../../renderer/db/clock';
import { SCHEMA_VERSION } from '../../../renderer/db/schema';
import type { AnswerRow, Inspection } from '../../../renderer/db/types';
import { bump, reportCampaign, soakSeed, soakTimeout, soakTrials, tally } from '../../soak/campaign';
import { databaseFingerprint } from '../db-fingerprint';
import { fixedClock, setUpBranch, withChecklist } from '../helpers';

const PER_VERSION = soakTrials({ quick: 4, full: 60 });
const SEED = soakSeed(20261131);
const quiet = { onBlocked: () => undefined, onVersionChange: () => undefined };
const VERSIONS = Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 1);
const ITEMS = ['M-PUB-01', 'M-PUB-02', 'M-ZQ-01'] as const;
const VERDICTS = ['compliant', 'partial', 'noncompliant', 'na', null] as const;
/** Tables added after schema 1 that the first upgrade fills from schema 1's answers. */
const FILLED_BY_0002 = ['findings', 'history', 'counters'];

/** Each table's rows: the fingerprint of that table alone (blobs and keys included), by table name. */
type Snapshot = Record<string, string>;

const open = async (factory: IDBFactory, name: string, version: number): Promise<XbDb> => {
  const db = createDb({ name, indexedDB: factory, IDBKeyRange, schemaVersion: version });
  const r = await openDb(db, quiet);
  if (!r.ok) throw new Error(`opening version ${version}: ${r.error.code} ${r.error.detail ?? ''}`);
  return db;
};

async function snapshot(db: XbDb): Promise<Snapshot> {
  const out: Snapshot = {};
  const names = db.tables.map((t) => t.name);
  for (const name of names) out[name] = await databaseFingerprint(db, names.filter((x) => x !== name));
  return out;
}

const v1Inspection = (rng: Prng, n: number): Inspection => {
  const date = `202${rng.int(4, 6)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
  return {
    id: `v1-insp-${n}`,
    rev: rng.int(1, 9),
    updatedAt: `${date}T09:00:00.000Z`,
    updatedBy: rng.pick(['张三', '李四']),
    deviceId: 'v1-device',
    deletedAt: rng.chance(0.15) ? `${date}T10:00:00.000Z` : null,
    checklistId: 'mini',
    checklistVersion: rng.chance(0.9) ? '1.0' : '0.9',
    checklistSha256: 'a'.repeat(64),
    checklistTitle: '迷你检查表',
    orgUnitCode: 'BR01',
    kind: 'self',
    inspectors: ['张三'],
    date,
    startedAt: `${date}T08:0${n % 10}:00.000Z`,
    finishedAt: null,
    status: rng.pick(['draft', 'completed'] as const),
  };
};

/**
 * A database as the app of `version` left it. Schema 1 had no history or findings: its rows are written
 * as that release stored them. Later versions write through today's repositories, which touch only the
 * tables those versions had (the upgrade tests next to this file rely on the same).
 */
async function buildFixture(factory: IDBFactory, name: string, version: number, rng: Prng): Promise<void> {
  fixedClock(`2026-0${rng.int(1, 9)}-01T08:00:00.000Z`);
  const db = await open(factory, name, version);
  await setUpBranch(db);
  await withChecklist(db);
  const inspections = rng.int(1, 4);
  if (version === 1) {
    const rows = Array.from({ length: inspections }, (_, i) => v1Inspection(rng, i));
    await db.inspections.bulkPut(rows);
    const answers: AnswerRow[] = [];
    for (const i of rows) {
      for (const itemCode of ITEMS) {
        if (rng.chance(0.3)) continue;
        answers.push({
          inspectionId: i.id,
          itemCode,
          verdict: rng.pick(VERDICTS),
          note: rng.chance(0.5) ? `记录${rng.int(0, 999)}` : '',
          sampleSize: itemCode === 'M-ZQ-01' ? rng.int(0, 20) : null,
          exceptions: null,
          attachments: [],
          rev: rng.int(1, 5),
          updatedAt: `${i.date}T09:${String(rng.int(10, 59))}:00.000Z`,
          updatedBy: rng.pick(['张三', '李四']),
          deviceId: 'v1-device',
        });
      }
    }
    await db.answers.bulkPut(answers);
    await db.positions.put({ inspectionId: rows[0]!.id, itemCode: rng.pick(ITEMS), at: '2026-03-01T09:00:00.000Z' });
    await db.ui.put({ key: 'ui', language: 'zh-CN', lastRoute: `#/inspections/${rows[0]!.id}` });
  } else {
    for (let i = 0; i < inspections; i++) {
      const started = await startInspection(db, { checklistId: 'mini', checklistVersion: '1.0', orgUnitCode: 'BR01', kind: 'self', inspectors: ['张三'], date: `2026-0${rng.int(1, 9)}-1${i}` });
      if (!started.ok) throw new Error(started.error.code);
      for (let k = rng.int(1, 8); k > 0; k--) {
        const patch = rng.chance(0.5) ? { verdict: rng.pick(VERDICTS) } : { note: `第${k}条记录${rng.int(0, 999)}` };
        const saved = await saveAnswer(db, started.value.id, rng.pick(ITEMS), patch);
        if (!saved.ok) throw new Error(saved.error.code);
      }
    }
  }
  if (version >= 3) {
    for (let seq = 1; seq <= rng.int(0, 3); seq++) {
      await db.exports.add({ seq, packageSha256: rng.pick(['e', 'f']).repeat(64), fileName: `BR01-${seq}.xbledger`, path: rng.chance(0.5) ? `/home/u/BR01-${seq}.xbledger` : null, exportedAt: `2026-03-0${seq}T08:00:00.000Z`, exportedBy: '张三', scope: { kind: 'full' }, chainHeads: [{ deviceId: 'd', seq: seq * 3 }], auditHead: 'a'.repeat(64), counts: { orgUnits: 1, inspections: 1, answers: 2, findings: 1, history: 5, attachments: 0 }, attachmentsIncluded: rng.chance(0.5), sealed: false });
    }
  }
  if (version >= 4) {
    for (let k = rng.int(0, 3); k > 0; k--) {
      const unit = `B00${k}`;
      await db.trustedKeys.add({ orgUnitCode: unit, publicKey: `${k}`.repeat(44), fingerprint: `fp${k}`, deviceId: `dev${k}`, firstSeen: '2026-03-02T08:00:00.000Z', confirmedBy: '李四', replaced: [] });
      await db.imports.add({ packageSha256: `${k}`.repeat(64), orgUnitCode: unit, deviceId: `dev${k}`, seq: 1, exportedAt: '2026-03-01T08:00:00.000Z', importedAt: '2026-03-02T08:00:00.000Z', importedBy: '李四', fileName: `${unit}.xbledger`, counts: { findings: k }, conflicts: 0 });
    }
  }
  db.close();
  setClockForTests(null);
}

/** Checks the current-version database against the old version's rows; returns what it found wrong. */
async function checkUpgraded(db: XbDb, from: number, before: Snapshot): Promise<string[]> {
  const wrong: string[] = [];
  if (db.verno !== SCHEMA_VERSION) wrong.push(`opened as ${db.verno}`);
  for (const t of db.tables) {
    const rows = await t.toArray();
    if (t.name in before) {
      const others = db.tables.map((x) => x.name).filter((x) => x !== t.name);
      if ((await databaseFingerprint(db, others)) !== before[t.name]) wrong.push(`${t.name}: rows differ from version ${from}'s`);
    } else if (!(from === 1 && FILLED_BY_0002.includes(t.name)) && rows.length > 0) {
      wrong.push(`${t.name}: new table holds ${rows.length} rows`);
    }
  }
  if (from === 1) {
    // Each failing verdict of a live inspection of a known checklist became one finding, numbered per year.
    const live = new Set((await db.inspections.toArray()).filter((i) => i.deletedAt === null && i.checklistVersion === '1.0').map((i) => i.id));
    const answers = await db.answers.toArray();
    const failing = answers.filter((a) => live.has(a.inspectionId) && (a.verdict === 'partial' || a.verdict === 'noncompliant'));
    const findings = await db.findings.toArray();
    const key = (x: { inspectionId: string | null; itemCode: string | null; verdict: unknown }) => `${x.inspectionId}|${x.itemCode}|${String(x.verdict)}`;
    const want = failing.map(key).sort();
    const got = findings.map(key).sort();
    if (JSON.stringify(want) !== JSON.stringify(got)) wrong.push(`findings ${JSON.stringify(got)}, failing verdicts ${JSON.stringify(want)}`);
    const byYear = new Map<string, number[]>();
    for (const f of findings) {
      const m = /^BR01-(\d{4})-(\d{4})$/.exec(f.ledgerNo);
      if (!m) wrong.push(`ledger number ${f.ledgerNo}`);
      else byYear.set(m[1]!, [...(byYear.get(m[1]!) ?? []), Number(m[2])]);
    }
    for (const [year, nos] of byYear) {
      if (nos.sort((a, b) => a - b).some((n, i) => n !== i + 1)) wrong.push(`ledger numbers of ${year}: ${nos.join(',')}`);
    }
    const history = await db.history.count();
    const expected = (await db.inspections.count()) + answers.length + findings.length;
    if ((await db.settings.count()) > 0 && history !== expected) wrong.push(`history holds ${history} entries, expected ${expected}`);
  }
  const check = await verifyHistory(db);
  if (!check.verdicts.every((v) => v.ok)) wrong.push(`history chain does not verify: ${JSON.stringify(check.verdicts)}`);
  return wrong;
}

/**
 * Counts the steps of an upgrade (stores and indexes made, rows written in the versionchange transaction)
 * and, when `abortAt` is reached, aborts that transaction before the step, as a page closed mid-upgrade.
 */
function instrument(factory: IDBFactory, abortAt: number | null): { steps: () => number; restore: () => void } {
  let upgrade: IDBTransaction | null = null;
  let steps = 0;
  const originalOpen = factory.open.bind(factory);
  factory.open = (name: string, version?: number) => {
    const request = originalOpen(name, version);
    request.addEventListener('upgradeneeded', () => {
      upgrade = request.transaction;
    });
    request.addEventListener('success', () => {
      upgrade = null;
    });
    request.addEventListener('error', () => {
      upgrade = null;
    });
    return request;
  };
  const step = (tx: IDBTransaction | null): void => {
    if (upgrade === null || tx !== upgrade) return;
    steps += 1;
    if (steps === abortAt) upgrade.abort();
  };
  const patched: [object, string, unknown][] = [];
  const patch = <T extends object>(proto: T, method: string, txOf: (self: T) => IDBTransaction | null): void => {
    const original = (proto as Record<string, unknown>)[method] as (...args: unknown[]) => unknown;
    patched.push([proto, method, original]);
    (proto as Record<string, unknown>)[method] = function (this: T, ...args: unknown[]) {
      step(txOf(this));
      return original.apply(this, args);
    };
  };
  patch(IDBDatabase.prototype, 'createObjectStore', () => upgrade);
  patch(IDBDatabase.prototype, 'deleteObjectStore', () => upgrade);
  for (const m of ['createIndex', 'deleteIndex', 'put', 'add', 'delete', 'clear']) patch(IDBObjectStore.prototype, m, (s: IDBObjectStore) => s.transaction);
  return {
    steps: () => steps,
    restore: () => {
      for (const [proto, method, original] of patched) (proto as Record<string, unknown>)[method] = original;
      factory.open = originalOpen;
    },
  };
}

describe('migrations: every released version upgrades to the current one', () => {
  it(
    `upgrades ${PER_VERSION} random databases of each version 1–${SCHEMA_VERSION - 1}, whole and interrupted`,
    async () => {
      const started = Date.now();
      const rng = createPrng(`migrations-${SEED}`);
      const failures: string[] = [];
      const outcomes = new Map<string, number>();
      let rows = 0;
      let trials = 0;
      for (const version of VERSIONS) {
        for (let n = 0; n < PER_VERSION; n++) {
          trials += 1;
          const seed = `${SEED}-${version}-${n}`;
          const label = `version ${version} #${n} (seed ${seed})`;

          // 1. Straight to the current version, counting the upgrade's steps on the way.
          const whole = new IDBFactory();
          await buildFixture(whole, 'db', version, createPrng(seed));
          const old = await open(whole, 'db', version);
          const before = await snapshot(old);
          for (const t of old.tables) rows += await t.count();
          old.close();
          const counter = instrument(whole, null);
          let steps: number;
          try {
            const upgraded = await open(whole, 'db', SCHEMA_VERSION);
            steps = counter.steps();
            failures.push(...(await checkUpgraded(upgraded, version, before)).map((w) => `${label}: ${w}`));
            upgraded.close();
          } finally {
            counter.restore();
          }

          // 2. The same database again (its device key and id are new), its upgrade cut off at a random step.
          const cut = new IDBFactory();
          await buildFixture(cut, 'db', version, createPrng(seed));
          const fresh = await open(cut, 'db', version);
          const cutBefore = await snapshot(fresh);
          fresh.close();
          const abortAt = rng.int(1, steps);
          const interrupt = instrument(cut, abortAt);
          try {
            const attempt = await openDb(createDb({ name: 'db', indexedDB: cut, IDBKeyRange }), quiet);
            if (attempt.ok) failures.push(`${label}: the upgrade went through despite the abort at step ${abortAt} of ${steps}`);
            else bump(outcomes, `refused as ${attempt.error.code}`);
          } finally {
            interrupt.restore();
          }
          const reopened = await open(cut, 'db', version);
          if (reopened.verno !== version || reopened.backendDB().version !== version * 10) failures.push(`${label}: after the abort the database is version ${reopened.backendDB().version / 10}`);
          const storeNames = [...reopened.backendDB().objectStoreNames].sort();
          const tableNames = reopened.tables.map((t) => t.name).sort();
          if (JSON.stringify(storeNames) !== JSON.stringify(tableNames)) failures.push(`${label}: after the abort the stores are ${storeNames.join(',')}`);
          const after = await snapshot(reopened);
          if (JSON.stringify(after) !== JSON.stringify(cutBefore)) failures.push(`${label}: the interrupted upgrade changed the version-${version} rows`);
          // The old app still works on it: it writes, and the write is there.
          await reopened.ui.put({ key: 'ui', language: 'en-US', lastRoute: null });
          if ((await reopened.ui.get('ui'))?.language !== 'en-US') failures.push(`${label}: the old version cannot write after the abort`);
          const written = await snapshot(reopened);
          reopened.close();
          // And the next start of the current app upgrades it completely.
          const upgraded = await open(cut, 'db', SCHEMA_VERSION);
          failures.push(...(await checkUpgraded(upgraded, version, written)).map((w) => `${label}, after the interruption: ${w}`));
          upgraded.close();
          bump(outcomes, `cut at step ${abortAt <= 1 ? 'one' : abortAt === steps ? 'last' : 'in between'}`);
        }
      }
      reportCampaign({
        campaign: 'Migrations',
        trials,
        required: 200,
        failures: failures.length,
        notes: `${PER_VERSION} random databases of each of versions ${VERSIONS.join(', ')} (${rows} rows), each upgraded straight to ${SCHEMA_VERSION} and checked row for row, then built again and its upgrade aborted at a random step: ${tally(outcomes)}; every interrupted database was still its old version with every row, writable by its app, and upgraded on the next start`,
        seconds: (Date.now() - started) / 1000,
      });
      expect(failures).toEqual([]);
    },
    soakTimeout(60_000),
  );
});
