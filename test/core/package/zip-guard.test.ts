import { describe, expect, it } from 'vitest';
import { entryPathProblem, ZipGuard } from '../../../renderer/core/package/zip-guard';

describe('entryPathProblem', () => {
  it.each([
    ['manifest.json', null],
    ['attachments/0a1b.png', null],
    ['attachments/', null],
    ['附件/照片.jpg', null],
    ['', 'empty'],
    ['../evil.json', 'dotSegment'],
    ['a/../../evil.json', 'dotSegment'],
    ['a/./b', 'dotSegment'],
    ['..', 'dotSegment'],
    ['/etc/passwd', 'absolute'],
    ['C:/Windows/win.ini', 'drive'],
    ['c:evil', 'drive'],
    ['a\\..\\..\\evil', 'backslash'],
    ['\\\\server\\share', 'backslash'],
    ['a//b', 'emptySegment'],
    ['a\u0000.json', 'control'],
    ['x'.repeat(256), 'tooLong'],
  ])('%j → %s', (path, problem) => {
    expect(entryPathProblem(path)).toBe(problem);
  });
});

describe('ZipGuard', () => {
  const caps = { maxPackageBytes: 1000, maxEntries: 3, maxEntryBytes: 5000, maxTotalBytes: 8000, maxRatio: 100 };

  it('counts entries, sizes and ratios across one unzip', () => {
    const g = new ZipGuard(caps);
    expect(g.checkPackageSize(1001)).toMatchObject({ code: 'package.tooLarge' });
    expect(g.checkPackageSize(1000)).toBeNull();
    expect(g.check({ path: 'a.json', compressedSize: 100, originalSize: 4000 })).toBe('inflate');
    expect(g.check({ path: 'dir/', compressedSize: 0, originalSize: 0 })).toBe('skip');
    expect(g.check({ path: 'a.json', compressedSize: 1, originalSize: 1 })).toMatchObject({ code: 'package.duplicateEntry' });
    expect(g.check({ path: 'b.json', compressedSize: 100, originalSize: 4001 })).toMatchObject({ code: 'package.unpackedTooLarge' });
  });

  it('refuses a zip bomb, an oversized entry, too many entries and hostile paths', () => {
    expect(new ZipGuard(caps).check({ path: 'bomb', compressedSize: 20, originalSize: 4000 })).toMatchObject({ code: 'package.compressionRatio', params: { path: 'bomb' } });
    expect(new ZipGuard(caps).check({ path: 'big', compressedSize: 5000, originalSize: 5001 })).toMatchObject({ code: 'package.entryTooLarge' });
    const g = new ZipGuard(caps);
    for (const p of ['1', '2', '3']) expect(g.check({ path: p, compressedSize: 1, originalSize: 1 })).toBe('inflate');
    expect(g.check({ path: '4', compressedSize: 1, originalSize: 1 })).toMatchObject({ code: 'package.tooManyEntries', params: { max: 3 } });
    expect(new ZipGuard(caps).check({ path: '../../x', compressedSize: 1, originalSize: 1 })).toMatchObject({ code: 'package.badPath', params: { reason: 'dotSegment' } });
    expect(new ZipGuard(caps).check({ path: 'x/', compressedSize: 1, originalSize: 9 })).toMatchObject({ code: 'package.badPath', params: { reason: 'directory' } });
  });
});
