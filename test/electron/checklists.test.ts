import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChecklistFs } from '../../electron/main/checklists';
import { CHECKLIST_LIMIT_BYTES, nodeChecklistFs, readBundledChecklists, resolveChecklistsDir } from '../../electron/main/checklists';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xiaobao-checklists-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readBundledChecklists', () => {
  it('returns every *.json but the schema, sorted by name, as text', async () => {
    await writeFile(join(dir, 'branch-onsite.json'), '{"id":"branch-onsite","title":"网点现场检查"}');
    await writeFile(join(dir, 'App-Complaints.JSON'), '{"id":"complaints"}');
    await writeFile(join(dir, 'checklist.schema.json'), '{"$schema":"x"}');
    await writeFile(join(dir, 'README.md'), '# guide');
    await mkdir(join(dir, 'drafts.json'));
    const result = await readBundledChecklists(dir);
    expect(result).toEqual({
      ok: true,
      value: {
        files: [
          { fileName: 'App-Complaints.JSON', text: '{"id":"complaints"}' },
          { fileName: 'branch-onsite.json', text: '{"id":"branch-onsite","title":"网点现场检查"}' },
        ],
        failed: [],
      },
    });
  });

  it('drops a UTF-8 byte-order mark', async () => {
    await writeFile(join(dir, 'bom.json'), '\uFEFF{"a":1}');
    const result = await readBundledChecklists(dir);
    expect(result.ok && result.value.files[0]?.text).toBe('{"a":1}');
  });

  it('reports a missing folder as checklists.folderMissing', async () => {
    const missing = join(dir, 'nowhere');
    await expect(readBundledChecklists(missing)).resolves.toMatchObject({
      ok: false,
      error: { code: 'checklists.folderMissing', detail: expect.stringContaining(missing) },
    });
  });

  it('reports a file over 5 MB and still returns the others', async () => {
    await writeFile(join(dir, 'a.json'), '{}');
    await writeFile(join(dir, 'huge.json'), '');
    await truncate(join(dir, 'huge.json'), CHECKLIST_LIMIT_BYTES + 1);
    const result = await readBundledChecklists(dir);
    expect(result).toEqual({
      ok: true,
      value: {
        files: [{ fileName: 'a.json', text: '{}' }],
        failed: [{ fileName: 'huge.json', error: { code: 'file.tooLarge', params: { name: 'huge.json', limitMb: 5 } } }],
      },
    });
  });

  it('reports a file that is not UTF-8 (GBK) instead of returning mojibake', async () => {
    await writeFile(join(dir, 'gbk.json'), new Uint8Array([0x7b, 0xcd, 0xf8, 0xb5, 0xe3, 0x7d])); // {网点} in GBK
    await writeFile(join(dir, 'ok.json'), '{}');
    const result = await readBundledChecklists(dir);
    expect(result).toMatchObject({
      ok: true,
      value: {
        files: [{ fileName: 'ok.json' }],
        failed: [{ fileName: 'gbk.json', error: { code: 'checklists.readFailed', params: { name: 'gbk.json' } } }],
      },
    });
  });

  it('keeps going when one file cannot be read', async () => {
    await writeFile(join(dir, 'a.json'), '{"a":1}');
    await writeFile(join(dir, 'b.json'), '{"b":1}');
    const flaky: ChecklistFs = {
      ...nodeChecklistFs,
      readFile: async (path) => {
        if (path.endsWith('a.json')) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        return nodeChecklistFs.readFile(path);
      },
    };
    await expect(readBundledChecklists(dir, flaky)).resolves.toEqual({
      ok: true,
      value: {
        files: [{ fileName: 'b.json', text: '{"b":1}' }],
        failed: [{ fileName: 'a.json', error: { code: 'checklists.readFailed', params: { name: 'a.json' }, detail: 'EIO: i/o error' } }],
      },
    });
  });
});

describe('resolveChecklistsDir', () => {
  it('uses resources/checklists when packaged and <repo>/checklists in development', () => {
    expect(resolveChecklistsDir({ isPackaged: true, resourcesPath: '/opt/xiaobao/resources', appPath: '/x/app.asar' })).toBe(
      join('/opt/xiaobao/resources', 'checklists'),
    );
    expect(resolveChecklistsDir({ isPackaged: false, resourcesPath: '/ignored', appPath: '/work/repo' })).toBe(
      join('/work/repo', 'checklists'),
    );
  });

  it('reads the repository checklists folder in development', async () => {
    const repo = resolve(import.meta.dirname, '../..');
    const result = await readBundledChecklists(resolveChecklistsDir({ isPackaged: false, resourcesPath: '', appPath: repo }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.failed).toEqual([]);
    expect(result.value.files.map((file) => file.fileName)).not.toContain('checklist.schema.json');
    for (const file of result.value.files) expect(() => JSON.parse(file.text) as unknown, file.fileName).not.toThrow();
  });
});
