// A strict JSON (RFC 8259) recogniser used before JSON.parse, for two things JSON.parse cannot give:
// a position and a plain reason for the first syntax error (engine messages differ between Node and
// Chromium and are English), and duplicate keys, which JSON.parse silently resolves to the last one.
// It tracks the JSON path while scanning, so errors also say which section or item they are in.

export type PathSegment = string | number;

export type JsonSyntaxReason =
  | 'unexpectedEnd'
  | 'expectedValue'
  | 'expectedKey'
  | 'expectedColon'
  | 'expectedCommaOrEndOfObject'
  | 'expectedCommaOrEndOfArray'
  | 'trailingComma'
  | 'unterminatedString'
  | 'controlCharInString'
  | 'badEscape'
  | 'badNumber'
  | 'trailingContent'
  | 'comment'
  | 'singleQuote'
  | 'fullWidthPunctuation'
  | 'tooDeep';

export type TextPosition = { offset: number; line: number; column: number };

export type JsonSyntaxError = TextPosition & {
  reason: JsonSyntaxReason;
  /** The offending character, displayable (control characters as U+XXXX); absent at end of text. */
  char?: string;
  path: PathSegment[];
};

export type DuplicateKey = TextPosition & { key: string; path: PathSegment[] };

export type JsonScan = { error: JsonSyntaxError | null; duplicates: DuplicateKey[] };

const MAX_DUPLICATES = 100;

/** Characters a Chinese keyboard produces where JSON needs ASCII punctuation. */
const FULL_WIDTH = new Set(['“', '”', '‘', '’', '，', '：', '｛', '｝', '［', '］', '【', '】']);

class Stop {
  constructor(
    readonly reason: JsonSyntaxReason,
    readonly offset: number,
  ) {}
}

export function scanJson(text: string, maxDepth: number): JsonScan {
  const duplicates: Array<{ offset: number; key: string; path: PathSegment[] }> = [];
  const path: PathSegment[] = [];
  let i = 0;

  const fail = (reason: JsonSyntaxReason, at: number = i): never => {
    throw new Stop(reason, at);
  };

  const skipWs = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };

  /** The reason for an unexpected character at i, with a friendlier reason when we can guess. */
  const unexpected = (fallback: JsonSyntaxReason): never => {
    const ch = text[i];
    if (ch === undefined) return fail('unexpectedEnd');
    if (ch === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return fail('comment');
    if (ch === "'") return fail('singleQuote');
    if (FULL_WIDTH.has(ch)) return fail('fullWidthPunctuation');
    return fail(fallback);
  };

  /** Scans a string starting at the opening quote; returns its decoded value only when asked. */
  const string = (decode: boolean): string => {
    i++; // opening quote
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= text.length) return fail('unterminatedString');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        if (decode) out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c < 0x20) return fail('controlCharInString');
      if (c !== 0x5c) {
        i++;
        continue;
      }
      if (decode) out += text.slice(chunk, i);
      const e = text[i + 1];
      if (e === undefined) return fail('unterminatedString', i + 1);
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) return fail('badEscape');
        if (decode) out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        const simple = SIMPLE_ESCAPES[e];
        if (simple === undefined) return fail('badEscape');
        if (decode) out += simple;
        i += 2;
      }
      chunk = i;
    }
  };

  const digits = (): void => {
    const start = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    if (i === start) fail('badNumber');
  };

  const number = (): void => {
    if (text[i] === '-') i++;
    if (text[i] === '0') {
      i++;
      if (i < text.length && isDigit(text.charCodeAt(i))) fail('badNumber'); // leading zero
    } else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };

  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('expectedValue');
  };

  const value = (depth: number): void => {
    skipWs();
    const ch = text[i];
    if (ch === undefined) return fail('unexpectedEnd');
    if (ch === '{') object(depth + 1);
    else if (ch === '[') array(depth + 1);
    else if (ch === '"') string(false);
    else if (ch === '-' || isDigit(ch.charCodeAt(0))) number();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else unexpected('expectedValue');
  };

  const object = (depth: number): void => {
    if (depth > maxDepth) fail('tooDeep');
    i++;
    skipWs();
    if (text[i] === '}') {
      i++;
      return;
    }
    const seen = new Set<string>();
    for (;;) {
      skipWs();
      if (text[i] !== '"') {
        if (text[i] === '}' && seen.size > 0) fail('trailingComma');
        unexpected('expectedKey');
      }
      const keyAt = i;
      const key = string(true);
      if (seen.has(key)) {
        if (duplicates.length < MAX_DUPLICATES) duplicates.push({ offset: keyAt, key, path: [...path, key] });
      } else seen.add(key);
      skipWs();
      if (text[i] !== ':') unexpected('expectedColon');
      i++;
      path.push(key);
      value(depth);
      path.pop();
      skipWs();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      unexpected('expectedCommaOrEndOfObject');
    }
  };

  const array = (depth: number): void => {
    if (depth > maxDepth) fail('tooDeep');
    i++;
    skipWs();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (let index = 0; ; index++) {
      skipWs();
      if (text[i] === ']' && index > 0) fail('trailingComma');
      path.push(index);
      value(depth);
      path.pop();
      skipWs();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      unexpected('expectedCommaOrEndOfArray');
    }
  };

  let error: JsonSyntaxError | null = null;
  try {
    value(0);
    skipWs();
    if (i < text.length) unexpected('trailingContent');
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const at = Math.min(e.offset, text.length);
    const char = at < text.length ? displayChar(text, at) : undefined;
    error = { reason: e.reason, ...positionAt(text, at), path: [...path], ...(char !== undefined ? { char } : {}) };
  }
  const at = locator(text); // duplicates were found in increasing offset order
  return { error, duplicates: duplicates.map((d) => ({ key: d.key, path: d.path, ...at(d.offset) })) };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    '"': '"',
    '\\': '\\',
    '/': '/',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
  }),
);

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** 1-based line and column; columns count code points, as editors do; CRLF, LF and CR end a line. */
export function positionAt(text: string, offset: number): TextPosition {
  return locator(text)(offset);
}

/** Positions for increasing offsets in one pass over the text (a 5 MB single-line file stays linear). */
function locator(text: string): (offset: number) => TextPosition {
  let k = 0;
  let line = 1;
  let column = 1;
  return (offset) => {
    if (offset < k) {
      k = 0;
      line = 1;
      column = 1;
    }
    for (; k < offset; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a)) {
        line++;
        column = 1;
      } else if (!(c >= 0xdc00 && c <= 0xdfff && k > 0 && isHighSurrogate(text.charCodeAt(k - 1)))) {
        column++; // the second half of a surrogate pair is not a new column
      }
    }
    return { offset, line, column };
  };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function displayChar(text: string, at: number): string {
  const cp = text.codePointAt(at) ?? 0;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return String.fromCodePoint(cp);
}
