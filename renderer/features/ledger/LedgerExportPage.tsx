// 台账报送: the branch sends its rectification ledger to head office as a signed package (full, or
// what changed since an earlier package), optionally password-protected, or saves the 整改台账 as an
// Excel file on its own. Both run in a worker with progress and cancel; a package is recorded in the
// export log only once the file is saved, so a cancelled save never uses up a seq.
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Form, Radio, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHost } from '../../app/contexts';
import { useLedgerExports, useSettings } from '../../db/queries';
import { useSaveLedgerPackage } from './save-package';
import { localDaysSince, todayLocal } from '../../db/today';
import type { LedgerExportRow } from '../../db/types';
import { useJob } from '../../components/use-job';
import { JobProgressModal } from '../../components/JobProgressModal';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { LEDGER_EXCEL_JOB, LEDGER_PACKAGE_JOB } from '../../workers/jobs';
import { createLedgerExportWorker } from '../../workers/workers';
import { errorMessage } from '../../i18n';
import { ImportLedgerExcel } from './ImportLedgerExcel';

type FormValues = {
  scope: 'full' | 'delta';
  sinceSeq?: number;
  includeAttachments: boolean;
  protect: boolean;
  password?: string;
  confirm?: string;
};

const shortHash = (hash: string): string => `${hash.slice(0, 8)}…${hash.slice(-4)}`;

export function LedgerExportPage() {
  const { t } = useTranslation();
  const host = useHost();
  const savePackage = useSaveLedgerPackage();
  const settings = useSettings();
  const exports = useLedgerExports();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const scope = Form.useWatch('scope', form);
  const protect = Form.useWatch('protect', form);
  const packageJob = useJob(LEDGER_PACKAGE_JOB, createLedgerExportWorker);
  const excelJob = useJob(LEDGER_EXCEL_JOB, createLedgerExportWorker);
  const [saving, setSaving] = useState(false);
  const today = todayLocal();
  const last = exports?.[0];

  // A delta usually continues from the latest package: preselect it.
  useEffect(() => {
    if (scope === 'delta' && last && form.getFieldValue('sinceSeq') === undefined) form.setFieldValue('sinceSeq', last.seq);
  }, [scope, last, form]);

  const exportPackage = async (values: FormValues): Promise<void> => {
    const result = await packageJob.run({
      request: values.scope === 'delta' && values.sinceSeq !== undefined ? { kind: 'delta', sinceSeq: values.sinceSeq } : { kind: 'full' },
      includeAttachments: values.includeAttachments,
      password: values.protect ? (values.password ?? '') : null,
      asOf: today,
      generator: `消保自查 ${host.info().version}`,
    });
    packageJob.reset();
    if (!result.ok) {
      if (result.error.code !== 'job.cancelled') void message.error(errorMessage(t, result.error));
      return;
    }
    setSaving(true);
    try {
      const saved = await savePackage(result.value);
      if (saved) {
        void message.success(t('ledgerExport.saved', { file: saved.path ?? result.value.fileName, seq: result.value.row.seq }));
        form.setFieldsValue({ password: '', confirm: '' });
      }
    } finally {
      setSaving(false);
    }
  };

  const exportExcel = async (): Promise<void> => {
    const result = await excelJob.run({ asOf: today, title: t('ledgerExport.excelTitle') });
    excelJob.reset();
    if (!result.ok) {
      if (result.error.code !== 'job.cancelled') void message.error(errorMessage(t, result.error));
      return;
    }
    const name = `整改台账-${settings?.orgUnitCode ?? ''}-${today.replaceAll('-', '')}.xlsx`;
    const saved = await host.saveFile(name, result.value.bytes, [{ name: 'Excel', extensions: ['xlsx'] }]);
    if (!saved.ok) void message.error(errorMessage(t, saved.error));
    else if (saved.value.saved) void message.success(t('ledgerExport.excelSaved', { file: saved.value.path ?? name, rows: result.value.rows }));
  };

  const running = packageJob.state.status === 'running' || packageJob.state.status === 'cancelling' ? packageJob : excelJob.state.status === 'running' || excelJob.state.status === 'cancelling' ? excelJob : null;
  const progress = running && (running.state.status === 'running' || running.state.status === 'cancelling') ? running.state.progress : null;
  const phase = progress?.phase;
  const busy = running !== null || saving;

  const columns = [
    { title: t('ledgerExport.columns.seq'), dataIndex: 'seq', key: 'seq', width: 70 },
    { title: t('ledgerExport.columns.exportedAt'), key: 'exportedAt', render: (_: unknown, r: LedgerExportRow) => new Date(r.exportedAt).toLocaleString() },
    { title: t('ledgerExport.columns.scope'), key: 'scope', render: (_: unknown, r: LedgerExportRow) => (r.scope.kind === 'full' ? t('ledgerExport.full') : r.scope.kind === 'delta' ? t('ledgerExport.deltaSince', { seq: r.scope.sinceSeq }) : t('ledgerExport.returnTo', { code: r.scope.unitCode })) },
    { title: t('ledgerExport.columns.findings'), key: 'findings', render: (_: unknown, r: LedgerExportRow) => r.counts.findings },
    { title: t('ledgerExport.columns.attachments'), key: 'attachments', render: (_: unknown, r: LedgerExportRow) => (r.attachmentsIncluded ? r.counts.attachments : t('ledgerExport.notIncluded')) },
    { title: t('ledgerExport.columns.sealed'), key: 'sealed', render: (_: unknown, r: LedgerExportRow) => (r.sealed ? t('common.yes') : t('common.no')) },
    { title: t('ledgerExport.columns.file'), key: 'file', render: (_: unknown, r: LedgerExportRow) => <Typography.Text copyable={{ text: r.path ?? r.fileName, tooltips: [t('ledgerExport.copyPath'), t('ledgerExport.copied')] }}>{r.fileName}</Typography.Text> },
    { title: t('ledgerExport.columns.hash'), key: 'hash', render: (_: unknown, r: LedgerExportRow) => <Typography.Text code title={r.packageSha256}>{shortHash(r.packageSha256)}</Typography.Text> },
    { title: t('ledgerExport.columns.by'), dataIndex: 'exportedBy', key: 'by' },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('ledgerExport.title')}</Typography.Title>
      {last === undefined && exports !== undefined ? (
        <Alert type="info" showIcon title={t('ledgerExport.neverExported')} />
      ) : last ? (
        <Alert type="info" showIcon title={t('ledgerExport.lastExport', { seq: last.seq, days: localDaysSince(last.exportedAt, today) })} />
      ) : null}
      <Card title={t('ledgerExport.packageCard')}>
        <Typography.Paragraph type="secondary">{t('ledgerExport.packageHelp')}</Typography.Paragraph>
        <Form<FormValues>
          form={form}
          layout="vertical"
          aria-label={t('ledgerExport.packageCard')}
          initialValues={{ scope: 'full', includeAttachments: true, protect: false }}
          onFinish={(values) => void exportPackage(values)}
          style={{ maxWidth: 560 }}
        >
          <Form.Item name="scope" label={t('ledgerExport.scope')}>
            <Radio.Group>
              <Radio value="full">{t('ledgerExport.full')}</Radio>
              <Radio value="delta" disabled={!exports || exports.length === 0}>
                {t('ledgerExport.delta')}
              </Radio>
            </Radio.Group>
          </Form.Item>
          {scope === 'delta' && (
            <Form.Item name="sinceSeq" label={t('ledgerExport.since')} rules={[{ required: true, message: t('ledgerExport.sinceRequired') }]}>
              <Select
                aria-label={t('ledgerExport.since')}
                options={(exports ?? []).map((e) => ({ value: e.seq, label: t('ledgerExport.sinceOption', { seq: e.seq, date: new Date(e.exportedAt).toLocaleDateString(), file: e.fileName }) }))}
              />
            </Form.Item>
          )}
          <Form.Item name="includeAttachments" valuePropName="checked">
            <Checkbox>{t('ledgerExport.includeAttachments')}</Checkbox>
          </Form.Item>
          <Form.Item name="protect" valuePropName="checked">
            <Checkbox>{t('ledgerExport.protect')}</Checkbox>
          </Form.Item>
          {protect && <NewPasswordFields />}
          <Button type="primary" htmlType="submit" disabled={busy || !settings}>
            {t('ledgerExport.exportPackage')}
          </Button>
        </Form>
      </Card>
      <Card title={t('ledgerExport.excelCard')}>
        <Typography.Paragraph type="secondary">{t('ledgerExport.excelHelp')}</Typography.Paragraph>
        <Button onClick={() => void exportExcel()} disabled={busy}>
          {t('ledgerExport.exportExcel')}
        </Button>
      </Card>
      <ImportLedgerExcel />
      <Card title={t('ledgerExport.history')}>
        <Table<LedgerExportRow> rowKey="seq" size="small" dataSource={exports ?? []} loading={exports === undefined} columns={columns} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
      </Card>
      <JobProgressModal
        open={running !== null}
        title={running === packageJob ? t('ledgerExport.exportingPackage') : t('ledgerExport.exportingExcel')}
        {...(phase ? { description: t(`ledgerExport.phase.${phase}`, { done: progress?.done ?? 0, total: progress?.total ?? 0 }) } : {})}
        progress={progress}
        cancelling={running?.state.status === 'cancelling'}
        onCancel={() => running?.cancel()}
        labels={{ cancel: t('common.cancel'), cancelling: t('ledgerExport.cancelling'), progress: t('ledgerExport.progress') }}
      />
    </Space>
  );
}
