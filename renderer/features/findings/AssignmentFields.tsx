// 责任部门、责任人、整改期限: the three fields of an assignment, in a new finding and in bulk.
import { DatePicker, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FINDING_LIMITS } from '../../core/finding/model';

export function AssignmentFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="responsibleDept" label={t('findings.fields.responsibleDept')}>
        <Input aria-label={t('findings.fields.responsibleDept')} maxLength={FINDING_LIMITS.short} />
      </Form.Item>
      <Form.Item name="responsiblePerson" label={t('findings.fields.responsiblePerson')}>
        <Input aria-label={t('findings.fields.responsiblePerson')} maxLength={FINDING_LIMITS.name} />
      </Form.Item>
      <Form.Item name="dueDate" label={t('findings.fields.dueDate')}>
        <DatePicker aria-label={t('findings.fields.dueDate')} className="full-width" />
      </Form.Item>
    </>
  );
}
