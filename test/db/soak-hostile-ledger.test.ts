// Issue 8, campaign 2 (hostile and broken imports), for ledger packages: a fixed corpus of hostile
// files — zip-slip names, zip bombs with honest and lying sizes, too many entries, truncated and empty
// files, malformed UTF-8, `__proto__` and `constructor` keys, deep nesting, over-long strings — and
// random mutations of a real package's bytes, its zip entries, and the JSON of ledger.json and
// manifest.json (these re-signed, as a compromised or buggy exporter would send them). Each goes
// through head office's import job as the app runs it. Targets: no exception escapes, every refusal
// has a reason both catalogues word, a refused file writes nothing (a forced confirmation included),
// no prototype is polluted, and the process stays under 512 MB. (A ledger import writes no files, so
// "nothing written outside the target" has nothing to check here.)
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng, noticePicture } from '../../renderer/core/demo/png';
import { LEDGER_DATA_FILE } from '../../renderer/core/ledger/package';
import type { Signer } from '../../renderer/core/package/signed';
import type { XbDb } from '../../renderer/db/db';
import { readLedgerPackage } from '../../renderer/io/ledger-package';
import { zipEntries } from '../../renderer/io/zip';
import { platformEd25519Verify, platformSha256 } from '../../renderer/platform/crypto';
import { bump, reportCampaign, soakSeed, soakTimeout, soakTrials, tally } from '../soak/campaign';
import { databaseFingerprint } from './db-fingerprint';
import { demoPackages, hasWords, headOffice, outcomeOf, resealed, runJob, type Built } from './import-campaign';

const TRIALS = soakTrials({ quick: 100, full: 1000 });
const SEED = soakSeed(20260817);
const MEMORY_LIMIT = 512 * 1024 * 1024;

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

// A full collection before each case, so the memory measured is the import's and not the garbage
// that earlier cases left for V8 to collect at its leisure.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

type RawEntry = { name: string | Uint8Array; data: Uint8Array; method?: 0 | 8; declaredSize?: number };

/**
 * A zip written byte by byte, so that it can say what a zip library would not let us: any name, any
 * declared size, the same name twice. CRCs are left 0 (the reader does not check them).
 */
function rawZip(entries: readonly RawEntry[]): Uint8Array {
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

const storedEntries = (entries: Record<string, Uint8Array>): RawEntry[] => Object.entries(entries).map(([name, data]) => ({ name, data }));

/** Sets an own property, even `__proto__` (plain assignment would replace the prototype instead). */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

/**
 * Stands for a deeply nested value while a tree is serialised (JSON.stringify itself recurses), then
 * `withNesting` puts the nested text in its place.
 */
const NEST = '\u0000nest\u0000';
const withNesting = (json: string | undefined, depth: number): string => (json ?? '').replace(JSON.stringify(NEST), nested(depth));

type Mutation =
  | { kind: 'bytes'; edits: { op: 'set' | 'insert' | 'delete' | 'truncate' | 'append'; at: number; value: number; length: number }[] }
  | { kind: 'entries'; op: 'rename' | 'add' | 'drop' | 'copy'; pick: number; name: string }
  | { kind: 'json'; file: 'ledger' | 'manifest'; path: number[]; action: 'replace' | 'delete' | 'addKey' | 'nest' | 'longString'; value: unknown; key: string; depth: number };

const HOSTILE_NAMES = ['../x', '../../../../etc/passwd', '/abs', 'C:/Windows/x.dll', 'c:x', 'a\\..\\..\\x', 'attachments/../../x', 'a\u0000b', 'a/./b', 'a//b', '', ' ', 'x/', 'manifest.json', 'ledger.json', '整改台账.xlsx'];
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('bytes' as const),
      edits: fc.array(
        fc.record({ op: fc.constantFrom('set' as const, 'insert' as const, 'delete' as const, 'truncate' as const, 'append' as const), at: fc.noBias(fc.nat()), value: fc.integer({ min: 0, max: 255 }), length: fc.integer({ min: 1, max: 64 }) }),
        { minLength: 1, maxLength: 8 },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('entries' as const),
      op: fc.constantFrom('rename' as const, 'add' as const, 'drop' as const, 'copy' as const),
      pick: fc.nat(),
      name: fc.oneof(fc.constantFrom(...HOSTILE_NAMES), fc.string({ minLength: 1, maxLength: 40 })),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('json' as const),
      file: fc.constantFrom('ledger' as const, 'ledger' as const, 'manifest' as const),
      path: fc.array(fc.nat(), { minLength: 0, maxLength: 6 }),
      action: fc.constantFrom('replace' as const, 'delete' as const, 'addKey' as const, 'nest' as const, 'longString' as const),
      value: fc.jsonValue({ maxDepth: 3 }),
      key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''), fc.string({ maxLength: 12 })),
      depth: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 300, max: 50_000 })),
    }),
  },
);

/** Walks `path` into a JSON tree (indices taken modulo the children) and applies `action` there. */
function mutateJson(root: unknown, m: Extract<Mutation, { kind: 'json' }>): unknown {
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

type Case = { name: string; signed: boolean; bytes: () => Promise<Uint8Array> };

describe('hostile and broken ledger packages at head office', { timeout: soakTimeout(300_000) }, () => {
  let target: Built;
  let sign: Signer;
  let ho: XbDb;
  let peak = 0;
  let sampler: ReturnType<typeof setInterval> | undefined;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };

  beforeAll(async () => {
    sampler = setInterval(sample, 20);
    const demo = await demoPackages('soak-hostile', 2);
    target = demo.packages[1]!;
    sign = demo.key.sign;
    ho = await headOffice([demo.packages[0]!]);
  });
  afterAll(() => clearInterval(sampler));

  const signedLedger = (text: string | Uint8Array) => resealed(target, { ledger: typeof text === 'string' ? utf8(text) : text }, sign);
  const ledgerText = () => new TextDecoder().decode(target.entries[LEDGER_DATA_FILE]);
  const withLedgerObject = (change: (data: Record<string, unknown>) => void) => {
    const data = JSON.parse(ledgerText()) as Record<string, unknown>;
    change(data);
    return signedLedger(JSON.stringify(data));
  };
  const firstFinding = (data: Record<string, unknown>) => (data['findings'] as Record<string, unknown>[])[0]!;

  function corpus(): Case[] {
    const plain = (name: string, bytes: () => Uint8Array | Promise<Uint8Array>): Case => ({ name, signed: false, bytes: async () => bytes() });
    const signed = (name: string, bytes: () => Promise<Uint8Array>): Case => ({ name, signed: true, bytes });
    const withExtra = (extra: RawEntry[]) => rawZip([...storedEntries(target.entries), ...extra]);
    const zeros = () => deflateSync(new Uint8Array(48 * 1024 * 1024), { level: 1 });
    return [
      plain('an empty file', () => new Uint8Array(0)),
      plain('two bytes "PK"', () => utf8('PK')),
      plain('a PNG picture', () => encodePng(4, 3, noticePicture(4, 3, [200, 190, 170], [210, 30, 30], 1))),
      ...[0.01, 0.5, 0.999].map((f) => plain(`truncated to ${f * 100}%`, () => target.bytes.slice(0, Math.floor(target.bytes.byteLength * f)))),
      ...['../../evil.txt', '/etc/passwd', 'C:/Windows/System32/evil.dll', 'C:evil', 'attachments\\..\\..\\evil.dll', 'attachments/../../evil', 'a\u0000.json', 'x'.repeat(300)].map((name) =>
        plain(`an entry named ${JSON.stringify(name.length > 40 ? `${name.slice(0, 10)}…(${name.length})` : name)}`, () => withExtra([{ name, data: utf8('owned') }])),
      ),
      plain('an entry name that is not UTF-8', () => withExtra([{ name: new Uint8Array([0x61, 0xff, 0xfe, 0x2e, 0x6a]), data: utf8('x') }])),
      plain('a zip bomb (48 MB of zeros, sizes declared)', () => withExtra([{ name: 'bomb.bin', data: zeros(), method: 8 }])),
      plain('a zip bomb declaring 1,000 bytes', () => withExtra([{ name: 'bomb.bin', data: zeros(), method: 8, declaredSize: 1000 }])),
      plain('ledger.json declaring 10 bytes', () => rawZip(storedEntries(target.entries).map((e) => (e.name === LEDGER_DATA_FILE ? { ...e, declaredSize: 10 } : e)))),
      plain('an entry declaring 3 GB', () => withExtra([{ name: 'big.bin', data: utf8('x'), declaredSize: 3 * 1024 ** 3 }])),
      plain('four entries declaring 500 MB each', () => withExtra([1, 2, 3, 4].map((n) => ({ name: `big${n}.bin`, data: utf8('x'), declaredSize: 500 * 1024 ** 2 })))),
      plain('100,004 entries', () => withExtra(Array.from({ length: 100_004 }, (_, i) => ({ name: `f/${i}`, data: new Uint8Array(0) })))),
      plain('ledger.json twice', () => withExtra([{ name: LEDGER_DATA_FILE, data: target.entries[LEDGER_DATA_FILE]! }])),
      plain('a folder entry with content', () => withExtra([{ name: 'attachments/', data: utf8('x') }])),
      plain('manifest.json not UTF-8', () => zipEntries({ ...target.entries, 'manifest.json': new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]) })),
      plain('manifest.json nested 100,000 deep', () => zipEntries({ ...target.entries, 'manifest.json': utf8(nested(100_000)) })),
      plain('manifest.json with a __proto__ key', () => zipEntries({ ...target.entries, 'manifest.json': utf8(new TextDecoder().decode(target.entries['manifest.json']).replace('{', '{"__proto__":{"polluted":1},')) })),
      signed('ledger.json not UTF-8 (signed)', () => signedLedger(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))),
      signed('ledger.json not JSON (signed)', () => signedLedger('{"schemaVersion":1,')),
      ...['null', '[]', '"text"', '1e309', nested(100_000)].map((text) => signed(`ledger.json is ${text.length > 12 ? 'nested 100,000 deep' : text} (signed)`, () => signedLedger(text))),
      signed('__proto__ at the top of ledger.json (signed)', () => signedLedger(ledgerText().replace('{', '{"__proto__":{"polluted":1},'))),
      signed('__proto__ inside a finding (signed)', () => withLedgerObject((d) => defineOwn(firstFinding(d), '__proto__', { status: 'verified', polluted: 1 }))),
      signed('constructor.prototype inside a finding (signed)', () => withLedgerObject((d) => defineOwn(firstFinding(d), 'constructor', { prototype: { polluted: 1 } }))),
      signed('a history value nested 100,000 deep (signed)', () => {
        const data = JSON.parse(ledgerText()) as { history: { changes: { to: unknown }[] }[] };
        data.history.find((e) => e.changes.length > 0)!.changes[0]!.to = NEST;
        return signedLedger(withNesting(JSON.stringify(data), 100_000));
      }),
      signed('a 5 MB description (signed)', () => withLedgerObject((d) => void (firstFinding(d)['description'] = '长'.repeat(5 * 1024 * 1024 / 3)))),
      signed('a 1 MB field name (signed)', () => withLedgerObject((d) => defineOwn(firstFinding(d), 'x'.repeat(1024 * 1024), 1))),
      signed('rev written as 1e309 (signed)', () => signedLedger(ledgerText().replace(/"rev":\d+/, '"rev":1e309'))),
      signed('ten thousand findings more than counted (signed)', () => withLedgerObject((d) => void (d['findings'] = Array.from({ length: 10_000 }, () => firstFinding(d))))),
    ];
  }

  async function mutated(m: Mutation): Promise<Case> {
    if (m.kind === 'bytes') {
      return {
        name: 'bytes',
        signed: false,
        bytes: async () => {
          let b: number[] = [...target.bytes];
          for (const e of m.edits) {
            const at = e.at % Math.max(1, b.length);
            if (e.op === 'set') b[at] = b[at] === e.value ? (e.value + 1) % 256 : e.value;
            else if (e.op === 'insert') b.splice(at, 0, ...Array.from({ length: e.length }, (_, i) => (e.value + i) % 256));
            else if (e.op === 'delete') b.splice(at, e.length);
            else if (e.op === 'truncate') b = b.slice(0, at);
            else b.push(...Array.from({ length: e.length }, (_, i) => (e.value * i) % 256));
          }
          return new Uint8Array(b);
        },
      };
    }
    if (m.kind === 'entries') {
      return {
        name: `entries ${m.op}`,
        signed: false,
        bytes: async () => {
          const entries = storedEntries(target.entries);
          const i = m.pick % entries.length;
          const chosen = entries[i]!;
          if (m.op === 'rename') entries[i] = { ...chosen, name: m.name === chosen.name ? `${m.name}~` : m.name };
          else if (m.op === 'drop') entries.splice(i, 1);
          else if (m.op === 'copy') entries.push({ ...chosen, name: m.name });
          else entries.push({ name: m.name, data: utf8('extra') });
          return rawZip(entries);
        },
      };
    }
    return {
      name: `${m.file}.json ${m.action}`,
      signed: true,
      bytes: async () => {
        if (m.file === 'ledger') return signedLedger(withNesting(JSON.stringify(mutateJson(JSON.parse(ledgerText()), m)), m.depth));
        const { files: _files, ...manifest } = target.manifest;
        const changed = mutateJson(structuredClone(manifest), m);
        // The manifest is signed as canonical JSON, which nests no deeper than 200: a deeper one goes unsigned.
        if (m.action === 'nest') return zipEntries({ ...target.entries, 'manifest.json': utf8(withNesting(JSON.stringify(changed), m.depth)) });
        return resealed(target, { manifest: changed as Record<string, unknown> }, sign);
      },
    };
  }

  /** True when the bytes open to exactly the target's signed contents (an edit outside them). */
  async function inert(bytes: Uint8Array): Promise<boolean> {
    const read = (x: Uint8Array) => readLedgerPackage(x, { sha256: platformSha256, verify: platformEd25519Verify });
    const a = await read(bytes);
    const b = await read(target.bytes);
    return a.ok && b.ok && JSON.stringify(a.value.manifest) === JSON.stringify(b.value.manifest) && JSON.stringify(a.value.data) === JSON.stringify(b.value.data);
  }

  it(`refuses every hostile ledger package with a reason and writes nothing (${TRIALS} cases)`, async () => {
    const started = performance.now();
    const fixed = corpus();
    const random = fc.sample(mutationArb, { numRuns: Math.max(0, TRIALS - fixed.length), seed: SEED });
    const cases = [...fixed, ...(await Promise.all(random.map(mutated)))];
    const outcomes = new Map<string, number>();
    const reasons = new Map<string, number>();
    const failures: string[] = [];
    const failed = new Set<number>();
    const before = await databaseFingerprint(ho);

    for (const [n, c] of cases.entries()) {
      const fail = (why: string) => {
        failed.add(n);
        if (failures.length < 20) failures.push(`#${n} ${c.name}: ${why}${n >= fixed.length ? ` ${JSON.stringify(random[n - fixed.length]).slice(0, 300)}` : ''}`);
      };
      const bytes = await c.bytes();
      collectGarbage();
      try {
        const preview = await runJob(ho, [{ name: 'hostile.xbledger', bytes }], null);
        sample();
        if (!preview.ok) {
          fail(`the preview failed: ${preview.error.code}`);
          continue;
        }
        const outcome = outcomeOf(preview.value);
        if (outcome.verdict === 'taken' || outcome.verdict === 'flagged') {
          // A signed file whose mutation kept it valid is a package like any other; an unsigned edit
          // may only pass where it left the signed contents as they were.
          if (outcome.verdict === 'taken' && !c.signed && !(await inert(bytes))) fail('an altered package was taken');
          if (outcome.verdict === 'flagged' && !hasWords(outcome.reason)) fail(`no words for ${outcome.reason}`);
          bump(outcomes, `${c.signed ? 'signed' : 'unsigned'} ${outcome.verdict === 'taken' && !c.signed ? 'inert' : outcome.verdict}`);
        } else {
          bump(outcomes, `${c.signed ? 'signed' : 'unsigned'} refused`);
          bump(reasons, outcome.reason.replace(/^errors\./, ''));
          if (!hasWords(outcome.reason)) fail(`no words for ${outcome.reason}`);
          const forced = await runJob(ho, [{ name: 'hostile.xbledger', bytes }], { [outcome.report?.packageSha256 ?? 'unread']: { trustKey: true, resolutions: {} } });
          if (forced.ok || forced.error.code !== 'import.changed') fail(`confirming anyway gave ${forced.ok ? 'ok' : forced.error.code}`);
        }
      } catch (e) {
        fail(`threw ${String(e).slice(0, 200)}`);
      }
      if ((await databaseFingerprint(ho)) !== before) fail('the database changed');
      if (Object.keys(Object.prototype).length > 0 || ({} as Record<string, unknown>)['polluted'] !== undefined) fail('Object.prototype was polluted');
    }

    sample();
    reportCampaign({
      campaign: 'Hostile imports (ledger packages)',
      trials: cases.length,
      required: 1000,
      failures: failed.size + (peak > MEMORY_LIMIT ? 1 : 0),
      notes: `${fixed.length} fixed cases + ${random.length} mutations; ${tally(outcomes)}; reasons: ${tally(reasons)}; peak memory ${Math.round(peak / 1024 / 1024)} MB (limit 512); seed ${SEED}`,
      seconds: (performance.now() - started) / 1000,
    });
    expect(failures).toEqual([]);
    expect(peak).toBeLessThan(MEMORY_LIMIT);
  });
});
