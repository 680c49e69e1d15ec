// Issue 8, campaign 2 (hostile and broken imports), for ledger packages: a fixed corpus of hostile
// files — zip-slip names, zip bombs with honest and lying sizes, too many entries, truncated and empty
// files, malformed UTF-8, `__proto__` and `constructor` keys, deep nesting, over-long strings — and
// random mutations of a real package's bytes, its zip entries, and the JSON of ledger.json and
// manifest.json (these re-signed, as a compromised or buggy exporter would send them). Each goes
// through head office's import job as the app runs it. Targets: no exception escapes, every refusal
// has a reason both catalogues word, a refused file writes nothing (a forced confirmation included),
// no prototype is polluted, no file is written, and the process stays under 512 MB (the loop and the
// zip corpus are shared with the other formats' campaigns: hostile-files.ts).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_DATA_FILE } from '../../renderer/core/ledger/package';
import type { Signer } from '../../renderer/core/package/signed';
import type { XbDb } from '../../renderer/db/db';
import { readLedgerPackage } from '../../renderer/io/ledger-package';
import { zipEntries } from '../../renderer/io/zip';
import { platformEd25519Verify, platformSha256 } from '../../renderer/platform/crypto';
import { soakSeed, soakTimeout, soakTrials } from '../soak/campaign';
import {
  byteEditsArb,
  defineOwn,
  editBytes,
  editedJson,
  editEntries,
  entryEditArb,
  hostileCase,
  jsonEditArb,
  MEMORY_LIMIT,
  NEST,
  mutateJson,
  nested,
  runHostileCampaign,
  utf8,
  withNesting,
  zipCorpus,
  type ByteEdit,
  type EntryEdit,
  type HostileCase,
  type JsonEdit,
} from './hostile-files';
import { demoPackages, hasWords, headOffice, outcomeOf, resealed, runJob, type Built } from './import-campaign';

const TRIALS = soakTrials({ quick: 100, full: 1000 });
const SEED = soakSeed(20260817);

type Mutation = { kind: 'bytes'; edits: ByteEdit[] } | ({ kind: 'entries' } & EntryEdit) | ({ kind: 'json'; file: 'ledger' | 'manifest' } & JsonEdit);

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('bytes' as const), edits: byteEditsArb }) },
  { weight: 2, arbitrary: entryEditArb(['manifest.json', 'ledger.json', '整改台账.xlsx']).map((e) => ({ kind: 'entries' as const, ...e })) },
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom('ledger' as const, 'ledger' as const, 'manifest' as const), jsonEditArb).map(([file, e]) => ({ kind: 'json' as const, file, ...e })) },
);

describe('hostile and broken ledger packages at head office', { timeout: soakTimeout(300_000) }, () => {
  let target: Built;
  let sign: Signer;
  let ho: XbDb;

  beforeAll(async () => {
    const demo = await demoPackages('soak-hostile', 2);
    target = demo.packages[1]!;
    sign = demo.key.sign;
    ho = await headOffice([demo.packages[0]!]);
  });
  afterAll(() => ho.close());

  const signedLedger = (text: string | Uint8Array) => resealed(target, { ledger: typeof text === 'string' ? utf8(text) : text }, sign);
  const ledgerText = () => new TextDecoder().decode(target.entries[LEDGER_DATA_FILE]);
  const withLedgerObject = (change: (data: Record<string, unknown>) => void) => {
    const data = JSON.parse(ledgerText()) as Record<string, unknown>;
    change(data);
    return signedLedger(JSON.stringify(data));
  };
  const firstFinding = (data: Record<string, unknown>) => (data['findings'] as Record<string, unknown>[])[0]!;

  function corpus(): HostileCase[] {
    const signed = (name: string, bytes: () => Promise<Uint8Array>) => hostileCase(name, bytes, true);
    return [
      ...zipCorpus({ bytes: target.bytes, entries: target.entries, main: LEDGER_DATA_FILE }),
      hostileCase('manifest.json not UTF-8', () => zipEntries({ ...target.entries, 'manifest.json': new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]) })),
      hostileCase('manifest.json nested 100,000 deep', () => zipEntries({ ...target.entries, 'manifest.json': utf8(nested(100_000)) })),
      hostileCase('manifest.json with a __proto__ key', () => zipEntries({ ...target.entries, 'manifest.json': utf8(new TextDecoder().decode(target.entries['manifest.json']).replace('{', '{"__proto__":{"polluted":1},')) })),
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

  function mutated(m: Mutation): HostileCase {
    if (m.kind === 'bytes') return hostileCase('bytes', () => editBytes(target.bytes, m.edits));
    if (m.kind === 'entries') return hostileCase(`entries ${m.op}`, () => editEntries(target.entries, m));
    return hostileCase(
      `${m.file}.json ${m.action}`,
      async () => {
        if (m.file === 'ledger') return signedLedger(editedJson(ledgerText(), m));
        const { files: _files, ...manifest } = target.manifest;
        const changed = mutateJson(structuredClone(manifest), m);
        // The manifest is signed as canonical JSON, which nests no deeper than 200: a deeper one goes unsigned.
        if (m.action === 'nest') return zipEntries({ ...target.entries, 'manifest.json': utf8(withNesting(JSON.stringify(changed), m.depth)) });
        return resealed(target, { manifest: changed as Record<string, unknown> }, sign);
      },
      true,
    );
  }

  /** True when the bytes open to exactly the target's signed contents (an edit outside them). */
  async function inert(bytes: Uint8Array): Promise<boolean> {
    const read = (x: Uint8Array) => readLedgerPackage(x, { sha256: platformSha256, verify: platformEd25519Verify });
    const a = await read(bytes);
    const b = await read(target.bytes);
    return a.ok && b.ok && JSON.stringify(a.value.manifest) === JSON.stringify(b.value.manifest) && JSON.stringify(a.value.data) === JSON.stringify(b.value.data);
  }

  it(`refuses every hostile ledger package with a reason and writes nothing (${TRIALS} cases)`, async () => {
    const fixed = corpus();
    const mutations = fc.sample(mutationArb, { numRuns: Math.max(0, TRIALS - fixed.length), seed: SEED });
    const { failures, peak } = await runHostileCampaign({
      campaign: 'Hostile imports (ledger packages)',
      seed: SEED,
      fixed,
      random: mutations.map(mutated),
      mutations,
      db: () => ho,
      attempt: async (bytes, fail, c) => {
        const signed = c.signed === true;
        const preview = await runJob(ho, [{ name: 'hostile.xbledger', bytes }], null);
        if (!preview.ok) {
          fail(`the preview failed: ${preview.error.code}`);
          return { outcome: 'preview failed' };
        }
        const outcome = outcomeOf(preview.value);
        if (outcome.verdict === 'taken' || outcome.verdict === 'flagged') {
          // A signed file whose mutation kept it valid is a package like any other; an unsigned edit
          // may only pass where it left the signed contents as they were.
          if (outcome.verdict === 'taken' && !signed && !(await inert(bytes))) fail('an altered package was taken');
          if (outcome.verdict === 'flagged' && !hasWords(outcome.reason)) fail(`no words for ${outcome.reason}`);
          return { outcome: `${signed ? 'signed' : 'unsigned'} ${outcome.verdict === 'taken' && !signed ? 'inert' : outcome.verdict}` };
        }
        if (!hasWords(outcome.reason)) fail(`no words for ${outcome.reason}`);
        const forced = await runJob(ho, [{ name: 'hostile.xbledger', bytes }], { [outcome.report?.packageSha256 ?? 'unread']: { trustKey: true, resolutions: {} } });
        if (forced.ok || forced.error.code !== 'import.changed') fail(`confirming anyway gave ${forced.ok ? 'ok' : forced.error.code}`);
        return { outcome: `${signed ? 'signed' : 'unsigned'} refused`, reason: outcome.reason };
      },
    });
    expect(failures).toEqual([]);
    expect(peak).toBeLessThan(MEMORY_LIMIT);
  });
});
