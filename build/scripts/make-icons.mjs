// Draws the app icon (a red-rimmed blue shield with a white check mark) and writes every format
// electron-builder needs: build/icon.png (1024 px), build/icons/NxN.png (Linux), build/icon.ico
// (PNG entries 16–256, Windows Vista and later) and build/icon.icns (PNG entries, macOS 10.7 and later).
// No dependencies and no network: shapes are rasterised here with supersampling, PNGs deflated with
// node:zlib. Run: node build/scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

const buildDir = resolve(import.meta.dirname, '..');

// ---- Geometry, in a 24-unit design grid (the shield of Material's "security" glyph) ----

const cubic = (p0, p1, p2, p3, steps) => {
  const points = [];
  for (let i = 1; i <= steps; i += 1) {
    const t = i / steps;
    const s = 1 - t;
    points.push([
      s * s * s * p0[0] + 3 * s * s * t * p1[0] + 3 * s * t * t * p2[0] + t * t * t * p3[0],
      s * s * s * p0[1] + 3 * s * s * t * p1[1] + 3 * s * t * t * p2[1] + t * t * t * p3[1],
    ]);
  }
  return points;
};

/** The shield outline as a closed polygon: peak at the top, straight sides, curved to a bottom point. */
const shieldOutline = () => {
  const left = [[12, 1], [3, 5], [3, 11], ...cubic([3, 11], [3, 16.55], [6.84, 21.74], [12, 23], 48)];
  const right = left.slice(1, -1).reverse().map(([x, y]) => [24 - x, y]);
  return [...left, ...right];
};

const scaleAbout = (polygon, [cx, cy], factor) => polygon.map(([x, y]) => [cx + (x - cx) * factor, cy + (y - cy) * factor]);

const outer = shieldOutline();
// Scaled about the shield's visual centre, which gives a rim of nearly even width.
const inner = scaleAbout(outer, [12, 11.6], 0.82);
const check = [[6.9, 12.1], [10.4, 15.6], [17.2, 8.8]];
const checkHalfWidth = 1.35;

const RIM = [200, 16, 46];
const FIELD_TOP = [36, 88, 170];
const FIELD_BOTTOM = [18, 52, 118];
const WHITE = [255, 255, 255];

/** x-intervals where the horizontal line at y is inside the polygon (even-odd rule). */
const spans = (polygon, y) => {
  const xs = [];
  for (let i = 0; i < polygon.length; i += 1) {
    const [x1, y1] = polygon[i];
    const [x2, y2] = polygon[(i + 1) % polygon.length];
    if ((y1 <= y && y2 > y) || (y2 <= y && y1 > y)) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
  }
  xs.sort((a, b) => a - b);
  const result = [];
  for (let i = 0; i + 1 < xs.length; i += 2) result.push([xs[i], xs[i + 1]]);
  return result;
};

const inSpans = (list, x) => list.some(([a, b]) => x >= a && x < b);

const distanceToSegment = (px, py, [ax, ay], [bx, by]) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
};

const inCheck = (x, y) =>
  distanceToSegment(x, y, check[0], check[1]) <= checkHalfWidth || distanceToSegment(x, y, check[1], check[2]) <= checkHalfWidth;

const mix = (a, b, t) => a.map((value, i) => value + (b[i] - value) * t);

/** RGBA pixels of the icon at `size` px, anti-aliased by averaging samples² points per pixel. */
const render = (size) => {
  const samples = size <= 64 ? 8 : 4;
  // The shield's 22-unit height fills 92% of the square; its centre (12, 12) sits in the middle.
  const scale = (0.92 * size) / 22;
  const toGrid = (pixel) => 12 + (pixel - size / 2) / scale;
  const rgba = new Uint8Array(size * size * 4);
  const sum = new Float64Array(size * 4);
  for (let row = 0; row < size; row += 1) {
    sum.fill(0);
    for (let sy = 0; sy < samples; sy += 1) {
      const y = toGrid(row + (sy + 0.5) / samples);
      const outerSpans = spans(outer, y);
      const innerSpans = spans(inner, y);
      const field = mix(FIELD_TOP, FIELD_BOTTOM, Math.max(0, Math.min(1, (y - 3) / 18)));
      for (let column = 0; column < size; column += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = toGrid(column + (sx + 0.5) / samples);
          if (!inSpans(outerSpans, x)) continue;
          const color = !inSpans(innerSpans, x) ? RIM : inCheck(x, y) ? WHITE : field;
          // Premultiplied accumulation: transparent samples add nothing.
          sum[column * 4] += color[0];
          sum[column * 4 + 1] += color[1];
          sum[column * 4 + 2] += color[2];
          sum[column * 4 + 3] += 1;
        }
      }
    }
    for (let column = 0; column < size; column += 1) {
      const coverage = sum[column * 4 + 3];
      const offset = (row * size + column) * 4;
      if (coverage === 0) continue;
      rgba[offset] = Math.round(sum[column * 4] / coverage);
      rgba[offset + 1] = Math.round(sum[column * 4 + 1] / coverage);
      rgba[offset + 2] = Math.round(sum[column * 4 + 2] / coverage);
      rgba[offset + 3] = Math.round((255 * coverage) / (samples * samples));
    }
  }
  return rgba;
};

// ---- PNG ----

const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};

const paeth = (a, b, c) => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Filters each scanline with whichever of the five PNG filters gives the smallest absolute sum. */
const filterScanlines = (rgba, size) => {
  const stride = size * 4;
  const out = Buffer.alloc((stride + 1) * size);
  const candidate = Buffer.alloc(stride);
  for (let row = 0; row < size; row += 1) {
    const line = rgba.subarray(row * stride, (row + 1) * stride);
    const above = row > 0 ? rgba.subarray((row - 1) * stride, row * stride) : new Uint8Array(stride);
    let bestScore = Infinity;
    for (let type = 0; type < 5; type += 1) {
      let score = 0;
      for (let i = 0; i < stride; i += 1) {
        const left = i >= 4 ? line[i - 4] : 0;
        const upLeft = i >= 4 ? above[i - 4] : 0;
        const predictor = [0, left, above[i], (left + above[i]) >> 1, paeth(left, above[i], upLeft)][type];
        const value = (line[i] - predictor) & 0xff;
        candidate[i] = value;
        score += value < 128 ? value : 256 - value;
      }
      if (score < bestScore) {
        bestScore = score;
        out[row * (stride + 1)] = type;
        candidate.copy(out, row * (stride + 1) + 1);
      }
    }
  }
  return out;
};

const encodePng = (rgba, size) => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filterScanlines(rgba, size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

// ---- ICO and ICNS containers ----

const encodeIco = (pngs) => {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header[entry] = size >= 256 ? 0 : size; // 0 means 256
    header[entry + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map(({ png }) => png)]);
};

const encodeIcns = (entries) => {
  const blocks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + blocks.reduce((total, block) => total + block.length, 0), 4);
  return Buffer.concat([head, ...blocks]);
};

// ---- Output ----

const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const png = new Map(sizes.map((size) => [size, encodePng(render(size), size)]));
const get = (size) => png.get(size);

const write = (path, data) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  console.warn(`wrote ${path} (${data.length} bytes)`);
};

write(join(buildDir, 'icon.png'), get(1024));
for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) write(join(buildDir, 'icons', `${size}x${size}.png`), get(size));
write(join(buildDir, 'icon.ico'), encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: get(size) }))));
write(
  join(buildDir, 'icon.icns'),
  encodeIcns([
    { type: 'icp4', png: get(16) },
    { type: 'icp5', png: get(32) },
    { type: 'icp6', png: get(64) },
    { type: 'ic07', png: get(128) },
    { type: 'ic08', png: get(256) },
    { type: 'ic09', png: get(512) },
    { type: 'ic10', png: get(1024) }, // 512@2x
    { type: 'ic11', png: get(32) }, // 16@2x
    { type: 'ic12', png: get(64) }, // 32@2x
    { type: 'ic13', png: get(256) }, // 128@2x
    { type: 'ic14', png: get(512) }, // 256@2x
  ]),
);
