// The file side of CliIo on Node's file system; index.ts adds the console, tests their own capture.
import { mkdir, open, readdir, writeFile } from 'node:fs/promises';
import { writeFileAtomic } from '../main/files';
import type { CliIo } from './run';

export type CliFiles = Omit<CliIo, 'out' | 'err'>;

export function nodeFiles(checklistsDir: string): CliFiles {
  return {
    checklistsDir,
    readFile: async (path, limit) => {
      const handle = await open(path, 'r');
      try {
        if ((await handle.stat()).size > limit) return null;
        return new Uint8Array(await handle.readFile());
      } finally {
        await handle.close();
      }
    },
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    writeFileAtomic: (path, bytes) => writeFileAtomic(path, bytes),
    makeDir: async (path) => {
      await mkdir(path, { recursive: true });
    },
    listDir: (path) => readdir(path),
  };
}
