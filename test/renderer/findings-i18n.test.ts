// Keys the finding screens build from codes (problem codes, statuses, transitions, requirements,
// history actions and system reasons) exist in both catalogues: the generic i18n test only sees
// literal appError('…') calls.
import { describe, expect, it } from 'vitest';
import { initI18n } from '../../renderer/i18n';
import { FINDING_FIELDS, FINDING_PROBLEM_CODES, FINDING_STATUSES } from '../../renderer/core/finding/model';
import { REQUIREMENTS, TRANSITION_ACTIONS } from '../../renderer/core/finding/transitions';
import { HISTORY_ACTIONS, HISTORY_ENTITY_TYPES } from '../../renderer/core/audit/types';
import { SYSTEM_REASONS } from '../../renderer/core/finding/verdict-link';
import { COLUMN_KEYS } from '../../renderer/features/findings/register-columns';
import { ANSWER_FIELDS, INSPECTION_FIELDS } from '../../renderer/db/repos/inspections';

const keys = [
  ...FINDING_PROBLEM_CODES.map((c) => `errors.finding.${c}`),
  ...FINDING_STATUSES.map((s) => `status.${s}`),
  ...TRANSITION_ACTIONS.flatMap((a) => [`transitions.${a}`, `transitions.explain.${a}`]),
  'transitions.complete',
  ...REQUIREMENTS.map((r) => `requirements.${r}`),
  ...['missing', 'invalid', 'future', 'past'].map((k) => `requirements.kind.${k}`),
  'requirements.early.completedAt',
  'requirements.early.verifiedAt',
  ...HISTORY_ACTIONS.map((a) => `history.actions.${a}`),
  ...HISTORY_ENTITY_TYPES.map((a) => `history.entityTypes.${a}`),
  ...Object.values(SYSTEM_REASONS).map((r) => `history.system.${r.slice('system:'.length)}`),
  ...['hash', 'prevHash', 'seq', 'head', 'device'].map((p) => `history.broken.${p}`),
  ...[...FINDING_FIELDS, ...ANSWER_FIELDS, ...INSPECTION_FIELDS].map((f) => `findings.fields.${f}`),
  ...COLUMN_KEYS.map((c) => `findings.columns.${c}`),
  'errors.evidence.cameraDenied',
  'errors.evidence.cameraUnavailable',
];

describe('finding messages', () => {
  it.each(['zh-CN', 'en-US'] as const)('exist for every code the screens use (%s)', async (lang) => {
    const i18n = await initI18n(lang);
    expect(keys.filter((k) => !i18n.exists(k))).toEqual([]);
  });

  it('say overdue and due soon in words a branch understands', async () => {
    const i18n = await initI18n('zh-CN');
    expect(i18n.t('findings.overdueDays', { count: 3, date: '2026-03-17' })).toBe('逾期 3 天（2026-03-17）');
    expect(i18n.t('errors.evidence.tooLarge', { name: '录像.mp4', sizeMb: '35.2', limitMb: 20 })).toBe('文件 录像.mp4（35.2 MB）超过单个附件 20 MB 的上限，未添加。请压缩或拆分后再添加。');
  });
});
