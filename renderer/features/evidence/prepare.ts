// Evidence preparation wired to this app: look-ups in the database, the browser's image scaler and
// WebCrypto (all outside any transaction; the repository then stores the result in one).
import type { XbDb } from '../../db/queries';
import { findAttachmentBySource } from '../../db/repos/attachments';
import { prepareEvidence, type EvidenceFile } from '../../io/evidence';
import { scaleImage } from '../../platform/image';
import { platformSha256 } from '../../platform/crypto';

export function prepareFiles(db: XbDb, files: readonly EvidenceFile[]) {
  return prepareEvidence(files, {
    findBySource: async (sourceSha256) => (await findAttachmentBySource(db, sourceSha256))?.id,
    scale: scaleImage,
    sha256: platformSha256,
  });
}
