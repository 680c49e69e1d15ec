// After a restore made a new signing key: head office must trust the new fingerprint before it accepts
// this device's packages again. The notice stays on every page until the user says head office knows.
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDb } from '../../db/queries';
import { acknowledgeKeyReplaced } from '../../db/repos/backup';
import type { DeviceSettings } from '../../db/types';

export function KeyReplacedNotice({ settings }: { settings: DeviceSettings }) {
  const { t } = useTranslation();
  const db = useDb();
  if (!settings.keyReplaced) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="page-alert"
      data-testid="key-replaced"
      title={t('backup.newKeyTitle')}
      description={t('backup.newKeyText', { fingerprint: settings.fingerprint, previous: settings.keyReplaced.previousFingerprint })}
      action={
        <Button size="small" onClick={() => void acknowledgeKeyReplaced(db)}>
          {t('backup.keyAcknowledged')}
        </Button>
      }
    />
  );
}
