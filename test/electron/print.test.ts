// Print to PDF in main: the options Chromium gets (the page's own @page rules decide the layout, as in
// the browser's print) and the file name the save dialog proposes.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dialog as electronDialog, type PrintToPDFOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWrittenPaths, type DialogDeps } from '../../electron/main/files';
import { PDF_OPTIONS, printToPdf, withPdfExtension } from '../../electron/main/print';
import { dialog, resetFakeElectron } from './fake-electron';

let dir: string;

beforeEach(async () => {
  resetFakeElectron();
  dir = await mkdtemp(join(tmpdir(), 'xiaobao-print-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A sender that records what it was asked to print. */
const fakeSender = () => {
  const calls: PrintToPDFOptions[] = [];
  return {
    calls,
    printToPDF: async (options: PrintToPDFOptions) => {
      calls.push(options);
      return Buffer.from('%PDF-1.7 fake');
    },
  };
};

const deps = (): DialogDeps => ({ dialog: electronDialog, getWindow: () => null, defaultDirectory: dir, written: createWrittenPaths('linux') });

describe('printToPdf', () => {
  it('lets the page’s @page size and margins decide, keeps backgrounds, adds no header or footer of its own', () => {
    expect(PDF_OPTIONS).toEqual({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });
  });

  it('prints the sender once, before the dialog, and writes the PDF where the user chose', async () => {
    const sender = fakeSender();
    const target = join(dir, '检查报告-BR0101-2026-03-02.pdf');
    dialog.saveReplies.push({ canceled: false, filePath: target });
    await expect(printToPdf(deps(), sender, '检查报告-BR0101-2026-03-02')).resolves.toEqual({ ok: true, value: { saved: true, path: target } });
    expect(sender.calls).toEqual([PDF_OPTIONS]);
    expect(dialog.saveCalls[0]?.options).toMatchObject({ defaultPath: target, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.7 fake');
  });

  it('saves nothing when the user cancels', async () => {
    await expect(printToPdf(deps(), fakeSender(), '检查报告')).resolves.toEqual({ ok: true, value: { saved: false } });
  });

  it('withPdfExtension adds .pdf once', () => {
    expect(withPdfExtension('检查报告-BR0101-2026-03-02')).toBe('检查报告-BR0101-2026-03-02.pdf');
    expect(withPdfExtension('r.PDF')).toBe('r.PDF');
  });
});
