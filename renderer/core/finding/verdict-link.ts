// How a finding follows the verdict that produced it. A verdict is easy to mis-key (1–4 on the keyboard),
// so a finding nobody has worked on yet is voided when its verdict stops failing, keeping its ledger
// number as a visible tombstone; one somebody has worked on (edited, moved, given evidence) is never
// dropped by a verdict change: it stays in the register flagged 结论已改, for a person to void or keep.
// When the verdict fails again, the same finding comes back with the same number.
import type { HistoryEntry } from '../audit/types';
import type { Verdict } from '../checklist/schema';
import type { FindingFields } from './model';

/** Reasons the app writes itself; the timeline translates them (i18n `history.system.*`). */
export const SYSTEM_REASONS = {
  verdictWithdrawn: 'system:verdictWithdrawn',
  verdictFailsAgain: 'system:verdictFailsAgain',
  verdictChanged: 'system:verdictChanged',
  migration0002: 'system:migration0002',
} as const;

export const isSystemReason = (reason: string | null): boolean => reason !== null && reason.startsWith('system:');

/** True when every entry of the finding was written by the app, not by a person's decision. */
export function isUntouched(entries: readonly Pick<HistoryEntry, 'action' | 'reason'>[]): boolean {
  return entries.every((e) => e.action === 'create' || isSystemReason(e.reason));
}

export type VerdictLink =
  | { kind: 'none' }
  | { kind: 'create'; verdict: 'partial' | 'noncompliant' }
  /** A voided finding of this item fails again: restore it, same number. */
  | { kind: 'restore'; verdict: 'partial' | 'noncompliant' }
  /** Still failing, but partial ↔ noncompliant, or a flag to clear. */
  | { kind: 'update'; verdict: 'partial' | 'noncompliant' }
  | { kind: 'void' }
  | { kind: 'flag' };

export function verdictLink(existing: Pick<FindingFields, 'verdict' | 'verdictWithdrawn' | 'deletedAt'> | undefined, verdict: Verdict | null, untouched: boolean): VerdictLink {
  if (verdict === 'partial' || verdict === 'noncompliant') {
    if (!existing) return { kind: 'create', verdict };
    if (existing.deletedAt !== null) return { kind: 'restore', verdict };
    if (existing.verdict !== verdict || existing.verdictWithdrawn) return { kind: 'update', verdict };
    return { kind: 'none' };
  }
  if (!existing || existing.deletedAt !== null || existing.verdictWithdrawn) return { kind: 'none' };
  return untouched ? { kind: 'void' } : { kind: 'flag' };
}
