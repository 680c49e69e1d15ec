// Head office's checks of a verified package against what it already holds (ARCHITECTURE §6, after
// the signature and hashes): is the signing key the one trusted for that unit, and where does the
// package's seq fall in that device's sequence. Pure: the caller reads the trusted keys and the import
// log and decides what to show; nothing here writes.

export type TrustedKey = {
  orgUnitCode: string;
  /** Raw Ed25519 public key, base64, as in the manifest. */
  publicKey: string;
  fingerprint: string;
  deviceId: string;
};

export type KeyStatus =
  /** No key is trusted for this unit yet: the user must confirm the fingerprint before anything is imported. */
  | { kind: 'unknown' }
  | { kind: 'trusted' }
  /** Another key is trusted for this unit: refused (a head-office user may re-enrol the unit's key, with a reason). */
  | { kind: 'mismatch'; trustedFingerprint: string };

export function keyStatus(trusted: TrustedKey | undefined, signer: { publicKey: string }): KeyStatus {
  if (trusted === undefined) return { kind: 'unknown' };
  return trusted.publicKey === signer.publicKey ? { kind: 'trusted' } : { kind: 'mismatch', trustedFingerprint: trusted.fingerprint };
}

/** What head office recorded of an earlier import from a device. */
export type ImportedPackage = { deviceId: string; seq: number; packageSha256: string };

export type SeqStatus =
  /** The next package of this device (or its first): nothing to say. */
  | { kind: 'next' }
  /** This very package was imported before: importing it again changes nothing. */
  | { kind: 'duplicate' }
  /** A package with this seq but other content was imported: the device re-used a seq. */
  | { kind: 'seqReused' }
  /** Older than the newest imported from this device: its records may be stale. */
  | { kind: 'older'; newest: number }
  /** Packages are missing between the newest imported and this one: still importable, with a warning. */
  | { kind: 'gap'; missing: number[] }
  /** Its prevPackageSha256 does not name the package imported as seq − 1: a forked or replaced history. */
  | { kind: 'chainMismatch'; expected: string };

const MAX_LISTED_MISSING = 50;

export function seqStatus(imported: readonly ImportedPackage[], incoming: { deviceId: string; seq: number; packageSha256: string; prevPackageSha256: string | null }): SeqStatus {
  const same = imported.filter((p) => p.deviceId === incoming.deviceId);
  const atSeq = same.find((p) => p.seq === incoming.seq);
  if (atSeq) return atSeq.packageSha256 === incoming.packageSha256 ? { kind: 'duplicate' } : { kind: 'seqReused' };
  const newest = same.reduce((max, p) => Math.max(max, p.seq), 0);
  if (incoming.seq < newest) return { kind: 'older', newest };
  const before = same.find((p) => p.seq === incoming.seq - 1);
  if (before && incoming.prevPackageSha256 !== before.packageSha256) return { kind: 'chainMismatch', expected: before.packageSha256 };
  // The first package seen from a device may have any seq: head office may start receiving late.
  if (newest > 0 && incoming.seq > newest + 1) {
    const missing: number[] = [];
    for (let s = newest + 1; s < incoming.seq && missing.length < MAX_LISTED_MISSING; s++) missing.push(s);
    return { kind: 'gap', missing };
  }
  return { kind: 'next' };
}

/** What the history check needs of a finding and of a history entry. */
export type AnchoredFinding = { id: string; ledgerNo: string; deviceId: string; updatedAt: string };
export type AnchorEntry = { deviceId: string; entityType: string; entityId: string; at: string };

/**
 * Every write of a finding appends a history entry in the writer's chain at the same instant as the
 * record's updatedAt (db/repos/findings writeFinding). So a finding last written by `deviceId` must
 * have an entry of that device for it at exactly its updatedAt. Returns the findings of the device
 * that have none among `entries`: their history does not reach their current state (a chain whose
 * tail was cut, or records edited outside the app). The caller looks the rest up in what it holds.
 */
export function findingsWithoutEntry<F extends AnchoredFinding>(findings: readonly F[], entries: Iterable<AnchorEntry>, deviceId: string): F[] {
  const anchors = new Set<string>();
  for (const e of entries) if (e.deviceId === deviceId && e.entityType === 'finding') anchors.add(`${e.entityId}\u0000${e.at}`);
  return findings.filter((f) => f.deviceId === deviceId && !anchors.has(`${f.id}\u0000${f.updatedAt}`));
}
