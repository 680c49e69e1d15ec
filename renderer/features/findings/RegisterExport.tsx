// 导出Excel and 导出汇总表 on the register (issue 6 item 9): exactly the rows the register shows, in its
// order. Only their ids cross to the worker (a few MB for 100,000 rows); the worker reads the findings a
// page at a time and streams the workbook, so neither thread ever holds the whole register twice.
// While the register is still reading the findings the rows are only part of the answer: an export then
// says so and waits to be asked again, rather than writing a file that silently misses findings.
import { App as AntApp, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHost } from '../../app/contexts';
import { useJob } from '../../components/use-job';
import { JobProgressModal } from '../../components/JobProgressModal';
import { REGISTER_EXCEL_JOB, REGISTER_SUMMARY_JOB } from '../../workers/jobs';
import { createLedgerExcelWorker } from '../../workers/workers';
import { errorMessage } from '../../i18n';
import { todayDate } from './finding-tags';

type Kind = 'excel' | 'summary';

export type RegisterExportProps = {
  rows: readonly { id: string }[];
  /** The register's store is still reading: `loaded` of `expected` findings so far. */
  loading?: { loaded: number; expected: number } | null;
};

export function RegisterExport({ rows, loading = null }: RegisterExportProps) {
  const { t } = useTranslation();
  const host = useHost();
  const { message } = AntApp.useApp();
  const excel = useJob(REGISTER_EXCEL_JOB, createLedgerExcelWorker);
  const summary = useJob(REGISTER_SUMMARY_JOB, createLedgerExcelWorker);
  const jobs = { excel, summary };

  const run = async (kind: Kind): Promise<void> => {
    if (loading) {
      void message.info(t('registerExport.loading', loading));
      return;
    }
    if (rows.length === 0) {
      void message.info(t('registerExport.empty'));
      return;
    }
    const today = todayDate();
    const job = jobs[kind];
    const result = await job.run({ ids: rows.map((r) => r.id), asOf: today, title: t(`registerExport.${kind}Title`) });
    job.reset();
    if (!result.ok) {
      if (result.error.code !== 'job.cancelled') void message.error(errorMessage(t, result.error));
      return;
    }
    const name = `${t(`registerExport.${kind}Title`)}-${today.replaceAll('-', '')}.xlsx`;
    const saved = await host.saveFile(name, result.value.bytes, [{ name: 'Excel', extensions: ['xlsx'] }]);
    if (!saved.ok) void message.error(errorMessage(t, saved.error));
    else if (saved.value.saved) void message.success(t(`registerExport.${kind}Saved`, { file: saved.value.path ?? name, rows: result.value.rows }));
  };

  const active = (['excel', 'summary'] as const).find((k) => jobs[k].state.status === 'running' || jobs[k].state.status === 'cancelling') ?? null;
  const state = active ? jobs[active].state : null;
  const progress = state && (state.status === 'running' || state.status === 'cancelling') ? state.progress : null;
  return (
    <>
      <Button onClick={() => void run('excel')} disabled={active !== null}>
        {t('registerExport.excel')}
      </Button>
      <Button onClick={() => void run('summary')} disabled={active !== null}>
        {t('registerExport.summary')}
      </Button>
      <JobProgressModal
        open={active !== null}
        title={active === 'summary' ? t('registerExport.exportingSummary') : t('registerExport.exportingExcel')}
        {...(progress ? { description: t(`registerExport.phase.${progress.phase}`, { done: progress.done, total: progress.total ?? 0 }) } : {})}
        progress={progress}
        cancelling={state?.status === 'cancelling'}
        onCancel={() => (active ? jobs[active].cancel() : undefined)}
        labels={{ cancel: t('common.cancel'), cancelling: t('registerExport.cancelling'), progress: t('registerExport.progress') }}
      />
    </>
  );
}
