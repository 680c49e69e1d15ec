// The bridge object behind `window.api`, built over an invoke function so the end-to-end test can run
// it against the fake ipcRenderer. It imports channel names, not the zod contract, to keep the
// sandboxed preload bundle small.
import { appError, err } from '../../renderer/core/result';
import { API_CHANNELS } from '../ipc/channels';
import type { Api, Channel, ChannelReply, ChannelRequest } from '../ipc/contract';
import { ERROR_CODES } from '../ipc/error-codes';

export type Invoke = (channel: Channel, request: unknown) => Promise<unknown>;

export const createApi = (invoke: Invoke): Api => {
  const call = async <C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<ChannelReply<C>> => {
    try {
      // Main checked this reply against the contract's response schema before sending it
      // (electron/ipc/register.ts); re-parsing here would pull zod into the preload.
      return (await invoke(channel, request)) as ChannelReply<C>;
    } catch (error) {
      // Only when IPC itself fails (no handler, unclonable value): still a Result, never a throw.
      return err(appError(ERROR_CODES.internal, undefined, error instanceof Error ? error.message : String(error)));
    }
  };
  return {
    appInfo: () => call(API_CHANNELS.appInfo, {}),
    openFiles: (request) => call(API_CHANNELS.openFiles, request),
    saveFile: (request) => call(API_CHANNELS.saveFile, request),
    listBundledChecklists: () => call(API_CHANNELS.listBundledChecklists, {}),
    printToPdf: (request) => call(API_CHANNELS.printToPdf, request),
    revealFile: (request) => call(API_CHANNELS.revealFile, request),
  } satisfies Api;
};
