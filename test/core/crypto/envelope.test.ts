// The password envelope with Node's WebCrypto (the same API as Chromium's). Most tests lower the PBKDF2
// minimum through the explicit `minIterations` dependency so hundreds of round trips stay fast; one test
// runs the production parameters end to end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ITERATIONS,
  ENVELOPE_MIN_BYTES,
  MAX_ITERATIONS,
  isSealed,
  open,
  seal,
} from '../../../renderer/core/crypto/envelope';
import type { EnvelopeDeps, EnvelopeSubtle } from '../../../renderer/core/crypto/envelope';

/** Node's subtle, method by method, with some replaced. */
const subtleWith = (overrides: Partial<EnvelopeSubtle>): EnvelopeSubtle => ({
  importKey: (...args) => crypto.subtle.importKey(...args),
  deriveKey: (algorithm, key, type, extractable, usages) => crypto.subtle.deriveKey(algorithm, key as CryptoKey, type, extractable, usages),
  encrypt: (algorithm, key, data) => crypto.subtle.encrypt(algorithm, key as CryptoKey, data),
  decrypt: (algorithm, key, data) => crypto.subtle.decrypt(algorithm, key as CryptoKey, data),
  digest: (...args) => crypto.subtle.digest(...args),
  ...overrides,
});

const production: EnvelopeDeps = {
  // The platform's own object, unchanged: proves WebCrypto's SubtleCrypto fits the type core declares.
  subtle: crypto.subtle,
  randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
};
const FAST = 1000;
const fast: EnvelopeDeps = { ...production, minIterations: FAST };

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

async function sealed(content: Uint8Array, password: string, deps = fast, iterations = FAST): Promise<Uint8Array> {
  const result = await seal(content, password, deps, { iterations });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

async function codeOf(promise: Promise<{ ok: boolean; error?: { code: string } }>): Promise<string> {
  const result = await promise;
  return result.ok ? 'ok' : result.error!.code;
}

/** Recomputes the trailing checksum, as someone who edits the file on purpose would. */
async function withChecksum(bytes: Uint8Array): Promise<Uint8Array> {
  const out = new Uint8Array(bytes);
  const body = out.subarray(0, out.length - 32);
  out.set(new Uint8Array(await crypto.subtle.digest('SHA-256', body)), out.length - 32);
  return out;
}

describe('seal and open', () => {
  it('round-trips with the production parameters: 600,000 PBKDF2 rounds, header, random salt and IV', async () => {
    const content = text('PK\u0003\u0004 一个台账包');
    const result = await seal(content, '正确的密码', production);
    if (!result.ok) throw new Error(result.error.code);
    const bytes = result.value;
    expect(isSealed(bytes)).toBe(true);
    expect(new TextDecoder().decode(bytes.subarray(0, 6))).toBe('XBENC1');
    expect(bytes[6]).toBe(0);
    expect(new DataView(bytes.buffer).getUint32(7)).toBe(600_000);
    expect(DEFAULT_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(bytes.length).toBe(ENVELOPE_MIN_BYTES + content.length);
    expect(await open(bytes, '正确的密码', production)).toEqual({ ok: true, value: content });
    expect(await codeOf(open(bytes, '错误的密码', production))).toBe('envelope.wrongPassword');

    const again = await seal(content, '正确的密码', production);
    if (!again.ok) throw new Error(again.error.code);
    // Fresh salt and IV every time: the same content and password never give the same file.
    expect(again.value.subarray(11, 39)).not.toEqual(bytes.subarray(11, 39));
  }, 30_000);

  it('round-trips any content under any non-empty password', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.string({ minLength: 1, unit: 'grapheme' }), async (content, password) => {
        const bytes = await sealed(content, password);
        const back = await open(bytes, password, fast);
        expect(back).toEqual({ ok: true, value: content });
      }),
      { numRuns: 60 },
    );
  });

  it('says wrong password for any other password', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), async (right, wrong) => {
        fc.pre(right.normalize('NFC') !== wrong.normalize('NFC'));
        const bytes = await sealed(text('内容'), right);
        expect(await codeOf(open(bytes, wrong, fast))).toBe('envelope.wrongPassword');
      }),
      { numRuns: 40 },
    );
  });

  it('treats the same text in composed and decomposed Unicode as the same password', async () => {
    const composed = 'caf\u00e9密码';
    const decomposed = 'cafe\u0301密码';
    const bytes = await sealed(text('x'), composed);
    expect((await open(bytes, decomposed, fast)).ok).toBe(true);
  });

  it('refuses an empty password, and keeps spaces as part of a password', async () => {
    expect(await codeOf(seal(text('x'), '', fast, { iterations: FAST }))).toBe('envelope.passwordEmpty');
    const bytes = await sealed(text('x'), ' 密码 ');
    expect(await codeOf(open(bytes, '', fast))).toBe('envelope.passwordEmpty');
    expect(await codeOf(open(bytes, '密码', fast))).toBe('envelope.wrongPassword');
    expect((await open(bytes, ' 密码 ', fast)).ok).toBe(true);
  });

  it('detects every single-byte change of a small sealed file, without throwing', async () => {
    const bytes = await sealed(text('台账'), 'pw');
    for (let at = 0; at < bytes.length; at++) {
      for (const flip of [0x01, 0x80, 0xff]) {
        const changed = new Uint8Array(bytes);
        changed[at]! ^= flip;
        const code = await codeOf(open(changed, 'pw', fast));
        // The checksum catches it before any key is derived; the version byte is read first.
        expect([at, flip, code]).toEqual([at, flip, at === 5 ? 'envelope.unsupported' : 'envelope.corrupt']);
      }
    }
  });

  it('still detects a deliberate change whose checksum was recomputed: GCM authenticates header and content', async () => {
    const bytes = await sealed(text('台账'), 'pw');
    for (let at = 0; at < bytes.length - 32; at++) {
      const changed = new Uint8Array(bytes);
      changed[at]! ^= 0x01;
      const code = await codeOf(open(await withChecksum(changed), 'pw', fast));
      expect(['envelope.wrongPassword', 'envelope.unsupported', 'envelope.corrupt'], `byte ${at}`).toContain(code);
    }
  });

  it('calls a truncated or padded file corrupt', async () => {
    const bytes = await sealed(text('一些内容'), 'pw');
    for (let length = 0; length < bytes.length; length++) {
      expect(await codeOf(open(bytes.subarray(0, length), 'pw', fast)), `length ${length}`).toBe('envelope.corrupt');
    }
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(await codeOf(open(longer, 'pw', fast))).toBe('envelope.corrupt');
    expect(await codeOf(open(text('PK\u0003\u0004 a plain zip'), 'pw', fast))).toBe('envelope.corrupt');
  });

  it('refuses an unknown format version', async () => {
    const bytes = await sealed(text('x'), 'pw');
    bytes[5] = 0x32; // "2"
    expect(await codeOf(open(await withChecksum(bytes), 'pw', fast))).toBe('envelope.unsupported');
  });

  it('refuses round counts below the minimum or above the cap before deriving any key', async () => {
    let derived = 0;
    const counting: EnvelopeDeps = {
      ...fast,
      subtle: subtleWith({
        deriveKey: (algorithm, key, type, extractable, usages) => {
          derived += 1;
          return crypto.subtle.deriveKey(algorithm, key as CryptoKey, type, extractable, usages);
        },
      }),
    };
    const bytes = await sealed(text('x'), 'pw');
    derived = 0;
    for (const iterations of [0, FAST - 1, MAX_ITERATIONS + 1, 0xffffffff]) {
      const crafted = new Uint8Array(bytes);
      new DataView(crafted.buffer).setUint32(7, iterations);
      expect(await codeOf(open(await withChecksum(crafted), 'pw', counting)), String(iterations)).toBe('envelope.unsupported');
    }
    expect(derived).toBe(0);
    // The production minimum applies whenever the test-only dependency is absent.
    expect(await codeOf(open(bytes, 'pw', production))).toBe('envelope.unsupported');
  });

  it('will not seal with fewer rounds than the minimum or more than the cap', async () => {
    await expect(seal(text('x'), 'pw', production, { iterations: 1000 })).rejects.toThrow(RangeError);
    await expect(seal(text('x'), 'pw', production, { iterations: 599_999 })).rejects.toThrow(RangeError);
    await expect(seal(text('x'), 'pw', fast, { iterations: MAX_ITERATIONS + 1 })).rejects.toThrow(RangeError);
    await expect(seal(text('x'), 'pw', fast, { iterations: 1000.5 })).rejects.toThrow(RangeError);
  });

  it('reports a failing crypto implementation as envelope.failed with the cause', async () => {
    const broken: EnvelopeDeps = {
      ...fast,
      subtle: subtleWith({ importKey: () => Promise.reject(new Error('no PBKDF2 here')) }),
    };
    const result = await seal(text('x'), 'pw', broken, { iterations: FAST });
    expect(result).toEqual({ ok: false, error: { code: 'envelope.failed', detail: 'Error: no PBKDF2 here' } });
  });

  it('opens bytes that are a view into a larger buffer', async () => {
    const bytes = await sealed(text('视图'), 'pw');
    const big = new Uint8Array(bytes.length + 10);
    big.set(bytes, 5);
    expect(await open(big.subarray(5, 5 + bytes.length), 'pw', fast)).toEqual({ ok: true, value: text('视图') });
  });
});

describe('isSealed', () => {
  it('recognises the magic of any version and nothing else', () => {
    expect(isSealed(text('XBENC1\u0000'.padEnd(40, 'x')))).toBe(true);
    expect(isSealed(text('XBENC9\u0000'.padEnd(40, 'x')))).toBe(true);
    expect(isSealed(text('XBENC1x'.padEnd(40, 'x')))).toBe(false);
    expect(isSealed(text('PK\u0003\u0004'.padEnd(40, 'x')))).toBe(false);
    expect(isSealed(new Uint8Array(0))).toBe(false);
  });
});
