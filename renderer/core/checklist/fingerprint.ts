// An inspection pins a checklist by id + version + this fingerprint: the same content always gives the
// same value, whatever the key order or whitespace of the file it came from.
import { canonicalSha256, type Sha256 } from '../hash';
import type { Checklist } from './schema';

/** Lower-case hex SHA-256 of UTF-8(canonicalJson(checklist)). */
export function checklistFingerprint(checklist: Checklist, sha256: Sha256): Promise<string> {
  return canonicalSha256(checklist, sha256);
}
