// renderer/host/electron.ts over a stub bridge: how Api replies become Host results.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../../electron/ipc/contract';
import { appError, err, ok } from '../../renderer/core/result';
import { connectElectronHost, createElectronHost } from '../../renderer/host/electron';

const stubApi = (overrides: Partial<Api> = {}): Api => ({
  appInfo: vi.fn(async () => ok({ version: '2.0.0', platform: 'win32' })),
  openFiles: vi.fn(async () => ok({ files: [{ name: 'a.xbledger', bytes: new Uint8Array([1]) }] })),
  saveFile: vi.fn(async () => ok({ saved: false as const })),
  listBundledChecklists: vi.fn(async () => ok({ files: [], failed: [] })),
  printToPdf: vi.fn(async () => ok({ saved: true as const, path: 'C:\\r.pdf' })),
  revealFile: vi.fn(async () => ok(null)),
  ...overrides,
});

afterEach(() => vi.restoreAllMocks());

describe('createElectronHost', () => {
  it('fills info() in from main when it was not given', async () => {
    const host = createElectronHost(stubApi());
    expect(host.info()).toEqual({ kind: 'electron', version: '', platform: '' });
    await vi.waitFor(() => expect(host.info()).toEqual({ kind: 'electron', version: '2.0.0', platform: 'win32' }));
  });

  it('connectElectronHost has the info from the start', async () => {
    const host = await connectElectronHost(stubApi());
    expect(host.info()).toEqual({ kind: 'electron', version: '2.0.0', platform: 'win32' });
  });

  it('openFiles unwraps the files and passes errors through', async () => {
    const api = stubApi();
    const host = createElectronHost(api, { version: '1', platform: 'linux' });
    const filters = [{ name: 'x', extensions: ['xbledger'] }];
    await expect(host.openFiles({ filters, multiple: true })).resolves.toEqual(
      ok([{ name: 'a.xbledger', bytes: new Uint8Array([1]) }]),
    );
    expect(api.openFiles).toHaveBeenCalledWith({ filters, multiple: true });
    const failing = createElectronHost(stubApi({ openFiles: async () => err(appError('file.tooLarge', { name: 'a', limitMb: 200 })) }));
    await expect(failing.openFiles({ filters, multiple: false })).resolves.toEqual(
      err({ code: 'file.tooLarge', params: { name: 'a', limitMb: 200 } }),
    );
  });

  it('saveFile and printToPdf pass the request and the outcome through', async () => {
    const api = stubApi();
    const host = createElectronHost(api, { version: '1', platform: 'linux' });
    const bytes = new Uint8Array([7]);
    await expect(host.saveFile('a.xlsx', bytes, [])).resolves.toEqual(ok({ saved: false }));
    expect(api.saveFile).toHaveBeenCalledWith({ suggestedName: 'a.xlsx', bytes, filters: [] });
    await expect(host.printToPdf('报告')).resolves.toEqual(ok({ saved: true, path: 'C:\\r.pdf' }));
    expect(api.printToPdf).toHaveBeenCalledWith({ suggestedName: '报告' });
  });

  it('listBundledChecklists passes on the readable files and the failed ones with their reasons', async () => {
    const host = createElectronHost(
      stubApi({
        listBundledChecklists: async () =>
          ok({
            files: [{ fileName: 'a.json', text: '{}' }],
            failed: [{ fileName: 'b.json', error: appError('checklists.readFailed', { name: 'b.json' }) }],
          }),
      }),
      { version: '1', platform: 'linux' },
    );
    await expect(host.listBundledChecklists()).resolves.toEqual(
      ok({
        files: [{ fileName: 'a.json', text: '{}' }],
        failed: [{ fileName: 'b.json', error: appError('checklists.readFailed', { name: 'b.json' }) }],
      }),
    );
  });

  it('revealFile resolves even when main refuses', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const host = createElectronHost(stubApi({ revealFile: async () => err(appError('file.revealRefused')) }), {
      version: '1',
      platform: 'linux',
    });
    await expect(host.revealFile('/etc/passwd')).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('file.revealRefused'));
  });
});
