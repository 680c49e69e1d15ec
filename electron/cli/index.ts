// The `xiaobao` executable: Node's files and console around run.ts.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeFiles } from './node-io';
import { run, type CliIo } from './run';

// `xiaobao … | head` closes the pipe early: that is the reader's choice, not a failure to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

// Built as out/cli/index.js: the bundled checklists are two folders up, at the package root.
const checklistsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../checklists');

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  ...nodeFiles(checklistsDir),
};

process.exitCode = await run(process.argv.slice(2), io);
