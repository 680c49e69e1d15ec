// 工作总结表述: the paragraph head office puts in its work summary, written by core/ledger/summary.ts
// (the same words as the command line) over exactly the findings the register shows for the active
// filters, as of a chosen day; copied to the clipboard, or selected for Ctrl+C where that is refused.
import { memo, useMemo, useRef, useState, type CSSProperties } from 'react';
import { App as AntApp, Button, Card, DatePicker, Descriptions, Input, Space, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { summaryFor } from './dashboard-view';
import type { DashboardFinding } from '../../core/finding/dashboard';
import { formatRate, summaryStatement, type SummaryFinding, type SummaryLang } from '../../core/ledger/summary';

/**
 * Three to eight lines high, as the text needs, sized by the browser (field-sizing): antd's autoSize
 * measures the text in a hidden copy and lays the page out again on every render.
 */
const FIT_TEXT: CSSProperties = { fieldSizing: 'content', minHeight: 'calc(3lh + 10px)', maxHeight: 'calc(8lh + 10px)' };

/** Renders again only when the rows, language or day change (not on every keystroke in the filter bar). */
export const SummaryCard = memo(function SummaryCard({ rows, lang, today }: { rows: readonly (SummaryFinding & DashboardFinding)[]; lang: SummaryLang; today: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [asOf, setAsOf] = useState<string | null>(null);
  const day = asOf ?? today;
  const summary = useMemo(() => summaryFor(rows, day), [rows, day]);
  const text = useMemo(() => summaryStatement(summary, lang), [summary, lang]);
  const area = useRef<TextAreaRef>(null);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      void message.success(t('dashboard.summary.copied'));
    } catch {
      area.current?.focus({ cursor: 'all' });
      void message.warning(t('dashboard.summary.copyFailed'));
    }
  };

  const n = (key: string, value: string | number) => ({ key, label: t(`dashboard.summary.numbers.${key}`), children: value });
  return (
    <Card
      title={t('dashboard.summary.title')}
      extra={
        <DatePicker
          aria-label={t('dashboard.summary.asOf')}
          prefix={t('dashboard.summary.asOf')}
          allowClear={false}
          value={dayjs(day)}
          onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : null)}
        />
      }
      data-testid="summary-card"
    >
      <Typography.Paragraph type="secondary">{t('dashboard.summary.intro')}</Typography.Paragraph>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          n('findings', summary.findings),
          n('units', summary.orgUnitsWithFindings),
          n('completed', summary.completed),
          n('unitsCompleted', summary.orgUnitsCompleted),
          n('rate', `${formatRate(summary.completionRate)}%`),
          n('open', summary.open),
          n('overdue', summary.overdue),
        ]}
      />
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.TextArea ref={area} readOnly aria-label={t('dashboard.summary.text')} value={text} style={FIT_TEXT} />
        <Button type="primary" onClick={() => void copy()}>
          {t('dashboard.summary.copy')}
        </Button>
      </Space>
    </Card>
  );
});
