// Image scaling with the browser's decoder: evidence photos are kept at most 2,000 px on the long edge
// (IndexedDB stores blobs uncompressed) with a small thumbnail for lists. Decoding applies the EXIF
// orientation, so a photo taken upright is stored upright whatever the camera wrote.
import { fitWithin } from '../core/image-fit';

export const MAX_IMAGE_EDGE = 2000;
export const THUMBNAIL_EDGE = 320;

export type ScaledImage = {
  /** The image to store: the original bytes when they already fit, otherwise re-encoded. */
  blob: Blob;
  mime: string;
  width: number;
  height: number;
  thumbnail: Blob;
  scaled: boolean;
};

export type ImageScaler = (source: Blob) => Promise<ScaledImage | null>;

/** null when the browser cannot decode the file as an image (e.g. HEIC): it is then kept as a plain file. */
export const scaleImage: ImageScaler = async (source) => {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(source, { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
  try {
    const fit = fitWithin(bitmap.width, bitmap.height, MAX_IMAGE_EDGE);
    // PNG keeps text in screenshots sharp and transparency intact; photos become JPEG.
    const mime = source.type === 'image/png' || source.type === 'image/gif' ? 'image/png' : 'image/jpeg';
    const blob = fit.scaled ? await render(bitmap, fit.width, fit.height, mime, 0.85) : source;
    const thumb = fitWithin(bitmap.width, bitmap.height, THUMBNAIL_EDGE);
    const thumbnail = await render(bitmap, thumb.width, thumb.height, 'image/jpeg', 0.75);
    return { blob, mime: fit.scaled ? mime : source.type, width: fit.width, height: fit.height, thumbnail, scaled: fit.scaled };
  } finally {
    bitmap.close();
  }
};

async function render(bitmap: ImageBitmap, width: number, height: number, type: string, quality: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  if (type === 'image/jpeg') {
    // JPEG has no transparency: give transparent pixels a white ground instead of black.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
  }
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  return canvas.convertToBlob({ type, quality });
}
