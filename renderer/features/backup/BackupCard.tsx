// Settings › 备份与恢复: save the whole database to one file (optionally password-protected), restore one,
// and choose how many days may pass before the app reminds the user to back up again.
import { App as AntApp, Button, Card, Checkbox, Descriptions, Form, InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHost } from '../../app/contexts';
import { useDb, useSettings } from '../../db/queries';
import { DEFAULT_BACKUP_REMINDER_DAYS, markBackedUp, setBackupReminderDays } from '../../db/repos/backup';
import { BACKUP_EXTENSION } from '../../core/backup/format';
import { useJob } from '../../components/use-job';
import { JobProgressModal } from '../../components/JobProgressModal';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { BACKUP_JOB } from '../../workers/jobs';
import { createBackupWorker } from '../../workers/workers';
import { errorMessage } from '../../i18n';
import { useRestore } from './use-restore';

type Values = { protect: boolean; password?: string; confirm?: string };

export function BackupCard() {
  const { t } = useTranslation();
  const db = useDb();
  const host = useHost();
  const settings = useSettings();
  const { message } = AntApp.useApp();
  const job = useJob(BACKUP_JOB, createBackupWorker);
  const restore = useRestore();
  const [form] = Form.useForm<Values>();
  const protect = Form.useWatch('protect', form);
  if (!settings) return null;

  const backup = async (values: Values): Promise<void> => {
    const r = await job.run({ password: values.protect ? (values.password ?? '') : null, generator: `消保自查 ${host.info().version}` });
    job.reset();
    if (!r.ok) {
      if (r.error.code !== 'job.cancelled') void message.error(errorMessage(t, r.error));
      return;
    }
    const saved = await host.saveFile(r.value.fileName, r.value.bytes, [{ name: t('backup.fileType'), extensions: [BACKUP_EXTENSION] }]);
    if (!saved.ok) void message.error(errorMessage(t, saved.error));
    else if (saved.value.saved) {
      await markBackedUp(db, r.value.createdAt);
      form.setFieldsValue({ password: '', confirm: '' });
      void message.success(t('backup.saved', { file: saved.value.path ?? r.value.fileName }));
    }
  };

  const state = job.state;
  const running = state.status === 'running' || state.status === 'cancelling';
  const progress = state.status === 'running' || state.status === 'cancelling' ? state.progress : null;

  return (
    <Card title={t('backup.title')}>
      <Space orientation="vertical" size="middle" className="full-width">
        <Typography.Paragraph type="secondary">{t('backup.help')}</Typography.Paragraph>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('backup.last')}>
            <span data-testid="last-backup">{settings.lastBackupAt ? new Date(settings.lastBackupAt).toLocaleString() : t('backup.never')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('backup.reminder')}>
            <InputNumber
              aria-label={t('backup.reminder')}
              min={1}
              max={365}
              precision={0}
              value={settings.backupReminderDays ?? DEFAULT_BACKUP_REMINDER_DAYS}
              suffix={t('backup.days')}
              onChange={(v) => {
                if (typeof v === 'number') void setBackupReminderDays(db, v).then((r) => !r.ok && message.error(errorMessage(t, r.error)));
              }}
            />
          </Descriptions.Item>
        </Descriptions>
        <Form<Values> form={form} layout="vertical" aria-label={t('backup.title')} initialValues={{ protect: false }} onFinish={(v) => void backup(v)} className="settings-form">
          <Form.Item name="protect" valuePropName="checked">
            <Checkbox>{t('backup.protect')}</Checkbox>
          </Form.Item>
          {protect && <NewPasswordFields />}
          <Space>
            <Button type="primary" htmlType="submit" disabled={running}>
              {t('backup.backupNow')}
            </Button>
            <Button onClick={() => void restore.start()} disabled={running}>
              {t('backup.restore')}
            </Button>
          </Space>
        </Form>
      </Space>
      {restore.element}
      <JobProgressModal
        open={running}
        title={t('backup.backingUp')}
        {...(progress ? { description: t(`backup.phase.${progress.phase}`) } : {})}
        progress={progress}
        cancelling={state.status === 'cancelling'}
        onCancel={() => job.cancel()}
        labels={{ cancel: t('common.cancel'), cancelling: t('ledgerExport.cancelling'), progress: t('backup.progress') }}
      />
    </Card>
  );
}
