// "Print to PDF" of the current view: Chromium renders the sender's page as an A4 PDF, then the bytes
// go through the same save dialog and atomic write as any other file.
import type { WebContents } from 'electron';
import type { Result } from '../../renderer/core/result';
import { appError, err } from '../../renderer/core/result';
import { ERROR_CODES } from '../ipc/error-codes';
import type { DialogDeps, SaveOutcome } from './files';
import { saveWithDialog } from './files';

const PDF_FILTERS = [{ name: 'PDF', extensions: ['pdf'] }];

export const withPdfExtension = (name: string): string => (/\.pdf$/i.test(name) ? name : `${name}.pdf`);

export const printToPdf = async (
  deps: DialogDeps,
  sender: Pick<WebContents, 'printToPDF'>,
  suggestedName: string,
): Promise<Result<SaveOutcome>> => {
  let pdf: Uint8Array;
  try {
    // Rendered before the dialog opens, so the PDF shows the page as it was when the user asked.
    pdf = await sender.printToPDF({ pageSize: 'A4', printBackground: true });
  } catch (error) {
    return err(appError(ERROR_CODES.printFailed, undefined, error instanceof Error ? error.message : String(error)));
  }
  return saveWithDialog(deps, { suggestedName: withPdfExtension(suggestedName), bytes: pdf, filters: PDF_FILTERS });
};
