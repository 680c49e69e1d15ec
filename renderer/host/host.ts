// What the UI needs from its surroundings (ARCHITECTURE §3). Two implementations: electron.ts (the
// preload bridge) and browser.ts (web mode). Features reach files, dialogs, bundled checklists and
// printing only through this interface.
import type { AppError, Result } from '../core/result';

export type FileFilter = { name: string; extensions: string[] };

export type PickedFile = { name: string; bytes: Uint8Array };

/** A bundled checklist as raw text: parsing happens in renderer/core/checklist, never in the host. */
export type BundledChecklistFile = { fileName: string; text: string };

/** The readable files, and the ones that could not be read (each with its reason), so one bad file never hides the others. */
export type BundledChecklists = { files: BundledChecklistFile[]; failed: { fileName: string; error: AppError }[] };

export type AppInfo = {
  kind: 'electron' | 'browser';
  version: string;
  platform: string;
};

export type SaveOutcome = { saved: true; path: string | null } | { saved: false };

export type Host = {
  info(): AppInfo;
  /** Lets the user pick files; resolves to [] when they cancel. */
  openFiles(options: { filters: FileFilter[]; multiple: boolean }): Promise<Result<PickedFile[]>>;
  /** Writes bytes where the user chooses (desktop: atomically; browser: a download). */
  saveFile(suggestedName: string, bytes: Uint8Array, filters: FileFilter[]): Promise<Result<SaveOutcome>>;
  listBundledChecklists(): Promise<Result<BundledChecklists>>;
  /** Prints the current view: desktop writes a PDF, the browser opens its print dialog. */
  printToPdf(suggestedName: string): Promise<Result<SaveOutcome>>;
  /** Shows a saved file in the system file manager; a no-op in the browser. */
  revealFile(path: string): Promise<void>;
};
