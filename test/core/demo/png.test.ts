// The demo's PNG encoder, checked with zlib (which verifies the Adler-32 of the image data) and zlib's
// CRC-32 of every chunk: an independent reader, not our own code, decides whether the file is valid.
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adler32, crc32, encodePng, noticePicture, zlibStored } from '../../../renderer/core/demo/png';

type Chunk = { type: string; data: Uint8Array; crc: number };

function chunks(png: Uint8Array): Chunk[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
    out.push({ type, data: png.subarray(at + 8, at + 8 + length), crc: view.getUint32(at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

function decode(png: Uint8Array): { width: number; height: number; rgb: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const list = chunks(png);
  expect(list.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  for (const c of list) expect(c.crc, c.type).toBe(zlibCrc32(Buffer.concat([Buffer.from(c.type, 'latin1'), c.data])));
  const ihdr = new DataView(list[0]!.data.buffer, list[0]!.data.byteOffset, 13);
  const width = ihdr.getUint32(0);
  const height = ihdr.getUint32(4);
  expect([...list[0]!.data.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
  const raw = inflateSync(list[1]!.data);
  expect(raw.length).toBe(height * (1 + width * 3));
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (1 + width * 3)]).toBe(0);
    rgb.set(raw.subarray(y * (1 + width * 3) + 1, (y + 1) * (1 + width * 3)), y * width * 3);
  }
  return { width, height, rgb };
}

describe('demo PNG encoder', () => {
  it('writes a file an independent zlib and CRC-32 accept, holding exactly the pixels given', () => {
    const rgb = noticePicture(48, 36, [180, 170, 150], [200, 40, 40], 4);
    expect(decode(encodePng(48, 36, rgb))).toEqual({ width: 48, height: 36, rgb });
  });

  it('splits image data larger than one stored block (64 KB) into several', () => {
    const width = 200;
    const height = 120;
    const rgb = new Uint8Array(width * height * 3).map((_, i) => (i * 7) & 255);
    const png = encodePng(width, height, rgb);
    const raw = height * (1 + width * 3);
    expect(raw).toBeGreaterThan(0xffff);
    // Two stored blocks, each with its 5-byte header, between the zlib header and the Adler-32.
    expect(chunks(png)[1]!.data.length).toBe(2 + 2 * 5 + raw + 4);
    expect(decode(png).rgb).toEqual(rgb);
  });

  it('computes CRC-32 and Adler-32 as zlib does, and stored zlib streams zlib inflates', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000, size: 'large' }), (bytes) => {
        expect(crc32(bytes)).toBe(zlibCrc32(bytes));
        expect(Buffer.from(inflateSync(zlibStored(bytes))).equals(Buffer.from(bytes))).toBe(true);
        // zlib checks the trailer while inflating; a wrong Adler-32 would have thrown above.
        expect(adler32(bytes)).toBe(new DataView(zlibStored(bytes).buffer).getUint32(zlibStored(bytes).length - 4));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses sizes that do not match the pixels', () => {
    expect(() => encodePng(2, 2, new Uint8Array(11))).toThrow(RangeError);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(RangeError);
  });
});
