// A later export of a demo branch: the same device a few weeks on, its findings moved one step further
// along the rectification workflow through the app's own pure functions (editFinding, applyTransition),
// each step a new history entry continuing the device's chain. What head office's repeated imports of
// one branch look like, deterministic in the branch and the new as-of day.
import { headOf, sealEntry } from '../audit/chain';
import type { ChainHead, HistoryEntry } from '../audit/types';
import { addDays, daysBetween } from '../date';
import { editFinding, type Finding, type FindingFields, type FindingPatch } from '../finding/model';
import { applyTransition, type TransitionAction, type TransitionInput } from '../finding/transitions';
import type { FindingRecord } from '../ledger/records';
import type { DemoBranch } from './campaign';
import * as words from './names';
import { createPrng } from './prng';

/** Minutes after local midnight (UTC+8) on `day`, as an ISO instant; the follow-up works in the afternoon. */
const afternoon = (day: string, minute: number): string => {
  const utc = 14 * 60 + minute - 480;
  return `${day}T${String(Math.floor(utc / 60)).padStart(2, '0')}:${String(utc % 60).padStart(2, '0')}:00.000Z`;
};

/**
 * The branch as exported on `asOf` (after the branch's own as-of day): every live finding not yet
 * verified takes its next step (an open one is assigned and started, one in progress or long-term is
 * submitted, a rectified one verified), except a few the branch did not get to. Inspections, answers
 * and attachments are as before.
 */
export function demoFollowUp(branch: DemoBranch, asOf: string): DemoBranch {
  const span = daysBetween(branch.asOf, asOf);
  if (!(span >= 1)) throw new RangeError(`the follow-up ${asOf} must come after ${branch.asOf}`);
  const rng = createPrng(`${branch.device.id}:follow-up:${asOf}`);
  const deviceId = branch.device.id;
  const actor = branch.inspector;
  const last = branch.data.history.filter((e) => e.deviceId === deviceId).at(-1);
  let head: ChainHead | null = last ? headOf(last) : null;
  const history: HistoryEntry[] = [...branch.data.history];
  const verifier = branch.data.findings.find((f) => f.verification !== null)?.verification?.by ?? actor;

  const write = (current: FindingRecord, next: FindingFields, at: string, entry: Pick<HistoryEntry, 'action' | 'changes' | 'reason'> & { transition?: string }): FindingRecord => {
    const sealed = sealEntry({ entityType: 'finding', entityId: current.id, at, actor, ...entry }, deviceId, head);
    history.push(sealed);
    head = headOf(sealed);
    return { ...current, ...next, rev: current.rev + 1, updatedAt: at, updatedBy: actor, deviceId };
  };
  const edit = (f: FindingRecord, patch: FindingPatch, at: string): FindingRecord => {
    const r = editFinding(f as Finding, patch);
    if (!r.ok) throw new Error(`demo follow-up edit of ${f.ledgerNo} refused: ${r.problems.map((p) => p.code).join(', ')}`);
    return r.changes.length === 0 ? f : write(f, r.next, at, { action: 'update', changes: r.changes, reason: null });
  };
  const move = (f: FindingRecord, action: TransitionAction, input: TransitionInput, at: string, today: string): FindingRecord => {
    const r = applyTransition(f as Finding, action, input, { today, actor });
    if (!r.ok) throw new Error(`demo follow-up ${action} of ${f.ledgerNo} refused: ${JSON.stringify(r.error)}`);
    return write(f, r.value.next, at, { action: 'transition', transition: action, changes: r.value.changes, reason: r.value.reason });
  };

  const findings = branch.data.findings.map((original) => {
    if (original.deletedAt !== null || original.status === 'verified' || rng.chance(0.2)) return original;
    const today = addDays(branch.asOf, rng.int(1, span));
    let f = original;
    let minute = rng.int(0, 120);
    const at = (): string => afternoon(today, (minute += rng.int(2, 6)));
    switch (f.status) {
      case 'open':
        if (f.responsiblePerson.trim() === '' || f.dueDate === null) {
          f = edit(f, { responsiblePerson: `${rng.pick(words.SURNAMES)}${rng.pick(words.GIVEN_NAMES)}`, dueDate: addDays(today, rng.pick([30, 45, 60])) }, at());
        }
        return move(f, 'start', {}, at(), today);
      case 'in_progress':
      case 'long_term':
        if (f.measures.trim() === '') f = edit(f, { measures: rng.pick(words.MEASURES) }, at());
        return move(f, 'submit', { completedAt: today, ...(f.evidence.length === 0 && f.completionNote.trim() === '' ? { completionNote: rng.pick(words.COMPLETION_NOTES) } : {}) }, at(), today);
      case 'rectified':
        return move(f, 'verify', { verifier, verifiedAt: today, verificationNote: rng.pick(words.VERIFICATION_NOTES) }, at(), today);
      case 'verified':
        return f;
    }
  });
  return {
    ...branch,
    data: { ...branch.data, findings, history },
    auditHead: head?.hash ?? null,
    exportedAt: `${asOf}T09:30:00.000Z`,
    asOf,
  };
}
