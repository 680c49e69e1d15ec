// Asking for the reason a record is voided or restored: history keeps it next to the change.
import { useState } from 'react';
import { Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = { title: string; okText: string; danger?: boolean; onSubmit: (reason: string) => Promise<boolean>; onClose: () => void };

export function ReasonModal({ title, okText, danger, onSubmit, onClose }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: reason.trim() === '', danger }}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={async () => {
        setBusy(true);
        const done = await onSubmit(reason.trim());
        setBusy(false);
        if (done) onClose();
      }}
    >
      <Input.TextArea aria-label={t('findings.reason')} placeholder={t('findings.reasonPlaceholder')} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
}
