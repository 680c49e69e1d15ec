// Loads the checklists shipped with the app through the host, parses each with core, and stores the
// valid ones. A broken file is reported by name and field; the others still load.
import type { XbDb } from '../../db/queries';
import type { Host } from '../../host/host';
import type { AppError } from '../../core/result';
import { parseChecklistText } from '../../core/checklist/parse';
import type { ChecklistProblem } from '../../core/checklist/problems';
import { checklistFingerprint } from '../../core/checklist/fingerprint';
import { syncBundledChecklists, type LoadedChecklist } from '../../db/repos/checklists';
import { platformSha256 } from '../../platform/crypto';

export type BrokenChecklist = { fileName: string; problems: ChecklistProblem[] } | { fileName: string; error: AppError };

export type ChecklistLoadReport = {
  hostError: AppError | null;
  broken: BrokenChecklist[];
  conflicts: string[];
};

export async function loadBundledChecklists(db: XbDb, host: Host): Promise<ChecklistLoadReport> {
  const listed = await host.listBundledChecklists();
  if (!listed.ok) return { hostError: listed.error, broken: [], conflicts: [] };
  const loaded: LoadedChecklist[] = [];
  const broken: BrokenChecklist[] = [...listed.value.failed];
  for (const file of listed.value.files) {
    const parsed = parseChecklistText(file.text);
    if (!parsed.ok) {
      broken.push({ fileName: file.fileName, problems: parsed.error });
      continue;
    }
    loaded.push({ fileName: file.fileName, checklist: parsed.value, sha256: await checklistFingerprint(parsed.value, platformSha256) });
  }
  const { conflicts } = await syncBundledChecklists(db, loaded);
  return { hostError: null, broken, conflicts };
}
