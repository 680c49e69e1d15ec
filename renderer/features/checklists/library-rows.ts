// The checklist library as the manager and the new-inspection dialog see it: versions of one checklist
// together, newest first; checklists ordered by the title of their newest version.
import { compareVersions } from '../../core/checklist/versions';
import type { StoredChecklist } from '../../db/types';
import { usageKey } from '../../db/repos/checklists';

export type ChecklistGroup = { id: string; newest: StoredChecklist; versions: StoredChecklist[] };

export function groupChecklists(stored: readonly StoredChecklist[]): ChecklistGroup[] {
  const byId = new Map<string, StoredChecklist[]>();
  for (const s of stored) byId.set(s.id, [...(byId.get(s.id) ?? []), s]);
  return [...byId.entries()]
    .flatMap(([id, list]) => {
      const versions = [...list].sort((a, b) => compareVersions(b.version, a.version));
      const newest = versions[0];
      return newest ? [{ id, newest, versions }] : [];
    })
    .sort((a, b) => a.newest.checklist.title.localeCompare(b.newest.checklist.title, 'zh-CN') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const checklistKey = (s: Pick<StoredChecklist, 'id' | 'version'>): string => usageKey(s.id, s.version);
