// The one place the data layer reads the clock and makes ids, so tests can pin both.
export type Clock = { now: () => Date; uuid: () => string };

export const systemClock: Clock = {
  now: () => new Date(),
  uuid: () => crypto.randomUUID(),
};

let current: Clock = systemClock;

export const clock = (): Clock => current;

export function setClockForTests(next: Clock | null): void {
  current = next ?? systemClock;
}

export const nowIso = (): string => current.now().toISOString();
