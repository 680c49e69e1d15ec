// Checklists cached in the database: an inspection pins id + version + sha256, so the exact text it
// was run against stays readable even after the bundled file changes.
import type { XbDb } from '../db';
import type { ChecklistSource, StoredChecklist } from '../types';
import { nowIso } from '../clock';
import type { Checklist } from '../../core/checklist/schema';

export type LoadedChecklist = { fileName: string; checklist: Checklist; sha256: string };

/**
 * Stores every bundled checklist that is not already stored. An existing id+version with a different
 * sha256 is kept as it was: inspections pinned it, and a silently changed text is exactly the
 * confusion between versions this app must prevent. Returns the conflicting file names.
 */
export async function syncBundledChecklists(db: XbDb, loaded: LoadedChecklist[]): Promise<{ added: number; conflicts: string[] }> {
  return db.transaction('rw', db.checklists, async () => {
    let added = 0;
    const conflicts: string[] = [];
    for (const l of loaded) {
      const existing = await db.checklists.get([l.checklist.id, l.checklist.version]);
      if (existing) {
        if (existing.sha256 !== l.sha256) conflicts.push(l.fileName);
        continue;
      }
      await db.checklists.add(stored(l, 'bundled'));
      added += 1;
    }
    return { added, conflicts };
  });
}

function stored(l: LoadedChecklist, source: ChecklistSource): StoredChecklist {
  return { id: l.checklist.id, version: l.checklist.version, sha256: l.sha256, source, fileName: l.fileName, loadedAt: nowIso(), checklist: l.checklist };
}
