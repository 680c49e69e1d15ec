// A record's history as a timeline: who did what when, each field from what to what, and why. Each
// entry also shows its place in the device's hash chain, which is what an auditor checks against.
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { HistoryRow } from '../../db/types';
import type { Json } from '../../core/audit/types';
import { isSystemReason } from '../../core/finding/verdict-link';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A value as a reader wants it: labels for statuses, counts for file lists, "—" for nothing. */
export function formatValue(t: Translate, field: string, value: Json): string {
  if (value === null || value === '') return '—';
  if (field === 'status' && typeof value === 'string') return t(`status.${value}`, { defaultValue: value });
  if (field === 'verdict' && typeof value === 'string') return t(`verdicts.${value}`, { defaultValue: value });
  if (field === 'severity' && typeof value === 'string') return t(`severity.${value}`, { defaultValue: value });
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) return field === 'evidence' || field === 'attachments' ? t('evidence.files', { count: value.length }) : value.join('、');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== '' && v !== null)
      .map(([k, v]) => `${t(`history.subfields.${k}`, { defaultValue: k })}：${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join('；') || '—';
  }
  return String(value);
}

export function reasonText(t: Translate, reason: string | null): string | null {
  if (reason === null) return null;
  return isSystemReason(reason) ? t(`history.system.${reason.slice('system:'.length)}`, { defaultValue: reason }) : reason;
}

type Props = {
  entries: HistoryRow[];
  fieldLabel: (field: string) => string;
  /** How the caller names a value it knows better, e.g. a linked record's id by its ledger number; null: the default. */
  valueLabel?: (field: string, value: Json) => string | null;
};

export function HistoryTimeline({ entries, fieldLabel, valueLabel }: Props) {
  const { t } = useTranslation();
  const show = (field: string, value: Json) => valueLabel?.(field, value) ?? formatValue(t, field, value);
  if (entries.length === 0) return <Typography.Text type="secondary">{t('history.empty')}</Typography.Text>;
  return (
    <Timeline
      className="history-timeline"
      items={entries.map((e) => {
        const what = e.action === 'transition' && e.transition ? t(`transitions.${e.transition}`) : t(`history.actions.${e.action}`);
        const reason = reasonText(t, e.reason);
        return {
          key: `${e.deviceId}/${e.seq}`,
          color: e.action === 'delete' ? 'red' : e.action === 'transition' ? 'blue' : 'gray',
          content: (
            <div className="history-entry" data-testid="history-entry">
              <div className="history-entry-head">
                <strong>{what}</strong>
                <span>{e.actor}</span>
                <span className="hint">{dayjs(e.at).format('YYYY-MM-DD HH:mm:ss')}</span>
                <span className="hint history-chain" title={e.hash}>
                  #{e.seq} · {e.hash.slice(0, 8)}
                </span>
              </div>
              {reason && <div className="history-reason">{t('history.reason', { reason })}</div>}
              {e.action !== 'create' && e.changes.length > 0 && (
                <ul className="history-changes">
                  {e.changes.map((c) => (
                    <li key={c.field}>
                      {fieldLabel(c.field)}：<span className="history-from">{show(c.field, c.from)}</span> → <span className="history-to">{show(c.field, c.to)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
