import { describe, expect, it } from 'vitest';
import {
  applyTransition,
  availableActions,
  missingRequirements,
  TRANSITION_ACTIONS,
  TRANSITIONS,
  type TransitionAction,
  type TransitionInput,
} from '../../../renderer/core/finding/transitions';
import { FINDING_STATUSES, type FindingStatus } from '../../../renderer/core/finding/model';
import { aFinding } from './fixtures';

const ctx = { today: '2026-03-20', actor: '李四' };

/** Everything every transition could ask for, so the table below tests the state rule alone. */
const complete: TransitionInput = {
  reason: '佐证不足',
  completedAt: '2026-03-18',
  completionNote: '已更换价目表',
  verifier: '王五',
  verifiedAt: '2026-03-19',
  plan: '系统改造分三期',
  milestoneDate: '2026-06-30',
};
const ready = { responsiblePerson: '赵六', dueDate: '2026-04-01', measures: '更换为最新价目表并建立月度核对' };

// The whole table: which action is allowed from which state, and where it leads.
const allowed: Record<FindingStatus, Partial<Record<TransitionAction, FindingStatus>>> = {
  open: { start: 'in_progress', submit: 'rectified', longTerm: 'long_term' },
  in_progress: { submit: 'rectified', longTerm: 'long_term' },
  rectified: { return: 'in_progress', verify: 'verified' },
  verified: { reopen: 'in_progress' },
  long_term: { submit: 'rectified', resume: 'in_progress' },
};

describe('the rectification state machine', () => {
  const cases = FINDING_STATUSES.flatMap((status) => TRANSITION_ACTIONS.map((action) => [status, action] as const));
  it.each(cases)('from %s, %s', (status, action) => {
    const f = aFinding({ ...ready, status, completedAt: status === 'rectified' || status === 'verified' ? '2026-03-18' : null });
    const r = applyTransition(f, action, complete, ctx);
    const to = allowed[status][action];
    if (to === undefined) {
      expect(r).toEqual({ ok: false, error: { code: 'notAllowed', from: status, action } });
    } else {
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.to).toBe(to);
      expect(r.value.next.status).toBe(to);
      expect(r.value.changes).toContainEqual({ field: 'status', from: status, to });
    }
    expect(availableActions(f).includes(action)).toBe(to !== undefined);
  });

  it('covers 5 states × 7 actions', () => expect(cases).toHaveLength(35));

  it('states each transition’s requirements', () => {
    expect(TRANSITIONS.submit.requires).toEqual(['measures', 'completedAt', 'evidenceOrExplanation']);
    expect(TRANSITIONS.return.requires).toEqual(['reason']);
    expect(TRANSITIONS.longTerm.requires).toEqual(['plan', 'milestoneDate']);
    expect(TRANSITIONS.verify.requires).toEqual(['verifier', 'verifiedAt']);
    expect(TRANSITIONS.start.requires).toEqual(['responsiblePerson', 'dueDate']);
  });

  it('refuses everything on a voided finding', () => {
    const f = aFinding({ ...ready, deletedAt: '2026-03-05T00:00:00.000Z' });
    expect(availableActions(f)).toEqual([]);
    for (const action of TRANSITION_ACTIONS) expect(applyTransition(f, action, complete, ctx)).toEqual({ ok: false, error: { code: 'deleted' } });
  });
});

describe('requirements', () => {
  const refusal = (status: FindingStatus, action: TransitionAction, input: TransitionInput, over = {}) => {
    const r = applyTransition(aFinding({ status, ...over }), action, input, ctx);
    return r.ok ? null : r.error;
  };

  it('整改中 needs a responsible person and a due date', () => {
    expect(refusal('open', 'start', {})).toEqual({
      code: 'requirements',
      problems: [
        { requirement: 'responsiblePerson', kind: 'missing' },
        { requirement: 'dueDate', kind: 'missing' },
      ],
    });
    expect(refusal('open', 'start', {}, { responsiblePerson: '  ', dueDate: '2026-04-01' })).toMatchObject({ problems: [{ requirement: 'responsiblePerson' }] });
  });

  it('已整改待验收 needs measures, a completion date, and evidence or an explanation', () => {
    expect(refusal('in_progress', 'submit', {})).toEqual({
      code: 'requirements',
      problems: [
        { requirement: 'measures', kind: 'missing' },
        { requirement: 'completedAt', kind: 'missing' },
        { requirement: 'evidenceOrExplanation', kind: 'missing' },
      ],
    });
    const withMeasures = { measures: '更换价目表' };
    expect(refusal('in_progress', 'submit', { completedAt: '2026-03-21', completionNote: 'x' }, withMeasures)).toMatchObject({
      problems: [{ requirement: 'completedAt', kind: 'future' }],
    });
    expect(refusal('in_progress', 'submit', { completedAt: '2026-03-01', completionNote: 'x' }, withMeasures)).toMatchObject({
      problems: [{ requirement: 'completedAt', kind: 'early' }],
    });
    expect(refusal('in_progress', 'submit', { completedAt: '2026-02-30', completionNote: 'x' }, withMeasures)).toMatchObject({
      problems: [{ requirement: 'completedAt', kind: 'invalid' }],
    });
    // Evidence alone, an explanation given now, or one written earlier: each is enough.
    expect(refusal('in_progress', 'submit', { completedAt: '2026-03-18' }, { ...withMeasures, evidence: ['a'.repeat(64)] })).toBeNull();
    expect(refusal('in_progress', 'submit', { completedAt: '2026-03-18', completionNote: '现场已更换，无法拍照' }, withMeasures)).toBeNull();
    expect(refusal('in_progress', 'submit', { completedAt: '2026-03-18' }, { ...withMeasures, completionNote: '见整改报告' })).toBeNull();
  });

  it('退回 and 重新打开 need a reason', () => {
    expect(refusal('rectified', 'return', { reason: '   ' })).toEqual({ code: 'requirements', problems: [{ requirement: 'reason', kind: 'missing' }] });
    expect(refusal('verified', 'reopen', {})).toEqual({ code: 'requirements', problems: [{ requirement: 'reason', kind: 'missing' }] });
  });

  it('长期整改 needs a plan and a milestone that is not already past', () => {
    expect(refusal('open', 'longTerm', {})).toEqual({
      code: 'requirements',
      problems: [
        { requirement: 'plan', kind: 'missing' },
        { requirement: 'milestoneDate', kind: 'missing' },
      ],
    });
    expect(refusal('open', 'longTerm', { plan: 'p', milestoneDate: '2026-03-19' })).toMatchObject({ problems: [{ requirement: 'milestoneDate', kind: 'past' }] });
    expect(refusal('open', 'longTerm', { plan: 'p', milestoneDate: '2026-03-20' })).toBeNull();
  });

  it('已验收 needs the verifier and a date between completion and today', () => {
    const done = { completedAt: '2026-03-18' };
    expect(refusal('rectified', 'verify', {}, done)).toEqual({
      code: 'requirements',
      problems: [
        { requirement: 'verifier', kind: 'missing' },
        { requirement: 'verifiedAt', kind: 'missing' },
      ],
    });
    expect(refusal('rectified', 'verify', { verifier: '王五', verifiedAt: '2026-03-17' }, done)).toMatchObject({ problems: [{ requirement: 'verifiedAt', kind: 'early' }] });
    expect(refusal('rectified', 'verify', { verifier: '王五', verifiedAt: '2026-03-21' }, done)).toMatchObject({ problems: [{ requirement: 'verifiedAt', kind: 'future' }] });
  });

  it('missingRequirements lets the UI show what is still needed before asking', () => {
    expect(missingRequirements(aFinding(), 'submit', {}, ctx.today).map((p) => p.requirement)).toEqual(['measures', 'completedAt', 'evidenceOrExplanation']);
    expect(missingRequirements(aFinding(), 'resume', {}, ctx.today)).toEqual([]);
  });
});

describe('what each transition records', () => {
  it('submit sets the completion date and explanation', () => {
    const r = applyTransition(aFinding({ ...ready, status: 'in_progress' }), 'submit', { completedAt: '2026-03-18', completionNote: ' 已更换 ' }, ctx);
    expect(r.ok && r.value.changes).toEqual([
      { field: 'status', from: 'in_progress', to: 'rectified' },
      { field: 'completedAt', from: null, to: '2026-03-18' },
      { field: 'completionNote', from: '', to: '已更换' },
    ]);
  });

  it('return records who returned it, when and why, and clears the completion date', () => {
    const r = applyTransition(aFinding({ ...ready, status: 'rectified', completedAt: '2026-03-18' }), 'return', { reason: ' 照片看不清 ' }, ctx);
    expect(r.ok && r.value.reason).toBe('照片看不清');
    expect(r.ok && r.value.next).toMatchObject({ status: 'in_progress', completedAt: null, lastReturn: { by: '李四', at: '2026-03-20', reason: '照片看不清' } });
  });

  it('verify records the verifier', () => {
    const r = applyTransition(aFinding({ ...ready, status: 'rectified', completedAt: '2026-03-18' }), 'verify', { verifier: '王五', verifiedAt: '2026-03-19', verificationNote: '已现场复核' }, ctx);
    expect(r.ok && r.value.next.verification).toEqual({ by: '王五', at: '2026-03-19', note: '已现场复核' });
    expect(r.ok && r.value.reason).toBeNull();
  });

  it('long-term keeps the plan and milestone; reopen clears the verification', () => {
    const lt = applyTransition(aFinding(), 'longTerm', { plan: '系统改造', milestoneDate: '2026-06-30' }, ctx);
    expect(lt.ok && lt.value.next).toMatchObject({ status: 'long_term', plan: '系统改造', milestoneDate: '2026-06-30' });
    const verified = aFinding({ status: 'verified', completedAt: '2026-03-18', verification: { by: '王五', at: '2026-03-19', note: '' } });
    const re = applyTransition(verified, 'reopen', { reason: '复查发现仍未公示' }, ctx);
    expect(re.ok && re.value.next).toMatchObject({ status: 'in_progress', verification: null, completedAt: null });
  });
});
