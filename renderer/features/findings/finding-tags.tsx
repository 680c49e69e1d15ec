// How a finding's status, deadline and flags look wherever a finding appears: the register, the
// finding itself and the inspection it came from. Deadlines are derived from today's date. The tags
// are plain spans (styled like antd's Tag): the register renders thousands of them while scrolling.
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { FindingFields, FindingStatus, Severity } from '../../core/finding/model';
import { dueInfo } from '../../core/finding/overdue';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Today as a calendar date where the user is. */
export const todayDate = (): string => dayjs().format('YYYY-MM-DD');

const STATUS_TONE: Record<FindingStatus, string> = {
  open: 'grey',
  in_progress: 'blue',
  rectified: 'gold',
  verified: 'green',
  long_term: 'purple',
};

const tag = (tone: string, text: string, extra: Record<string, string> = {}) => (
  <span className={`xb-tag xb-tag-${tone}`} {...extra}>
    {text}
  </span>
);

export function statusTag(t: Translate, f: Pick<FindingFields, 'status' | 'deletedAt'>) {
  return f.deletedAt !== null ? tag('voided', t('status.voided')) : tag(STATUS_TONE[f.status], t(`status.${f.status}`));
}

export function severityTag(t: Translate, severity: Severity) {
  return tag(severity === '重大' ? 'red' : severity === '较重' ? 'orange' : 'grey', t(`severity.${severity}`));
}

/** 逾期 N 天 / N 天后到期 / 今天到期, or the plain deadline; nothing for closed findings without one. */
export function dueTag(t: Translate, f: Pick<FindingFields, 'status' | 'dueDate' | 'milestoneDate' | 'deletedAt'>, today: string) {
  const info = dueInfo(f, today);
  if (info.deadline === null) return info.state === 'none' ? <span className="hint">{t('findings.noDeadline')}</span> : null;
  if (info.state === 'overdue') return tag('red', t('findings.overdueDays', { count: -(info.days ?? 0), date: info.deadline }), { 'data-due': 'overdue' });
  if (info.state === 'dueSoon') {
    const text = info.days === 0 ? t('findings.dueToday', { date: info.deadline }) : t('findings.dueInDays', { count: info.days ?? 0, date: info.deadline });
    return tag('orange', text, { 'data-due': 'dueSoon' });
  }
  return <span data-due={info.state}>{info.deadline}</span>;
}

/** 屡查屡犯, 结论已改, 已退回: what needs a second look. */
export function flagTags(t: Translate, f: Pick<FindingFields, 'repeatOf' | 'verdictWithdrawn' | 'lastReturn' | 'status' | 'deletedAt'>) {
  return (
    <span className="xb-tags">
      {f.repeatOf !== null && tag('magenta', t('findings.repeat'))}
      {f.verdictWithdrawn && f.deletedAt === null && tag('warning', t('findings.verdictWithdrawn'), { title: t('findings.verdictWithdrawnHint') })}
      {f.lastReturn !== null && f.status === 'in_progress' && tag('volcano', t('findings.returned'))}
    </span>
  );
}

export function StatusTag({ finding }: { finding: Pick<FindingFields, 'status' | 'deletedAt'> }) {
  return statusTag(useTranslation().t, finding);
}

export function SeverityTag({ severity }: { severity: Severity }) {
  return severityTag(useTranslation().t, severity);
}

export function DueTag({ finding, today }: { finding: Pick<FindingFields, 'status' | 'dueDate' | 'milestoneDate' | 'deletedAt'>; today: string }) {
  return dueTag(useTranslation().t, finding, today);
}

export function FindingFlags({ finding }: { finding: Pick<FindingFields, 'repeatOf' | 'verdictWithdrawn' | 'lastReturn' | 'status' | 'deletedAt'> }) {
  return flagTags(useTranslation().t, finding);
}
