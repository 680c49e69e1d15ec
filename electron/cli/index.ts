// The `xiaobao` executable: Node's files and console around run.ts.
import { open, writeFile } from 'node:fs/promises';
import { run, type CliIo } from './run';

// `xiaobao … | head` closes the pipe early: that is the reader's choice, not a failure to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
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
};

process.exitCode = await run(process.argv.slice(2), io);
