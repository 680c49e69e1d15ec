// Head office's answer to a unit (issue 6 item 7): the findings verified or returned here since the unit
// was last answered, as a signed package of the ledger format that the branch imports on its 台账汇总 page.
import { memo, useMemo, useState } from 'react';
import { App as AntApp, Button, Card, Form, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHost } from '../../app/contexts';
import { useOrgUnits, usePendingReturns } from '../../db/queries';
import { useSaveLedgerPackage } from '../ledger/save-package';
import { todayLocal } from '../../db/today';
import { errorMessage } from '../../i18n';
import { useJob } from '../../components/use-job';
import { JobProgressModal } from '../../components/JobProgressModal';
import { LEDGER_PACKAGE_JOB } from '../../workers/jobs';
import { createLedgerExportWorker } from '../../workers/workers';

// Memoised: the page's job progress does not render it again.
export const ReturnPackageCard = memo(function ReturnPackageCard() {
  const { t } = useTranslation();
  const host = useHost();
  const savePackage = useSaveLedgerPackage();
  const units = useOrgUnits();
  const pending = usePendingReturns();
  const { message } = AntApp.useApp();
  const job = useJob(LEDGER_PACKAGE_JOB, createLedgerExportWorker);
  const [unit, setUnit] = useState<string | undefined>(undefined);

  // Worked out again only when the pending returns, the units or the language change. At head office
  // both lists run to thousands of units after an import: a unit lookup by name map, not a search of the
  // list per unit, and one translated count per distinct number (this was a 50 ms render at quick scale).
  const names = useMemo(() => new Map((units ?? []).map((u) => [u.code, u.name])), [units]);
  const options = useMemo(() => {
    const counts = new Map<number, string>();
    const countText = (count: number): string => {
      let text = counts.get(count);
      if (text === undefined) {
        text = t('ledgerImport.returnCount', { count });
        counts.set(count, text);
      }
      return text;
    };
    return [...(pending?.entries() ?? [])]
      .map(([code, count]) => ({ value: code, label: `${names.get(code) ?? code}（${code}）· ${countText(count)}` }))
      .sort((a, b) => (a.value < b.value ? -1 : 1));
  }, [pending, names, t]);

  const exportReturn = async (): Promise<void> => {
    if (unit === undefined) return;
    const result = await job.run({ request: { kind: 'return', unitCode: unit }, includeAttachments: true, password: null, asOf: todayLocal(), generator: `消保自查 ${host.info().version}` });
    job.reset();
    if (!result.ok) {
      if (result.error.code !== 'job.cancelled') void message.error(errorMessage(t, result.error));
      return;
    }
    const saved = await savePackage(result.value);
    if (saved) {
      void message.success(t('ledgerImport.returnSaved', { file: saved.path ?? result.value.fileName }));
      setUnit(undefined);
    }
  };

  const progress = job.state.status === 'running' || job.state.status === 'cancelling' ? job.state.progress : null;
  return (
    <Card title={t('ledgerImport.returnCard')}>
      <Typography.Paragraph type="secondary">{t('ledgerImport.returnHelp')}</Typography.Paragraph>
      <Form layout="inline">
        <Form.Item label={t('ledgerImport.returnUnit')} htmlFor="return-unit">
          <Select id="return-unit" aria-label={t('ledgerImport.returnUnit')} style={{ minWidth: 320 }} value={unit} onChange={setUnit} options={options} placeholder={options.length === 0 ? t('ledgerImport.returnNone') : t('ledgerImport.returnPick')} disabled={options.length === 0} showSearch optionFilterProp="label" />
        </Form.Item>
        <Space>
          <Button type="primary" disabled={unit === undefined || job.state.status === 'running'} onClick={() => void exportReturn()}>
            {t('ledgerImport.returnExport')}
          </Button>
        </Space>
      </Form>
      <JobProgressModal
        open={job.state.status === 'running' || job.state.status === 'cancelling'}
        title={t('ledgerImport.returnRunning')}
        {...(progress?.phase ? { description: t(`ledgerExport.phase.${progress.phase}`, { done: progress.done, total: progress.total ?? 0 }) } : {})}
        progress={progress}
        cancelling={job.state.status === 'cancelling'}
        onCancel={() => job.cancel()}
        labels={{ cancel: t('common.cancel'), cancelling: t('ledgerImport.cancelling'), progress: t('ledgerImport.progress') }}
      />
    </Card>
  );
});
