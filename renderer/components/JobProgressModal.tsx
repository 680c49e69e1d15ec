// The dialog shown while a worker job runs: what is happening, how far it is, and a way to stop it.
// Every text comes from the caller, already translated, so this stays a plain shared component.
import { Button, Modal, Progress, Typography } from 'antd';
import type { JobProgress } from '../workers/protocol';

export type JobProgressLabels = {
  /** The cancel button. */
  cancel: string;
  /** The cancel button while the job is stopping. */
  cancelling: string;
  /** The progress bar's accessible name, e.g. 导出进度. */
  progress: string;
};

export type JobProgressModalProps = {
  open: boolean;
  title: string;
  /** The current step in words, e.g. 正在写入 1,200 / 20,000 行. */
  description?: string;
  progress: JobProgress | null;
  cancelling: boolean;
  onCancel: () => void;
  labels: JobProgressLabels;
};

export function percentOf(progress: JobProgress | null): number {
  if (!progress || progress.total === undefined || progress.total <= 0) return 0;
  return Math.min(100, Math.floor((progress.done * 100) / progress.total));
}

export function JobProgressModal({ open, title, description, progress, cancelling, onCancel, labels }: JobProgressModalProps) {
  const known = progress?.total !== undefined;
  return (
    <Modal
      open={open}
      title={title}
      // Only the button stops the job: a stray click beside the dialog or a close icon must not throw away a long export.
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button onClick={onCancel} disabled={cancelling} loading={cancelling} autoFocus>
          {cancelling ? labels.cancelling : labels.cancel}
        </Button>
      }
    >
      {description && (
        <Typography.Paragraph aria-live="polite" data-testid="job-progress-description">
          {description}
        </Typography.Paragraph>
      )}
      <Progress
        percent={percentOf(progress)}
        // Not 'active': its endless shine drew frames for the whole job on the compositor and the main
        // thread, CPU the job's worker and IndexedDB need (about 3 s of a 50 s import of 40 packages).
        status="normal"
        showInfo={known}
        aria-label={labels.progress}
        {...(known ? {} : { 'aria-valuetext': description ?? labels.progress })}
      />
    </Modal>
  );
}
