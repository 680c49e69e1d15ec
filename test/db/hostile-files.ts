// Shared by the hostile-import campaigns (issue 8, campaign 2), one per format: zips written byte by
// byte, the fixed corpus of hostile zips made from any valid file, the random mutations of bytes, zip
// entries and JSON, and the loop every campaign runs its cases through, which holds the targets: no
// exception escapes, the database is unchanged unless the attempt says it undid an accepted file, no
// prototype is polluted, no file is written, and the process stays under 512 MB.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { encodePng, noticePicture } from '../../renderer/core/demo/png';
import type { XbDb } from '../../renderer/db/db';
import { bump, reportCampaign, tally } from '../soak/campaign';
import { databaseFingerprint } from './db-fingerprint';

export const MEMORY_LIMIT = 512 * 1024 * 1024;
const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
export const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

// A full collection before each case, so the memory measured is the import's and not the garbage
// that earlier cases left for V8 to collect at its leisure.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export type RawEntry = { name: string | Uint8Array; data: Uint8Array; method?: 0 | 8; declaredSize?: number };

/**
 * A zip written byte by byte, so that it can say what a zip library would not let us: any name, any
 * declared size, the same name twice. CRCs are left 0 (the readers do not check them).
 */
export function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? utf8(e.name) : e.name;
    const size = e.declaredSize ?? e.data.byteLength;
    const local = new Uint8Array(30 + name.byteLength);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x800, true);
    lv.setUint16(8, e.method ?? 0, true);
    lv.setUint32(18, e.data.byteLength, true);
    lv.setUint32(22, size >>> 0, true);
    lv.setUint16(26, name.byteLength, true);
    local.set(name, 30);
    const dir = new Uint8Array(46 + name.byteLength);
    const dv = new DataView(dir.buffer);
    dv.setUint32(0, 0x02014b50, true);
    dv.setUint16(4, 20, true);
    dv.setUint16(6, 20, true);
    dv.setUint16(8, 0x800, true);
    dv.setUint16(10, e.method ?? 0, true);
    dv.setUint32(20, e.data.byteLength, true);
    dv.setUint32(24, size >>> 0, true);
    dv.setUint16(28, name.byteLength, true);
    dv.setUint32(42, offset, true);
    dir.set(name, 46);
    parts.push(local, e.data);
    central.push(dir);
    offset += local.byteLength + e.data.byteLength;
  }
  const centralSize = central.reduce((n, c) => n + c.byteLength, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, Math.min(entries.length, 0xffff), true);
  ev.setUint16(10, Math.min(entries.length, 0xffff), true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + 22);
  let at = 0;
  for (const p of [...parts, ...central, end]) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

export const storedEntries = (entries: Record<string, Uint8Array>): RawEntry[] => Object.entries(entries).map(([name, data]) => ({ name, data }));

/** Sets an own property, even `__proto__` (plain assignment would replace the prototype instead). */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

export const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

/**
 * Stands for a deeply nested value while a tree is serialised (JSON.stringify itself recurses), then
 * `withNesting` puts the nested text in its place.
 */
export const NEST = '\u0000nest\u0000';
export const withNesting = (json: string | undefined, depth: number): string => (json ?? '').replace(JSON.stringify(NEST), nested(depth));

/**
 * A case of a campaign: its name in failure messages, the file's bytes (made when it runs), and whether
 * it was signed anew after its change, as a compromised exporter would (it may then still be valid).
 */
export type HostileCase = { name: string; bytes: () => Promise<Uint8Array>; signed?: boolean };

export const hostileCase = (name: string, bytes: () => Uint8Array | Promise<Uint8Array>, signed = false): HostileCase => ({ name, bytes: async () => bytes(), signed });

/** A valid file of the format: its bytes, its entries, and the entry that holds its data. */
export type ValidZip = { bytes: Uint8Array; entries: Record<string, Uint8Array>; main: string };

/**
 * The hostile zips any zip-based format must refuse, made from a valid file: empty, two-byte, PNG and
 * truncated files; entry names with `../`, absolute and drive paths, backslashes, NUL, over-long or
 * non-UTF-8 bytes; zip bombs with honest and lying sizes, huge declared sizes, 100,004 entries, the main
 * entry twice or declaring 10 bytes, a folder entry with content.
 */
export function zipCorpus(valid: ValidZip): HostileCase[] {
  const withExtra = (extra: RawEntry[]) => rawZip([...storedEntries(valid.entries), ...extra]);
  const zeros = () => deflateSync(new Uint8Array(48 * 1024 * 1024), { level: 1 });
  return [
    hostileCase('an empty file', () => new Uint8Array(0)),
    hostileCase('two bytes "PK"', () => utf8('PK')),
    hostileCase('a PNG picture', () => encodePng(4, 3, noticePicture(4, 3, [200, 190, 170], [210, 30, 30], 1))),
    ...[0.01, 0.5, 0.999].map((f) => hostileCase(`truncated to ${f * 100}%`, () => valid.bytes.slice(0, Math.floor(valid.bytes.byteLength * f)))),
    ...['../../evil.txt', '/etc/passwd', 'C:/Windows/System32/evil.dll', 'C:evil', 'attachments\\..\\..\\evil.dll', 'attachments/../../evil', 'a\u0000.json', 'x'.repeat(300)].map((name) =>
      hostileCase(`an entry named ${JSON.stringify(name.length > 40 ? `${name.slice(0, 10)}…(${name.length})` : name)}`, () => withExtra([{ name, data: utf8('owned') }])),
    ),
    hostileCase('an entry name that is not UTF-8', () => withExtra([{ name: new Uint8Array([0x61, 0xff, 0xfe, 0x2e, 0x6a]), data: utf8('x') }])),
    hostileCase('a zip bomb (48 MB of zeros, sizes declared)', () => withExtra([{ name: 'bomb.bin', data: zeros(), method: 8 }])),
    hostileCase('a zip bomb declaring 1,000 bytes', () => withExtra([{ name: 'bomb.bin', data: zeros(), method: 8, declaredSize: 1000 }])),
    hostileCase(`${valid.main} declaring 10 bytes`, () => rawZip(storedEntries(valid.entries).map((e) => (e.name === valid.main ? { ...e, declaredSize: 10 } : e)))),
    hostileCase('an entry declaring 3 GB', () => withExtra([{ name: 'big.bin', data: utf8('x'), declaredSize: 3 * 1024 ** 3 }])),
    hostileCase('four entries declaring 500 MB each', () => withExtra([1, 2, 3, 4].map((n) => ({ name: `big${n}.bin`, data: utf8('x'), declaredSize: 500 * 1024 ** 2 })))),
    hostileCase('100,004 entries', () => withExtra(Array.from({ length: 100_004 }, (_, i) => ({ name: `f/${i}`, data: new Uint8Array(0) })))),
    hostileCase(`${valid.main} twice`, () => withExtra([{ name: valid.main, data: valid.entries[valid.main]! }])),
    hostileCase('a folder entry with content', () => withExtra([{ name: 'attachments/', data: utf8('x') }])),
  ];
}

export type ByteEdit = { op: 'set' | 'insert' | 'delete' | 'truncate' | 'append'; at: number; value: number; length: number };
export type EntryEdit = { op: 'rename' | 'add' | 'drop' | 'copy'; pick: number; name: string };
export type JsonEdit = { path: number[]; action: 'replace' | 'delete' | 'addKey' | 'nest' | 'longString'; value: unknown; key: string; depth: number };

export const byteEditsArb: fc.Arbitrary<ByteEdit[]> = fc.array(
  fc.record({ op: fc.constantFrom('set' as const, 'insert' as const, 'delete' as const, 'truncate' as const, 'append' as const), at: fc.noBias(fc.nat()), value: fc.integer({ min: 0, max: 255 }), length: fc.integer({ min: 1, max: 64 }) }),
  { minLength: 1, maxLength: 8 },
);

const HOSTILE_NAMES = ['../x', '../../../../etc/passwd', '/abs', 'C:/Windows/x.dll', 'c:x', 'a\\..\\..\\x', 'attachments/../../x', 'a\u0000b', 'a/./b', 'a//b', '', ' ', 'x/'];

/** Entry edits; `names` are the format's own entry names, to be added twice or put in another's place. */
export const entryEditArb = (names: readonly string[]): fc.Arbitrary<EntryEdit> =>
  fc.record({
    op: fc.constantFrom('rename' as const, 'add' as const, 'drop' as const, 'copy' as const),
    pick: fc.nat(),
    name: fc.oneof(fc.constantFrom(...HOSTILE_NAMES, ...names), fc.string({ minLength: 1, maxLength: 40 })),
  });

export const jsonEditArb: fc.Arbitrary<JsonEdit> = fc.record({
  path: fc.array(fc.nat(), { minLength: 0, maxLength: 6 }),
  action: fc.constantFrom('replace' as const, 'delete' as const, 'addKey' as const, 'nest' as const, 'longString' as const),
  value: fc.jsonValue({ maxDepth: 3 }),
  key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''), fc.string({ maxLength: 12 })),
  depth: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 300, max: 50_000 })),
});

export function editBytes(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let b: number[] = [...bytes];
  for (const e of edits) {
    const at = e.at % Math.max(1, b.length);
    if (e.op === 'set') b[at] = b[at] === e.value ? (e.value + 1) % 256 : e.value;
    else if (e.op === 'insert') b.splice(at, 0, ...Array.from({ length: e.length }, (_, i) => (e.value + i) % 256));
    else if (e.op === 'delete') b.splice(at, e.length);
    else if (e.op === 'truncate') b = b.slice(0, at);
    else b.push(...Array.from({ length: e.length }, (_, i) => (e.value * i) % 256));
  }
  return new Uint8Array(b);
}

/** The valid file's entries with one renamed, dropped, copied under another name or one added. */
export function editEntries(entries: Record<string, Uint8Array>, m: EntryEdit): Uint8Array {
  const raw = storedEntries(entries);
  const i = m.pick % raw.length;
  const chosen = raw[i]!;
  if (m.op === 'rename') raw[i] = { ...chosen, name: m.name === chosen.name ? `${m.name}~` : m.name };
  else if (m.op === 'drop') raw.splice(i, 1);
  else if (m.op === 'copy') raw.push({ ...chosen, name: m.name });
  else raw.push({ name: m.name, data: utf8('extra') });
  return rawZip(raw);
}

/**
 * Walks `path` into a JSON tree (indices taken modulo the children) and applies `action` there. A
 * `nest` leaves a marker: serialise the result with `editedJson`.
 */
export function mutateJson(root: unknown, m: JsonEdit): unknown {
  const holder: Record<string, unknown> = { root };
  let parent: Record<string, unknown> | unknown[] = holder;
  let key: string | number = 'root';
  for (const step of m.path) {
    const node: unknown = (parent as Record<string | number, unknown>)[key];
    if (node === null || typeof node !== 'object') break;
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    parent = node as Record<string, unknown>;
    key = keys[step % keys.length]!;
  }
  const slot = parent as Record<string | number, unknown>;
  switch (m.action) {
    case 'replace':
      slot[key] = m.value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else Reflect.deleteProperty(slot, key);
      break;
    case 'addKey': {
      const node = slot[key];
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) defineOwn(node as Record<string, unknown>, m.key, m.value);
      else slot[key] = Object.defineProperty({}, m.key, { value: m.value, enumerable: true });
      break;
    }
    case 'nest':
      slot[key] = NEST;
      break;
    case 'longString':
      slot[key] = '长'.repeat(200_000);
  }
  return holder['root'];
}

/** JSON text with one edit applied. */
export const editedJson = (json: string, m: JsonEdit): string => withNesting(JSON.stringify(mutateJson(JSON.parse(json), m)), m.depth);

export const polluted = (): boolean => Object.keys(Object.prototype).length > 0 || ({} as Record<string, unknown>)['polluted'] !== undefined || Object.keys(Array.prototype).length > 0;

/**
 * Counts every call that could write a file, for the time `run` takes: the import paths never write one
 * (nothing under renderer/ may import node:fs; this proves it of what actually runs).
 */
export async function fileWritesDuring<T>(run: () => Promise<T>): Promise<{ value: T; writes: string[] }> {
  const writes: string[] = [];
  const names = ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'mkdir', 'mkdirSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync', 'symlink', 'symlinkSync'] as const;
  const target = fs as unknown as Record<string, unknown>;
  const promises = fs.promises as unknown as Record<string, unknown>;
  const saved = new Map<string, unknown>();
  const wrap = (holder: Record<string, unknown>, name: string, label: string) => {
    const original = holder[name];
    if (typeof original !== 'function') return;
    saved.set(label, original);
    holder[name] = function (this: unknown, ...args: unknown[]) {
      writes.push(`${label}(${String(args[0])})`);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  };
  for (const n of names) wrap(target, n, n);
  for (const n of ['writeFile', 'appendFile', 'mkdir', 'rename', 'copyFile', 'symlink']) wrap(promises, n, `promises.${n}`);
  syncBuiltinESMExports();
  try {
    return { value: await run(), writes };
  } finally {
    for (const [label, original] of saved) {
      if (label.startsWith('promises.')) promises[label.slice('promises.'.length)] = original;
      else target[label] = original;
    }
    syncBuiltinESMExports();
  }
}

/** What an attempt found: a tally label, the reason code of a refusal, whether it changed the database and undid it. */
export type Attempt = { outcome: string; reason?: string; reset?: boolean };

export type CampaignRun = {
  /** As the soak table names it: "Hostile imports (backups)". */
  campaign: string;
  seed: number;
  fixed: readonly HostileCase[];
  /** The random cases, and the mutation each was made from (shown with a failure, for replaying it). */
  random: readonly HostileCase[];
  mutations: readonly unknown[];
  /** The database the imports go to; read again after an attempt that reset it. */
  db: () => XbDb;
  /**
   * Runs one file through the import as the app runs it. `fail` records a missed target. An attempt that
   * accepted the file and changed the database puts it back in a known state and says `reset`.
   */
  attempt: (bytes: Uint8Array, fail: (why: string) => void, c: HostileCase) => Promise<Attempt>;
};

export type CampaignResult = { failures: string[]; peak: number };

/** Runs every case through `attempt` holding the common targets, and reports the figures. */
// A file that makes the import wait forever is a failure like any other (the user would wait forever
// too): the case is failed with its name, and the campaign goes on.
const CASE_LIMIT_MS = 120_000;

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

export async function runHostileCampaign(run: CampaignRun): Promise<CampaignResult> {
  const started = performance.now();
  let peak = 0;
  let casePeak = 0;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    casePeak = Math.max(casePeak, rss);
  };
  /** The case that took the most memory, and the slowest. */
  const heaviest = { name: '', rss: 0 };
  const slowest = { name: '', seconds: 0 };
  const sampler = setInterval(sample, 20);
  const cases = [...run.fixed, ...run.random];
  const outcomes = new Map<string, number>();
  const reasons = new Map<string, number>();
  const failures: string[] = [];
  const failed = new Set<number>();
  let before = await databaseFingerprint(run.db());
  try {
    // XB_HOSTILE_ONLY=n replays case n alone, XB_HOSTILE_ONLY=m-n cases m to n (same seed, same mutations).
    const [from, to] = (process.env['XB_HOSTILE_ONLY'] ?? '').split('-').map((x) => (x === '' ? NaN : Number(x)));
    for (const [n, c] of cases.entries()) {
      if (from !== undefined && !Number.isNaN(from) && (n < from || n > (to ?? from))) continue;
      const fail = (why: string) => {
        failed.add(n);
        const random = n >= run.fixed.length ? ` ${JSON.stringify(run.mutations[n - run.fixed.length])?.slice(0, 300)}` : '';
        if (failures.length < 20) failures.push(`#${n} ${c.name}: ${why}${random}`);
      };
      const bytes = await c.bytes();
      collectGarbage();
      casePeak = 0;
      const caseStarted = performance.now();
      let reset = false;
      try {
        const { value, writes } = await fileWritesDuring(() => withinTime(run.attempt(bytes, fail, c), CASE_LIMIT_MS));
        sample();
        bump(outcomes, value.outcome);
        if (value.reason !== undefined) bump(reasons, value.reason.replace(/^errors\./, ''));
        // ExcelTS's Node build (not the browser build the app's worker runs, which keeps them in memory)
        // buffers a worksheet stored before workbook.xml in a temp file: counted, not failed.
        const foreign = writes.filter((w) => !w.startsWith(`createWriteStream(${join(tmpdir(), 'excelts-')}`));
        if (writes.length > foreign.length) bump(outcomes, 'with an ExcelTS temp file (Node build only)');
        if (foreign.length > 0) fail(`wrote files: ${foreign.slice(0, 3).join(', ')}`);
        reset = value.reset === true;
      } catch (e) {
        fail(`threw ${String(e).slice(0, 200)}`);
        // Kept for replaying the case alone (written after the attempt, outside the watched writes).
        const kept = join(tmpdir(), `xiaobao-hostile-${run.seed}-${n}.bin`);
        fs.writeFileSync(kept, bytes);
        fail(`its bytes are in ${kept}`);
      }
      if (reset) before = await databaseFingerprint(run.db());
      else if ((await databaseFingerprint(run.db())) !== before) fail('the database changed');
      if (polluted()) fail('a prototype was polluted');
      sample();
      const seconds = (performance.now() - caseStarted) / 1000;
      if (casePeak > heaviest.rss) Object.assign(heaviest, { name: `#${n} ${c.name}`, rss: casePeak });
      if (seconds > slowest.seconds) Object.assign(slowest, { name: `#${n} ${c.name}`, seconds });
      if (process.env['XB_HOSTILE_TRACE']) process.stdout.write(`#${n} ${c.name}: ${seconds.toFixed(2)} s, ${mb(casePeak)} MB\n`);
    }
  } finally {
    clearInterval(sampler);
  }
  sample();
  if (peak > MEMORY_LIMIT) failures.push(`peak memory ${mb(peak)} MB, the most in ${heaviest.name} (${mb(heaviest.rss)} MB)`);
  reportCampaign({
    campaign: run.campaign,
    trials: cases.length,
    required: 1000,
    failures: failed.size + (peak > MEMORY_LIMIT ? 1 : 0),
    notes: `${run.fixed.length} fixed cases + ${run.random.length} mutations; ${tally(outcomes)}; reasons: ${tally(reasons)}; peak memory ${mb(peak)} MB (limit 512), the most in ${heaviest.name}; slowest ${slowest.name} (${slowest.seconds.toFixed(1)} s); seed ${run.seed}`,
    seconds: (performance.now() - started) / 1000,
  });
  return { failures, peak };
}
