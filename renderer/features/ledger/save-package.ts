// Saving an exported package where the user chooses and, only once it is saved, logging it with the
// revs it sent: shared by the branch's 台账报送 and head office's return packages.
import { useCallback } from 'react';
import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHost } from '../../app/contexts';
import { useDb } from '../../db/queries';
import { recordLedgerExport } from '../../db/repos/ledger-export';
import { LEDGER_EXTENSION } from '../../core/ledger/package';
import { errorMessage } from '../../i18n';
import type { LedgerPackageJobOutput } from '../../workers/jobs';

/** Resolves to where it was saved (null in the browser), or undefined when not saved (cancelled or failed: said). */
export function useSaveLedgerPackage(): (out: LedgerPackageJobOutput) => Promise<{ path: string | null } | undefined> {
  const { t } = useTranslation();
  const db = useDb();
  const host = useHost();
  const { message } = AntApp.useApp();
  return useCallback(
    async ({ bytes, fileName, row, synced }) => {
      const saved = await host.saveFile(fileName, bytes, [{ name: t('ledgerExport.fileType'), extensions: [LEDGER_EXTENSION] }]);
      if (!saved.ok) {
        void message.error(errorMessage(t, saved.error));
        return undefined;
      }
      if (!saved.value.saved) return undefined;
      const recorded = await recordLedgerExport(db, { ...row, path: saved.value.path }, synced);
      if (!recorded.ok) {
        void message.error(errorMessage(t, recorded.error));
        return undefined;
      }
      return { path: saved.value.path };
    },
    [db, host, message, t],
  );
}
