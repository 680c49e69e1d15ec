// Issue 8, campaign 3 (tampering). Real ledger packages of a demo branch, altered the ways someone
// without the branch's key could: one bit flipped inside a file of the package (then re-zipped) or
// anywhere in the zip's bytes, the package re-signed by another key, the history chain cut short; and
// old packages replayed. Each trial goes through head office's import job exactly as the app runs it
// (open and verify, preview, then a confirmation forced through as if the user had clicked it). Every
// trial must end refused or flagged, with a reason the catalogues put in words, and must leave the
// database as it was (a fingerprint of every table before and after).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ed25519FromSeed } from '../../electron/cli/node-crypto';
import type { DemoBranch } from '../../renderer/core/demo/campaign';
import { chainSegments, countsOf, LEDGER_DATA_FILE, ledgerDataBytes, type LedgerData, type LedgerManifest } from '../../renderer/core/ledger/package';
import type { Signer } from '../../renderer/core/package/signed';
import type { AppError } from '../../renderer/core/result';
import type { XbDb } from '../../renderer/db/db';
import { readLedgerPackage } from '../../renderer/io/ledger-package';
import { zipEntries } from '../../renderer/io/zip';
import { platformEd25519Verify, platformSha256 } from '../../renderer/platform/crypto';
import { bump, reportCampaign, soakSeed, soakTimeout, soakTrials, tally } from '../soak/campaign';
import { databaseFingerprint } from './db-fingerprint';
import { unwrap } from './finding-helpers';
import { demoPackages, deviceOf, flipBit, hasWords, headOffice, outcomeOf, resealed, runJob, trustAll, zipStructure, type Built } from './import-campaign';

const TRIALS = soakTrials({ quick: 100, full: 1000 });
const SEED = soakSeed(20260815);

type Part = 'manifest' | 'signature' | 'ledger' | 'workbook' | 'attachment';
type Sealing =
  /** ledger.json replaced, manifest and signature left as they were. */
  | 'unsigned'
  /** Everything made consistent again and signed by another key, declared in the manifest. */
  | 'otherKey'
  /** Signed by the branch's own key, the manifest keeping the chains the device recorded. */
  | 'ownKeyChainsKept'
  /** Signed by the branch's own key, chains recomputed, the manifest keeping the device's audit head. */
  | 'ownKeyHeadKept'
  /**
   * Signed by the branch's own key with chains and audit head recomputed: the history consistent in
   * itself, only the findings it last wrote are newer than it (the cut reaches a finding's last entry).
   */
  | 'ownKeyRecomputed';
type Trial =
  | { kind: 'entryBit'; part: Part; pick: number; bit: number }
  /** Anywhere in the file, or within the zip's own records (local headers, central directory, end record). */
  | { kind: 'zipBit'; where: 'anywhere' | 'structure'; bit: number }
  | { kind: 'resigned'; variant: 'ownDeclared' | 'branchDeclared' | 'newDevice'; finding: number; seed: number[] }
  | { kind: 'replay'; order: number[] }
  | { kind: 'truncated'; cut: 'head' | 'middle' | 'tail'; at: number; count: number; sealing: Sealing };

/** Spread evenly over a file (fast-check's integers lean towards small values, i.e. the first bytes). */
const anyBit = fc.noBias(fc.nat());
const trialArb: fc.Arbitrary<Trial> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('entryBit' as const), part: fc.constantFrom<Part>('manifest', 'signature', 'ledger', 'workbook', 'attachment'), pick: fc.nat(), bit: anyBit }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('zipBit' as const), where: fc.constantFrom('anywhere' as const, 'structure' as const), bit: anyBit }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('resigned' as const),
      variant: fc.constantFrom('ownDeclared' as const, 'branchDeclared' as const, 'newDevice' as const),
      finding: fc.nat(),
      seed: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 32, maxLength: 32 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replay' as const), order: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 4 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('truncated' as const),
      cut: fc.constantFrom('head' as const, 'middle' as const, 'tail' as const),
      at: fc.nat(),
      count: fc.integer({ min: 1, max: 6 }),
      sealing: fc.constantFrom<Sealing>('unsigned', 'otherKey', 'ownKeyChainsKept', 'ownKeyHeadKept', 'ownKeyRecomputed'),
    }),
  },
);

describe('tampered ledger packages at head office', { timeout: soakTimeout(240_000) }, () => {
  let branch: DemoBranch;
  let packages: Built[];
  let genuineOpened: Awaited<ReturnType<typeof readLedgerPackage>>;
  let branchKey: { publicKey: Uint8Array; sign: Signer };
  /** Offsets of the target zip's own records, not the files' bytes. */
  let structure: number[];

  /** Head office holding the first package: the second one (the target) would be taken as the next. */
  let hoNext: XbDb;
  /** Head office holding the first and third: the second is older, the others already imported. */
  let hoReplay: XbDb;

  beforeAll(async () => {
    ({ branch, key: branchKey, packages } = await demoPackages('soak-tampering', 3));
    genuineOpened = await readLedgerPackage(packages[1]!.bytes, { sha256: platformSha256, verify: platformEd25519Verify });
    structure = zipStructure(packages[1]!.bytes);
    hoNext = await headOffice([packages[0]!]);
    hoReplay = await headOffice([packages[0]!, packages[2]!]);
  });

  it('the untouched second package would be taken as the next one, with updates', async () => {
    const before = await databaseFingerprint(hoNext);
    const out = unwrap(await runJob(hoNext, [{ name: 'genuine', bytes: packages[1]!.bytes }], null));
    const outcome = outcomeOf(out);
    expect(outcome.verdict).toBe('taken');
    expect(outcome.report?.seqStatus?.kind).toBe('next');
    expect(outcome.report?.counts.findings.update).toBeGreaterThan(0);
    expect(await databaseFingerprint(hoNext)).toBe(before);
    // The parts every bit-flip trial aims at are there.
    expect(Object.keys(packages[1]!.entries).filter((p) => p.startsWith('attachments/')).length).toBeGreaterThan(0);
  });

  /** The target with `data` as its ledger.json, the manifest changed and signed by `sign`. */
  const resealedWith = (data: LedgerData, manifest: Partial<LedgerManifest>, sign: Signer): Promise<Uint8Array> =>
    resealed(packages[1]!, { ledger: ledgerDataBytes(data), manifest: { counts: countsOf(data), ...manifest } }, sign);

  /** The tampered bytes a trial sends (one file, or for a replay several). */
  async function filesOf(trial: Trial): Promise<{ name: string; bytes: Uint8Array }[]> {
    const target = packages[1]!;
    switch (trial.kind) {
      case 'entryBit': {
        const paths = Object.keys(target.entries).filter((p) =>
          trial.part === 'manifest' ? p === 'manifest.json' : trial.part === 'signature' ? p === 'manifest.sig' : trial.part === 'ledger' ? p === LEDGER_DATA_FILE : trial.part === 'workbook' ? p.endsWith('.xlsx') : p.startsWith('attachments/'),
        );
        const path = paths[trial.pick % paths.length]!;
        return [{ name: `bit-${path}`, bytes: zipEntries({ ...target.entries, [path]: flipBit(target.entries[path]!, trial.bit) }) }];
      }
      case 'zipBit': {
        if (trial.where === 'anywhere') return [{ name: 'zip-bit', bytes: flipBit(target.bytes, trial.bit) }];
        const at = structure[Math.floor(trial.bit / 8) % structure.length]!;
        return [{ name: 'zip-bit', bytes: flipBit(target.bytes, at * 8 + (trial.bit % 8)) }];
      }
      case 'resigned': {
        const key = ed25519FromSeed(new Uint8Array(trial.seed));
        const findings = target.data.findings.map((f, i) => (i === trial.finding % target.data.findings.length ? { ...f, description: `${f.description}（已核实，无需整改）` } : f));
        const data = { ...target.data, findings };
        if (trial.variant === 'branchDeclared') return [{ name: 'resigned', bytes: await resealedWith(data, {}, key.sign) }];
        const device = await deviceOf(trial.variant === 'newDevice' ? 'attacker-device' : branch.device.id, key);
        // A new device holds none of the branch's chain: no audit head of its own.
        return [{ name: 'resigned', bytes: await resealedWith(data, { device, ...(trial.variant === 'newDevice' ? { auditHead: null } : {}) }, key.sign) }];
      }
      case 'replay':
        return trial.order.map((n) => ({ name: `replay-${n + 1}`, bytes: packages[n]!.bytes }));
      case 'truncated': {
        const own = target.data.history.filter((e) => e.deviceId === branch.device.id);
        const count = Math.min(trial.count, own.length - 1);
        const lastFindingEntry = own.map((e) => e.entityType).lastIndexOf('finding');
        const start =
          trial.sealing === 'ownKeyRecomputed'
            ? Math.max(1, Math.min(own.length - count, lastFindingEntry))
            : trial.cut === 'head'
              ? 0
              : trial.cut === 'tail'
                ? own.length - count
                : 1 + (trial.at % Math.max(1, own.length - count - 1));
        const cut = new Set(own.slice(start, start + count));
        const data = { ...target.data, history: target.data.history.filter((e) => !cut.has(e)) };
        if (trial.sealing === 'unsigned') return [{ name: 'truncated', bytes: zipEntries({ ...target.entries, [LEDGER_DATA_FILE]: ledgerDataBytes(data) }) }];
        const chains = chainSegments(data.history);
        const ownLast = chains.find((c) => c.deviceId === branch.device.id)?.last.hash ?? null;
        if (trial.sealing === 'otherKey') {
          const key = ed25519FromSeed(new Uint8Array(32).fill(trial.at % 256));
          return [{ name: 'truncated', bytes: await resealedWith(data, { device: await deviceOf(branch.device.id, key), chains, auditHead: ownLast }, key.sign) }];
        }
        if (trial.sealing === 'ownKeyChainsKept') return [{ name: 'truncated', bytes: await resealedWith(data, {}, branchKey.sign) }];
        if (trial.sealing === 'ownKeyRecomputed') {
          const cutOwn = own.slice(start);
          const data2 = { ...target.data, history: target.data.history.filter((e) => !cutOwn.includes(e)) };
          const chains2 = chainSegments(data2.history);
          const head = chains2.find((c) => c.deviceId === branch.device.id)?.last.hash ?? null;
          return [{ name: 'truncated', bytes: await resealedWith(data2, { chains: chains2, auditHead: head }, branchKey.sign) }];
        }
        return [{ name: 'truncated', bytes: await resealedWith(data, { chains }, branchKey.sign) }];
      }
    }
  }

  /** True when the bytes open to exactly the genuine package's signed contents (a flip outside them). */
  async function inert(bytes: Uint8Array): Promise<boolean> {
    const opened = await readLedgerPackage(bytes, { sha256: platformSha256, verify: platformEd25519Verify });
    if (!opened.ok || !genuineOpened.ok) return false;
    const a = opened.value;
    const b = genuineOpened.value;
    const sameMap = (x: Map<string, Uint8Array>, y: Map<string, Uint8Array>) => x.size === y.size && [...x].every(([k, v]) => Buffer.from(v).equals(Buffer.from(y.get(k) ?? new Uint8Array())));
    return JSON.stringify(a.manifest) === JSON.stringify(b.manifest) && JSON.stringify(a.data) === JSON.stringify(b.data) && sameMap(a.attachments, b.attachments) && Buffer.from(a.workbook).equals(Buffer.from(b.workbook));
  }

  it(`refuses or flags every one of ${TRIALS} tampered packages with a reason, and writes nothing`, async () => {
    const started = performance.now();
    const trials = fc.sample(trialArb, { numRuns: TRIALS, seed: SEED });
    const outcomes = new Map<string, number>();
    const reasons = new Map<string, number>();
    const failures: string[] = [];
    const failedTrials = new Set<number>();
    let inertCount = 0;

    for (const [n, trial] of trials.entries()) {
      const fail = (why: string) => {
        failedTrials.add(n);
        failures.push(`#${n} ${JSON.stringify({ ...trial, ...('seed' in trial ? { seed: '…' } : {}) })}: ${why}`);
      };
      const db = trial.kind === 'replay' ? hoReplay : hoNext;
      // A confirmed replay may log the older package it was shown: the records must stay as they were.
      const untouched = trial.kind === 'replay' ? ['imports'] : [];
      const before = await databaseFingerprint(db, untouched);
      const files = await filesOf(trial);
      const preview = await runJob(db, files, null);
      if (!preview.ok) {
        fail(`the preview failed: ${preview.error.code}`);
        continue;
      }

      if (trial.kind === 'replay') {
        const bad = preview.value.reports.find((r) => !r.noOp || r.refusal !== null || (r.seqStatus?.kind !== 'duplicate' && r.seqStatus?.kind !== 'older'));
        if (bad || preview.value.unreadable.length > 0) {
          fail(`replay not flagged: ${JSON.stringify(bad?.seqStatus ?? preview.value.unreadable)}`);
          continue;
        }
        for (const r of preview.value.reports) {
          const reason = r.seqStatus?.kind === 'older' ? 'errors.import.older' : 'ledgerImport.noOp';
          if (r.seqStatus?.kind === 'older' && !r.warnings.some((w) => w.code === 'import.older')) fail('an older package without the import.older warning');
          if (!hasWords(reason)) fail(`no words for ${reason}`);
          bump(reasons, reason.replace(/^errors\./, ''));
        }
        bump(outcomes, 'replay flagged');
        const logged = await db.imports.count();
        const confirmed = await runJob(db, files, trustAll(preview.value.reports));
        if (!confirmed.ok) fail(`confirming a replay failed: ${confirmed.error.code}`);
        if ((await databaseFingerprint(db, untouched)) !== before) fail('a replay changed the records');
        // Back to the state every replay trial starts from.
        const added = (await db.imports.toArray()).slice(logged);
        await db.imports.bulkDelete(added.map((r) => r.id!));
        continue;
      }

      const outcome = outcomeOf(preview.value);
      if (outcome.verdict === 'taken' && trial.kind === 'zipBit' && (await inert(files[0]!.bytes))) {
        // The bit sat in zip bookkeeping no check reads (a CRC, a time, a local header copy): the
        // package still opens to the very bytes the branch signed, so there is nothing forged to refuse.
        inertCount++;
        bump(outcomes, `zipBit ${trial.where} inert`);
        if ((await databaseFingerprint(db)) !== before) fail('the preview wrote');
        continue;
      }
      if (outcome.verdict !== 'refused') {
        fail(`${outcome.verdict}: ${JSON.stringify(outcome.report?.seqStatus)} ${outcome.report?.counts.findings ? JSON.stringify(outcome.report.counts.findings) : ''}`);
        continue;
      }
      bump(outcomes, `${trial.kind}${trial.kind === 'zipBit' ? ` ${trial.where}` : ''} refused`);
      bump(reasons, outcome.reason.slice('errors.'.length));
      if (!hasWords(outcome.reason)) fail(`no words for ${outcome.reason}`);

      // The user clicks "import" anyway: nothing may be written.
      const sha = outcome.report?.packageSha256 ?? 'unread';
      const forced = await runJob(db, files, { [sha]: { trustKey: true, resolutions: {} } });
      const forcedCode: AppError['code'] | null = forced.ok ? null : forced.error.code;
      if (forcedCode !== 'import.changed') fail(`confirming anyway gave ${forcedCode ?? 'ok'}`);
      if ((await databaseFingerprint(db)) !== before) fail('the database changed');
    }

    const seconds = (performance.now() - started) / 1000;
    reportCampaign({
      campaign: 'Tampering',
      trials: trials.length,
      required: 1000,
      failures: failedTrials.size,
      notes: `${tally(outcomes)}; reasons: ${tally(reasons)}${inertCount > 0 ? `; inert = a flipped bit in zip bookkeeping, contents still exactly as signed` : ''}; seed ${SEED}`,
      seconds,
    });
    expect(failures.slice(0, 20)).toEqual([]);
  });
});
