// The finding a failed item produced, right under its verdict: number, state, deadline, and the way
// to work on it in the register.
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FindingRow } from '../../db/types';
import { navigate } from '../../app/router';
import { DueTag, FindingFlags, StatusTag, todayDate } from '../findings/finding-tags';

export function ItemFinding({ finding }: { finding: FindingRow }) {
  const { t } = useTranslation();
  const voided = finding.deletedAt !== null;
  return (
    <div className={`item-finding${voided ? ' is-voided' : ''}`} data-testid="item-finding">
      <Space wrap>
        <Typography.Text strong>{t('findings.itemFinding', { ledgerNo: finding.ledgerNo })}</Typography.Text>
        <StatusTag finding={finding} />
        {!voided && <DueTag finding={finding} today={todayDate()} />}
        <FindingFlags finding={finding} />
      </Space>
      {voided ? (
        <span className="hint">{t('findings.itemFindingVoided')}</span>
      ) : (
        <Button size="small" onClick={() => navigate({ name: 'findings', id: finding.id })} aria-label={t('findings.openNamed', { ledgerNo: finding.ledgerNo })}>
          {t('findings.openFinding')}
        </Button>
      )}
    </div>
  );
}
