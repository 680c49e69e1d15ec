// A minimal PNG encoder for the demo's evidence photos: 8-bit RGB, no filtering, the image data in
// stored (uncompressed) deflate blocks. Small pictures need no compression, and without it the encoder is
// a few lines that any PNG reader accepts: the zlib stream still carries its Adler-32, each chunk its CRC.

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The most a stored deflate block can hold. */
const STORED_MAX = 0xffff;

let crcTable: Uint32Array | null = null;

export function crc32(bytes: Uint8Array): number {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = (crcTable[(crc ^ b) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; ) {
    // 5552 bytes is the most that can be summed before the 32-bit sums must be reduced (zlib's NMAX).
    const end = Math.min(bytes.length, i + 5552);
    for (; i < end; i++) {
      a += bytes[i] ?? 0;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** A zlib stream (RFC 1950) holding `data` in stored deflate blocks (RFC 1951 §3.2.4). */
export function zlibStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / STORED_MAX));
  const out = new Uint8Array(2 + blocks * 5 + data.length + 4);
  const view = new DataView(out.buffer);
  // CMF 0x78: deflate with a 32 KB window; FLG 0x01 makes CMF·256 + FLG a multiple of 31.
  out[0] = 0x78;
  out[1] = 0x01;
  let at = 2;
  for (let i = 0; i < blocks; i++) {
    const chunk = data.subarray(i * STORED_MAX, Math.min(data.length, (i + 1) * STORED_MAX));
    out[at] = i === blocks - 1 ? 1 : 0;
    view.setUint16(at + 1, chunk.length, true);
    view.setUint16(at + 3, ~chunk.length & 0xffff, true);
    out.set(chunk, at + 5);
    at += 5 + chunk.length;
  }
  view.setUint32(at, adler32(data));
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A PNG of `width` × `height` pixels; `rgb` holds three bytes per pixel, row by row. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`image size ${width}×${height}`);
  if (rgb.length !== width * height * 3) throw new RangeError(`${rgb.length} bytes for ${width}×${height} RGB pixels`);
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8);
  // Every scanline starts with its filter type; 0 is "none".
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (1 + width * 3) + 1);
  const parts = [new Uint8Array(SIGNATURE), chunk('IHDR', header), chunk('IDAT', zlibStored(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export type Rgb = readonly [number, number, number];

/**
 * A picture that reads as a photo of a notice on a wall: a background, a framed sheet with lines of
 * "text" and a coloured stamp. The colours and the number of lines vary from picture to picture.
 */
export function noticePicture(width: number, height: number, wall: Rgb, stamp: Rgb, lines: number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  const put = (x: number, y: number, c: Rgb): void => {
    const i = (y * width + x) * 3;
    rgb[i] = c[0];
    rgb[i + 1] = c[1];
    rgb[i + 2] = c[2];
  };
  const sheet = { x0: Math.floor(width * 0.2), x1: Math.floor(width * 0.8), y0: Math.floor(height * 0.12), y1: Math.floor(height * 0.9) };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inSheet = x >= sheet.x0 && x < sheet.x1 && y >= sheet.y0 && y < sheet.y1;
      if (!inSheet) {
        // A soft vertical gradient, as light falls on a wall.
        const k = 1 - (0.25 * y) / height;
        put(x, y, [Math.round(wall[0] * k), Math.round(wall[1] * k), Math.round(wall[2] * k)]);
        continue;
      }
      const border = x === sheet.x0 || x === sheet.x1 - 1 || y === sheet.y0 || y === sheet.y1 - 1;
      const row = y - sheet.y0 - 4;
      const textLine = row >= 0 && row % 4 === 0 && Math.floor(row / 4) < lines && x > sheet.x0 + 2 && x < sheet.x1 - 3 - ((row * 7) % 9);
      const cx = sheet.x1 - 8;
      const cy = sheet.y1 - 8;
      const inStamp = (x - cx) ** 2 + (y - cy) ** 2 <= 16 && (x - cx) ** 2 + (y - cy) ** 2 >= 6;
      put(x, y, border ? [90, 90, 90] : inStamp ? stamp : textLine ? [40, 40, 48] : [246, 244, 236]);
    }
  }
  return rgb;
}
