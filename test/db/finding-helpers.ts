// Shared by the finding, history and attachment tests: a set-up branch with the mini checklist and an
// inspection of it, and a clock the test can move.
import { afterEach, beforeEach } from 'vitest';
import { setClockForTests } from '../../renderer/db/clock';
import { startInspection } from '../../renderer/db/repos/inspections';
import type { XbDb } from '../../renderer/db/db';
import type { NewAttachment } from '../../renderer/db/repos/attachments';
import { sha256Sync } from '../../renderer/core/sha256';
import { toHex } from '../../renderer/core/hash';
import { freshDb, setUpBranch, withChecklist } from './helpers';

/** A clock that only moves when told to (1 ms per read keeps timestamps distinct); ids count up. */
export function manualClock(start = '2026-03-02T08:00:00.000Z') {
  let t = Date.parse(start);
  let id = 0;
  setClockForTests({ now: () => new Date(t++), uuid: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}` });
  return { advance: (ms: number) => void (t += ms), reset: () => setClockForTests(null) };
}

export async function inspected(db: XbDb, date = '2026-03-02', orgUnitCode = 'BR01'): Promise<string> {
  const r = await startInspection(db, { checklistId: 'mini', checklistVersion: '1.0', orgUnitCode, kind: 'self', inspectors: ['张三'], date });
  if (!r.ok) throw new Error(r.error.code);
  return r.value.id;
}

export async function branchDb(): Promise<XbDb> {
  const db = await freshDb();
  await setUpBranch(db);
  await withChecklist(db);
  return db;
}

export function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}`);
  return r.value;
}

export type ManualClock = ReturnType<typeof manualClock>;

/** Before each test: a manual clock and a set-up branch database, handed to `use`; closed afterwards. */
export function eachTestBranchDb(use: (db: XbDb, clock: ManualClock) => void): void {
  let opened: XbDb | undefined;
  let clock: ManualClock | undefined;
  beforeEach(async () => {
    clock = manualClock();
    opened = await branchDb();
    use(opened, clock);
  });
  afterEach(() => {
    opened?.close();
    clock?.reset();
  });
}

const photoBytes = (n: number): Uint8Array<ArrayBuffer> => Uint8Array.from({ length: 64 }, (_, i) => (i * 31 + n) % 251);

/** Photo number n (0–150 are distinct): its id is its bytes' SHA-256, as the app's; a thumbnail when n is even. */
export function testPhoto(n: number): NewAttachment {
  const bytes = photoBytes(n);
  return {
    id: toHex(sha256Sync(bytes)),
    sourceSha256: toHex(sha256Sync(photoBytes(n + 100))),
    name: `照片${n}.jpg`,
    mime: 'image/jpeg',
    size: bytes.byteLength,
    width: 40,
    height: 30,
    blob: new Blob([bytes], { type: 'image/jpeg' }),
    thumbnail: n % 2 === 0 ? new Blob([photoBytes(n + 7)], { type: 'image/jpeg' }) : null,
  };
}
