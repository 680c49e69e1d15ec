import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { positionAt, scanJson, type JsonSyntaxReason } from '../../../renderer/core/checklist/json-text';

function errorOf(text: string) {
  return scanJson(text, 32).error;
}

describe('scanJson', { timeout: 30_000 }, () => {
  it('accepts what JSON.parse accepts', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(scanJson(text, 1000).error).toBeNull();
      }),
    );
  });

  it('rejects what JSON.parse rejects', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(scanJson(text, 1000).error === null).toBe(parses);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '0', '1', '-', '.', 'e', ' ', '\\', 'n', 'u', 'l', 't') }), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(scanJson(text, 1000).error === null).toBe(parses);
      }),
      { numRuns: 5000 },
    );
  });

  const cases: Array<[string, JsonSyntaxReason, number, number, string | undefined]> = [
    ['{"a": 1,}', 'trailingComma', 1, 9, '}'],
    ['[1, 2,]', 'trailingComma', 1, 7, ']'],
    ['{"a": 1\n "b": 2}', 'expectedCommaOrEndOfObject', 2, 2, '"'],
    ['[1 2]', 'expectedCommaOrEndOfArray', 1, 4, '2'],
    ['{"a" 1}', 'expectedColon', 1, 6, '1'],
    ["{'a': 1}", 'singleQuote', 1, 2, "'"],
    ['{a: 1}', 'expectedKey', 1, 2, 'a'],
    ['{"a": “x”}', 'fullWidthPunctuation', 1, 7, '“'],
    ['{"a": 1，"b": 2}', 'fullWidthPunctuation', 1, 8, '，'],
    ['{"a": 1} // note', 'comment', 1, 10, '/'],
    ['{"a": "x\ny"}', 'controlCharInString', 1, 9, 'U+000A'],
    ['{"a": "\\x"}', 'badEscape', 1, 8, '\\'],
    ['{"a": 01}', 'badNumber', 1, 8, '1'],
    ['{"a": -}', 'badNumber', 1, 8, '}'],
    ['{"a": 1.}', 'badNumber', 1, 9, '}'],
    ['{"a": tru}', 'expectedValue', 1, 7, 't'],
    ['{"a": NaN}', 'expectedValue', 1, 7, 'N'],
    ['{"a": 1', 'unexpectedEnd', 1, 8, undefined],
    ['{"a": "abc', 'unterminatedString', 1, 11, undefined],
    ['{} {}', 'trailingContent', 1, 4, '{'],
  ];

  it.each(cases)('%j → %s at %i:%i', (text, reason, line, column, char) => {
    const e = errorOf(text);
    expect(e).not.toBeNull();
    expect(e!.reason).toBe(reason);
    expect([e!.line, e!.column]).toEqual([line, column]);
    expect(e!.char).toBe(char);
  });

  it('counts columns in code points and lines across LF, CRLF and CR', () => {
    expect(positionAt('😀😀x', 4)).toMatchObject({ line: 1, column: 3 });
    expect(positionAt('a\r\nb\rc\nd', 7)).toMatchObject({ line: 4, column: 1 });
    expect(positionAt('网点\n检查', 4)).toMatchObject({ line: 2, column: 2 });
  });

  it('reports the JSON path where the error is', () => {
    const e = errorOf('{"sections": [{"items": [{"code": "A"}, {"code" "B"}]}]}');
    expect(e!.path).toEqual(['sections', 0, 'items', 1]);
  });

  it('finds duplicate keys, with escapes decoded, at every level', () => {
    const scan = scanJson('{"a": 1, "b": {"x": 1, "\\u0078": 2}, "a": 3}', 32);
    expect(scan.error).toBeNull();
    expect(scan.duplicates.map((d) => [d.key, d.path, d.line, d.column])).toEqual([
      ['x', ['b', 'x'], 1, 24],
      ['a', ['a'], 1, 38],
    ]);
  });

  it('stops at the nesting limit', () => {
    expect(errorOf('[[[[1]]]]')).toBeNull();
    expect(scanJson('[[[[1]]]]', 3).error?.reason).toBe('tooDeep');
    expect(scanJson('[[[1]]]', 3).error).toBeNull();
  });
});
