// electron-builder configuration (package.json "build") and the resources it points at in build/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import electronViteConfig from '../../electron.vite.config';
import { bundlePaths } from '../../electron/main/index';

const root = resolve(import.meta.dirname, '../..');
const pkg: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const field = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((current, key) => (typeof current === 'object' && current !== null ? Reflect.get(current, key) : undefined), value);
const text = (value: unknown): string => {
  if (typeof value !== 'string') throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  return value;
};
const list = (value: unknown): unknown[] => {
  if (!Array.isArray(value)) throw new Error(`expected an array, got ${JSON.stringify(value)}`);
  return value;
};
const build = field(pkg, 'build');
const targets = (os: string) =>
  list(field(build, os, 'target')).map((target) => ({ target: text(field(target, 'target')), arch: list(field(target, 'arch')) }));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const pngSize = (bytes: Buffer, offset = 0) => {
  expect([...bytes.subarray(offset, offset + 8)]).toEqual(PNG_SIGNATURE);
  return { width: bytes.readUInt32BE(offset + 16), height: bytes.readUInt32BE(offset + 20) };
};

describe('package.json build', () => {
  it('names the app', () => {
    expect(field(build, 'appId')).toBe('cn.xiaobao.selfcheck');
    expect(field(build, 'productName')).toBe('消保自查');
    expect(field(build, 'directories', 'buildResources')).toBe('build');
  });

  it('ships the bundled checklists as extraResources (read by electron/main/checklists.ts)', () => {
    const resources = list(field(build, 'extraResources'));
    expect(resources).toContainEqual(expect.objectContaining({ from: 'checklists', to: 'checklists' }));
    const entry = resources.find((resource) => field(resource, 'from') === 'checklists');
    expect(list(field(entry, 'filter'))).toContain('*.json');
  });

  it('builds nsis and portable for Windows, deb and AppImage for x64 and arm64 Linux, dmg for macOS', () => {
    expect(targets('win')).toEqual(
      expect.arrayContaining([
        { target: 'nsis', arch: expect.arrayContaining(['x64']) },
        { target: 'portable', arch: expect.arrayContaining(['x64']) },
      ]),
    );
    for (const target of ['deb', 'AppImage']) {
      expect(targets('linux')).toContainEqual({ target, arch: expect.arrayContaining(['x64', 'arm64']) });
    }
    expect(targets('mac').map((target) => target.target)).toContain('dmg');
  });

  it('points "main" at what electron-vite builds, and packs the three outputs', () => {
    const main = text(field(pkg, 'main'));
    const mainBuild = electronViteConfig.main?.build;
    const lib = mainBuild?.lib;
    if (!lib || typeof lib.fileName !== 'function') throw new Error('electron.vite.config.ts main needs lib.fileName()');
    expect(resolve(text(mainBuild.outDir), lib.fileName('es', 'index'))).toBe(resolve(root, main));

    const preloadBuild = electronViteConfig.preload?.build;
    const preloadLib = preloadBuild?.lib;
    if (!preloadLib || typeof preloadLib.fileName !== 'function') throw new Error('preload needs lib.fileName()');
    expect(preloadLib.formats).toEqual(['cjs']);
    // main/index.ts computes the preload path from its own folder: it must land on the preload output.
    expect(bundlePaths(resolve(root, 'out/main')).preloadPath).toBe(resolve(text(preloadBuild.outDir), preloadLib.fileName('cjs', 'index')));

    const files = list(field(build, 'files'));
    expect(files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']));
  });
});

describe('build resources', () => {
  it('Windows icon: an ICO with PNG entries from 16 to 256 px', () => {
    const path = join(root, text(field(build, 'win', 'icon')));
    const ico = readFileSync(path);
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const entry = 6 + 16 * index;
      const size = ico[entry] === 0 ? 256 : (ico[entry] ?? -1);
      const offset = ico.readUInt32LE(entry + 12);
      expect(pngSize(ico, offset)).toEqual({ width: size, height: size });
      expect(offset + ico.readUInt32LE(entry + 8)).toBeLessThanOrEqual(ico.length);
      sizes.push(size);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('macOS icon: an ICNS whose PNG entries match their declared sizes', () => {
    const icns = readFileSync(join(root, text(field(build, 'mac', 'icon'))));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const expected: Record<string, number> = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024 };
    const found: Record<string, number> = {};
    for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) {
      const type = icns.subarray(offset, offset + 4).toString('latin1');
      found[type] = pngSize(icns, offset + 8).width;
    }
    expect(found).toMatchObject(expected);
  });

  it('Linux icons: a folder of NxN.png files that really are N×N, up to 512', () => {
    const folder = join(root, text(field(build, 'linux', 'icon')));
    const names = readdirSync(folder).filter((name) => name.endsWith('.png'));
    expect(names).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '48x48.png', '256x256.png', '512x512.png']));
    for (const name of names) {
      const [width, height] = name.replace('.png', '').split('x').map(Number);
      expect(pngSize(readFileSync(join(folder, name))), name).toEqual({ width, height });
    }
    expect(pngSize(readFileSync(join(root, 'build/icon.png')))).toEqual({ width: 1024, height: 1024 });
  });

  it('macOS entitlements: a plist granting only what V8 and evidence photos need', () => {
    const plist = readFileSync(join(root, text(field(build, 'mac', 'entitlements'))), 'utf8');
    expect(text(field(build, 'mac', 'entitlementsInherit'))).toBe(text(field(build, 'mac', 'entitlements')));
    expect(plist).toMatch(/^<\?xml/);
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]);
    expect(keys.sort()).toEqual([
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.allow-unsigned-executable-memory',
      'com.apple.security.device.camera',
    ]);
    // The hardened runtime refuses the camera without a reason shown to the user.
    expect(text(field(build, 'mac', 'extendInfo', 'NSCameraUsageDescription'))).toMatch(/摄像头/);
  });

  it('NSIS include: ASCII, with balanced macros electron-builder knows', () => {
    const nsh = readFileSync(join(root, text(field(build, 'nsis', 'include'))), 'utf8');
    const printable = (code: number) => code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code < 0x7f);
    expect([...nsh].filter((char) => !printable(char.charCodeAt(0)))).toEqual([]);
    const opened = [...nsh.matchAll(/^!macro\s+(\w+)/gm)].map((match) => match[1]);
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every((name) => ['customHeader', 'preInit', 'customInit', 'customInstall', 'customUnInstall'].includes(name ?? ''))).toBe(true);
    expect(nsh.match(/^!macroend/gm)).toHaveLength(opened.length);
  });

  it('the icon generator is committed beside the icons', () => {
    expect(existsSync(join(root, 'build/scripts/make-icons.mjs'))).toBe(true);
  });
});
