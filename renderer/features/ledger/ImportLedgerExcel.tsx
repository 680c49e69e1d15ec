// 导入 Excel 整改台账 (issue 6 item 8): a unit without the app fills in the Excel ledger this app wrote, and
// this device imports it. The file is checked in a worker first; the preview shows the counts, every
// problem by sheet, row and column, and the findings that would change. Confirming runs the import
// again, checking against the records as they are then, and writes everything or nothing.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHost } from '../../app/contexts';
import { useJob } from '../../components/use-job';
import { JobProgressModal } from '../../components/JobProgressModal';
import { LEDGER_SHEET_IMPORT_JOB } from '../../workers/jobs';
import { createLedgerExcelWorker } from '../../workers/workers';
import type { SheetImportChange, SheetImportOutcome } from '../../db/repos/ledger-sheet-import';
import type { SheetImportProblem } from '../../core/ledger/sheet-import';
import { errorMessage } from '../../i18n';
import { useFieldLabel } from '../findings/field-label';
import { sheetImportColumnText, sheetImportProblemText } from './sheet-import-text';

type Preview = { fileName: string; bytes: Uint8Array; outcome: SheetImportOutcome; notice: string | null };

export function ImportLedgerExcel() {
  const { t } = useTranslation();
  const host = useHost();
  const fieldLabel = useFieldLabel();
  const { message } = AntApp.useApp();
  const job = useJob(LEDGER_SHEET_IMPORT_JOB, createLedgerExcelWorker);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [committing, setCommitting] = useState(false);

  const check = async (): Promise<void> => {
    const picked = await host.openFiles({ filters: [{ name: t('sheetImport.fileType'), extensions: ['xlsx'] }], multiple: false });
    if (!picked.ok) {
      void message.error(errorMessage(t, picked.error));
      return;
    }
    const file = picked.value[0];
    if (!file) return;
    setCommitting(false);
    const result = await job.run({ bytes: file.bytes, commit: false });
    job.reset();
    if (!result.ok) {
      if (result.error.code !== 'job.cancelled') void message.error(errorMessage(t, result.error));
      return;
    }
    setPreview({ fileName: file.name, bytes: file.bytes, outcome: result.value, notice: null });
  };

  const confirm = async (): Promise<void> => {
    if (!preview) return;
    setCommitting(true);
    const result = await job.run({ bytes: preview.bytes, commit: true });
    job.reset();
    setCommitting(false);
    if (!result.ok) {
      if (result.error.code !== 'job.cancelled') void message.error(errorMessage(t, result.error));
      return;
    }
    if (result.value.committed) {
      void message.success(t('sheetImport.imported', { count: result.value.updated }));
      setPreview(null);
    } else setPreview({ ...preview, outcome: result.value, notice: t('sheetImport.changedMeanwhile') });
  };

  const state = job.state;
  const running = state.status === 'running' || state.status === 'cancelling';
  const progress = running ? state.progress : null;
  const outcome = preview?.outcome;
  const refused = outcome !== undefined && outcome.problemCount > 0;

  return (
    <Card title={t('sheetImport.card')}>
      <Typography.Paragraph type="secondary">{t('sheetImport.help')}</Typography.Paragraph>
      <Button onClick={() => void check()} disabled={running}>
        {t('sheetImport.choose')}
      </Button>
      <Modal
        open={preview !== null && !running}
        title={t('sheetImport.previewTitle', { file: preview?.fileName ?? '' })}
        width={920}
        okText={t('sheetImport.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !outcome || refused || outcome.updated === 0 || committing }}
        onOk={() => void confirm()}
        onCancel={() => setPreview(null)}
      >
        {outcome && (
          <>
            {preview?.notice && <Alert className="form-alert" type="warning" showIcon title={preview.notice} />}
            {refused ? (
              <Alert className="form-alert" type="error" showIcon title={t('sheetImport.refused', { rows: outcome.badRows, count: outcome.problemCount })} />
            ) : outcome.updated === 0 ? (
              <Alert className="form-alert" type="info" showIcon title={t('sheetImport.nothing', { rows: outcome.rowCount })} />
            ) : (
              <Alert className="form-alert" type="success" showIcon title={t('sheetImport.ready', { updated: outcome.updated, unchanged: outcome.unchanged })} />
            )}
            <Descriptions size="small" column={4} bordered data-testid="sheet-import-counts">
              <Descriptions.Item label={t('sheetImport.counts.rows')}>{outcome.rowCount}</Descriptions.Item>
              <Descriptions.Item label={t('sheetImport.counts.updated')}>{outcome.updated}</Descriptions.Item>
              <Descriptions.Item label={t('sheetImport.counts.unchanged')}>{outcome.unchanged}</Descriptions.Item>
              <Descriptions.Item label={t('sheetImport.counts.badRows')}>{outcome.badRows}</Descriptions.Item>
            </Descriptions>
            {outcome.problems.length > 0 && (
              <section aria-label={t('sheetImport.problemList')} className="form-alert">
                {outcome.problemCount > outcome.problems.length && (
                  <Typography.Paragraph type="secondary">{t('sheetImport.moreProblems', { shown: outcome.problems.length, count: outcome.problemCount })}</Typography.Paragraph>
                )}
                <Table<SheetImportProblem & { key: number }>
                  size="small"
                  dataSource={outcome.problems.map((p, key) => ({ ...p, key }))}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  columns={[
                    { title: t('sheetImport.columns.sheet'), dataIndex: 'sheet', width: 110, render: (s: string) => s || t('sheetImport.wholeBook') },
                    { title: t('sheetImport.columns.row'), dataIndex: 'row', width: 60, render: (r: number) => (r > 0 ? r : '') },
                    { title: t('sheetImport.columns.column'), key: 'column', width: 170, render: (_, p) => sheetImportColumnText(t, p) },
                    { title: t('sheetImport.columns.problem'), key: 'problem', render: (_, p) => sheetImportProblemText(t, p) },
                  ]}
                />
              </section>
            )}
            {!refused && outcome.changes.length > 0 && (
              <section aria-label={t('sheetImport.changeList')} className="form-alert">
                <Table<SheetImportChange>
                  size="small"
                  rowKey={(c) => `${c.sheet}/${c.row}`}
                  dataSource={outcome.changes}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  columns={[
                    { title: t('sheetImport.columns.row'), dataIndex: 'row', width: 60 },
                    { title: t('sheetImport.columns.ledgerNo'), dataIndex: 'ledgerNo', width: 170 },
                    {
                      title: t('sheetImport.columns.status'),
                      key: 'status',
                      width: 200,
                      render: (_, c) => (c.from === c.to ? t(`status.${c.to}`) : `${t(`status.${c.from}`)} → ${t(`status.${c.to}`)}`),
                    },
                    { title: t('sheetImport.columns.fields'), key: 'fields', render: (_, c) => c.fields.filter((f) => f !== 'status').map(fieldLabel).join('、') },
                  ]}
                />
              </section>
            )}
          </>
        )}
      </Modal>
      <JobProgressModal
        open={running}
        title={committing ? t('sheetImport.importing') : t('sheetImport.checking')}
        {...(progress ? { description: t(`sheetImport.phase.${progress.phase}`, { done: progress.done, total: progress.total ?? 0 }) } : {})}
        progress={progress}
        cancelling={state.status === 'cancelling'}
        onCancel={job.cancel}
        labels={{ cancel: t('common.cancel'), cancelling: t('sheetImport.cancelling'), progress: t('sheetImport.progress') }}
      />
    </Card>
  );
}
