// Calendar days where the app runs: the branch's inspectors work in China (UTC+8), so an instant
// stored in UTC belongs to the next day between 00:00 and 08:00 Beijing time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayOf, localDaysSince } from '../../renderer/db/today';

let saved: string | undefined;
beforeAll(() => {
  saved = process.env.TZ;
  process.env.TZ = 'Asia/Shanghai';
});
afterAll(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

describe('local calendar days', () => {
  it('runs in the time zone the test set', () => {
    // If this fails, the runtime ignored TZ and the tests below would prove nothing.
    expect(new Date('2026-11-30T16:09:00Z').getTimezoneOffset()).toBe(-480);
  });

  it('puts an instant after 16:00 UTC on the next Beijing day', () => {
    expect(localDayOf(new Date('2026-11-30T16:09:00Z'))).toBe('2026-12-01');
    expect(localDayOf(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
  });

  it('counts an export made minutes ago after Beijing midnight as today, not yesterday', () => {
    expect(localDaysSince('2026-11-30T16:09:00.000Z', '2026-12-01')).toBe(0);
    expect(localDaysSince('2026-11-30T15:59:00.000Z', '2026-12-01')).toBe(1);
    expect(localDaysSince('2026-11-20T01:00:00.000Z', '2026-12-01')).toBe(11);
  });

  it('never says a negative number of days when the clock went back', () => {
    expect(localDaysSince('2026-12-03T01:00:00.000Z', '2026-12-01')).toBe(0);
  });
});
