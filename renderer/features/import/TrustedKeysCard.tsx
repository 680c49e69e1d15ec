// The keys trusted for each unit's packages, and every key a re-enrolment replaced (who, when, why).
import { memo, useDeferredValue, useMemo } from 'react';
import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTrustedKeys } from '../../db/queries';
import type { TrustedKeyRow } from '../../db/types';
import { PAGES } from './pages';

// Memoised: the page's job progress does not render it again. The keys an import adds are drawn as a
// deferred update, not in the task that takes in the import's change notice.
export const TrustedKeysCard = memo(function TrustedKeysCard() {
  const { t } = useTranslation();
  const keys = useDeferredValue(useTrustedKeys());
  // The table only when the deferred keys (or the language) change: the urgent render with the old keys skips it.
  const table = useMemo(
    () => (
      <Table<TrustedKeyRow>
        rowKey="orgUnitCode"
        size="small"
        aria-label={t('ledgerImport.keysCard')}
        dataSource={keys ?? []}
        loading={keys === undefined}
        pagination={PAGES}
        expandable={{
          rowExpandable: (k) => k.replaced.length > 0,
          expandedRowRender: (k) => (
            <ul className="replaced-keys">
              {k.replaced.map((old) => (
                <li key={`${old.fingerprint}-${old.until}`}>{t('ledgerImport.replacedKey', { fingerprint: old.fingerprint, until: new Date(old.until).toLocaleString(), by: old.by, reason: old.reason })}</li>
              ))}
            </ul>
          ),
        }}
        columns={[
          { title: t('ledgerImport.columns.unit'), dataIndex: 'orgUnitCode', key: 'unit' },
          { title: t('ledgerImport.fingerprint'), key: 'fp', render: (_: unknown, k: TrustedKeyRow) => <Typography.Text code>{k.fingerprint}</Typography.Text> },
          { title: t('ledgerImport.columns.since'), key: 'since', render: (_: unknown, k: TrustedKeyRow) => new Date(k.firstSeen).toLocaleString() },
          { title: t('ledgerImport.columns.confirmedBy'), dataIndex: 'confirmedBy', key: 'by' },
          { title: t('ledgerImport.columns.replaced'), key: 'replaced', render: (_: unknown, k: TrustedKeyRow) => k.replaced.length },
        ]}
      />
    ),
    [keys, t],
  );
  return (
    <Card title={t('ledgerImport.keysCard')}>
      <Typography.Paragraph type="secondary">{t('ledgerImport.keysHelp')}</Typography.Paragraph>
      {table}
    </Card>
  );
});
