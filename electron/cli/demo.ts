// `xiaobao demo`: the synthetic campaign of renderer/core/demo written as one signed package per branch,
// each with its Excel view and photos. Every input of the bytes is fixed (seed, as-of day, the bundled
// checklists, fixed timestamps in both zips, Ed25519's deterministic signatures), so the same command
// writes the same files; the branches are made one at a time, so memory does not grow with N.
import { join } from 'node:path';
import { checklistFingerprint } from '../../renderer/core/checklist/fingerprint';
import { formatChecklistProblem } from '../../renderer/core/checklist/messages';
import { MAX_CHECKLIST_BYTES, parseChecklistText } from '../../renderer/core/checklist/parse';
import { toBase64 } from '../../renderer/core/crypto/encoding';
import { keyFingerprint } from '../../renderer/core/crypto/fingerprint';
import { demoBranch, type DemoChecklist, type DemoOptions } from '../../renderer/core/demo/campaign';
import { demoPackageInput, demoSheetRows } from '../../renderer/core/demo/package-input';
import { ledgerPackageName } from '../../renderer/core/ledger/package';
import { utf8Decode } from '../../renderer/core/utf8';
import { writeLedgerPackage } from '../../renderer/io/ledger-package';
import { ledgerWorkbookBytes } from '../../renderer/io/ledger-workbook';
import { repackZip } from '../../renderer/io/zip';
import { EXIT_INVALID, EXIT_OK } from './exit-codes';
import { errorText } from './messages';
import { ed25519FromSeed, nodeSha256 } from './node-crypto';
import type { CliIo } from './run';
import { fmt, WORDS, type Lang } from './words';

export const DEMO_GENERATOR = 'xiaobao demo';

/**
 * The bundled checklists in file-name order, which is also the demo's role order (branch-onsite: the
 * outlets' routine checklist; consumer-rights: the branch itself; the rest: campaigns at a few outlets).
 */
async function loadChecklists(io: CliIo, lang: Lang): Promise<DemoChecklist[] | string> {
  const w = WORDS[lang];
  let names: string[];
  try {
    names = (await io.listDir(io.checklistsDir)).filter((n) => n.endsWith('.json') && n !== 'checklist.schema.json').sort();
  } catch {
    return fmt(w.checklistsMissing, io.checklistsDir);
  }
  if (names.length === 0) return fmt(w.checklistsMissing, io.checklistsDir);
  const out: DemoChecklist[] = [];
  for (const name of names) {
    const bytes = await io.readFile(join(io.checklistsDir, name), MAX_CHECKLIST_BYTES);
    const text = bytes === null ? null : utf8Decode(bytes);
    if (text === null) return fmt(w.checklistBroken, name, w.notUtf8);
    const parsed = parseChecklistText(text);
    if (!parsed.ok) return fmt(w.checklistBroken, name, parsed.error.slice(0, 1).map((p) => formatChecklistProblem(p, lang)).join(''));
    out.push({ checklist: parsed.value, sha256: await checklistFingerprint(parsed.value, nodeSha256) });
  }
  return out;
}

export type DemoArgs = Pick<DemoOptions, 'branches' | 'seed' | 'asOf' | 'outlets' | 'failureRate'> & { out: string };

/** `io.checklistsDir` is where the checklists come from: the bundled folder, or `--checklists DIR`. */
export async function demoCommand(args: DemoArgs, lang: Lang, io: CliIo): Promise<number> {
  const w = WORDS[lang];
  const checklists = await loadChecklists(io, lang);
  if (typeof checklists === 'string') {
    io.err(checklists);
    return EXIT_INVALID;
  }
  const { out: _out, ...rest } = args;
  const options: DemoOptions = { ...rest, checklists };
  await io.makeDir(args.out);
  let total = 0;
  for (let i = 0; i < args.branches; i++) {
    const branch = demoBranch(options, i);
    const key = ed25519FromSeed(branch.device.seed);
    const device = { id: branch.device.id, publicKey: toBase64(key.publicKey), fingerprint: await keyFingerprint(key.publicKey, nodeSha256) };
    const workbook = await ledgerWorkbookBytes(demoSheetRows(branch), { asOf: branch.asOf, title: `${branch.unit.name} 整改台账`, created: new Date(branch.exportedAt) });
    if (!workbook.ok) {
      io.err(errorText(workbook.error, lang));
      return EXIT_INVALID;
    }
    const written = await writeLedgerPackage(demoPackageInput(branch, { device, workbook: repackZip(workbook.value), sha256: nodeSha256, sign: key.sign, generator: DEMO_GENERATOR }));
    if (!written.ok) {
      io.err(errorText(written.error, lang));
      return EXIT_INVALID;
    }
    const path = join(args.out, ledgerPackageName(branch.unit.code, branch.asOf, written.value.manifest.seq));
    const saved = await io.writeFileAtomic(path, written.value.bytes);
    if (!saved.ok) {
      io.err(`${path}: ${errorText(saved.error, lang)}`);
      return EXIT_INVALID;
    }
    total += written.value.bytes.length;
    const findings = branch.data.findings.filter((f) => f.deletedAt === null).length;
    io.out(fmt(w.demoWrote, path, branch.unit.name, findings, Math.round(written.value.bytes.length / 1024)));
  }
  io.err(fmt(w.demoDone, args.branches, (total / (1024 * 1024)).toFixed(1), args.seed, args.asOf));
  return EXIT_OK;
}
