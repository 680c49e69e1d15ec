// Seeded pseudo-random numbers for the demo campaign: sfc32 (Chris Doty-Humphrey's small fast counter
// generator) seeded from SHA-256 of a text seed. Not for anything secret except demo keys, whose only
// job is to be reproducible. `fork` gives an independent stream per label, so branch 7 of a campaign is
// the same whether 10 or 200 branches are generated.
import { sha256Sync } from '../sha256';
import { utf8Encode } from '../utf8';

export type Prng = {
  /** A float in [0, 1). */
  next: () => number;
  /** An integer in [min, max], both included. */
  int: (min: number, max: number) => number;
  chance: (probability: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  /** A new array in random order (Fisher–Yates). */
  shuffle: <T>(items: readonly T[]) => T[];
  bytes: (length: number) => Uint8Array;
  /** A version-4-shaped UUID. */
  uuid: () => string;
  /** An independent generator for `label`, derived from this one's seed, not from its position. */
  fork: (label: string) => Prng;
};

export function createPrng(seed: string): Prng {
  const digest = sha256Sync(utf8Encode(seed));
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  let a = view.getUint32(0);
  let b = view.getUint32(4);
  let c = view.getUint32(8);
  let d = view.getUint32(12) | 1;

  const nextU32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs of sfc32 still resemble the seed words.
  for (let i = 0; i < 12; i++) nextU32();

  const next = (): number => nextU32() / 0x1_0000_0000;
  const int = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new RangeError(`int(${min}, ${max})`);
    return min + Math.floor(next() * (max - min + 1));
  };
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[int(0, items.length - 1)] as T;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  const bytes = (length: number): Uint8Array => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 4) {
      const word = nextU32();
      for (let k = 0; k < 4 && i + k < length; k++) out[i + k] = (word >>> (8 * k)) & 0xff;
    }
    return out;
  };
  const uuid = (): string => {
    const b16 = bytes(16);
    b16[6] = ((b16[6] ?? 0) & 0x0f) | 0x40;
    b16[8] = ((b16[8] ?? 0) & 0x3f) | 0x80;
    const hex = [...b16].map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
  return { next, int, chance: (p) => next() < p, pick, shuffle, bytes, uuid, fork: (label) => createPrng(`${seed}\u0000${label}`) };
}
