// 批量分派: set the responsible department, person and due date of many findings at once. Empty
// fields are left as they are; each finding that changes gets its own history entry.
import { useState } from 'react';
import { App as AntApp, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { useDb } from '../../db/queries';
import { bulkAssign, type BulkAssignment } from '../../db/repos/findings';
import { errorMessage } from '../../i18n';
import { AssignmentFields } from './AssignmentFields';

type Values = { responsibleDept?: string; responsiblePerson?: string; dueDate?: Dayjs | null };

export function BulkAssignModal({ ids, onClose }: { ids: string[]; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const db = useDb();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    const assignment: BulkAssignment = {};
    if (v.responsibleDept?.trim()) assignment.responsibleDept = v.responsibleDept.trim();
    if (v.responsiblePerson?.trim()) assignment.responsiblePerson = v.responsiblePerson.trim();
    if (v.dueDate) assignment.dueDate = v.dueDate.format('YYYY-MM-DD');
    setBusy(true);
    const r = await bulkAssign(db, ids, assignment);
    setBusy(false);
    if (!r.ok) {
      void message.error(errorMessage(t, r.error));
      return;
    }
    void message.success(t('findings.bulkDone', r.value));
    onClose(true);
  };

  return (
    <Modal open title={t('findings.bulkTitle', { count: ids.length })} okText={t('findings.bulkApply')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={() => onClose(false)}>
      <p className="hint">{t('findings.bulkHint')}</p>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <AssignmentFields />
      </Form>
    </Modal>
  );
}
