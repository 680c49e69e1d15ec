// Checklists cached in the database: an inspection pins id + version + sha256, so the exact text it
// was run against stays readable even after the bundled file changes.
import type { XbDb } from '../db';
import type { ChecklistProvenance, ChecklistSource, StoredChecklist } from '../types';
import { nowIso } from '../clock';
import type { Checklist } from '../../core/checklist/schema';
import { appError, err, ok, type Result } from '../../core/result';

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

/**
 * Stores a checklist the user imported (JSON, Excel or a signed package), already parsed and validated.
 * The same id+version with the same content is already there: nothing changes (`added: false`). The
 * same id+version with other content is refused (checklist.versionConflict): the author must give a
 * changed checklist a new version, or inspections pinned to the old text could no longer be trusted.
 */
export async function importChecklist(
  db: XbDb,
  input: LoadedChecklist & { provenance?: ChecklistProvenance },
): Promise<Result<{ added: boolean; stored: StoredChecklist }>> {
  return db.transaction('rw', db.checklists, async () => {
    const { id, version } = input.checklist;
    const existing = await db.checklists.get([id, version]);
    if (existing) {
      if (existing.sha256 !== input.sha256) return err(appError('checklist.versionConflict', { id, version }));
      return ok({ added: false, stored: existing });
    }
    const row: StoredChecklist = { ...stored(input, 'imported'), ...(input.provenance ? { provenance: input.provenance } : {}) };
    await db.checklists.add(row);
    return ok({ added: true, stored: row });
  });
}

/**
 * Removes an imported checklist version. Refused when an inspection (even a deleted one, whose record
 * still travels in ledgers) pins it, and for checklists shipped with the app, which would come back at
 * the next start anyway.
 */
export async function removeChecklist(db: XbDb, id: string, version: string): Promise<Result<void>> {
  return db.transaction('rw', db.checklists, db.inspections, async () => {
    const existing = await db.checklists.get([id, version]);
    if (!existing) return err(appError('checklist.notFound', { id, version }));
    if (existing.source === 'bundled') return err(appError('checklist.bundled', { title: existing.checklist.title, version }));
    const count = await db.inspections
      .where('checklistId')
      .equals(id)
      .filter((i) => i.checklistVersion === version)
      .count();
    if (count > 0) return err(appError('checklist.inUse', { title: existing.checklist.title, version, count }));
    await db.checklists.delete([id, version]);
    return ok(undefined);
  });
}

/** How many inspections pin each checklist version, keyed `id@version`. */
export async function checklistUsage(db: XbDb): Promise<Map<string, number>> {
  const usage = new Map<string, number>();
  await db.inspections.each((i) => {
    const key = usageKey(i.checklistId, i.checklistVersion);
    usage.set(key, (usage.get(key) ?? 0) + 1);
  });
  return usage;
}

export const usageKey = (id: string, version: string): string => `${id}@${version}`;

function stored(l: LoadedChecklist, source: ChecklistSource): StoredChecklist {
  return { id: l.checklist.id, version: l.checklist.version, sha256: l.sha256, source, fileName: l.fileName, loadedAt: nowIso(), checklist: l.checklist };
}
