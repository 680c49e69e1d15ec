import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Host, BundledChecklistFile } from '../../renderer/host/host';
import { ok } from '../../renderer/core/result';

const dir = resolve(import.meta.dirname, '../../checklists');

export function bundledFiles(): BundledChecklistFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'checklist.schema.json')
    .map((fileName) => ({ fileName, text: readFileSync(resolve(dir, fileName), 'utf8') }));
}

export function fakeHost(files: BundledChecklistFile[] = bundledFiles()): Host & { saved: { name: string; bytes: Uint8Array }[] } {
  const saved: { name: string; bytes: Uint8Array }[] = [];
  return {
    saved,
    info: () => ({ kind: 'browser', version: '0.0.0-test', platform: 'test' }),
    openFiles: async () => ok([]),
    saveFile: async (name, bytes) => {
      saved.push({ name, bytes });
      return ok({ saved: true, path: null });
    },
    listBundledChecklists: async () => ok({ files, failed: [] }),
    printToPdf: async () => ok({ saved: false }),
    revealFile: async () => undefined,
  };
}
