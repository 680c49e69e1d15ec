import * as fsp from 'node:fs/promises';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow, dialog as electronDialog, shell as electronShell } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DialogDeps, FileHandleLike, FileSystem } from '../../electron/main/files';
import {
  createWrittenPaths,
  nodeFileSystem,
  OPEN_LIMIT_BYTES,
  openFilesWithDialog,
  readFileCapped,
  revealWrittenFile,
  safeFileName,
  SAVE_LIMIT_BYTES,
  saveWithDialog,
  writeFileAtomic,
} from '../../electron/main/files';
import { dialog, FakeBrowserWindow, resetFakeElectron, shell } from './fake-electron';

let dir: string;
const bytes = (text: string) => new TextEncoder().encode(text);
const text = async (path: string) => readFile(path, 'utf8');

beforeEach(async () => {
  resetFakeElectron();
  dir = await mkdtemp(join(tmpdir(), 'xiaobao-files-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const errnoError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** The real file system, except that writes put some bytes on disk and then fail with `code`. */
const failingWrites = (code: string): FileSystem => ({
  ...nodeFileSystem,
  open: async (path, flags) => {
    const handle = await fsp.open(path, flags);
    if (flags !== 'wx') return handle;
    const failing: FileHandleLike = {
      writeFile: async (data) => {
        await handle.writeFile(data.subarray(0, Math.floor(data.length / 2)));
        throw errnoError(code);
      },
      readFile: () => handle.readFile(),
      stat: () => handle.stat(),
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
    return failing;
  },
});

/** The real file system, recording the calls that make a write durable. */
const recordingFs = (calls: string[]): FileSystem => ({
  ...nodeFileSystem,
  open: async (path, flags) => {
    const handle = await fsp.open(path, flags);
    const name = path === dir ? 'dir' : 'file';
    calls.push(`open ${name} ${flags}`);
    return {
      writeFile: async (data) => {
        calls.push(`write ${name}`);
        await handle.writeFile(data);
      },
      readFile: () => handle.readFile(),
      stat: () => handle.stat(),
      sync: async () => {
        calls.push(`fsync ${name}`);
        await handle.sync();
      },
      close: async () => {
        calls.push(`close ${name}`);
        await handle.close();
      },
    };
  },
  rename: async (from, to) => {
    calls.push('rename');
    await fsp.rename(from, to);
  },
});

describe('writeFileAtomic', () => {
  it('creates the file and leaves nothing else behind', async () => {
    const target = join(dir, '整改台账.xbledger');
    await expect(writeFileAtomic(target, bytes('new'))).resolves.toEqual({ ok: true, value: undefined });
    expect(await text(target)).toBe('new');
    expect(await readdir(dir)).toEqual(['整改台账.xbledger']);
  });

  it('replaces an existing file', async () => {
    const target = join(dir, 'ledger.xbledger');
    await writeFile(target, 'old');
    expect((await writeFileAtomic(target, bytes('new'))).ok).toBe(true);
    expect(await text(target)).toBe('new');
    expect(await readdir(dir)).toEqual(['ledger.xbledger']);
  });

  it('writes, fsyncs and closes the temp file, renames it, then fsyncs the folder', async () => {
    const calls: string[] = [];
    expect((await writeFileAtomic(join(dir, 'a.pdf'), bytes('x'), { fs: recordingFs(calls), platform: 'linux' })).ok).toBe(true);
    expect(calls).toEqual(['open file wx', 'write file', 'fsync file', 'close file', 'rename', 'open dir r', 'fsync dir', 'close dir']);
  });

  it('skips the folder fsync on Windows, where a folder cannot be opened', async () => {
    const calls: string[] = [];
    expect((await writeFileAtomic(join(dir, 'a.pdf'), bytes('x'), { fs: recordingFs(calls), platform: 'win32' })).ok).toBe(true);
    expect(calls).not.toContain('open dir r');
  });

  it('keeps the old file and removes the temp file when writing fails', async () => {
    const target = join(dir, 'ledger.xbledger');
    await writeFile(target, 'old');
    const result = await writeFileAtomic(target, bytes('new content'), { fs: failingWrites('EIO') });
    expect(result).toEqual({
      ok: false,
      error: { code: 'file.writeFailed', params: { name: 'ledger.xbledger' }, detail: 'EIO: simulated' },
    });
    expect(await text(target)).toBe('old');
    expect(await readdir(dir)).toEqual(['ledger.xbledger']);
  });

  it('reports a full disk as file.diskFull, old file intact, no temp file', async () => {
    const target = join(dir, 'ledger.xbledger');
    await writeFile(target, 'old');
    const result = await writeFileAtomic(target, bytes('new content'), { fs: failingWrites('ENOSPC') });
    expect(result).toMatchObject({ ok: false, error: { code: 'file.diskFull', params: { name: 'ledger.xbledger' } } });
    expect(await text(target)).toBe('old');
    expect(await readdir(dir)).toEqual(['ledger.xbledger']);
  });

  it('fails cleanly when the rename fails (target is a folder)', async () => {
    const target = join(dir, 'taken');
    await mkdir(join(target, 'inside'), { recursive: true });
    const result = await writeFileAtomic(target, bytes('x'));
    expect(result).toMatchObject({ ok: false, error: { code: 'file.writeFailed', params: { name: 'taken' } } });
    expect(await readdir(dir)).toEqual(['taken']);
  });

  it('fails cleanly when the folder does not exist', async () => {
    const result = await writeFileAtomic(join(dir, 'missing', 'a.pdf'), bytes('x'));
    expect(result).toMatchObject({ ok: false, error: { code: 'file.writeFailed', detail: expect.stringContaining('ENOENT') } });
  });
});

describe('readFileCapped', () => {
  it('returns the name and exactly the bytes, in a buffer of their own', async () => {
    await writeFile(join(dir, 'small.json'), '{"a":1}');
    const result = await readFileCapped(join(dir, 'small.json'), 100);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.name).toBe('small.json');
    expect(new TextDecoder().decode(result.value.bytes)).toBe('{"a":1}');
    // Node pools small reads; a view into the pool would send unrelated memory over IPC.
    expect(result.value.bytes.buffer.byteLength).toBe(7);
  });

  it('refuses a file over the cap without reading it', async () => {
    await writeFile(join(dir, 'big.xbledger'), new Uint8Array(3 * 1024 * 1024));
    await expect(readFileCapped(join(dir, 'big.xbledger'), 2 * 1024 * 1024)).resolves.toEqual({
      ok: false,
      error: { code: 'file.tooLarge', params: { name: 'big.xbledger', limitMb: 2 } },
    });
  });

  it('reports a folder or a missing file as file.readFailed', async () => {
    await expect(readFileCapped(dir, 100)).resolves.toMatchObject({ ok: false, error: { code: 'file.readFailed' } });
    await expect(readFileCapped(join(dir, 'gone.json'), 100)).resolves.toMatchObject({
      ok: false,
      error: { code: 'file.readFailed', params: { name: 'gone.json' }, detail: expect.stringContaining('ENOENT') },
    });
  });
});

describe('dialogs', () => {
  const deps = (overrides: Partial<DialogDeps> = {}): DialogDeps => ({
    dialog: electronDialog,
    getWindow: () => null,
    defaultDirectory: dir,
    written: createWrittenPaths('linux'),
    ...overrides,
  });

  it('open: [] when the user cancels', async () => {
    await expect(openFilesWithDialog(deps(), { filters: [], multiple: false })).resolves.toEqual({ ok: true, value: { files: [] } });
  });

  it('open: passes filters, multi-selection and the parent window, and reads every file', async () => {
    const window = new BrowserWindow({});
    await writeFile(join(dir, 'a.xbledger'), 'A');
    await writeFile(join(dir, 'b.xbledger'), 'B');
    dialog.openReplies.push({ canceled: false, filePaths: [join(dir, 'a.xbledger'), join(dir, 'b.xbledger')] });
    const filters = [{ name: '台账', extensions: ['xbledger'] }];
    const result = await openFilesWithDialog(deps({ getWindow: () => window }), { filters, multiple: true });
    expect(dialog.openCalls).toEqual([
      { window: FakeBrowserWindow.latest(), options: { filters, properties: ['openFile', 'multiSelections'] } },
    ]);
    expect(result.ok && result.value.files.map((file) => [file.name, new TextDecoder().decode(file.bytes)])).toEqual([
      ['a.xbledger', 'A'],
      ['b.xbledger', 'B'],
    ]);
  });

  it('open: caps each file at 200 MB', async () => {
    const big = join(dir, 'huge.xbledger');
    await writeFile(big, '');
    await truncate(big, OPEN_LIMIT_BYTES + 1); // sparse: no 200 MB actually written
    dialog.openReplies.push({ canceled: false, filePaths: [big] });
    await expect(openFilesWithDialog(deps(), { filters: [], multiple: false })).resolves.toEqual({
      ok: false,
      error: { code: 'file.tooLarge', params: { name: 'huge.xbledger', limitMb: 200 } },
    });
  });

  it('save: writes atomically where the user chose, starting in Documents with a safe name', async () => {
    const target = join(dir, 'chosen.xbledger');
    dialog.saveReplies.push({ canceled: false, filePath: target });
    const filters = [{ name: '台账', extensions: ['xbledger'] }];
    const result = await saveWithDialog(deps(), { suggestedName: '分行/2026:台账.xbledger', bytes: bytes('L'), filters });
    expect(result).toEqual({ ok: true, value: { saved: true, path: target } });
    expect(await text(target)).toBe('L');
    expect(dialog.saveCalls[0]?.options).toEqual({
      defaultPath: join(dir, '分行_2026_台账.xbledger'),
      filters,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });

  it('save: { saved: false } when the user cancels, and nothing is written', async () => {
    await expect(saveWithDialog(deps(), { suggestedName: 'a', bytes: bytes('x'), filters: [] })).resolves.toEqual({
      ok: true,
      value: { saved: false },
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('save: refuses more than 1 GB before asking where', async () => {
    const huge = new Uint8Array(1);
    // Stands in for a 1 GB array without allocating one.
    Object.defineProperty(huge, 'byteLength', { value: SAVE_LIMIT_BYTES + 1 });
    await expect(saveWithDialog(deps(), { suggestedName: 'big.xbledger', bytes: huge, filters: [] })).resolves.toEqual({
      ok: false,
      error: { code: 'file.tooLarge', params: { name: 'big.xbledger', limitMb: 1024 } },
    });
    expect(dialog.saveCalls).toHaveLength(0);
  });

  it('reveal: only files this app wrote in this session', async () => {
    const written = createWrittenPaths('linux');
    const target = join(dir, 'mine.pdf');
    dialog.saveReplies.push({ canceled: false, filePath: target });
    await saveWithDialog(deps({ written }), { suggestedName: 'mine.pdf', bytes: bytes('%PDF'), filters: [] });

    expect(revealWrittenFile({ shell: electronShell, written }, '/etc/passwd')).toMatchObject({
      ok: false,
      error: { code: 'file.revealRefused' },
    });
    expect(revealWrittenFile({ shell: electronShell, written }, join(dir, 'other.pdf')).ok).toBe(false);
    expect(shell.shown).toEqual([]);
    expect(revealWrittenFile({ shell: electronShell, written }, target)).toEqual({ ok: true, value: null });
    expect(shell.shown).toEqual([target]);
  });
});

describe('helpers', () => {
  it('safeFileName removes folders and characters Windows forbids', () => {
    expect(safeFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(safeFileName('a<b>c:"d"|e?*.pdf')).toBe('a_b_c__d__e__.pdf');
    expect(safeFileName('  整改台账.xlsx ')).toBe('整改台账.xlsx');
    expect(safeFileName('..')).toBe('untitled');
    expect(safeFileName('')).toBe('untitled');
  });

  it('createWrittenPaths normalises paths, case-insensitively except on Linux', () => {
    const linux = createWrittenPaths('linux');
    linux.add('/tmp/a/../b/File.pdf');
    expect(linux.has('/tmp/b/File.pdf')).toBe(true);
    expect(linux.has('/tmp/b/file.pdf')).toBe(false);
    const windows = createWrittenPaths('win32');
    windows.add('/tmp/b/File.pdf');
    expect(windows.has('/TMP/B/FILE.PDF')).toBe(true);
  });
});
