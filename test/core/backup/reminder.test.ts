import { describe, expect, it } from 'vitest';
import { backupDue, DEFAULT_BACKUP_REMINDER_DAYS } from '../../../renderer/core/backup/reminder';

describe('backup reminder', () => {
  it('reminds once the last backup is as old as the chosen number of days', () => {
    expect(backupDue({ lastBackupDay: '2026-11-20', setupDay: '2026-01-01', today: '2026-11-26', reminderDays: 7 })).toEqual({ due: false });
    expect(backupDue({ lastBackupDay: '2026-11-20', setupDay: '2026-01-01', today: '2026-11-27', reminderDays: 7 })).toEqual({ due: true, never: false, days: 7 });
    expect(backupDue({ lastBackupDay: '2026-11-20', setupDay: '2026-01-01', today: '2026-11-21', reminderDays: 1 })).toEqual({ due: true, never: false, days: 1 });
  });

  it('counts from setup before the first backup, with the default interval', () => {
    expect(DEFAULT_BACKUP_REMINDER_DAYS).toBe(7);
    expect(backupDue({ lastBackupDay: null, setupDay: '2026-11-25', today: '2026-11-30' })).toEqual({ due: false });
    expect(backupDue({ lastBackupDay: null, setupDay: '2026-11-20', today: '2026-11-30' })).toEqual({ due: true, never: true, days: 10 });
  });
});
