// The inspection report page in jsdom on fake-indexeddb: a small inspection of the mini checklist with
// two live findings (one with a photo) and one voided; the page shows the cover, scope, counts, the
// results per section, the findings in ledger order and the signature lines; export waits for the
// picture; a completed inspection is no longer marked as a draft; the English catalogue is used too.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Boot } from '../../renderer/app/Boot';
import { parseRoute, routeHash } from '../../renderer/app/router';
import { createDb, type XbDb } from '../../renderer/db/db';
import { openDb } from '../../renderer/db/open';
import { completeInspection, saveAnswer, startInspection } from '../../renderer/db/repos/inspections';
import { updateFinding } from '../../renderer/db/repos/findings';
import { attachToFinding } from '../../renderer/db/repos/attachments';
import { setLanguage } from '../../renderer/db/repos/settings';
import { ok } from '../../renderer/core/result';
import { setUpBranch, withChecklist } from '../db/helpers';
import { fakeHost } from './fake-host';

configure({ asyncUtilTimeout: 15_000 });

let n = 0;
let db: XbDb;
let urls = 0;
const objectUrls = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };

beforeEach(async () => {
  db = createDb({ name: `report-ui-${++n}`, indexedDB: new IDBFactory(), IDBKeyRange });
  await openDb(db, { onBlocked: () => undefined, onVersionChange: () => undefined });
  await setUpBranch(db);
  await withChecklist(db);
  // jsdom has no object URLs; images never load by themselves there either (the test fires load).
  URL.createObjectURL = () => `blob:report-test/${++urls}`;
  URL.revokeObjectURL = () => undefined;
});
afterEach(() => {
  db.close();
  URL.createObjectURL = objectUrls.create;
  URL.revokeObjectURL = objectUrls.revoke;
  window.location.hash = '';
});

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

/** 不符合 with a note and a photo, 部分符合 with a sample, and a mis-keyed 不符合 put right (its finding voided). */
async function smallInspection(): Promise<{ id: string; ledgerNos: string[] }> {
  const { id } = must(await startInspection(db, { checklistId: 'mini', checklistVersion: '1.0', orgUnitCode: 'BR01', kind: 'self', inspectors: ['张三', '李四'], date: '2026-03-02' }));
  must(await saveAnswer(db, id, 'M-PUB-01', { verdict: 'noncompliant', note: '价目表为2024年旧版' }));
  must(await saveAnswer(db, id, 'M-PUB-02', { verdict: 'noncompliant' }));
  must(await saveAnswer(db, id, 'M-PUB-02', { verdict: 'compliant' }));
  must(await saveAnswer(db, id, 'M-ZQ-01', { verdict: 'partial', sampleSize: 10, exceptions: 2 }));
  const findings = (await db.findings.where('inspectionId').equals(id).toArray()).sort((a, b) => a.ledgerNo.localeCompare(b.ledgerNo));
  const first = findings.find((f) => f.itemCode === 'M-PUB-01')!;
  must(await updateFinding(db, first.id, { measures: '更换为总行最新版价目表', responsibleDept: '运营管理部', dueDate: '2026-03-20' }));
  must(
    await attachToFinding(db, first.id, [
      {
        file: {
          id: 'f'.repeat(64),
          sourceSha256: 'e'.repeat(64),
          name: '新版价目表.jpg',
          mime: 'image/jpeg',
          size: 3,
          width: 2000,
          height: 1500,
          blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }),
          thumbnail: new Blob([new Uint8Array([4])], { type: 'image/jpeg' }),
        },
      },
    ]),
  );
  return { id, ledgerNos: findings.filter((f) => f.deletedAt === null).map((f) => f.ledgerNo) };
}

async function openReport(id: string, host = fakeHost()) {
  window.location.hash = routeHash({ name: 'report', id });
  render(<Boot host={host} makeDb={() => db} />);
  await screen.findByTestId('report-doc', {}, { timeout: 10_000 });
  return host;
}

describe('the report route', () => {
  it('is its own path, so no item code is ever taken for it', () => {
    expect(routeHash({ name: 'report', id: 'a b' })).toBe('#/report/a%20b');
    expect(parseRoute('#/report/a%20b')).toEqual({ name: 'report', id: 'a b' });
    expect(parseRoute('#/inspections/x/report')).toEqual({ name: 'inspection', id: 'x', itemCode: 'report' });
    expect(parseRoute('#/report')).toEqual({ name: 'inspections' });
  });
});

describe('检查报告', { timeout: 60_000 }, () => {
  it('shows cover, scope, counts, results, findings with their picture and signature lines; export waits for the picture', async () => {
    const { id, ledgerNos } = await smallInspection();
    expect(ledgerNos).toHaveLength(2);
    const host = fakeHost();
    const print = vi.spyOn(host, 'printToPdf').mockResolvedValue(ok({ saved: false }));
    await openReport(id, host);
    const doc = screen.getByTestId('report-doc');

    // Cover: a draft, of which unit, checklist and inspectors.
    expect(within(doc).getByRole('heading', { level: 1 })).toHaveTextContent('消费者权益保护检查报告');
    expect(within(doc).getByTestId('report-draft')).toHaveTextContent('草稿：本次检查尚未完成');
    expect(within(doc).getByRole('row', { name: /^被检查机构/ })).toHaveTextContent('城东分行（BR01）');
    expect(within(doc).getByRole('row', { name: /^检查清单/ })).toHaveTextContent('迷你检查表（版本 1.0）');
    expect(within(doc).getByRole('row', { name: /^检查人/ })).toHaveTextContent('张三、李四');
    expect(within(doc).getByRole('row', { name: /^完成时间/ })).toHaveTextContent('未完成');
    expect(within(doc).getByRole('row', { name: /^报告状态/ })).toHaveTextContent('草稿（检查未完成）');

    // Scope and counts.
    expect(doc).toHaveTextContent('覆盖以下 2 个章节、共 3 个检查项，其中 1 项需抽样检查');
    expect(doc).toHaveTextContent('共 3 个检查项，已作答 3 项、未作答 0 项；其中符合 1 项，部分符合 1 项，不符合 1 项，不适用 0 项。');
    const findingCounts = screen.getByTestId('report-summary-findings');
    // 2 findings: 一般 1, 较重 1, 重大 0; 待整改 2; overdue 1 (due 2026-03-20, long past), no repeats, none withdrawn.
    const cells = within(within(findingCounts).getAllByRole('row')[2]!).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['2', '1', '1', '0', '2', '0', '0', '0', '0', '1', '0', '0']);

    // Results per section, every item with its verdict and record.
    const [pub, zq] = screen.getAllByTestId('report-results');
    expect(within(pub!).getByRole('row', { name: /M-PUB-01/ })).toHaveTextContent(`M-PUB-01价目表公示不符合价目表为2024年旧版${ledgerNos[0]}`);
    expect(within(pub!).getByRole('row', { name: /M-PUB-02/ })).toHaveTextContent('M-PUB-02投诉渠道公示符合');
    expect(within(zq!).getByRole('row', { name: /M-ZQ-01/ })).toHaveTextContent(`部分符合抽样 10 笔，问题 2 笔${ledgerNos[1]}`);

    // The findings, in ledger order, the voided one left out.
    const findings = screen.getAllByTestId('report-finding');
    expect(findings.map((f) => within(f).getByRole('heading').textContent?.slice(0, ledgerNos[0]!.length))).toEqual(ledgerNos);
    expect(within(findings[0]!).getByRole('row', { name: /^问题描述/ })).toHaveTextContent('价目表为2024年旧版');
    expect(within(findings[0]!).getByRole('row', { name: /^整改措施/ })).toHaveTextContent('更换为总行最新版价目表');
    expect(within(findings[0]!).getByRole('row', { name: /^整改期限/ })).toHaveTextContent(/^整改期限2026-03-20（已逾期 \d+ 天）整改状态待整改$/);
    expect(within(findings[0]!).getByRole('heading')).toHaveTextContent(/一般 · 待整改 · 已逾期 \d+ 天/);
    expect(within(findings[1]!).getByRole('row', { name: /^整改措施/ })).toHaveTextContent('（未填写）');
    expect(within(findings[1]!).getByRole('group', { name: '整改佐证' })).toHaveTextContent('整改佐证：无');
    const photo = await within(within(findings[0]!).getByRole('group', { name: '整改佐证' })).findByRole('img', { name: '新版价目表.jpg' });

    const signatures = screen.getAllByTestId('report-signature').map((s) => s.textContent);
    expect(signatures).toEqual(['检查人（签字）：日期：', '被检查机构负责人（签字）：日期：']);

    // Export is possible only once the picture has loaded; then it prints under the report's name.
    const button = screen.getByRole('button', { name: /打印 \/ 另存为 PDF/ });
    expect(button).toBeDisabled();
    expect(screen.getByTestId('report-image-state')).toHaveTextContent('正在载入证据图片（0 / 1）');
    act(() => void fireEvent.load(photo));
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);
    await waitFor(() => expect(print).toHaveBeenCalledWith('检查报告-BR01-2026-03-02'));
    expect(document.title).toBe('检查报告-BR01-2026-03-02');
  });

  it('shows a picture that cannot be decoded as a caption, and still lets the report be exported', async () => {
    const { id } = await smallInspection();
    await openReport(id);
    const img = await screen.findByRole('img', { name: '新版价目表.jpg' });
    act(() => void fireEvent.error(img));
    await screen.findByText('图片无法显示');
    await waitFor(() => expect(screen.getByRole('button', { name: /打印 \/ 另存为 PDF/ })).toBeEnabled());
  });

  it('is a final report once the inspection is completed, and speaks English when asked', async () => {
    const { id } = await smallInspection();
    must(await completeInspection(db, id));
    await setLanguage(db, 'en-US');
    await openReport(id);
    const doc = screen.getByTestId('report-doc');
    expect(within(doc).queryByTestId('report-draft')).toBeNull();
    expect(within(doc).getByRole('heading', { level: 1 })).toHaveTextContent('Consumer-Protection Inspection Report');
    expect(within(doc).getByRole('row', { name: /^Report status/ })).toHaveTextContent('Final (inspection completed)');
    expect(within(doc).getByRole('row', { name: /^Completed/ })).not.toHaveTextContent('Not completed');
    expect(screen.getAllByTestId('report-signature').map((s) => s.textContent)).toEqual(['Inspector (signature):Date:', 'Head of the inspected unit (signature):Date:']);
    expect(screen.getByRole('button', { name: /Print \/ save as PDF/ })).toBeInTheDocument();
  });

  it('says so when the inspection does not exist', async () => {
    window.location.hash = routeHash({ name: 'report', id: 'missing' });
    render(<Boot host={fakeHost()} makeDb={() => db} />);
    await screen.findByText('找不到这次检查，它可能已被删除。', {}, { timeout: 10_000 });
  });
});
