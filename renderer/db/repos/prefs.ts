// Device-local preferences (not synced, not in history): the register's visible columns per inspector.
import type { XbDb } from '../db';

export const registerColumnsKey = (inspectorName: string): string => `registerColumns:${inspectorName}`;

export async function setPref(db: XbDb, key: string, value: string[]): Promise<void> {
  await db.prefs.put({ key, value });
}
