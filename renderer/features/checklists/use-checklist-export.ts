// Exporting a stored checklist: as the JSON file itself, as the Excel authoring template, or as a signed
// package (head office distributing it), always through host.saveFile.
import { useCallback } from 'react';
import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHost } from '../../app/contexts';
import { useOrgUnits, useSettings } from '../../db/queries';
import type { StoredChecklist } from '../../db/types';
import { checklistPackageName } from '../../core/checklist/package';
import { appError, ok, type Result } from '../../core/result';
import { nowIso } from '../../db/clock';
import { checklistToJsonBytes, checklistToPackage, checklistToXlsx } from '../../io/checklist-file';
import { ed25519Signer, platformSha256 } from '../../platform/crypto';
import { errorMessage } from '../../i18n';
import type { FileFilter } from '../../host/host';

export type ExportKind = 'json' | 'xlsx' | 'package';

const EXTENSIONS: Record<ExportKind, string> = { json: 'json', xlsx: 'xlsx', package: 'xbchecklist' };

export function useChecklistExport(): (stored: StoredChecklist, kind: ExportKind) => Promise<void> {
  const { t } = useTranslation();
  const host = useHost();
  const settings = useSettings();
  const units = useOrgUnits();
  const { message } = AntApp.useApp();

  return useCallback(
    async (stored, kind) => {
      const c = stored.checklist;
      const base = `${c.id}-${c.version}`;
      let bytes: Result<Uint8Array>;
      let name: string;
      if (kind === 'json') {
        name = `${base}.json`;
        bytes = ok(checklistToJsonBytes(c));
      } else if (kind === 'xlsx') {
        name = `${base}.xlsx`;
        bytes = ok(await checklistToXlsx(c));
      } else {
        name = checklistPackageName(c);
        const own = units?.find((u) => u.code === settings?.orgUnitCode);
        bytes =
          settings && own
            ? await checklistToPackage({
                checklist: c,
                issuer: { code: own.code, name: own.name, level: own.level },
                device: { id: settings.deviceId, publicKey: settings.publicKeyRaw, fingerprint: settings.fingerprint },
                exportedAt: nowIso(),
                exportedBy: settings.inspectorName,
                sha256: platformSha256,
                sign: ed25519Signer(settings.privateKey),
              })
            : { ok: false, error: appError('library.noOwnUnit') };
      }
      if (!bytes.ok) {
        void message.error(errorMessage(t, bytes.error));
        return;
      }
      const filters: FileFilter[] = [{ name: t(`library.exportAs.${kind}`), extensions: [EXTENSIONS[kind]] }];
      const saved = await host.saveFile(name, bytes.value, filters);
      if (!saved.ok) void message.error(errorMessage(t, saved.error));
      else if (saved.value.saved) void message.success(t('library.exported', { file: saved.value.path ?? name }));
    },
    [host, message, settings, t, units],
  );
}
