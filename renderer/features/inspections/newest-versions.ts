// Checklist choices for a new inspection: every version is offered, newest first within each checklist,
// so the default (the first option) is the newest version of the first checklist.
import type { StoredChecklist } from '../../db/types';

const byVersionDesc = (a: StoredChecklist, b: StoredChecklist): number =>
  b.version.localeCompare(a.version, 'en', { numeric: true });

export function newestVersions(checklists: StoredChecklist[]): { value: string; label: string }[] {
  return [...checklists]
    .sort((a, b) => a.checklist.title.localeCompare(b.checklist.title, 'zh-CN') || byVersionDesc(a, b))
    .map((c) => ({ value: `${c.id}@${c.version}`, label: `${c.checklist.title}（${c.version}）` }));
}
