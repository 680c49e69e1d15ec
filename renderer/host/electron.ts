// The desktop Host (ARCHITECTURE §3): every call goes through the preload bridge `window.api` to the
// main process, which owns dialogs, files and printing. Results come back as Result values; this module
// only reshapes them to the Host interface.
import type { Api } from '../../electron/ipc/contract';
import type { Result } from '../core/result';
import { ok } from '../core/result';
import type { AppInfo, BundledChecklists, Host, PickedFile, SaveOutcome } from './host';

declare global {
  // Global augmentation of `Window` only works with `interface` (declaration merging), not `type`.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    /** Present only inside the Electron app (set by electron/preload/index.ts). */
    api?: Api;
  }
}

/** The preload bridge, or undefined in a plain browser (web mode). */
export const getElectronApi = (): Api | undefined => window.api;

const mapOk = <T, U>(result: Result<T>, map: (value: T) => U): Result<U> => (result.ok ? ok(map(result.value)) : result);

/**
 * A Host over the bridge. `info()` is synchronous but the version comes over IPC: pass it in (see
 * connectElectronHost); otherwise it is filled in as soon as main answers and is empty until then.
 */
export const createElectronHost = (api: Api, knownInfo?: { version: string; platform: string }): Host => {
  let info: AppInfo = { kind: 'electron', version: knownInfo?.version ?? '', platform: knownInfo?.platform ?? '' };
  if (!knownInfo) {
    void api.appInfo().then((reply) => {
      if (reply.ok) info = { kind: 'electron', ...reply.value };
    });
  }
  return {
    info: () => info,
    openFiles: async (options): Promise<Result<PickedFile[]>> =>
      mapOk(await api.openFiles({ filters: options.filters, multiple: options.multiple }), (value) => value.files),
    saveFile: async (suggestedName, bytes, filters): Promise<Result<SaveOutcome>> =>
      api.saveFile({ suggestedName, bytes, filters }),
    listBundledChecklists: async (): Promise<Result<BundledChecklists>> => api.listBundledChecklists(),
    printToPdf: async (suggestedName): Promise<Result<SaveOutcome>> => api.printToPdf({ suggestedName }),
    revealFile: async (path): Promise<void> => {
      const reply = await api.revealFile({ path });
      if (!reply.ok) console.warn(`reveal ${path}: ${reply.error.code}`);
    },
  };
};

/** Asks main for the app version first, so `info()` is complete from the start. */
export const connectElectronHost = async (api: Api): Promise<Host> => {
  const reply = await api.appInfo();
  return createElectronHost(api, reply.ok ? reply.value : undefined);
};
