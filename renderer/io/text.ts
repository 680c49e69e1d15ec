// Text files from Chinese office software are often GB18030 (Excel's "CSV" on a Chinese Windows):
// decode as UTF-8 when the bytes are valid UTF-8, otherwise as GB18030.
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
