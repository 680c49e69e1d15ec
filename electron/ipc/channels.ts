// The IPC channel names and which preload function calls each one. Kept apart from contract.ts so the
// sandboxed preload bundle gets the names without the zod schemas; contract.ts must cover exactly these.
export const API_CHANNELS = {
  appInfo: 'app:info',
  openFiles: 'file:open',
  saveFile: 'file:save',
  listBundledChecklists: 'checklists:list',
  printToPdf: 'print:pdf',
  revealFile: 'file:reveal',
} as const;

export type ApiName = keyof typeof API_CHANNELS;
export type Channel = (typeof API_CHANNELS)[ApiName];

export const CHANNELS: readonly Channel[] = Object.values(API_CHANNELS);
