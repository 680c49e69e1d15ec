// `xiaobao consolidate` (ARCHITECTURE §7): head office's import without the GUI. Every package is read
// and verified as the app verifies it; a unit's packages must all carry the key of its first one; the
// accepted ones are merged with core/ledger/merge in a fixed order (unit, then seq), so the same files
// always give the same ledger; then the consolidated 整改台账 is written and the summary statement printed.
// A conflict cannot be decided here: the version merged first stays, and every conflict is reported.
import { join } from 'node:path';
import { findingsWithoutEntry, seqStatus, type ImportedPackage } from '../../renderer/core/ledger/import-check';
import { applyPlan, emptyMergeState, planCounts, planMerge, RECORD_KINDS, type MergeState } from '../../renderer/core/ledger/merge';
import { sheetRows } from '../../renderer/core/ledger/sheet-rows';
import { summarize, summaryStatement, WHOLE_SCOPE } from '../../renderer/core/ledger/summary';
import { appError } from '../../renderer/core/result';
import type { ReadLedgerPackage } from '../../renderer/io/ledger-package';
import { ledgerWorkbookBytes } from '../../renderer/io/ledger-workbook';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './exit-codes';
import { readPackageFile } from './ledger';
import { errorText } from './messages';
import type { CliIo } from './run';
import { fmt, WORDS, type Lang } from './words';

export type ConsolidateOptions = { lang: Lang; json: boolean; summary: boolean; xlsx: string; asOf: string; password: string | null };

/** §7: a package left out makes the exit code 2. */
export const EXIT_REJECTED = EXIT_USAGE;

/** Each argument as files: a folder gives its *.xbledger files in name order. */
async function expand(inputs: readonly string[], io: CliIo): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    let names: string[] | null;
    try {
      names = await io.listDir(input);
    } catch {
      names = null;
    }
    if (names === null) out.push(input);
    else out.push(...names.filter((n) => n.toLowerCase().endsWith('.xbledger')).sort().map((n) => join(input, n)));
  }
  return out;
}

const compare = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

export async function consolidateCommand(inputs: readonly string[], options: ConsolidateOptions, io: CliIo): Promise<number> {
  const w = WORDS[options.lang];
  const t = w.consolidate;
  const files = await expand(inputs, io);
  const rejected: { file: string; reason: string }[] = [];
  const read: { file: string; pkg: ReadLedgerPackage }[] = [];
  for (const file of files) {
    const r = await readPackageFile(file, options.password, io);
    if (r.ok) read.push({ file, pkg: r.value });
    else rejected.push({ file, reason: errorText(r.error, options.lang) });
  }
  read.sort((x, y) => {
    const a = x.pkg.manifest;
    const b = y.pkg.manifest;
    return compare(a.orgUnit.code, b.orgUnit.code) || compare(a.seq, b.seq) || compare(a.device.id, b.device.id) || compare(x.pkg.packageSha256, y.pkg.packageSha256) || compare(x.file, y.file);
  });

  // The first package of a unit registers its key, as the app's trusted keys do once confirmed.
  const keys = new Map<string, string>();
  const taken: ImportedPackage[] = [];
  let state: MergeState = emptyMergeState();
  let accepted = 0;
  let conflicts = 0;
  const lines: string[] = [];
  const warnings: string[] = [];
  for (const { file, pkg } of read) {
    const unit = pkg.manifest.orgUnit;
    const expected = keys.get(unit.code);
    if (expected !== undefined && expected !== pkg.signer.fingerprint) {
      rejected.push({ file, reason: errorText(appError('merge.keyMismatch', { code: unit.code, fingerprint: pkg.signer.fingerprint, expected }), options.lang) });
      continue;
    }
    // Where the package falls in its device's sequence, as the app's import checks it.
    const seq = seqStatus(taken, { deviceId: pkg.manifest.device.id, seq: pkg.manifest.seq, packageSha256: pkg.packageSha256, prevPackageSha256: pkg.manifest.prevPackageSha256 });
    if (seq.kind === 'duplicate') {
      warnings.push(`${file}: ${errorText(appError('import.duplicateFile'), options.lang)}`);
      continue;
    }
    if (seq.kind === 'seqReused' || seq.kind === 'chainMismatch') {
      rejected.push({ file, reason: errorText(appError(seq.kind === 'seqReused' ? 'import.seqReused' : 'import.chainMismatch', { seq: pkg.manifest.seq }), options.lang) });
      continue;
    }
    // A finding newer than its device's history (a cut tail, an edit outside the app), as the app refuses it.
    if (pkg.manifest.scope.kind !== 'return') {
      const deviceId = pkg.manifest.device.id;
      const unanchored = findingsWithoutEntry(pkg.data.findings, pkg.data.history, deviceId);
      const behind = unanchored.length === 0 ? [] : findingsWithoutEntry(unanchored, state.history.values(), deviceId);
      if (behind[0]) {
        rejected.push({ file, reason: errorText(appError('import.historyBehind', { ledgerNo: behind[0].ledgerNo, count: behind.length }), options.lang) });
        continue;
      }
    }
    if (seq.kind === 'gap') warnings.push(`${file}: ${errorText(appError('import.seqGap', { missing: seq.missing.join('、') }), options.lang)}`);
    taken.push({ deviceId: pkg.manifest.device.id, seq: pkg.manifest.seq, packageSha256: pkg.packageSha256 });
    keys.set(unit.code, pkg.signer.fingerprint);
    const plan = planMerge(state, pkg.data);
    state = applyPlan(state, plan);
    accepted += 1;
    const f = planCounts(plan).findings;
    lines.push(`${file}: ${fmt(t.accepted, unit.code, unit.name, pkg.manifest.seq, f.insert, f.update, f.unchanged, f.stale, f.conflict)}`);
    for (const kind of RECORD_KINDS) {
      for (const c of plan[kind].conflicts) {
        conflicts += 1;
        warnings.push(fmt(t.conflict, t.kinds[kind], kind === 'findings' ? `${(c.incoming as { ledgerNo: string }).ledgerNo}` : c.key, t.reasons[c.reason], c.local.rev, file, c.incoming.rev));
      }
    }
    for (const c of plan.history.conflicts) {
      conflicts += 1;
      warnings.push(fmt(t.historyConflict, c.deviceId, c.seq, c.problem, file));
    }
    for (const g of plan.history.gaps) warnings.push(fmt(t.gap, g.deviceId, g.heldUpTo, file, g.firstIncoming));
  }
  // Refusals in the order the files were named, whichever step refused them.
  rejected.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file));

  const units = [...state.orgUnits.values()];
  const findings = [...state.findings.values()];
  const summary = summarize(findings, WHOLE_SCOPE, units, options.asOf);
  const statement = summaryStatement(summary, options.lang);

  let wrote: string | null = null;
  if (accepted > 0) {
    const rows = sheetRows(findings, { unitsByCode: state.orgUnits, inspectionsById: state.inspections, asOf: options.asOf });
    const bytes = await ledgerWorkbookBytes(rows, { asOf: options.asOf, title: t.sheetTitle });
    if (!bytes.ok) {
      io.err(errorText(bytes.error, options.lang));
      return EXIT_INVALID;
    }
    const saved = await io.writeFileAtomic(options.xlsx, bytes.value);
    if (!saved.ok) {
      io.err(`${options.xlsx}: ${errorText(saved.error, options.lang)}`);
      return EXIT_INVALID;
    }
    wrote = fmt(t.wrote, options.xlsx, rows.length);
  }

  if (options.json) {
    const { topCategories: _top, asOf: _asOf, ...numbers } = summary;
    io.out(JSON.stringify({ packages: { accepted, rejected }, summary: numbers, statement }, null, 2));
  } else {
    for (const line of lines) io.out(line);
    for (const r of rejected) io.out(`${r.file}: ${r.reason}`);
    if (options.summary) io.out(statement);
  }
  for (const warning of warnings) io.err(warning);
  io.err(wrote ?? fmt(t.nothingAccepted, options.xlsx));
  io.err(fmt(t.done, files.length, accepted, rejected.length, conflicts));
  return rejected.length > 0 ? EXIT_REJECTED : EXIT_OK;
}
