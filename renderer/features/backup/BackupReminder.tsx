// A banner on every page once the last backup is older than the chosen number of days (core/backup/reminder).
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { localDayOf, todayLocal } from '../../db/today';
import type { DeviceSettings } from '../../db/types';
import { backupDue } from '../../core/backup/reminder';

const localDay = (iso: string): string => localDayOf(new Date(iso));

export function BackupReminder({ settings }: { settings: DeviceSettings }) {
  const { t } = useTranslation();
  const due = backupDue({
    lastBackupDay: settings.lastBackupAt ? localDay(settings.lastBackupAt) : null,
    setupDay: localDay(settings.createdAt),
    today: todayLocal(),
    ...(settings.backupReminderDays !== undefined ? { reminderDays: settings.backupReminderDays } : {}),
  });
  if (!due.due) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      className="page-alert"
      data-testid="backup-reminder"
      title={due.never ? t('backup.dueNever') : t('backup.due', { days: due.days })}
      action={
        <Button size="small" onClick={() => navigate({ name: 'settings' })}>
          {t('backup.goBackup')}
        </Button>
      }
    />
  );
}
