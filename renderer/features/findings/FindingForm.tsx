// Editing a finding's content: description, cause, correction and measures, who and by when, customer
// remedy and accountability. Saves explicitly (one history entry per save); a form opened on an older
// revision refuses to overwrite a change made elsewhere.
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDb } from '../../db/queries';
import { updateFinding } from '../../db/repos/findings';
import { classifyWriteError } from '../../db/open';
import type { FindingRow } from '../../db/types';
import { FINDING_LIMITS, SEVERITIES } from '../../core/finding/model';
import { errorMessage } from '../../i18n';
import { formFieldOf, formValuesOf, patchOf, type FindingFormValues } from './finding-form-values';

type Props = { finding: FindingRow; readOnly: boolean; onDirtyChange: (dirty: boolean) => void };

export function FindingForm({ finding, readOnly, onDirtyChange }: Props) {
  const { t } = useTranslation();
  const db = useDb();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FindingFormValues>();
  // The revision the user started editing from; null while the form just shows the finding.
  const [editingFrom, setEditingFrom] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = editingFrom !== null;
  const stale = editingFrom !== null && finding.rev !== editingFrom;

  // Follow changes made elsewhere (a transition, another window) unless the user is editing.
  useEffect(() => {
    if (!dirty) form.setFieldsValue(formValuesOf(finding));
  }, [finding, dirty, form]);

  const setEditing = (from: number | null) => {
    setEditingFrom(from);
    onDirtyChange(from !== null);
  };

  const save = async (values: FindingFormValues) => {
    setSaving(true);
    let r: Awaited<ReturnType<typeof updateFinding>>;
    try {
      r = await updateFinding(db, finding.id, patchOf(values), editingFrom ?? finding.rev);
    } catch (error) {
      // An IndexedDB failure must not leave the button spinning: say so and keep the user's edits.
      void message.error(errorMessage(t, classifyWriteError(error)));
      return;
    } finally {
      setSaving(false);
    }
    if (r.ok) {
      setEditing(null);
      void message.success(t('findings.saved'));
      return;
    }
    if (r.error.problems) {
      form.setFields(r.error.problems.map((p) => ({ name: formFieldOf(p.field), errors: [t(`errors.finding.${p.code}`, p.params)] })));
    } else void message.error(errorMessage(t, r.error));
  };

  const discard = () => {
    form.setFieldsValue(formValuesOf(finding));
    setEditing(null);
  };

  const area = (name: keyof FindingFormValues, rows = 2) => (
    <Form.Item name={name} label={t(`findings.fields.${name}`)}>
      <Input.TextArea aria-label={t(`findings.fields.${name}`)} autoSize={{ minRows: rows, maxRows: 8 }} maxLength={FINDING_LIMITS.text} disabled={readOnly} />
    </Form.Item>
  );
  const line = (name: keyof FindingFormValues, label: string, max: number = FINDING_LIMITS.short) => (
    <Form.Item name={name} label={label}>
      <Input aria-label={label} maxLength={max} disabled={readOnly} />
    </Form.Item>
  );

  return (
    <Form<FindingFormValues>
      form={form}
      layout="vertical"
      className="finding-form"
      initialValues={formValuesOf(finding)}
      onValuesChange={() => {
        if (!dirty) setEditing(finding.rev);
      }}
      onFinish={(v) => void save(v)}
      disabled={readOnly}
    >
      {stale && <Alert className="form-alert" type="warning" showIcon title={t('findings.staleForm')} />}
      <Form.Item name="description" label={t('findings.fields.description')} rules={[{ required: true, whitespace: true, message: t('errors.finding.descriptionBlank') }]}>
        <Input.TextArea aria-label={t('findings.fields.description')} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={FINDING_LIMITS.text} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>{line('category', t('findings.fields.category'))}</Col>
        <Col span={12}>
          <Form.Item name="severity" label={t('findings.fields.severity')}>
            <Select aria-label={t('findings.fields.severity')} options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      {area('basis', 1)}
      {area('rootCause')}
      {area('correction')}
      {area('measures', 3)}
      <Row gutter={12}>
        <Col span={8}>{line('responsibleDept', t('findings.fields.responsibleDept'))}</Col>
        <Col span={8}>{line('responsiblePerson', t('findings.fields.responsiblePerson'), FINDING_LIMITS.name)}</Col>
        <Col span={8}>
          <Form.Item name="dueDate" label={t('findings.fields.dueDate')}>
            <DatePicker aria-label={t('findings.fields.dueDate')} className="full-width" />
          </Form.Item>
        </Col>
      </Row>
      {(finding.status === 'long_term' || finding.plan !== '') && (
        <Row gutter={12}>
          <Col span={16}>{area('plan')}</Col>
          <Col span={8}>
            <Form.Item name="milestoneDate" label={t('findings.fields.milestoneDate')}>
              <DatePicker aria-label={t('findings.fields.milestoneDate')} className="full-width" />
            </Form.Item>
          </Col>
        </Row>
      )}
      {area('completionNote')}
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="customerRemedy" label={t('findings.fields.customerRemedy')}>
            <InputNumber aria-label={t('findings.fields.customerRemedy')} min={0} max={FINDING_LIMITS.remedy} precision={2} className="full-width" />
          </Form.Item>
        </Col>
      </Row>
      <fieldset className="finding-fieldset">
        <legend>{t('findings.fields.accountability')}</legend>
        <Row gutter={12}>
          <Col span={8}>{line('accountabilityWho', t('findings.fields.accountabilityWho'))}</Col>
          <Col span={8}>{line('accountabilityHow', t('findings.fields.accountabilityHow'))}</Col>
          <Col span={8}>{line('accountabilityDocNo', t('findings.fields.accountabilityDocNo'))}</Col>
        </Row>
      </fieldset>
      {area('notes')}
      {!readOnly && (
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} disabled={!dirty}>
            {t('findings.save')}
          </Button>
          <Button onClick={discard} disabled={!dirty}>
            {t('findings.discard')}
          </Button>
          {dirty && <span className="hint">{t('findings.unsaved')}</span>}
        </Space>
      )}
    </Form>
  );
}
