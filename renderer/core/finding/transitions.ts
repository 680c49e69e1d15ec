// The rectification state machine (ARCHITECTURE §5): 待整改 open → 整改中 in_progress → 已整改待验收
// rectified → 已验收 verified, with 长期整改 long_term for what cannot be finished soon. 退回 is a
// transition (rectified → in_progress with a reason), not a state. Each transition lists what it
// requires; applyTransition checks them all and reports every one that is missing, so the UI can say
// exactly what to fill in. Pure: today's date and the actor are passed in.
import type { HistoryChange } from '../audit/types';
import { isCalendarDate } from '../date';
import type { Finding, FindingFields, FindingStatus } from './model';
import { diffFields, fieldsOf } from './model';

export const TRANSITION_ACTIONS = ['start', 'submit', 'return', 'verify', 'longTerm', 'resume', 'reopen'] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

export const REQUIREMENTS = [
  'responsiblePerson',
  'dueDate',
  'measures',
  'completedAt',
  'evidenceOrExplanation',
  'reason',
  'plan',
  'milestoneDate',
  'verifier',
  'verifiedAt',
] as const;
export type Requirement = (typeof REQUIREMENTS)[number];
export const isRequirement = (value: string): value is Requirement => (REQUIREMENTS as readonly string[]).includes(value);

export type TransitionRule = { from: readonly FindingStatus[]; to: FindingStatus; requires: readonly Requirement[] };

export const TRANSITIONS: Record<TransitionAction, TransitionRule> = {
  /** 开始整改: somebody owns it and it has a deadline. */
  start: { from: ['open'], to: 'in_progress', requires: ['responsiblePerson', 'dueDate'] },
  /** 提交验收: what was done, when, and proof (a file, or an explanation where there is none). */
  submit: { from: ['open', 'in_progress', 'long_term'], to: 'rectified', requires: ['measures', 'completedAt', 'evidenceOrExplanation'] },
  /** 退回: the rectification is not accepted. */
  return: { from: ['rectified'], to: 'in_progress', requires: ['reason'] },
  /** 验收通过: who verified it and when. */
  verify: { from: ['rectified'], to: 'verified', requires: ['verifier', 'verifiedAt'] },
  /** 转为长期整改: a plan and the next milestone. */
  longTerm: { from: ['open', 'in_progress'], to: 'long_term', requires: ['plan', 'milestoneDate'] },
  /** 恢复整改: back from long-term to ordinary tracking. */
  resume: { from: ['long_term'], to: 'in_progress', requires: [] },
  /** 重新打开: a verified rectification proved ineffective. */
  reopen: { from: ['verified'], to: 'in_progress', requires: ['reason'] },
};

export type TransitionInput = {
  reason?: string;
  completedAt?: string;
  completionNote?: string;
  verifier?: string;
  verifiedAt?: string;
  verificationNote?: string;
  plan?: string;
  milestoneDate?: string;
};

export type TransitionContext = { today: string; actor: string };

export type RequirementProblem = {
  requirement: Requirement;
  /** missing: not given; future: a completion or verification date after today; early: before the date it must follow; past: a milestone already passed. */
  kind: 'missing' | 'invalid' | 'future' | 'early' | 'past';
};

export type TransitionRefusal =
  | { code: 'deleted' }
  | { code: 'notAllowed'; from: FindingStatus; action: TransitionAction }
  | { code: 'requirements'; problems: RequirementProblem[] };

export type TransitionOutcome = { next: FindingFields; changes: HistoryChange[]; reason: string | null; to: FindingStatus };

/** The actions open to a finding in its current state. */
export function availableActions(f: Pick<FindingFields, 'status' | 'deletedAt'>): TransitionAction[] {
  if (f.deletedAt !== null) return [];
  return TRANSITION_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(f.status));
}

const blank = (s: string | undefined | null): boolean => s === undefined || s === null || s.trim() === '';
const trimmed = (s: string | undefined): string => (s ?? '').trim();

function checkRequirement(r: Requirement, f: FindingFields, input: TransitionInput, today: string): RequirementProblem | null {
  const missing = { requirement: r, kind: 'missing' } as const;
  const date = (value: string | undefined, rule: (d: string) => RequirementProblem['kind'] | null): RequirementProblem | null => {
    if (value === undefined || blank(value)) return missing;
    if (!isCalendarDate(value)) return { requirement: r, kind: 'invalid' };
    const kind = rule(value);
    return kind ? { requirement: r, kind } : null;
  };
  switch (r) {
    case 'responsiblePerson':
      return blank(f.responsiblePerson) ? missing : null;
    case 'dueDate':
      return f.dueDate === null ? missing : null;
    case 'measures':
      return blank(f.measures) ? missing : null;
    case 'completedAt':
      return date(input.completedAt, (d) => (d > today ? 'future' : f.inspectionDate !== null && d < f.inspectionDate ? 'early' : null));
    case 'evidenceOrExplanation':
      return f.evidence.length === 0 && blank(input.completionNote) && blank(f.completionNote) ? missing : null;
    case 'reason':
      return blank(input.reason) ? missing : null;
    case 'plan':
      return blank(input.plan) && blank(f.plan) ? missing : null;
    case 'milestoneDate':
      return date(input.milestoneDate, (d) => (d < today ? 'past' : null));
    case 'verifier':
      return blank(input.verifier) ? missing : null;
    case 'verifiedAt':
      return date(input.verifiedAt, (d) => (d > today ? 'future' : f.completedAt !== null && d < f.completedAt ? 'early' : null));
  }
}

/** What is still missing for `action` (empty when it can go ahead, ignoring whether the state allows it). */
export function missingRequirements(f: FindingFields, action: TransitionAction, input: TransitionInput, today: string): RequirementProblem[] {
  return TRANSITIONS[action].requires.map((r) => checkRequirement(r, f, input, today)).filter((p): p is RequirementProblem => p !== null);
}

export function applyTransition(
  current: Finding,
  action: TransitionAction,
  input: TransitionInput,
  ctx: TransitionContext,
): { ok: true; value: TransitionOutcome } | { ok: false; error: TransitionRefusal } {
  if (current.deletedAt !== null) return { ok: false, error: { code: 'deleted' } };
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(current.status)) return { ok: false, error: { code: 'notAllowed', from: current.status, action } };
  const before = fieldsOf(current);
  const problems = missingRequirements(before, action, input, ctx.today);
  if (problems.length > 0) return { ok: false, error: { code: 'requirements', problems } };

  const next: FindingFields = { ...before, status: rule.to };
  // The requirements above guarantee what each case reads; the fallbacks only satisfy the types.
  const reason = trimmed(input.reason) || null;
  switch (action) {
    case 'submit':
      next.completedAt = input.completedAt ?? null;
      if (trimmed(input.completionNote) !== '') next.completionNote = trimmed(input.completionNote);
      break;
    case 'return':
    case 'reopen':
      next.lastReturn = { by: ctx.actor, at: ctx.today, reason: reason ?? '' };
      next.completedAt = null;
      next.verification = null;
      break;
    case 'verify':
      next.verification = { by: trimmed(input.verifier), at: input.verifiedAt ?? ctx.today, note: trimmed(input.verificationNote) };
      break;
    case 'longTerm':
      if (trimmed(input.plan) !== '') next.plan = trimmed(input.plan);
      next.milestoneDate = input.milestoneDate ?? null;
      break;
    case 'start':
    case 'resume':
      break;
  }
  return { ok: true, value: { next, changes: diffFields(before, next), reason, to: rule.to } };
}
