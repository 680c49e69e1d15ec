// Backup and restore of the whole database (issue 5): backup → restore into a fresh profile gives
// identical data, table by table, attachments by sha256; a restore never lands over existing data
// unless the user confirms; a damaged, tampered or locked file is refused and nothing is written.
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import { attachToFinding } from '../../renderer/db/repos/attachments';
import { transitionFinding, updateFinding } from '../../renderer/db/repos/findings';
import { saveAnswer } from '../../renderer/db/repos/inspections';
import { setPref } from '../../renderer/db/repos/prefs';
import { recordLedgerExport } from '../../renderer/db/repos/ledger-export';
import { verifyHistory } from '../../renderer/db/repos/history';
import { trustKey } from '../../renderer/db/repos/trusted-keys';
import { backupHandlers } from '../../renderer/workers/backup-handler';
import { ledgerExportHandlers } from '../../renderer/workers/ledger-export-handler';
import type { BackupJobOutput, LedgerPackageJobOutput, RestoreJobOutput } from '../../renderer/workers/jobs';
import { BACKUP_TABLES } from '../../renderer/core/backup/format';
import { LOCAL_TABLES } from '../../renderer/db/schema';
import { sha256Sync } from '../../renderer/core/sha256';
import { toHex } from '../../renderer/core/hash';
import type { Result } from '../../renderer/core/result';
import { freshDb } from './helpers';
import { eachTestBranchDb, inspected, testPhoto as photo, unwrap } from './finding-helpers';

let db: XbDb;
eachTestBranchDb((d) => {
  db = d;
});

const context = () => ({ signal: new AbortController().signal, progress: () => undefined });

async function backup(source: XbDb, password: string | null = null): Promise<BackupJobOutput> {
  const [job] = backupHandlers(() => ({ db: source, release: () => undefined }));
  return unwrap((await job!.run({ password, generator: 'test' }, context())) as Result<BackupJobOutput>);
}

async function restore(target: XbDb, bytes: Uint8Array, options: { password?: string; replace?: boolean; dryRun?: boolean } = {}): Promise<Result<RestoreJobOutput>> {
  const [, job] = backupHandlers(() => ({ db: target, release: () => undefined }));
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return (await job!.run({ bytes: copy, password: options.password ?? null, replace: options.replace ?? false, dryRun: options.dryRun ?? false }, context())) as Result<RestoreJobOutput>;
}

async function someData(): Promise<void> {
  const id = await inspected(db);
  unwrap(await saveAnswer(db, id, 'M-PUB-01', { verdict: 'noncompliant', note: '价目表为旧版' }));
  unwrap(await saveAnswer(db, id, 'M-PUB-02', { verdict: 'partial' }));
  const [f] = await db.findings.orderBy('ledgerNo').toArray();
  unwrap(await updateFinding(db, f!.id, { measures: '更换', responsiblePerson: '赵六', dueDate: '2026-04-01' }));
  unwrap(await attachToFinding(db, f!.id, [{ file: photo(1) }, { file: photo(2) }]));
  unwrap(await transitionFinding(db, f!.id, 'start', {}));
  await setPref(db, 'register:张三', ['ledgerNo', 'status']);
  const [pkg] = ledgerExportHandlers(() => ({ db, release: () => undefined }));
  const out = unwrap((await pkg!.run({ request: { kind: 'full' }, includeAttachments: true, password: null, asOf: '2026-03-10', generator: 'test' }, context())) as Result<LedgerPackageJobOutput>);
  unwrap(await recordLedgerExport(db, { ...out.row, path: null }));
  unwrap(await trustKey(db, { orgUnitCode: 'BR02', publicKey: `${'B'.repeat(43)}=`, fingerprint: 'BBBB 0000 0000 0000 0000 0000 0000 0000', deviceId: 'dev-b' }, '张三'));
  await db.imports.add({ packageSha256: 'c'.repeat(64), orgUnitCode: 'BR02', deviceId: 'dev-b', seq: 3, exportedAt: '2026-03-01T00:00:00.000Z', importedAt: '2026-03-02T00:00:00.000Z', importedBy: '张三', fileName: 'b.xbledger', counts: { findings: 4 }, conflicts: 0 });
}

/** Every table's rows, blobs as their bytes' sha256 and settings without the key objects. */
async function dump(target: XbDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of BACKUP_TABLES) {
    const rows = (await target.table(name).toArray()) as Record<string, unknown>[];
    out[name] = await Promise.all(
      rows.map(async (row) => {
        const copy: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(row)) {
          if (k === 'privateKey' || k === 'publicKey') continue;
          copy[k] = v instanceof Blob ? { sha256: toHex(sha256Sync(new Uint8Array(await v.arrayBuffer()))), type: v.type } : v;
        }
        return copy;
      }),
    );
  }
  return out;
}

describe('backup and restore', () => {
  it('covers every table of the database but the local caches, so a new table cannot be left out of backups', () => {
    expect([...BACKUP_TABLES, ...LOCAL_TABLES].sort()).toEqual(db.tables.map((t) => t.name).sort());
  });

  it('restores into a fresh profile with identical data and a new key that head office must trust', async () => {
    await someData();
    const file = await backup(db);
    expect(file.fileName).toMatch(/^消保自查备份-BR01-\d{8}-\d{4}\.xbbackup$/);
    const target = await freshDb();
    const preview = unwrap(await restore(target, file.bytes, { dryRun: true }));
    expect(preview).toMatchObject({ orgUnitCode: 'BR01', createdBy: '张三', hasLocalData: false, outcome: null });
    expect(await target.settings.count()).toBe(0);

    const done = unwrap(await restore(target, file.bytes));
    const before = await dump(db);
    const after = await dump(target);
    const own = (await db.settings.get('device'))!;
    expect(done.outcome).toMatchObject({ newKey: true, previousFingerprint: own.fingerprint });
    expect(done.outcome!.fingerprint).not.toBe(own.fingerprint);
    const withoutKey = ({ publicKeyRaw: _r, fingerprint: _f, updatedAt: _u, keyReplaced: _k, ...rest }: Record<string, unknown>) => rest;
    expect((after['settings']![0] as { keyReplaced?: unknown }).keyReplaced).toMatchObject({ previousFingerprint: own.fingerprint });
    for (const name of BACKUP_TABLES) {
      if (name === 'settings') expect(after[name]!.map((s) => withoutKey(s as Record<string, unknown>))).toEqual(before[name]!.map((s) => withoutKey(s as Record<string, unknown>)));
      else expect(after[name], name).toEqual(before[name]);
    }
    expect(after['attachments']).toHaveLength(2);
    expect(after['trustedKeys']).toHaveLength(1);
    expect(after['imports']).toHaveLength(1);
    expect((await verifyHistory(target)).verdicts.every((v) => v.ok)).toBe(true);
    // The restored device signs with its new key.
    const restored = (await target.settings.get('device'))!;
    const signature = await crypto.subtle.sign('Ed25519', restored.privateKey, new Uint8Array([1, 2, 3]));
    expect(await crypto.subtle.verify('Ed25519', restored.publicKey, signature, new Uint8Array([1, 2, 3]))).toBe(true);
    target.close();
  });

  it('refuses to restore over existing data unless told to replace it, and then keeps this device’s key', async () => {
    await someData();
    const file = await backup(db);
    const id = await inspected(db, '2026-03-20');
    unwrap(await saveAnswer(db, id, 'M-PUB-01', { verdict: 'compliant' }));
    const changed = await dump(db);
    const refused = await restore(db, file.bytes);
    expect(!refused.ok && refused.error.code).toBe('backup.notEmpty');
    expect(await dump(db)).toEqual(changed);

    const preview = unwrap(await restore(db, file.bytes, { dryRun: true }));
    expect(preview.hasLocalData).toBe(true);
    const replaced = unwrap(await restore(db, file.bytes, { replace: true }));
    expect(replaced.outcome?.newKey).toBe(false);
    expect(await db.inspections.get(id)).toBeUndefined();
    expect((await verifyHistory(db)).verdicts.every((v) => v.ok)).toBe(true);
  });

  it('opens a protected backup only with its password', async () => {
    await someData();
    const file = await backup(db, '备份口令2026');
    const target = await freshDb();
    const none = await restore(target, file.bytes);
    expect(!none.ok && none.error.code).toBe('backup.passwordRequired');
    const wrong = await restore(target, file.bytes, { password: '备份口令2025' });
    expect(!wrong.ok && wrong.error.code).toBe('envelope.wrongPassword');
    expect(await target.settings.count()).toBe(0);
    unwrap(await restore(target, file.bytes, { password: '备份口令2026' }));
    expect(await target.findings.count()).toBe(await db.findings.count());
    target.close();
  }, 30_000);

  it('refuses a tampered, truncated or foreign file and writes nothing', async () => {
    await someData();
    const file = await backup(db);
    const target = await freshDb();
    const entries = unzipSync(file.bytes);
    const findings = entries['tables/findings.json']!;
    findings[findings.length - 3]! ^= 1;
    const tampered = await restore(target, zipSync(entries));
    expect(!tampered.ok && tampered.error).toMatchObject({ code: 'backup.damaged', params: { path: 'tables/findings.json' } });
    const truncated = await restore(target, file.bytes.slice(0, Math.floor(file.bytes.length / 2)));
    expect(!truncated.ok && truncated.error.code).toMatch(/^package\./);
    const foreign = await restore(target, zipSync({ 'readme.txt': new TextEncoder().encode('hello') }));
    expect(!foreign.ok && foreign.error.code).toBe('backup.notBackup');
    expect(await target.settings.count()).toBe(0);
    expect(await target.findings.count()).toBe(0);
    target.close();
  });

  it('refuses a backup whose rows share a key (listed with their hashes) instead of failing half-way through the restore', async () => {
    await someData();
    const file = await backup(db);
    const entries = unzipSync(file.bytes);
    const relisted = (table: string, change: (rows: Record<string, unknown>[]) => void): Uint8Array => {
      const rows = JSON.parse(new TextDecoder().decode(entries[`tables/${table}.json`])) as Record<string, unknown>[];
      change(rows);
      const files = { ...entries, [`tables/${table}.json`]: new TextEncoder().encode(JSON.stringify(rows)) };
      const manifest = JSON.parse(new TextDecoder().decode(entries['backup.json'])) as { files: { path: string; size: number; sha256: string }[] };
      manifest.files = manifest.files.map((f) => ({ ...f, size: files[f.path]!.byteLength, sha256: toHex(sha256Sync(files[f.path]!)) }));
      return zipSync({ ...files, 'backup.json': new TextEncoder().encode(JSON.stringify(manifest)) });
    };
    const before = await dump(db);
    for (const [table, change] of [
      ['findings', (rows) => void rows.push(rows[0]!)],
      ['findings', (rows) => void rows.push({ ...rows[0]!, id: '00000000-0000-4000-8000-00000000ffff' })],
      ['orgUnits', (rows) => void rows.push({ ...rows[0]!, id: 'other' })],
      ['answers', (rows) => void rows.push(rows[0]!)],
    ] as const satisfies readonly (readonly [string, (rows: Record<string, unknown>[]) => void])[]) {
      const refused = await restore(db, relisted(table, change), { replace: true });
      expect(!refused.ok && refused.error, table).toMatchObject({ code: 'backup.badTable', params: { table } });
    }
    expect(await dump(db)).toEqual(before);
  });
});
