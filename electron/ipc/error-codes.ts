// Every AppError code main can send over IPC. The renderer's i18n catalogue translates `errors.<code>`,
// so a code here is a promise that a message exists there; params are listed beside each.
export const ERROR_CODES = {
  untrustedSender: 'ipc.untrustedSender',
  badArguments: 'ipc.badArguments', // { detail }
  internal: 'ipc.internal',
  fileTooLarge: 'file.tooLarge', // { name, limitMb }
  fileReadFailed: 'file.readFailed', // { name }
  fileWriteFailed: 'file.writeFailed', // { name }
  fileDiskFull: 'file.diskFull', // { name }
  fileRevealRefused: 'file.revealRefused',
  checklistsFolderMissing: 'checklists.folderMissing',
  checklistsReadFailed: 'checklists.readFailed', // { name }
  printFailed: 'print.failed',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
