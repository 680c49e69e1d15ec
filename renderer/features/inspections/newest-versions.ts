// Checklist choices for a new inspection: one group per checklist, its versions newest first. The
// default is the newest version of the checklist most recently used for an inspection (inspectors
// usually repeat the same kind of check), else the newest version of the first checklist. An older
// version can still be chosen, e.g. to repeat last year's inspection exactly.
import type { Inspection, StoredChecklist } from '../../db/types';
import { checklistKey, groupChecklists } from '../checklists/library-rows';

export type ChecklistChoice = { value: string; label: string };
export type ChecklistChoices = { groups: { label: string; options: ChecklistChoice[] }[]; defaultValue: string | undefined };

export function newestVersions(
  checklists: readonly StoredChecklist[],
  inspections: readonly Pick<Inspection, 'checklistId' | 'startedAt'>[],
  label: (stored: StoredChecklist, newest: boolean) => string,
): ChecklistChoices {
  const groups = groupChecklists(checklists);
  let last: Pick<Inspection, 'checklistId' | 'startedAt'> | undefined;
  for (const i of inspections) if (!last || i.startedAt > last.startedAt) last = i;
  const preferred = groups.find((g) => g.id === last?.checklistId) ?? groups[0];
  return {
    groups: groups.map((g) => ({
      label: g.newest.checklist.title,
      options: g.versions.map((v) => ({ value: checklistKey(v), label: label(v, v === g.newest) })),
    })),
    defaultValue: preferred ? checklistKey(preferred.newest) : undefined,
  };
}
