// Runs the `xiaobao` command line in-process on real files, collecting what it prints.
import { join, resolve } from 'node:path';
import { nodeFiles } from '../../electron/cli/node-io';
import { run } from '../../electron/cli/run';

export const repoRoot = resolve(import.meta.dirname, '../..');

export type Ran = { code: number; out: string[]; err: string[] };

export async function xiaobao(...args: string[]): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { ...nodeFiles(join(repoRoot, 'checklists')), out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}
