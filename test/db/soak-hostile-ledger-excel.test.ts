// Issue 8, campaign 2 (hostile and broken imports), for Excel ledgers: the 整改台账 workbook the app
// exports, broken by the zip corpus of hostile-files.ts, the workbook corpus of hostile-workbooks.ts and
// a few ledger-specific cases (statuses, ids and dates made to hurt), plus random mutations of its bytes,
// entries, XML parts and cells. Each goes through the Excel import job as the page runs it: a preview,
// then the import confirmed. A refused file (unreadable, or any row with a problem) must write nothing
// even when confirmed anyway; a file that is a valid edit is imported, then the branch is restored from
// its backup before the next case. Every refusal and every listed problem is worded in both languages.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../renderer/core/result';
import type { XbDb } from '../../renderer/db/db';
import { addManualFinding, transitionFinding } from '../../renderer/db/repos/findings';
import type { SheetImportOutcome } from '../../renderer/db/repos/ledger-sheet-import';
import { saveAnswer } from '../../renderer/db/repos/inspections';
import { backupHandlers } from '../../renderer/workers/backup-handler';
import type { BackupJobOutput, RegisterExportOutput, RestoreJobOutput } from '../../renderer/workers/jobs';
import { ledgerExcelHandlers } from '../../renderer/workers/ledger-excel-handler';
import { LEDGER_HEADERS as H } from '../../renderer/core/ledger/sheet-rows';
import { LEDGER_COLUMNS } from '../../renderer/io/ledger-workbook';
import { soakSeed, soakTimeout, soakTrials } from '../soak/campaign';
import { unzip } from '../core/ledger/fixtures';
import { branchDb, inspected, unwrap } from './finding-helpers';
import { hostileCase, MEMORY_LIMIT, runHostileCampaign, zipCorpus, type ValidZip } from './hostile-files';
import { editCells, workbookCorpus, workbookMutated, workbookMutationArb } from './hostile-workbooks';
import { hasWords } from './import-campaign';

const TRIALS = soakTrials({ quick: 100, full: 1000 });
const SEED = soakSeed(20261203);
const quiet = { signal: new AbortController().signal, progress: () => undefined };

describe('hostile and broken Excel ledgers imported at a branch', { timeout: soakTimeout(300_000) }, () => {
  let db: XbDb;
  let valid: ValidZip;
  let backup: Uint8Array;
  let first: { id: string; ledgerNo: string };

  const sheetImport = async (bytes: Uint8Array, commit: boolean): Promise<Result<SheetImportOutcome>> => {
    const [job] = ledgerExcelHandlers(() => ({ db, release: () => undefined }));
    return (await job!.run({ bytes: bytes.slice(), commit }, quiet)) as Result<SheetImportOutcome>;
  };

  beforeAll(async () => {
    db = await branchDb();
    const id = await inspected(db);
    unwrap(await saveAnswer(db, id, 'M-PUB-01', { verdict: 'noncompliant', note: '价目表为旧版' }));
    unwrap(await saveAnswer(db, id, 'M-PUB-02', { verdict: 'partial' }));
    unwrap(await saveAnswer(db, id, 'M-ZQ-01', { verdict: 'noncompliant', note: '缺双录' }));
    const base = { orgUnitCode: 'BR01', category: '公示', basis: '', severity: '一般' as const, dueDate: '2026-04-30', responsibleDept: '运营部', responsiblePerson: '李四' };
    for (const description of ['投诉电话未公示', '服务价目表未更新', '适当性评估缺失', '宣传材料未审核', '个人信息授权缺失']) unwrap(await addManualFinding(db, { ...base, description }));
    const findings = await db.findings.orderBy('ledgerNo').toArray();
    first = findings[0]!;
    for (const f of findings.filter((f) => f.responsiblePerson === '李四').slice(0, 3)) unwrap(await transitionFinding(db, f.id, 'start', {}));
    const [, excel] = ledgerExcelHandlers(() => ({ db, release: () => undefined }));
    const bytes = unwrap((await excel!.run({ ids: findings.map((f) => f.id), asOf: '2026-03-02', title: '整改台账' }, quiet)) as Result<RegisterExportOutput>).bytes;
    valid = { bytes, entries: unzip(bytes), main: 'xl/worksheets/sheet1.xml' };
    const [save] = backupHandlers(() => ({ db, release: () => undefined }));
    backup = unwrap((await save!.run({ password: null, generator: 'soak' }, quiet)) as Result<BackupJobOutput>).bytes;
  });
  afterAll(() => db.close());

  /** Ledger rows made to hurt: in the 整改台账 sheet, the columns of the app's own export. */
  function ledgerCorpus() {
    const col = (header: string): number => LEDGER_COLUMNS.findIndex((c) => c.header === header) + 1;
    const [status, due, id, no, measures] = [H.status, H.dueDate, H.id, H.ledgerNo, H.measures].map(col) as [number, number, number, number, number];
    const cells = (name: string, edits: { row: number; column: number; value: string | number | Date }[]) => hostileCase(name, () => editCells(valid.bytes, edits.map((e) => ({ sheet: 0, ...e }))));
    return [
      cells('a status no workflow knows', [{ row: 2, column: status, value: '已删除' }]),
      cells('every status skipped to 已验收', [2, 3, 4, 5, 6, 7, 8, 9].map((row) => ({ row, column: status, value: '已验收' }))),
      cells('an ID of __proto__', [{ row: 2, column: id, value: '__proto__' }]),
      cells('one finding on two rows', [{ row: 3, column: id, value: first.id }, { row: 3, column: no, value: first.ledgerNo }]),
      cells('a due date of 9999-99-99 and one of 1e309', [{ row: 2, column: due, value: '9999-99-99' }, { row: 3, column: due, value: '1e309' }]),
      cells('a date serial of -1 and of 10^12', [{ row: 2, column: due, value: -1 }, { row: 3, column: due, value: 1e12 }]),
      cells('a 40,000-character measure', [{ row: 2, column: measures, value: '长'.repeat(40_000) }]),
      cells('a formula for a ledger number', [{ row: 2, column: no, value: '=HYPERLINK("http://evil.example","BR01-2026-0001")' }]),
      cells('the header row blanked', LEDGER_COLUMNS.map((_, i) => ({ row: 1, column: i + 1, value: '' }))),
      cells('headers named __proto__ and constructor', [{ row: 1, column: 3, value: '__proto__' }, { row: 1, column: 4, value: 'constructor' }]),
    ];
  }

  it(`refuses every hostile Excel ledger with a reason and writes nothing (${TRIALS} cases)`, async () => {
    const fixed = [...zipCorpus(valid), ...workbookCorpus(valid), ...ledgerCorpus()];
    const mutations = fc.sample(workbookMutationArb, { numRuns: Math.max(0, TRIALS - fixed.length), seed: SEED });
    const { failures, peak } = await runHostileCampaign({
      campaign: 'Hostile imports (Excel ledgers)',
      seed: SEED,
      fixed,
      random: mutations.map((m) => workbookMutated(valid, m)),
      mutations,
      db: () => db,
      attempt: async (bytes, fail) => {
        const preview = await sheetImport(bytes, false);
        const forced = () => sheetImport(bytes, true);
        if (!preview.ok) {
          if (!hasWords(`errors.${preview.error.code}`)) fail(`no words for ${preview.error.code}`);
          const again = await forced();
          if (again.ok) fail('importing anyway went through');
          return { outcome: 'unreadable', reason: preview.error.code };
        }
        const outcome = preview.value;
        if (outcome.committed) fail('the preview wrote');
        if (outcome.problemCount > 0) {
          const unworded = outcome.problems.find((p) => !hasWords(`sheetImport.problems.${p.code}`));
          if (unworded) fail(`no words for ${unworded.code}`);
          if (outcome.problems.length === 0) fail('problems counted but none listed');
          const again = await forced();
          if (!again.ok || again.value.committed) fail(`importing anyway gave ${again.ok ? 'a commit' : again.error.code}`);
          return { outcome: 'rows refused', reason: `sheet ${outcome.problems[0]?.code ?? ''}` };
        }
        if (outcome.updated === 0) {
          const again = await forced();
          if (!again.ok || again.value.committed) fail('a file with nothing to change wrote');
          return { outcome: 'nothing to change' };
        }
        // A valid edit: imported as the user would, then the branch as it was, from its backup.
        const done = await forced();
        if (!done.ok || !done.value.committed) fail(`a valid edit was not imported: ${done.ok ? 'not committed' : done.error.code}`);
        const [, restore] = backupHandlers(() => ({ db, release: () => undefined }));
        unwrap((await restore!.run({ bytes: backup.slice(), password: null, replace: true, dryRun: false }, quiet)) as Result<RestoreJobOutput>);
        return { outcome: 'valid edit imported', reset: true };
      },
    });
    expect(failures).toEqual([]);
    expect(peak).toBeLessThan(MEMORY_LIMIT);
  });
});
