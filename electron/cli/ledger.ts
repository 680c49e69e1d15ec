// `xiaobao ledger verify` and `xiaobao ledger inspect`: a package file read and checked exactly as head
// office's import checks it (renderer/io/ledger-package), then reported per file or as one JSON object.
import { basename } from 'node:path';
import { FINDING_STATUSES, type FindingStatus } from '../../renderer/core/finding/model';
import { isOverdue } from '../../renderer/core/finding/overdue';
import { LEDGER_PACKAGE_CAPS } from '../../renderer/core/ledger/package';
import { appError, err, type AppError, type Result } from '../../renderer/core/result';
import { readLedgerPackage, type ReadLedgerPackage } from '../../renderer/io/ledger-package';
import { EXIT_INVALID, EXIT_OK } from './exit-codes';
import { errorText } from './messages';
import { nodeEd25519Verify, nodeEnvelope, nodeSha256 } from './node-crypto';
import type { CliIo } from './run';
import { fmt, WORDS, type Lang } from './words';

const errnoOf = (e: unknown): string => (e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : String(e));

export async function readPackageFile(file: string, password: string | null, io: CliIo): Promise<Result<ReadLedgerPackage>> {
  let bytes: Uint8Array | null;
  try {
    bytes = await io.readFile(file, LEDGER_PACKAGE_CAPS.maxPackageBytes);
  } catch (e) {
    return err(appError('file.readFailed', { name: basename(file) }, errnoOf(e)));
  }
  if (bytes === null) return err(appError('package.tooLarge', { limitMb: LEDGER_PACKAGE_CAPS.maxPackageBytes / (1024 * 1024) }));
  return readLedgerPackage(bytes, { sha256: nodeSha256, verify: nodeEd25519Verify, ...(password === null ? {} : { password, envelope: nodeEnvelope() }) });
}

type FindingSummary = { byStatus: Record<FindingStatus, number>; live: number; voided: number; overdue: number };

/** Live findings by state, voided ones apart, overdue judged on the day the package was made for. */
function findingSummary(pkg: ReadLedgerPackage): FindingSummary {
  const byStatus = Object.fromEntries(FINDING_STATUSES.map((s) => [s, 0])) as Record<FindingStatus, number>;
  let voided = 0;
  let overdue = 0;
  for (const f of pkg.data.findings) {
    if (f.deletedAt !== null) {
      voided += 1;
      continue;
    }
    byStatus[f.status] += 1;
    if (isOverdue(f, pkg.manifest.asOf)) overdue += 1;
  }
  return { byStatus, live: pkg.data.findings.length - voided, voided, overdue };
}

const failure = (file: string, error: AppError, lang: Lang) => ({
  file,
  valid: false as const,
  code: error.code,
  message: errorText(error, lang),
  ...(error.params ? { params: error.params } : {}),
  ...(error.detail !== undefined ? { detail: error.detail } : {}),
});

export async function verifyCommand(files: readonly string[], options: { lang: Lang; json: boolean; password: string | null }, io: CliIo): Promise<number> {
  const w = WORDS[options.lang];
  const results = [];
  let invalid = 0;
  for (const file of files) {
    const r = await readPackageFile(file, options.password, io);
    if (!r.ok) {
      invalid += 1;
      results.push(failure(file, r.error, options.lang));
      if (!options.json) io.out(`${file}: ${errorText(r.error, options.lang)}`);
      continue;
    }
    const { manifest, signer } = r.value;
    const findings = findingSummary(r.value);
    results.push({
      file,
      valid: true as const,
      orgUnit: manifest.orgUnit,
      deviceId: signer.deviceId,
      fingerprint: signer.fingerprint,
      seq: manifest.seq,
      scope: manifest.scope,
      counts: manifest.counts,
      findings: findings.live,
      voided: findings.voided,
      packageSha256: r.value.packageSha256,
      sealed: r.value.sealed,
    });
    if (!options.json) {
      const voided = findings.voided > 0 ? fmt(w.ledgerVoided, findings.voided) : '';
      io.out(`${file}: ${fmt(w.ledgerValid, manifest.orgUnit.code, manifest.orgUnit.name, manifest.seq, findings.live, voided, manifest.counts.history, signer.fingerprint)}`);
    }
  }
  if (options.json) io.out(JSON.stringify({ valid: files.length - invalid, invalid, files: results }, null, 2));
  else io.err(invalid === 0 ? fmt(w.ledgersAllValid, files.length) : fmt(w.ledgersSomeInvalid, files.length, invalid));
  return invalid === 0 ? EXIT_OK : EXIT_INVALID;
}

export async function inspectCommand(file: string, options: { lang: Lang; json: boolean; password: string | null }, io: CliIo): Promise<number> {
  const w = WORDS[options.lang];
  const r = await readPackageFile(file, options.password, io);
  if (!r.ok) {
    if (options.json) io.out(JSON.stringify(failure(file, r.error, options.lang), null, 2));
    else io.out(`${file}: ${errorText(r.error, options.lang)}`);
    return EXIT_INVALID;
  }
  const { manifest, signer } = r.value;
  const findings = findingSummary(r.value);
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          file,
          valid: true,
          format: manifest.format,
          orgUnit: manifest.orgUnit,
          device: { id: signer.deviceId, fingerprint: signer.fingerprint, publicKey: manifest.device.publicKey },
          seq: manifest.seq,
          prevPackageSha256: manifest.prevPackageSha256,
          scope: manifest.scope,
          exportedAt: manifest.exportedAt,
          exportedBy: manifest.exportedBy,
          asOf: manifest.asOf,
          generator: manifest.generator,
          counts: manifest.counts,
          checklists: manifest.checklists,
          files: manifest.files.length,
          attachmentsIncluded: manifest.attachmentsIncluded,
          auditHead: manifest.auditHead,
          chains: manifest.chains,
          findingsByStatus: findings.byStatus,
          voided: findings.voided,
          overdue: findings.overdue,
          packageSha256: r.value.packageSha256,
          sealed: r.value.sealed,
        },
        null,
        2,
      ),
    );
    return EXIT_OK;
  }
  const t = w.inspect;
  const sep = options.lang === 'zh-CN' ? '，' : ', ';
  const colon = options.lang === 'zh-CN' ? '：' : ': ';
  const line = (label: string, value: string): void => io.out(`${label}${colon}${value}`);
  line(t.file, `${file}${r.value.sealed ? ` (${t.sealed})` : ''}`);
  line(t.format, manifest.format);
  line(t.unit, `${manifest.orgUnit.code} ${manifest.orgUnit.name}`);
  line(t.device, `${signer.deviceId}${sep}${signer.fingerprint}`);
  line(t.seq, String(manifest.seq));
  line(t.prev, manifest.prevPackageSha256 ?? w.none);
  line(t.scope, manifest.scope.kind === 'full' ? w.scopeFull : manifest.scope.kind === 'delta' ? fmt(w.scopeDelta, manifest.scope.sinceSeq) : fmt(w.scopeReturn, manifest.scope.unitCode));
  line(t.exported, `${manifest.exportedAt}${sep}${manifest.exportedBy}`);
  line(t.counts, (Object.keys(w.countNames) as (keyof typeof w.countNames)[]).map((k) => `${w.countNames[k]} ${manifest.counts[k]}`).join(sep));
  line(t.checklists, manifest.checklists.map((c) => `${c.id} ${c.version}`).join(sep) || w.none);
  line(t.files, `${manifest.files.length}${sep}${manifest.attachmentsIncluded ? t.attachmentsIn : t.attachmentsOut}`);
  line(
    t.findings,
    [...FINDING_STATUSES.map((s) => `${w.statuses[s]} ${findings.byStatus[s]}`), `${t.voided} ${findings.voided}`, `${fmt(t.overdue, manifest.asOf)} ${findings.overdue}`].join(sep),
  );
  line(t.auditHead, manifest.auditHead ?? w.none);
  line(t.packageSha256, r.value.packageSha256);
  line(t.generator, manifest.generator);
  return EXIT_OK;
}
