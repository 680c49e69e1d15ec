// When to remind the user to back up: the last backup (or, before the first one, the day the device
// was set up) is older than the chosen number of days. Days are calendar days where the app runs.
import { daysBetween } from '../date';

export const DEFAULT_BACKUP_REMINDER_DAYS = 7;

export type BackupDue = { due: false } | { due: true; never: boolean; days: number };

export function backupDue(input: { lastBackupDay: string | null; setupDay: string; today: string; reminderDays?: number }): BackupDue {
  const limit = input.reminderDays ?? DEFAULT_BACKUP_REMINDER_DAYS;
  const since = input.lastBackupDay ?? input.setupDay;
  const days = daysBetween(since, input.today);
  return days >= limit ? { due: true, never: input.lastBackupDay === null, days } : { due: false };
}
