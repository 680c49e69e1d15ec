// 机构总览 (issue 6 item 4): the whole bank at a glance, as an organisation tree with counts and as a
// matrix of checklist items × units. Both read the same tables the register reads; nothing is written here.
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { navigate, type OverviewTab } from '../../app/router';
import { OrgTreePanel } from './OrgTreePanel';
import { MatrixPanel } from './MatrixPanel';

export function OverviewPage({ tab }: { tab: OverviewTab }) {
  const { t } = useTranslation();
  return (
    <div className="page page-wide">
      <div className="page-head">
        <div>
          <Typography.Title level={3}>{t('overview.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('overview.intro')}</Typography.Paragraph>
        </div>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate({ name: 'overview', tab: key === 'matrix' ? 'matrix' : 'tree' }, { replace: true })}
        items={[
          { key: 'tree', label: t('overview.tabTree'), children: tab === 'tree' ? <OrgTreePanel /> : null },
          { key: 'matrix', label: t('overview.tabMatrix'), children: tab === 'matrix' ? <MatrixPanel /> : null },
        ]}
      />
    </div>
  );
}
