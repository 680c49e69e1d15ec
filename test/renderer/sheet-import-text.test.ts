// Words for problems in an imported Excel ledger: every code has a message in both languages, placed
// by column letter and header, with statuses, steps and requirements in words rather than codes.
import { describe, expect, it } from 'vitest';
import { initI18n } from '../../renderer/i18n';
import { SHEET_IMPORT_CODES, type SheetImportProblem } from '../../renderer/core/ledger/sheet-import';
import { sheetImportColumnText, sheetImportProblemText } from '../../renderer/features/ledger/sheet-import-text';

const problem = (over: Partial<SheetImportProblem>): SheetImportProblem => ({ sheet: '整改台账', row: 3, column: 19, header: '整改状态', code: 'noRows', params: {}, ...over });

describe('sheet import messages', () => {
  it.each(['zh-CN', 'en-US'] as const)('exist for every problem code, and for the timeline’s reason (%s)', async (lang) => {
    const i18n = await initI18n(lang);
    expect(SHEET_IMPORT_CODES.map((c) => `sheetImport.problems.${c}`).filter((k) => !i18n.exists(k))).toEqual([]);
    expect(i18n.exists('history.system.excelImport')).toBe(true);
  });

  it('say where and what in words', async () => {
    const i18n = await initI18n('zh-CN');
    const t = i18n.t.bind(i18n);
    expect(sheetImportColumnText(t, problem({}))).toBe('S 列（整改状态）');
    expect(sheetImportColumnText(t, problem({ column: 0, header: '台账编号' }))).toBe('台账编号');
    expect(sheetImportProblemText(t, problem({ code: 'transitionNotAllowed', params: { from: 'open', to: 'verified' } }))).toBe('整改状态不能从“待整改”直接改为“已验收”。');
    expect(sheetImportProblemText(t, problem({ code: 'requirement', params: { action: 'submit', requirement: 'completedAt', kind: 'future' } }))).toBe('改为该状态（提交验收）需要：完成日期不能晚于今天');
    expect(sheetImportProblemText(t, problem({ code: 'requirement', params: { action: 'return', requirement: 'reason', kind: 'missing' } }))).toBe('改为该状态（退回）需要：请填写原因（在验收结论列写明原因）');
    expect(sheetImportProblemText(t, problem({ code: 'dateInvalid', params: { value: '下周' } }))).toBe('“下周”不是有效日期，请写成 2026-03-31 这样的年-月-日。');
    await i18n.changeLanguage('en-US');
    expect(sheetImportColumnText(t, problem({}))).toBe('column S (整改状态)');
    expect(sheetImportProblemText(t, problem({ code: 'transitionNotAllowed', params: { from: 'open', to: 'verified' } }))).toBe('The status cannot go from "Open" straight to "Verified".');
  });
});
