// Head office's trusted keys (issue 6, ARCHITECTURE §6): the first package of a unit registers its key
// once a person has compared the fingerprint; a different key later is refused until a head-office user
// re-enrols the unit, which keeps the old key, who replaced it, when and why.
import type { XbDb } from '../db';
import type { ImportRow, TrustedKeyRow } from '../types';
import { nowIso } from '../clock';
import { appError, err, ok, type Result } from '../../core/result';
import type { ImportedPackage, TrustedKey } from '../../core/ledger/import-check';

export async function trustedKeyOf(db: XbDb, orgUnitCode: string): Promise<TrustedKeyRow | undefined> {
  return db.trustedKeys.get(orgUnitCode);
}

/** Errors: trust.otherKey {fingerprint} when another key is trusted for the unit (re-enrol instead). */
export async function trustKey(db: XbDb, key: TrustedKey, confirmedBy: string): Promise<Result<TrustedKeyRow>> {
  return db.transaction('rw', db.trustedKeys, async () => {
    const current = await db.trustedKeys.get(key.orgUnitCode);
    if (current) return current.publicKey === key.publicKey ? ok(current) : err(appError('trust.otherKey', { code: key.orgUnitCode, fingerprint: current.fingerprint }));
    const row: TrustedKeyRow = { ...key, firstSeen: nowIso(), confirmedBy, replaced: [] };
    await db.trustedKeys.add(row);
    return ok(row);
  });
}

/** Replaces the unit's trusted key. Errors: trust.reasonRequired, trust.notEnrolled {code}, trust.sameKey. */
export async function reEnrolKey(db: XbDb, key: TrustedKey, by: string, reason: string): Promise<Result<TrustedKeyRow>> {
  const why = reason.trim();
  if (why === '') return err(appError('trust.reasonRequired'));
  return db.transaction('rw', db.trustedKeys, async () => {
    const current = await db.trustedKeys.get(key.orgUnitCode);
    if (!current) return err(appError('trust.notEnrolled', { code: key.orgUnitCode }));
    if (current.publicKey === key.publicKey) return err(appError('trust.sameKey'));
    const at = nowIso();
    const row: TrustedKeyRow = {
      ...key,
      firstSeen: at,
      confirmedBy: by,
      replaced: [...current.replaced, { publicKey: current.publicKey, fingerprint: current.fingerprint, deviceId: current.deviceId, until: at, by, reason: why }],
    };
    await db.trustedKeys.put(row);
    return ok(row);
  });
}

/** The packages imported from a device, for core/ledger/import-check's seqStatus. */
export async function importedFromDevice(db: XbDb, deviceId: string): Promise<ImportedPackage[]> {
  const rows: ImportRow[] = await db.imports.where('[deviceId+seq]').between([deviceId, 0], [deviceId, Infinity]).toArray();
  return rows.map((r) => ({ deviceId: r.deviceId, seq: r.seq, packageSha256: r.packageSha256 }));
}
