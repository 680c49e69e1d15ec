// The bench page: measurements in Chromium that call the app's modules directly, each with its baseline
// taken in the same loop so a noisy machine slows both alike. Not part of the app build: it is built
// into out/bench/site/ next to a copy of the app, which is served from the same origin.
import { Dexie, type DBCore } from 'dexie';
import { verifyChains } from '../../../renderer/core/audit/chain';
import { LEDGER_DATA_FILE, LEDGER_FORMAT, LEDGER_PACKAGE_CAPS, LEDGER_WORKBOOK_FILE, ledgerManifestSchema, parseLedgerData } from '../../../renderer/core/ledger/package';
import { attachmentPath } from '../../../renderer/core/ledger/records';
import { verifySignedPackage } from '../../../renderer/core/package/signed';
import { createDb, type XbDb } from '../../../renderer/db/db';
import { runLedgerImport, type ImportDecisions, type ImportPackage } from '../../../renderer/db/repos/ledger-import';
import { completeSetup, getSettings } from '../../../renderer/db/repos/settings';
import type { Attachment, FindingRow } from '../../../renderer/db/types';
import { readLedgerPackage } from '../../../renderer/io/ledger-package';
import { strictUtf8Decode } from '../../../renderer/io/text';
import { unzipWithCaps } from '../../../renderer/io/zip';
import { platformEd25519Verify, platformSha256 } from '../../../renderer/platform/crypto';
import type { BenchApi, RecordCounts } from './api';
import { verdicts } from './verdicts';
import { exportBaseline, exportInWorker, exportStyledWriter, exportWorkbook } from './export';

const RAW_DB = 'xiaobao-bench-raw';
const DIRECT_DB = 'xiaobao-bench-direct';

async function bytesOf(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function timed<T>(run: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await run();
  return [value, performance.now() - start];
}

const add = (into: Record<string, number>, key: string, ms: number): void => {
  into[key] = (into[key] ?? 0) + ms;
};

const crypto = { sha256: platformSha256, verify: platformEd25519Verify };

const verify: BenchApi['verify'] = async (urls) => {
  const counts: RecordCounts = { packages: 0, orgUnits: 0, inspections: 0, answers: 0, findings: 0, history: 0, attachments: 0 };
  const details: Record<string, number> = {};
  let ms = 0;
  let baselineMs = 0;
  for (const url of urls) {
    const zip = await bytesOf(url);
    // The bytes verification has to hash: the zip (the package's identity) and every file in it.
    const [entries, unzip] = await timed(() => unzipWithCaps(zip, LEDGER_PACKAGE_CAPS));
    if (!entries.ok) throw new Error(`${url}: ${entries.error.code}`);
    const files = Object.values(entries.value);
    const [, sha] = await timed(async () => {
      await platformSha256(zip);
      for (const f of files) await platformSha256(f);
    });
    baselineMs += sha;

    // What the row measures: the hashes and the signature, as opening a package checks them — the
    // zip's own SHA-256 (the package's identity) and verifySignedPackage (the manifest's signature, every
    // file's size and SHA-256). The rest of opening a package is reported beside it.
    const [signed, signature] = await timed(() =>
      verifySignedPackage(entries.value, { format: LEDGER_FORMAT, schema: ledgerManifestSchema, requiredFiles: [LEDGER_DATA_FILE, LEDGER_WORKBOOK_FILE], ...crypto }),
    );
    if (!signed.ok) throw new Error(`${url}: ${signed.error.code}`);
    const [, identity] = await timed(() => platformSha256(zip));
    ms += signature + identity;

    // The rest of opening a package, reported beside the row: each step once (the unzip above is the
    // one readLedgerPackage does; timing the whole call as well would parse every package twice).
    const data = entries.value[LEDGER_DATA_FILE];
    if (data === undefined) throw new Error(`${url}: no ${LEDGER_DATA_FILE}`);
    const [parsed, parse] = await timed(() => parseLedgerData(data, strictUtf8Decode));
    if (!parsed.ok) throw new Error(`${url}: ${parsed.error.code}`);
    const [, chains] = await timed(() => verifyChains(parsed.value.history));
    // The part of that step that is the platform's decoding and JSON.parse alone (once more, untimed in the row).
    const [, json] = await timed(() => JSON.parse(strictUtf8Decode(data) ?? 'null') as unknown);
    add(details, 'rest of opening: unzip', unzip);
    add(details, 'rest of opening: JSON.parse + schema', parse);
    add(details, 'rest of opening: of which decoding and JSON.parse', json);
    add(details, 'rest of opening: history chains', chains);

    const d = parsed.value;
    counts.packages += 1;
    counts.orgUnits += d.orgUnits.length;
    counts.inspections += d.inspections.length;
    counts.answers += d.answers.length;
    counts.findings += d.findings.length;
    counts.history += d.history.length;
    counts.attachments += d.attachments.length;
  }
  return { ms, baselineMs, details, counts };
};

/** Puts each package's rows in one transaction; returns the time spent in the transactions. */
async function bulkPutPackages(db: XbDb, urls: string[], details: Record<string, number>): Promise<{ ms: number; rows: number }> {
  let ms = 0;
  let rows = 0;
  let localSeq = (await db.findings.orderBy('localSeq').last())?.localSeq ?? 0;
  for (const url of urls) {
    // The rows as the import gets them (the same parser and schema); the checks that precede them
    // (signature, hashes, chains) are not what this baseline measures and are not done again here.
    const entries = unzipWithCaps(await bytesOf(url), LEDGER_PACKAGE_CAPS);
    if (!entries.ok) throw new Error(`${url}: ${entries.error.code}`);
    const bytes = entries.value[LEDGER_DATA_FILE];
    const parsed = bytes === undefined ? null : parseLedgerData(bytes, strictUtf8Decode);
    if (parsed === null || !parsed.ok) throw new Error(`${url}: ${parsed === null ? `no ${LEDGER_DATA_FILE}` : parsed.error.code}`);
    const data = parsed.value;
    // Exactly what the import puts: findings with their local change counter, photos as Blobs.
    const findings = data.findings.map((f): FindingRow => ({ ...f, localSeq: ++localSeq }));
    const attachments = data.attachments.flatMap((a): Attachment[] => {
      const bytes = entries.value[attachmentPath(a)];
      return bytes === undefined ? [] : [{ ...a, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: a.mime }), thumbnail: null }];
    });
    rows += data.orgUnits.length + data.inspections.length + data.answers.length + findings.length + data.history.length + attachments.length;
    const [, tx] = await timed(() =>
      db.transaction('rw', [db.orgUnits, db.inspections, db.answers, db.findings, db.history, db.attachments], async () => {
        const step = async (name: string, put: () => Promise<unknown>): Promise<void> => add(details, name, (await timed(put))[1]);
        await step('orgUnits', () => db.orgUnits.bulkPut(data.orgUnits));
        await step('inspections', () => db.inspections.bulkPut(data.inspections));
        await step('answers', () => db.answers.bulkPut(data.answers));
        await step('findings', () => db.findings.bulkPut(findings));
        await step('history', () => db.history.bulkPut(data.history));
        await step('attachments', () => db.attachments.bulkPut(attachments));
      }),
    );
    ms += tx;
  }
  return { ms, rows };
}

const rawBulkPut: BenchApi['rawBulkPut'] = async (urls) => {
  await Dexie.delete(RAW_DB);
  const db: XbDb = createDb({ name: RAW_DB });
  const details: Record<string, number> = {};
  try {
    const { ms, rows } = await bulkPutPackages(db, urls, details);
    const parts = Object.values(details).reduce((a, b) => a + b, 0);
    details['commit'] = Math.max(0, ms - parts);
    return { ms, rows, details };
  } finally {
    db.close();
    await Dexie.delete(RAW_DB);
  }
};

/** The app's database set up as head office, unless it is already set up. */
async function ensureHeadOffice(db: XbDb): Promise<void> {
  if ((await getSettings(db)) !== undefined) return;
  const setup = await completeSetup(db, { role: 'head', orgUnit: { code: '100000', name: '示例银行总行', level: 'head', parentCode: null }, inspectorName: '王五' });
  if (!setup.ok) throw new Error(setup.error.code);
}

const fillAppDb: BenchApi['fillAppDb'] = async (urls) => {
  const db = createDb();
  try {
    await ensureHeadOffice(db);
    return (await bulkPutPackages(db, urls, {})).rows;
  } finally {
    db.close();
  }
};

/**
 * Counts and times every request the database layer sends to IndexedDB, by table and kind ("history
 * add: 80,575 rows in 40 calls"): what a transaction costs beyond the raw writes. Requests within one
 * import run one after another, so their times add up to the time spent waiting for IndexedDB.
 */
function requestLog(db: XbDb): Map<string, { calls: number; rows: number; ms: number }> {
  const log = new Map<string, { calls: number; rows: number; ms: number }>();
  // `then` on the promise the layer below returned, not `async`/`await`: a native promise in between
  // loses Dexie's transaction zone, and the pipelined import then fails with PrematureCommitError.
  const note = <T>(key: string, rows: number, run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const done = (): void => {
      const e = log.get(key) ?? { calls: 0, rows: 0, ms: 0 };
      log.set(key, { calls: e.calls + 1, rows: e.rows + rows, ms: e.ms + performance.now() - start });
    };
    return run().then(
      (value) => {
        done();
        return value;
      },
      (e: unknown) => {
        done();
        throw e;
      },
    );
  };
  db.use({
    stack: 'dbcore',
    name: 'bench-request-log',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return {
          ...t,
          mutate: (req) => note(`${name} ${req.type}`, 'values' in req ? req.values.length : 'keys' in req ? req.keys.length : 1, () => t.mutate(req)),
          get: (req) => note(`${name} get`, 1, () => t.get(req)),
          getMany: (req) => note(`${name} getMany`, req.keys.length, () => t.getMany(req)),
          query: (req) => note(`${name} query`, 1, () => t.query(req)),
          count: (req) => note(`${name} count`, 1, () => t.count(req)),
        };
      },
    }),
  });
  return log;
}

const importDirect: BenchApi['importDirect'] = async (urls) => {
  await Dexie.delete(DIRECT_DB);
  const db = createDb({ name: DIRECT_DB });
  const requests = requestLog(db);
  try {
    await ensureHeadOffice(db);
    const packages: ImportPackage[] = [];
    const [, readMs] = await timed(async () => {
      for (const [i, url] of urls.entries()) {
        const opened = await readLedgerPackage(await bytesOf(url), crypto);
        if (!opened.ok) throw new Error(`${url}: ${opened.error.code}`);
        const { packageSha256, manifest, data, attachments } = opened.value;
        packages.push({ fileName: `${i + 1}.xbledger`, packageSha256, manifest, data, attachments });
      }
    });
    const decisions: ImportDecisions = Object.fromEntries(packages.map((p) => [p.packageSha256, { trustKey: true, resolutions: {} }]));
    // Each package's time, from the progress the import reports as it starts the next one.
    const details: Record<string, number> = {};
    let last = performance.now();
    const [result, importMs] = await timed(() =>
      runLedgerImport(db, packages, decisions, {
        actor: '王五',
        onProgress: (done) => {
          const t = performance.now();
          if (done > 0) details[`package ${done}`] = t - last;
          last = t;
        },
      }),
    );
    if (!result.ok) throw new Error(`${result.error.code}${result.error.detail === undefined ? '' : `: ${result.error.detail}`}`);
    details[`package ${packages.length} and commit`] = performance.now() - last;
    const log = [...requests.entries()].sort((a, b) => b[1].ms - a[1].ms).map(([k, v]) => `${k}: ${v.rows} rows in ${v.calls} calls, ${Math.round(v.ms)} ms`);
    return { readMs, importMs, details, requests: log };
  } finally {
    db.close();
    await Dexie.delete(DIRECT_DB);
  }
};

window.__bench = { verify, rawBulkPut, fillAppDb, importDirect, verdicts, exportWorkbook, exportBaseline, exportStyledWriter, exportInWorker };
document.getElementById('state')?.setAttribute('data-ready', 'true');
