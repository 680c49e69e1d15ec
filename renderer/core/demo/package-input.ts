// A demo branch as a ledger package's input: what the export would hand core/ledger/package, with the
// workbook, key and hash functions supplied by the caller (the command line, or a test).
import type { Sha256 } from '../hash';
import type { LedgerPackageInput } from '../ledger/package';
import { sheetRows, type LedgerSheetRow } from '../ledger/sheet-rows';
import type { PackageDevice } from '../package/manifest';
import type { Signer } from '../package/signed';
import type { DemoBranch } from './campaign';

/** The 整改台账 rows of the branch's findings, overdue judged at its as-of day. */
export function demoSheetRows(branch: DemoBranch): LedgerSheetRow[] {
  return sheetRows(branch.data.findings, {
    unitsByCode: new Map(branch.data.orgUnits.map((u) => [u.code, u])),
    inspectionsById: new Map(branch.data.inspections.map((i) => [i.id, i])),
    asOf: branch.asOf,
  });
}

export function demoPackageInput(
  branch: DemoBranch,
  deps: { device: PackageDevice; workbook: Uint8Array; sha256: Sha256; sign: Signer; generator: string },
  /** A later export of the same device (demo/follow-up.ts): its seq and the package before it. */
  sequence: { seq: number; prevPackageSha256: string | null } = { seq: 1, prevPackageSha256: null },
): LedgerPackageInput {
  return {
    data: branch.data,
    attachmentFiles: branch.attachmentFiles,
    attachmentsIncluded: true,
    workbook: deps.workbook,
    orgUnit: { code: branch.unit.code, name: branch.unit.name, level: branch.unit.level },
    device: deps.device,
    // Every demo package is a full export; the campaign's are each device's first.
    seq: sequence.seq,
    prevPackageSha256: sequence.prevPackageSha256,
    scope: { kind: 'full' },
    checklists: branch.checklists,
    auditHead: branch.auditHead,
    exportedAt: branch.exportedAt,
    exportedBy: branch.inspector,
    asOf: branch.asOf,
    generator: deps.generator,
    sha256: deps.sha256,
    sign: deps.sign,
  };
}
