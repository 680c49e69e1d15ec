import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { EVIDENCE_MAX_BYTES, prepareEvidence, sniffMime, type EvidenceDeps } from '../../../renderer/io/evidence';
import type { ScaledImage } from '../../../renderer/platform/image';

const sha256 = async (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const SCALED = new Uint8Array([9, 9, 9]);

function deps(over: Partial<EvidenceDeps> = {}): EvidenceDeps {
  return {
    findBySource: async () => undefined,
    scale: async (): Promise<ScaledImage> => ({ blob: new Blob([SCALED], { type: 'image/jpeg' }), mime: 'image/jpeg', width: 2000, height: 1500, thumbnail: new Blob([new Uint8Array([1])]), scaled: true }),
    sha256,
    ...over,
  };
}

describe('preparing evidence', () => {
  it('knows file types by their first bytes, then by extension', () => {
    expect(sniffMime('scan.bin', PNG)).toBe('image/png');
    expect(sniffMime('a.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46]))).toBe('application/pdf');
    expect(sniffMime('整改报告.docx', new Uint8Array([0x50, 0x4b]))).toMatch(/wordprocessingml/);
    expect(sniffMime('x', new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]))).toBe('image/webp');
    expect(sniffMime('noext', new Uint8Array([1]))).toBe('application/octet-stream');
  });

  it('scales images, names the stored file by the hash of what is stored, and keeps the source hash for de-duplication', async () => {
    const { inputs, errors } = await prepareEvidence([{ name: '价目表.png', data: new Blob([PNG]) }], deps());
    expect(errors).toEqual([]);
    expect(inputs).toHaveLength(1);
    const file = 'file' in inputs[0]! ? inputs[0].file : null;
    expect(file).toMatchObject({ id: hex(SCALED), sourceSha256: hex(PNG), name: '价目表.jpg', mime: 'image/jpeg', size: 3, width: 2000, height: 1500 });
    expect(file!.thumbnail).not.toBeNull();
  });

  it('keeps other files as they are, and finds one already stored before doing any work', async () => {
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);
    const scale = vi.fn();
    const r = await prepareEvidence([{ name: '制度.pdf', data: new Blob([pdf]) }], deps({ scale }));
    expect(r.inputs[0]).toMatchObject({ file: { id: hex(pdf), sourceSha256: hex(pdf), mime: 'application/pdf', width: null, thumbnail: null } });
    expect(scale).not.toHaveBeenCalled();
    const again = await prepareEvidence([{ name: 'same.png', data: new Blob([PNG]) }], deps({ findBySource: async (s) => (s === hex(PNG) ? 'stored-id' : undefined), scale }));
    expect(again.inputs).toEqual([{ existingId: 'stored-id' }]);
    expect(scale).not.toHaveBeenCalled();
  });

  it('refuses files over the cap and empty ones, each with its own message, and still takes the rest', async () => {
    const big = new Blob([new Uint8Array(EVIDENCE_MAX_BYTES + 1)]);
    const r = await prepareEvidence(
      [
        { name: '录像.mp4', data: big },
        { name: '空.txt', data: new Blob([]) },
        { name: 'ok.png', data: new Blob([PNG]) },
      ],
      deps(),
    );
    expect(r.errors).toEqual([
      { code: 'evidence.tooLarge', params: { name: '录像.mp4', sizeMb: '20.0', limitMb: 20 } },
      { code: 'evidence.empty', params: { name: '空.txt' } },
    ]);
    expect(r.inputs).toHaveLength(1);
  });

  it('stores an image the browser cannot decode (HEIC) as a plain file', async () => {
    const r = await prepareEvidence([{ name: 'IMG_0001.HEIC', data: new Blob([new Uint8Array([0, 0, 0, 0x18])]) }], deps({ scale: async () => null }));
    expect(r.inputs[0]).toMatchObject({ file: { mime: 'image/heic', name: 'IMG_0001.HEIC', width: null, thumbnail: null } });
  });
});
