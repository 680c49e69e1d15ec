// Two 整改台账 workbooks damaged by the hostile-import campaign (issue 8) that made ExcelTS's streaming
// reader wait forever: a few bytes changed so that the zip's local headers disagree with its central
// directory. The reader now gets the parts the guard inflated and checked, restored as a clean archive:
// each file is read or refused with a reason, in well under the time limit.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkbookReader } from '@cj-tech-master/excelts';
import { readLedgerWorkbook } from '../../renderer/io/ledger-workbook';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(resolve(import.meta.dirname, '../fixtures/workbooks', name)));

/** Resolves to 'still waiting' when `work` has not settled after `ms`. */
const within = <T>(work: Promise<T>, ms: number): Promise<T | 'still waiting'> =>
  Promise.race([work, new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), ms))]);

async function readRaw(bytes: Uint8Array): Promise<string> {
  try {
    for await (const sheet of new WorkbookReader(bytes, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' })) {
      for await (const _ of sheet) void _;
    }
    return 'read';
  } catch {
    return 'threw';
  }
}

describe('a workbook whose zip headers were damaged', () => {
  it('hangs ExcelTS when given the file itself (why the guard hands over its own parts)', async () => {
    // If this starts failing, ExcelTS fixed its reader: the guard's archive is still what keeps the
    // reader to the parts that were checked.
    expect(await within(readRaw(fixture('ledger-damaged-local-headers.xlsx')), 3000)).toBe('still waiting');
  });

  it('is read, or refused as unreadable, and never left waiting', async () => {
    const damagedHeaders = await within(readLedgerWorkbook(fixture('ledger-damaged-local-headers.xlsx')), 20_000);
    expect(damagedHeaders).toMatchObject({ ok: false, error: { code: 'workbook.unreadable' } });
    const damagedDirectory = await within(readLedgerWorkbook(fixture('ledger-damaged-central-directory.xlsx')), 20_000);
    expect(damagedDirectory).not.toBe('still waiting');
    if (damagedDirectory !== 'still waiting' && damagedDirectory.ok) expect(damagedDirectory.value.sheets).toEqual(['整改台账']);
  });
});
