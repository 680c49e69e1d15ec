import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../../renderer/core/checklist/validate';

describe('isCalendarDate', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '1999-12-31', '2026-04-30'])('accepts %s', (d) => {
    expect(isCalendarDate(d)).toBe(true);
  });
  it.each(['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-1', '20260101', ''])(
    'rejects %j',
    (d) => {
      expect(isCalendarDate(d)).toBe(false);
    },
  );
});
