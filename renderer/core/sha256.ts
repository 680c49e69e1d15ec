// SHA-256 (FIPS 180-4) in plain synchronous code. WebCrypto's digest is asynchronous, and awaiting it
// inside an IndexedDB transaction lets the transaction commit early (the change lands without its
// history entry). History hashes are therefore computed with this function, inside the transaction.
// Tested against Node's crypto on random inputs (test/core/sha256.test.ts).
import { utf8EncodeInto } from './utf8';

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const INITIAL: readonly [number, number, number, number, number, number, number, number] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

// One schedule buffer for every call: sha256Sync never re-enters itself.
const W = new Int32Array(64);

/** Runs the compression function over the 64-byte blocks of `bytes` from `offset` to `end`. */
function compress(state: Int32Array, bytes: Uint8Array, offset: number, end: number): void {
  const w = W;
  const k = K;
  // Typed-array reads are numbers at run time; `as number` only satisfies noUncheckedIndexedAccess.
  let h0 = state[0] as number, h1 = state[1] as number, h2 = state[2] as number, h3 = state[3] as number;
  let h4 = state[4] as number, h5 = state[5] as number, h6 = state[6] as number, h7 = state[7] as number;
  for (let p = offset; p < end; p += 64) {
    for (let i = 0; i < 16; i++) {
      const j = p + i * 4;
      w[i] = ((bytes[j] as number) << 24) | ((bytes[j + 1] as number) << 16) | ((bytes[j + 2] as number) << 8) | (bytes[j + 3] as number);
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      // Each sum kept in int32 (`| 0` after every addition): V8 then never leaves integer arithmetic.
      w[i] = ((((w[i - 16] as number) + s0) | 0) + (((w[i - 7] as number) + s1) | 0)) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, hh = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (((((hh + S1) | 0) + ((e & f) ^ (~e & g))) | 0) + (((k[i] as number) + (w[i] as number)) | 0)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + hh) | 0;
  }
  state[0] = h0; state[1] = h1; state[2] = h2; state[3] = h3;
  state[4] = h4; state[5] = h5; state[6] = h6; state[7] = h7;
}

export function sha256Sync(bytes: Uint8Array): Uint8Array {
  const length = bytes.length;
  const state = new Int32Array(INITIAL);
  // Whole blocks straight from the input; only the tail is copied, with the 0x80, the zero padding and
  // the 64-bit big-endian bit length (one or two blocks).
  const whole = length - (length % 64);
  compress(state, bytes, 0, whole);
  const tail = new Uint8Array(length - whole + 9 > 64 ? 128 : 64);
  tail.set(bytes.subarray(whole));
  finish(state, tail, length - whole, length);
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, (state[i] ?? 0) >>> 0);
  return out;
}

/**
 * Pads the message whose last `used` bytes sit at the start of `block` (zeros after them, room for one
 * or two blocks) and compresses it: the 0x80, the zero padding, the 64-bit big-endian bit length.
 */
function finish(state: Int32Array, block: Uint8Array, used: number, length: number): void {
  const end = used + 9 > 64 ? 128 : 64;
  block[used] = 0x80;
  const bits = length * 8;
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  block[end - 8] = high >>> 24;
  block[end - 7] = (high >>> 16) & 0xff;
  block[end - 6] = (high >>> 8) & 0xff;
  block[end - 5] = high & 0xff;
  block[end - 4] = low >>> 24;
  block[end - 3] = (low >>> 16) & 0xff;
  block[end - 2] = (low >>> 8) & 0xff;
  block[end - 1] = low & 0xff;
  compress(state, block, 0, end);
}

// sha256HexSync's UTF-8 buffer, grown as needed and reused: it never re-enters itself (no callbacks).
let buffer = new Uint8Array(4096);
const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Lower-case hex SHA-256 of the UTF-8 bytes of `text` (lone surrogates as U+FFFD, as utf8Encode and
 * TextEncoder do). Encodes in one pass into a reused buffer and pads in place: history hashing at import
 * runs this on every entry of every package.
 */
export function sha256HexSync(text: string): string {
  // At most 3 bytes per UTF-16 unit, and up to 72 bytes of padding.
  const need = text.length * 3 + 72;
  if (buffer.length < need) buffer = new Uint8Array(Math.max(need, buffer.length * 2));
  const out = buffer;
  const o = utf8EncodeInto(text, out, 0);
  const state = new Int32Array(INITIAL);
  const whole = o - (o % 64);
  compress(state, out, 0, whole);
  // The tail moved to the buffer's start would overlap it; padding after it in place is what finish needs.
  const block = out.subarray(whole, whole + 128);
  block.fill(0, o - whole);
  finish(state, block, o - whole, o);
  let hex = '';
  for (let i = 0; i < 8; i++) {
    const w = (state[i] as number) >>> 0;
    hex += (HEX[w >>> 24] as string) + (HEX[(w >>> 16) & 0xff] as string) + (HEX[(w >>> 8) & 0xff] as string) + (HEX[w & 0xff] as string);
  }
  return hex;
}
