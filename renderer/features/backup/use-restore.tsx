// Restoring a backup: pick the file, ask for its password when it is sealed, show what it holds (and
// that it replaces everything here, which the user must confirm), restore in the worker, then say
// whether a new signing key was made, and reload into the restored data.
import { useState } from 'react';
import { Alert, App as AntApp, Checkbox, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHost } from '../../app/contexts';
import { useJob } from '../../components/use-job';
import { JobProgressModal } from '../../components/JobProgressModal';
import { BACKUP_EXTENSION } from '../../core/backup/format';
import type { AppError } from '../../core/result';
import { RESTORE_JOB, type RestoreJobOutput } from '../../workers/jobs';
import { createBackupWorker } from '../../workers/workers';
import { errorMessage } from '../../i18n';

type Stage =
  | { kind: 'idle' }
  | { kind: 'password'; bytes: Uint8Array<ArrayBuffer>; name: string; error: AppError | null }
  | { kind: 'confirm'; bytes: Uint8Array<ArrayBuffer>; name: string; password: string | null; preview: RestoreJobOutput; replace: boolean }
  | { kind: 'done'; result: RestoreJobOutput };

const copyOf = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
};

export function useRestore(): { start: () => Promise<void>; element: React.ReactNode } {
  const { t } = useTranslation();
  const host = useHost();
  const { message } = AntApp.useApp();
  const job = useJob(RESTORE_JOB, createBackupWorker);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [password, setPassword] = useState('');

  const check = async (bytes: Uint8Array<ArrayBuffer>, name: string, pw: string | null): Promise<void> => {
    const r = await job.run({ bytes: copyOf(bytes), password: pw, replace: false, dryRun: true });
    job.reset();
    if (r.ok) {
      setStage({ kind: 'confirm', bytes, name, password: pw, preview: r.value, replace: false });
      return;
    }
    if (r.error.code === 'backup.passwordRequired' || r.error.code === 'envelope.wrongPassword' || r.error.code === 'envelope.passwordEmpty') {
      setStage({ kind: 'password', bytes, name, error: r.error.code === 'backup.passwordRequired' ? null : r.error });
      return;
    }
    setStage({ kind: 'idle' });
    if (r.error.code !== 'job.cancelled') void message.error(errorMessage(t, r.error));
  };

  const start = async (): Promise<void> => {
    const picked = await host.openFiles({ filters: [{ name: t('backup.fileType'), extensions: [BACKUP_EXTENSION] }], multiple: false });
    if (!picked.ok) {
      void message.error(errorMessage(t, picked.error));
      return;
    }
    const file = picked.value[0];
    if (!file) return;
    setPassword('');
    await check(copyOf(file.bytes), file.name, null);
  };

  const restore = async (s: Extract<Stage, { kind: 'confirm' }>): Promise<void> => {
    const r = await job.run({ bytes: copyOf(s.bytes), password: s.password, replace: s.replace, dryRun: false });
    job.reset();
    if (r.ok) setStage({ kind: 'done', result: r.value });
    else if (r.error.code !== 'job.cancelled') void message.error(errorMessage(t, r.error));
  };

  const state = job.state;
  const running = state.status === 'running' || state.status === 'cancelling';
  const progress = state.status === 'running' || state.status === 'cancelling' ? state.progress : null;

  const element = (
    <>
      {stage.kind === 'password' && (
        <Modal
          open
          title={t('backup.passwordTitle', { file: stage.name })}
          okText={t('password.open')}
          cancelText={t('common.cancel')}
          onCancel={() => setStage({ kind: 'idle' })}
          onOk={() => void check(stage.bytes, stage.name, password)}
          okButtonProps={{ disabled: password === '' || running }}
        >
          {stage.error && <Alert type="error" showIcon title={errorMessage(t, stage.error)} className="form-alert" />}
          <Form layout="vertical" onFinish={() => void check(stage.bytes, stage.name, password)}>
            <Form.Item label={t('password.password')}>
              <Input.Password autoFocus value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
            </Form.Item>
          </Form>
        </Modal>
      )}
      {stage.kind === 'confirm' && (
        <Modal
          open
          title={t('backup.restoreTitle')}
          okText={t('backup.restoreNow')}
          okButtonProps={{ danger: stage.preview.hasLocalData, disabled: running || (stage.preview.hasLocalData && !stage.replace) }}
          cancelText={t('common.cancel')}
          onCancel={() => setStage({ kind: 'idle' })}
          onOk={() => void restore(stage)}
        >
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('backup.file')}>{stage.name}</Descriptions.Item>
            <Descriptions.Item label={t('backup.createdAt')}>{new Date(stage.preview.createdAt).toLocaleString()}</Descriptions.Item>
            <Descriptions.Item label={t('backup.createdBy')}>{`${stage.preview.createdBy}（${stage.preview.orgUnitCode}）`}</Descriptions.Item>
            <Descriptions.Item label={t('backup.contents')}>
              {t('backup.counts', {
                inspections: stage.preview.counts['inspections'] ?? 0,
                findings: stage.preview.counts['findings'] ?? 0,
                attachments: stage.preview.counts['attachments'] ?? 0,
                history: stage.preview.counts['history'] ?? 0,
              })}
            </Descriptions.Item>
          </Descriptions>
          {stage.preview.hasLocalData ? (
            <>
              <Alert type="warning" showIcon title={t('backup.replaceWarning')} className="form-alert" />
              <Checkbox checked={stage.replace} onChange={(e) => setStage({ ...stage, replace: e.target.checked })}>
                {t('backup.replaceConfirm')}
              </Checkbox>
            </>
          ) : (
            <Typography.Paragraph type="secondary" className="form-alert">
              {t('backup.keyNote')}
            </Typography.Paragraph>
          )}
        </Modal>
      )}
      {stage.kind === 'done' && (
        <Modal
          open
          title={t('backup.restored')}
          okText={t('backup.reload')}
          cancelButtonProps={{ style: { display: 'none' } }}
          closable={false}
          onOk={() => window.location.reload()}
        >
          <Typography.Paragraph>{t('backup.restoredText', { findings: stage.result.counts['findings'] ?? 0 })}</Typography.Paragraph>
          {stage.result.outcome?.newKey && (
            <Alert
              type="warning"
              showIcon
              title={t('backup.newKeyTitle')}
              description={
                <span data-testid="new-key-fingerprint">{t('backup.newKeyText', { fingerprint: stage.result.outcome.fingerprint, previous: stage.result.outcome.previousFingerprint })}</span>
              }
            />
          )}
        </Modal>
      )}
      <JobProgressModal
        open={running}
        title={t('backup.restoring')}
        {...(progress ? { description: t(`backup.phase.${progress.phase}`) } : {})}
        progress={progress}
        cancelling={job.state.status === 'cancelling'}
        onCancel={() => job.cancel()}
        labels={{ cancel: t('common.cancel'), cancelling: t('ledgerExport.cancelling'), progress: t('backup.progress') }}
      />
    </>
  );
  return { start, element };
}
