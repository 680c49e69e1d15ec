// Turning picked, dropped, pasted or photographed files into attachments: a size cap per file, the
// sha256 of the file as picked (to find one already stored before scaling it again), images scaled
// (platform/image.ts), and the sha256 of what is stored, which becomes its id.
import { appError, type AppError } from '../core/result';
import { toHex } from '../core/hash';
import type { EvidenceInput } from '../db/repos/attachments';
import type { ImageScaler } from '../platform/image';

export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

export type EvidenceFile = { name: string; data: Blob };

export type EvidenceDeps = {
  /** The id of an attachment already made from these bytes, if any. */
  findBySource: (sourceSha256: string) => Promise<string | undefined>;
  scale: ImageScaler;
  sha256: (bytes: Uint8Array) => Promise<Uint8Array>;
};

const SIGNATURES: [string, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46]],
];

const BY_EXTENSION: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic', bmp: 'image/bmp',
  pdf: 'application/pdf', txt: 'text/plain', csv: 'text/csv', mp3: 'audio/mpeg', mp4: 'video/mp4', m4a: 'audio/mp4', wav: 'audio/wav',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ofd: 'application/ofd', zip: 'application/zip',
};

/** The file's type from its first bytes, else its extension, else what the browser said. */
export function sniffMime(name: string, head: Uint8Array, declared = ''): string {
  for (const [mime, sig] of SIGNATURES) if (sig.every((b, i) => head[i] === b)) return mime;
  if (head.length >= 12 && String.fromCharCode(...head.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...head.subarray(8, 12)) === 'WEBP') return 'image/webp';
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) || declared || 'application/octet-stream';
}

export const isImage = (mime: string): boolean => mime.startsWith('image/');

/** Prepares every file; one that fails (too large, unreadable) is reported and the others still go in. */
export async function prepareEvidence(files: readonly EvidenceFile[], deps: EvidenceDeps): Promise<{ inputs: EvidenceInput[]; errors: AppError[] }> {
  const inputs: EvidenceInput[] = [];
  const errors: AppError[] = [];
  for (const f of files) {
    if (f.data.size > EVIDENCE_MAX_BYTES) {
      errors.push(appError('evidence.tooLarge', { name: f.name, sizeMb: (f.data.size / 1048576).toFixed(1), limitMb: EVIDENCE_MAX_BYTES / 1048576 }));
      continue;
    }
    if (f.data.size === 0) {
      errors.push(appError('evidence.empty', { name: f.name }));
      continue;
    }
    try {
      const bytes = new Uint8Array(await f.data.arrayBuffer());
      const sourceSha256 = toHex(await deps.sha256(bytes));
      const existing = await deps.findBySource(sourceSha256);
      if (existing !== undefined) {
        inputs.push({ existingId: existing });
        continue;
      }
      const mime = sniffMime(f.name, bytes.subarray(0, 16), f.data.type);
      const typed = f.data.type === mime ? f.data : new Blob([bytes], { type: mime });
      const image = isImage(mime) ? await deps.scale(typed) : null;
      const blob = image?.blob ?? typed;
      const stored = image?.scaled ? new Uint8Array(await blob.arrayBuffer()) : bytes;
      inputs.push({
        file: {
          id: image?.scaled ? toHex(await deps.sha256(stored)) : sourceSha256,
          sourceSha256,
          name: image?.scaled ? renameForType(f.name, image.mime) : f.name,
          mime: image?.mime ?? mime,
          size: stored.length,
          width: image?.width ?? null,
          height: image?.height ?? null,
          blob,
          thumbnail: image?.thumbnail ?? null,
        },
      });
    } catch (e) {
      errors.push(appError('evidence.unreadable', { name: f.name }, String(e)));
    }
  }
  return { inputs, errors };
}

/** A scaled PNG stays .png; anything re-encoded as JPEG gets .jpg, so the name says what the bytes are. */
function renameForType(name: string, mime: string): string {
  const ext = mime === 'image/png' ? 'png' : 'jpg';
  const base = name.replace(/\.[A-Za-z0-9]+$/, '');
  return `${base || 'photo'}.${ext}`;
}
