// Who is writing: every synced change records the device and the inspector's name.
import type { XbDb } from '../db';
import type { DeviceSettings } from '../types';
import { appError, err, ok, type Result } from '../../core/result';

export type Actor = Pick<DeviceSettings, 'deviceId' | 'inspectorName'>;

/** Must run inside a transaction that includes db.settings. */
export async function currentActor(db: XbDb): Promise<Result<Actor>> {
  const s = await db.settings.get('device');
  return s ? ok({ deviceId: s.deviceId, inspectorName: s.inspectorName }) : err(appError('setup.notDone'));
}
