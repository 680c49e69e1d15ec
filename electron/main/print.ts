// "Print to PDF" of the current view: Chromium renders the sender's page as an A4 PDF, then the bytes
// go through the same save dialog and atomic write as any other file. The page's print CSS decides
// the layout: its @page size wins over the A4 default (preferCSSPageSize), and its @page margins and
// margin boxes (the report's running head and "page N of M") are used as written, exactly as when the
// web mode prints through the browser's dialog. No header/footer templates of Electron's own, so the
// desktop PDF and the browser's print are the same pages.
import type { WebContents } from 'electron';
import type { Result } from '../../renderer/core/result';
import { appError, err } from '../../renderer/core/result';
import { ERROR_CODES } from '../ipc/error-codes';
import type { DialogDeps, SaveOutcome } from './files';
import { saveWithDialog } from './files';

const PDF_FILTERS = [{ name: 'PDF', extensions: ['pdf'] }];

/** A4 unless the page's CSS says otherwise; backgrounds kept (table header shading, evidence pictures' frames). */
export const PDF_OPTIONS = { pageSize: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false } as const;

export const withPdfExtension = (name: string): string => (/\.pdf$/i.test(name) ? name : `${name}.pdf`);

export const printToPdf = async (
  deps: DialogDeps,
  sender: Pick<WebContents, 'printToPDF'>,
  suggestedName: string,
): Promise<Result<SaveOutcome>> => {
  let pdf: Uint8Array;
  try {
    // Rendered before the dialog opens, so the PDF shows the page as it was when the user asked.
    pdf = await sender.printToPDF(PDF_OPTIONS);
  } catch (error) {
    return err(appError(ERROR_CODES.printFailed, undefined, error instanceof Error ? error.message : String(error)));
  }
  return saveWithDialog(deps, { suggestedName: withPdfExtension(suggestedName), bytes: pdf, filters: PDF_FILTERS });
};
