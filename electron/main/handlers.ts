// The implementation behind each IPC channel, assembled from injected dependencies so that tests can
// run the real handlers against a fake dialog, shell and file system.
import type { Shell } from 'electron';
import { ok } from '../../renderer/core/result';
import type { Handlers } from '../ipc/register';
import type { ChecklistFs } from './checklists';
import { readBundledChecklists } from './checklists';
import type { DialogDeps } from './files';
import { openFilesWithDialog, revealWrittenFile, saveWithDialog } from './files';
import { printToPdf } from './print';

export type HandlerDeps = DialogDeps & {
  shell: Pick<Shell, 'showItemInFolder'>;
  appInfo: { version: string; platform: string };
  checklistsDir: string;
  checklistFs?: ChecklistFs;
};

export const createHandlers = (deps: HandlerDeps): Handlers => ({
  'app:info': () => ok({ ...deps.appInfo }),
  'file:open': (request) => openFilesWithDialog(deps, request),
  'file:save': (request) => saveWithDialog(deps, request),
  'checklists:list': () => readBundledChecklists(deps.checklistsDir, deps.checklistFs),
  'print:pdf': (request, { sender }) => printToPdf(deps, sender, request.suggestedName),
  'file:reveal': (request) => revealWrittenFile(deps, request.path),
});
