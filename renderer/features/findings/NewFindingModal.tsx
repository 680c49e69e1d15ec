// 新增问题 by hand: found outside a checklist (a complaint traced back, an audit remark). It is numbered
// in the unit's sequence for this year like every other finding.
import { useState } from 'react';
import { App as AntApp, AutoComplete, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { useDb, useOrgUnits, useSettings } from '../../db/queries';
import { addManualFinding } from '../../db/repos/findings';
import { FINDING_LIMITS, SEVERITIES, type Severity } from '../../core/finding/model';
import { errorMessage } from '../../i18n';
import { AssignmentFields } from './AssignmentFields';
import { navigate } from '../../app/router';

type Values = { orgUnitCode: string; description: string; category: string; basis?: string; severity: Severity; dueDate?: Dayjs | null; responsibleDept?: string; responsiblePerson?: string };

export function NewFindingModal({ categories, onClose }: { categories: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const db = useDb();
  const units = useOrgUnits();
  const settings = useSettings();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  if (!units || !settings) return null;

  const submit = async (v: Values) => {
    setBusy(true);
    const r = await addManualFinding(db, {
      orgUnitCode: v.orgUnitCode,
      description: v.description,
      category: v.category ?? '',
      basis: v.basis ?? '',
      severity: v.severity,
      dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
      responsibleDept: v.responsibleDept ?? '',
      responsiblePerson: v.responsiblePerson ?? '',
    });
    setBusy(false);
    if (!r.ok) {
      void message.error(errorMessage(t, r.error));
      return;
    }
    void message.success(t('findings.created', { ledgerNo: r.value.ledgerNo }));
    onClose();
    navigate({ name: 'findings', id: r.value.id });
  };

  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <Modal open title={t('findings.new')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} width={620}>
      <Form<Values> form={form} layout="vertical" initialValues={{ orgUnitCode: settings.orgUnitCode, severity: '一般' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="orgUnitCode" label={t('findings.columns.orgUnit')} rules={[{ required: true, message: t('common.required') }]}>
          <Select aria-label={t('findings.columns.orgUnit')} showSearch={{ optionFilterProp: 'label' }} options={units.map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))} />
        </Form.Item>
        <Form.Item name="description" label={t('findings.fields.description')} rules={required}>
          <Input.TextArea aria-label={t('findings.fields.description')} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={FINDING_LIMITS.text} />
        </Form.Item>
        <Form.Item name="category" label={t('findings.fields.category')} rules={required}>
          <AutoComplete aria-label={t('findings.fields.category')} options={categories.map((c) => ({ value: c }))} maxLength={FINDING_LIMITS.short} />
        </Form.Item>
        <Form.Item name="basis" label={t('findings.fields.basis')}>
          <Input aria-label={t('findings.fields.basis')} maxLength={FINDING_LIMITS.text} />
        </Form.Item>
        <Form.Item name="severity" label={t('findings.fields.severity')}>
          <Select aria-label={t('findings.fields.severity')} options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))} />
        </Form.Item>
        <AssignmentFields />
      </Form>
    </Modal>
  );
}
