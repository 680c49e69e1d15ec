// Issue 8, campaign 2 (hostile and broken imports), for backups (xiaobao.backup/1): the zip corpus of
// hostile-files.ts, tables that are not UTF-8, not JSON, nested 100,000 deep, with `__proto__` or
// `constructor` keys, over-long strings or rows twice, and random mutations of a real backup's bytes,
// entries and JSON (tables and backup.json, listed again with their new hashes, as someone who edits a
// backup by hand would). Each goes through the restore job as the app runs it: a dry run, then the
// restore over this device's data forced through. A refused file must leave every table as it was; an
// accepted one is restored, then the original backup is restored again before the next case.
import { unzipSync } from 'fflate';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_MANIFEST, tablePath, type BackupTableName } from '../../renderer/core/backup/format';
import { sha256Sync } from '../../renderer/core/sha256';
import { toHex } from '../../renderer/core/hash';
import type { Result } from '../../renderer/core/result';
import type { XbDb } from '../../renderer/db/db';
import { attachToFinding } from '../../renderer/db/repos/attachments';
import { transitionFinding, updateFinding } from '../../renderer/db/repos/findings';
import { saveAnswer } from '../../renderer/db/repos/inspections';
import { setPref } from '../../renderer/db/repos/prefs';
import { readBackupFile } from '../../renderer/io/backup-file';
import { zipEntries } from '../../renderer/io/zip';
import { SCHEMA_VERSION } from '../../renderer/db/schema';
import { backupHandlers } from '../../renderer/workers/backup-handler';
import type { BackupJobOutput, RestoreJobOutput } from '../../renderer/workers/jobs';
import { soakSeed, soakTimeout, soakTrials } from '../soak/campaign';
import { branchDb, inspected, unwrap } from './finding-helpers';
import {
  byteEditsArb,
  defineOwn,
  editBytes,
  editedJson,
  editEntries,
  entryEditArb,
  hostileCase,
  jsonEditArb,
  MEMORY_LIMIT,
  nested,
  runHostileCampaign,
  text,
  utf8,
  zipCorpus,
  type ByteEdit,
  type EntryEdit,
  type HostileCase,
  type JsonEdit,
} from './hostile-files';
import { hasWords } from './import-campaign';

const TRIALS = soakTrials({ quick: 100, full: 1000 });
const SEED = soakSeed(20261130);

/** The tables a mutation edits: those the branch below has rows in, and the manifest. */
const EDITED = ['findings', 'history', 'inspections', 'answers', 'attachments', 'checklists', 'settings', 'counters', 'orgUnits', 'prefs'] as const;
const FILES = [...EDITED.map((t) => tablePath(t)), BACKUP_MANIFEST];

type Mutation = { kind: 'bytes'; edits: ByteEdit[] } | ({ kind: 'entries' } & EntryEdit) | ({ kind: 'json'; file: string; rehash: boolean } & JsonEdit);

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('bytes' as const), edits: byteEditsArb }) },
  { weight: 2, arbitrary: entryEditArb(FILES).map((e) => ({ kind: 'entries' as const, ...e })) },
  {
    weight: 5,
    arbitrary: fc.tuple(fc.constantFrom(...FILES), fc.boolean(), jsonEditArb).map(([file, rehash, e]) => ({ kind: 'json' as const, file, rehash: rehash || file !== BACKUP_MANIFEST, ...e })),
  },
);

const context = () => ({ signal: new AbortController().signal, progress: () => undefined });

describe('hostile and broken backups restored over a branch’s data', { timeout: soakTimeout(300_000) }, () => {
  let db: XbDb;
  let original: Uint8Array;
  let entries: Record<string, Uint8Array>;

  const restore = async (bytes: Uint8Array, dryRun: boolean): Promise<Result<RestoreJobOutput>> => {
    const [, job] = backupHandlers(() => ({ db, release: () => undefined }));
    return (await job!.run({ bytes: bytes.slice(), password: null, replace: true, dryRun }, context())) as Result<RestoreJobOutput>;
  };

  beforeAll(async () => {
    db = await branchDb();
    const id = await inspected(db);
    unwrap(await saveAnswer(db, id, 'M-PUB-01', { verdict: 'noncompliant', note: '价目表为旧版' }));
    unwrap(await saveAnswer(db, id, 'M-ZQ-01', { verdict: 'partial', note: '抽查10笔缺2笔' }));
    const [f] = await db.findings.orderBy('ledgerNo').toArray();
    unwrap(await updateFinding(db, f!.id, { measures: '更换价目表', responsiblePerson: '赵六', dueDate: '2026-04-01' }));
    const photo = Uint8Array.from({ length: 64 }, (_, i) => (i * 31) % 251);
    const file = { id: toHex(sha256Sync(photo)), sourceSha256: toHex(sha256Sync(photo)), name: '照片.jpg', mime: 'image/jpeg', size: 64, width: 4, height: 3 };
    unwrap(await attachToFinding(db, f!.id, [{ file: { ...file, blob: new Blob([photo], { type: 'image/jpeg' }), thumbnail: new Blob([photo.slice(0, 8)], { type: 'image/jpeg' }) } }]));
    unwrap(await transitionFinding(db, f!.id, 'start', {}));
    await setPref(db, 'register:张三', ['ledgerNo', 'status']);
    const [backup] = backupHandlers(() => ({ db, release: () => undefined }));
    original = unwrap((await backup!.run({ password: null, generator: 'soak' }, context())) as Result<BackupJobOutput>).bytes;
    entries = unzipSync(original);
  });
  afterAll(() => db.close());

  const manifest = () => JSON.parse(text(entries[BACKUP_MANIFEST])) as Record<string, unknown>;

  /** The backup with files replaced and backup.json listing every file with its new size and hash. */
  const rehashed = (changed: Record<string, Uint8Array>, manifestText?: (m: Record<string, unknown>) => string): Uint8Array => {
    const files = Object.fromEntries(Object.entries({ ...entries, ...changed }).filter(([path]) => path !== BACKUP_MANIFEST));
    const m = { ...manifest(), files: Object.keys(files).sort().map((path) => ({ path, size: files[path]!.byteLength, sha256: toHex(sha256Sync(files[path]!)) })) };
    return zipEntries({ ...files, [BACKUP_MANIFEST]: utf8(manifestText ? manifestText(m) : JSON.stringify(m)) });
  };
  const withTable = (table: BackupTableName, change: (rows: Record<string, unknown>[]) => unknown) => {
    const rows = JSON.parse(text(entries[tablePath(table)])) as Record<string, unknown>[];
    const result = change(rows);
    return rehashed({ [tablePath(table)]: utf8(typeof result === 'string' ? result : JSON.stringify(rows)) });
  };

  function corpus(): HostileCase[] {
    const edited = (name: string, bytes: () => Uint8Array) => hostileCase(name, bytes, true);
    return [
      ...zipCorpus({ bytes: original, entries, main: tablePath('findings') }),
      hostileCase('backup.json not UTF-8', () => zipEntries({ ...entries, [BACKUP_MANIFEST]: new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]) })),
      hostileCase('backup.json nested 100,000 deep', () => zipEntries({ ...entries, [BACKUP_MANIFEST]: utf8(nested(100_000)) })),
      hostileCase('backup.json with a __proto__ key', () => zipEntries({ ...entries, [BACKUP_MANIFEST]: utf8(text(entries[BACKUP_MANIFEST]).replace('{', '{"__proto__":{"polluted":1},')) })),
      hostileCase('backup.json listing ../../evil', () => rehashed({}, (m) => JSON.stringify({ ...m, files: [...(m['files'] as unknown[]), { path: '../../evil', size: 1, sha256: '0'.repeat(64) }] }))),
      edited('findings not UTF-8 (hashes listed)', () => rehashed({ [tablePath('findings')]: new Uint8Array([0x5b, 0x22, 0xff, 0x22, 0x5d]) })),
      edited('findings not JSON (hashes listed)', () => rehashed({ [tablePath('findings')]: utf8('[{"id":') })),
      ...['null', '{}', '"text"', '1e309', nested(100_000)].map((t) => edited(`findings is ${t.length > 12 ? 'nested 100,000 deep' : t} (hashes listed)`, () => rehashed({ [tablePath('findings')]: utf8(t) }))),
      edited('__proto__ in a finding (hashes listed)', () => withTable('findings', (rows) => defineOwn(rows[0]!, '__proto__', { status: 'verified', polluted: 1 }))),
      edited('constructor.prototype in settings (hashes listed)', () => withTable('settings', (rows) => defineOwn(rows[0]!, 'constructor', { prototype: { polluted: 1 } }))),
      edited('__proto__ in a stored checklist (hashes listed)', () => withTable('checklists', (rows) => defineOwn(rows[0]!['checklist'] as Record<string, unknown>, '__proto__', { polluted: 1 }))),
      edited('a checklist nested 100,000 deep (hashes listed)', () => withTable('checklists', (rows) => JSON.stringify(rows).replace('"sections":[', `"sections":[${nested(100_000)},`))),
      edited('a history value nested 100,000 deep (hashes listed)', () => withTable('history', (rows) => JSON.stringify(rows).replace('"changes":[', `"changes":[${nested(100_000)},`))),
      edited('a 5 MB description (hashes listed)', () => withTable('findings', (rows) => void (rows[0]!['description'] = '长'.repeat((5 * 1024 * 1024) / 3)))),
      edited('a 1 MB field name (hashes listed)', () => withTable('findings', (rows) => defineOwn(rows[0]!, 'x'.repeat(1024 * 1024), 1))),
      edited('a finding twice (hashes listed)', () => withTable('findings', (rows) => void rows.push(rows[0]!))),
      edited('two findings with one ledger number (hashes listed)', () => withTable('findings', (rows) => void rows.push({ ...rows[0]!, id: '00000000-0000-4000-8000-00000000ffff' }))),
      edited('an answer twice (hashes listed)', () => withTable('answers', (rows) => void rows.push(rows[0]!))),
      edited('an org unit twice (hashes listed)', () => withTable('orgUnits', (rows) => void rows.push(rows[0]!))),
      edited('two org units with one code (hashes listed)', () => withTable('orgUnits', (rows) => void rows.push({ ...rows[0]!, id: 'other' }))),
      edited('a checklist twice (hashes listed)', () => withTable('checklists', (rows) => void rows.push(rows[0]!))),
      edited('a counter twice (hashes listed)', () => withTable('counters', (rows) => void rows.push(rows[0]!))),
      edited('a pref twice (hashes listed)', () => withTable('prefs', (rows) => void rows.push(rows[0]!))),
      edited('ten thousand findings (hashes listed)', () => withTable('findings', (rows) => JSON.stringify(Array.from({ length: 10_000 }, (_, i) => ({ ...rows[0]!, id: `f-${i}`, ledgerNo: `BR01-2026-${String(i).padStart(4, '0')}` }))))),
      edited('an attachment whose file is missing (hashes listed)', () => rehashed(Object.fromEntries(Object.entries(entries).filter(([p]) => !p.startsWith('attachments/'))))),
      edited('schemaVersion 1e309 (hashes listed)', () => rehashed({}, (m) => JSON.stringify(m).replace(/"schemaVersion":\d+/, '"schemaVersion":1e309'))),
      edited('a newer schema version (hashes listed)', () => rehashed({}, (m) => JSON.stringify({ ...m, schemaVersion: SCHEMA_VERSION + 1 }))),
    ];
  }

  function mutated(m: Mutation): HostileCase {
    if (m.kind === 'bytes') return hostileCase('bytes', () => editBytes(original, m.edits));
    if (m.kind === 'entries') return hostileCase(`entries ${m.op}`, () => editEntries(entries, m));
    const name = `${m.file} ${m.action}${m.rehash ? ' (hashes listed)' : ''}`;
    if (m.file === BACKUP_MANIFEST) {
      // backup.json lists the others' hashes but nothing vouches for it: any edit of it counts as an edited backup.
      return hostileCase(name, () => (m.rehash ? rehashed({}, (man) => editedJson(JSON.stringify(man), m)) : zipEntries({ ...entries, [BACKUP_MANIFEST]: utf8(editedJson(text(entries[BACKUP_MANIFEST]), m)) })), true);
    }
    return hostileCase(name, () => rehashed({ [m.file]: utf8(editedJson(text(entries[m.file]), m)) }), true);
  }

  /** True when the bytes open to exactly the original backup (an edit in zip bookkeeping). */
  async function inert(bytes: Uint8Array): Promise<boolean> {
    const read = (x: Uint8Array) => readBackupFile(x, { schemaVersion: SCHEMA_VERSION });
    const [a, b] = [await read(bytes), await read(original)];
    return a.ok && b.ok && JSON.stringify([a.value.manifest, a.value.tables, [...a.value.blobs], [...a.value.thumbnails]]) === JSON.stringify([b.value.manifest, b.value.tables, [...b.value.blobs], [...b.value.thumbnails]]);
  }

  it(`refuses every hostile backup with a reason and changes nothing (${TRIALS} cases)`, async () => {
    const fixed = corpus();
    const mutations = fc.sample(mutationArb, { numRuns: Math.max(0, TRIALS - fixed.length), seed: SEED });
    const { failures, peak } = await runHostileCampaign({
      campaign: 'Hostile imports (backups)',
      seed: SEED,
      fixed,
      random: mutations.map(mutated),
      mutations,
      db: () => db,
      attempt: async (bytes, fail, c) => {
        const edited = c.signed === true;
        const refused = async (code: string, when: string) => {
          if (!hasWords(`errors.${code}`)) fail(`no words for ${code}`);
          return { outcome: `${edited ? 'edited' : 'unedited'} refused${when}`, reason: code };
        };
        const dry = await restore(bytes, true);
        if (!dry.ok) {
          const forced = await restore(bytes, false);
          if (forced.ok) fail('restoring anyway went through');
          return refused(dry.error.code, '');
        }
        const real = await restore(bytes, false);
        if (!real.ok) return refused(real.error.code, ' on restoring');
        // Restored: a backup edited with its hashes listed again is a backup like any other; an edit
        // that did not list them may only pass where it left the contents as they were.
        if (!edited && !(await inert(bytes))) fail('an altered backup was restored');
        unwrap(await restore(original, false));
        return { outcome: `${edited ? 'edited' : 'unedited'} restored`, reset: true };
      },
    });
    expect(failures).toEqual([]);
    expect(peak).toBeLessThan(MEMORY_LIMIT);
  });
});
