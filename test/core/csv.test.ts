import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv, serializeCsv } from '../../renderer/core/csv';
import type { CsvDelimiter } from '../../renderer/core/csv';

const rowsOf = (text: string, options?: Parameters<typeof parseCsv>[1]): string[][] => {
  const result = parseCsv(text, options);
  if (!result.ok) throw new Error(`unexpected error ${JSON.stringify(result.error)}`);
  return result.value;
};

describe('parseCsv', () => {
  it('reads plain rows with LF or CRLF and ignores one trailing line break', () => {
    expect(rowsOf('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(rowsOf('a,b\r\nc,d\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(rowsOf('a,b\rc,d\r')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('returns no rows for empty text', () => {
    expect(rowsOf('')).toEqual([]);
    expect(rowsOf('\uFEFF')).toEqual([]);
  });

  it('strips a UTF-8 byte-order mark', () => {
    expect(rowsOf('\uFEFF机构代码,机构名称\r\nBR01,北京分行\r\n')).toEqual([
      ['机构代码', '机构名称'],
      ['BR01', '北京分行'],
    ]);
  });

  it('keeps empty fields and empty lines in the middle', () => {
    expect(rowsOf('a,,c\n\n,\n')).toEqual([['a', '', 'c'], [''], ['', '']]);
  });

  it('reads quoted fields with delimiters, escaped quotes and line breaks inside', () => {
    expect(rowsOf('"a,b","say ""hi""","line1\r\nline2","line3\nline4"\r\nx,y,z,w')).toEqual([
      ['a,b', 'say "hi"', 'line1\r\nline2', 'line3\nline4'],
      ['x', 'y', 'z', 'w'],
    ]);
    expect(rowsOf('""')).toEqual([['']]);
    expect(rowsOf('"",""')).toEqual([['', '']]);
  });

  it('reads stray quotes leniently, as Excel does', () => {
    expect(rowsOf('ab"c,d')).toEqual([['ab"c', 'd']]);
    expect(rowsOf('"ab"c,d')).toEqual([['abc', 'd']]);
  });

  it('reports an unterminated quote with the line where it opened', () => {
    const result = parseCsv('a,b\nc,"d\ne,f\n');
    expect(result).toEqual({ ok: false, error: { code: 'csv.unterminatedQuote', params: { line: 2 } } });
    // Line breaks inside an earlier quoted field still count as lines.
    expect(parseCsv('a,"x\r\ny"\r\nb,"open\r\n')).toEqual({
      ok: false,
      error: { code: 'csv.unterminatedQuote', params: { line: 3 } },
    });
  });

  it('detects semicolon and tab delimiters when the header has no comma', () => {
    expect(rowsOf('机构代码;机构名称\nBR01;北京分行,朝阳')).toEqual([
      ['机构代码', '机构名称'],
      ['BR01', '北京分行,朝阳'],
    ]);
    expect(rowsOf('code\tname\nBR01\t"a;b"')).toEqual([
      ['code', 'name'],
      ['BR01', 'a;b'],
    ]);
    expect(detectDelimiter('"a,b";c')).toBe(';');
    expect(detectDelimiter('a;b,c')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
    expect(rowsOf('a;b', { delimiter: ',' })).toEqual([['a;b']]);
  });

  it('enforces the size and row caps', () => {
    expect(parseCsv('abcdef', { maxChars: 5 })).toEqual({ ok: false, error: { code: 'csv.tooLarge', params: { max: 5 } } });
    expect(parseCsv('a\nb\nc', { maxRows: 2 })).toEqual({
      ok: false,
      error: { code: 'csv.tooManyRows', params: { max: 2 } },
    });
    expect(rowsOf('a\nb\n', { maxRows: 2 })).toEqual([['a'], ['b']]);
  });
});

describe('serializeCsv', () => {
  it('quotes only what needs quoting and ends lines with CRLF', () => {
    expect(serializeCsv([['a', 'b,c', 'd"e', 'f\ng', ''], ['']])).toBe('a,"b,c","d""e","f\ng",\r\n""\r\n');
  });
});

// Characters that matter to CSV, mixed with arbitrary text.
const cell = fc.oneof(
  fc.string({ unit: fc.constantFrom(',', ';', '\t', '"', '\r', '\n', '\uFEFF', ' ', 'a', '消', '保') }),
  fc.string({ unit: 'grapheme' }),
);
const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 12 });

describe('CSV round trip', () => {
  it('parse(serialize(rows)) gives the rows back for every delimiter', () => {
    fc.assert(
      fc.property(table, fc.constantFrom<CsvDelimiter>(',', ';', '\t'), (rows, delimiter) => {
        expect(rowsOf(serializeCsv(rows, delimiter), { delimiter })).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('detects the delimiter of serialised rows whenever the header has two or more columns', () => {
    fc.assert(
      fc.property(table, fc.constantFrom<CsvDelimiter>(',', ';', '\t'), (rows, delimiter) => {
        // A one-column header holds no delimiter to detect; the comma default only fits comma files.
        fc.pre(rows.length === 0 || (rows[0]?.length ?? 0) >= 2 || delimiter === ',');
        expect(rowsOf(serializeCsv(rows, delimiter))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('parse(serialize(rows)) gives the rows back with LF line ends and a BOM too', () => {
    fc.assert(
      fc.property(table, (rows) => {
        // Only the separating CRLFs become LF; CRLFs inside quoted fields are data and stay.
        const lf = rows.map((row) => serializeCsv([row]).slice(0, -2)).join('\n');
        expect(rowsOf(`\uFEFF${lf}`)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});
