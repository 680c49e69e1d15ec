// Start an inspection: checklist (newest version by default), inspected unit, kind, inspectors, date.
import { useMemo, useState } from 'react';
import { Alert, DatePicker, Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useChecklists, useDb, useInspections, useOrgUnits, useSettings } from '../../db/queries';
import { startInspection } from '../../db/repos/inspections';
import { INSPECTION_KINDS, type InspectionKind } from '../../db/types';
import { navigate } from '../../app/router';
import { errorMessage } from '../../i18n';
import type { AppError } from '../../core/result';
import { newestVersions } from './newest-versions';

type Values = { checklist: string; orgUnitCode: string; kind: InspectionKind; inspectors: string[]; date: Dayjs };

export function NewInspectionModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const db = useDb();
  const checklists = useChecklists();
  const inspections = useInspections();
  const units = useOrgUnits();
  const settings = useSettings();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const choices = useMemo(
    () =>
      newestVersions(checklists ?? [], inspections ?? [], (c, newest) =>
        newest ? t('library.choice', { title: c.checklist.title, version: c.version }) : t('library.choiceOlder', { title: c.checklist.title, version: c.version }),
      ),
    [checklists, inspections, t],
  );
  const unitOptions = useMemo(
    () => (units ?? []).map((u) => ({ value: u.code, label: `${u.name}（${u.code}）· ${t(`levels.${u.level}`)}` })),
    [units, t],
  );
  if (!checklists || !units || !settings || !inspections) return null;
  const defaultUnit = units.find((u) => u.level === 'outlet')?.code ?? settings.orgUnitCode;

  const submit = async (v: Values) => {
    const chosen = checklists.find((c) => `${c.id}@${c.version}` === v.checklist);
    if (!chosen) return;
    setBusy(true);
    const r = await startInspection(db, {
      checklistId: chosen.id,
      checklistVersion: chosen.version,
      orgUnitCode: v.orgUnitCode,
      kind: v.kind,
      inspectors: v.inspectors,
      date: v.date.format('YYYY-MM-DD'),
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    onClose();
    navigate({ name: 'inspection', id: r.value.id, itemCode: null });
  };

  return (
    <Modal
      open
      title={t('inspections.startTitle')}
      okText={t('inspections.start')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: choices.groups.length === 0 || units.length === 0 }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={620}
    >
      {choices.groups.length === 0 && <Alert type="warning" showIcon title={t('inspections.noChecklists')} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          checklist: choices.defaultValue,
          orgUnitCode: defaultUnit,
          kind: 'self',
          inspectors: [settings.inspectorName],
          date: dayjs(),
        }}
      >
        <Form.Item name="checklist" label={t('inspections.checklist')} rules={[{ required: true, message: t('common.required') }]}>
          <Select aria-label={t('inspections.checklist')} options={choices.groups} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="orgUnitCode" label={t('inspections.orgUnit')} rules={[{ required: true, message: t('common.required') }]}>
          <Select aria-label={t('inspections.orgUnit')} showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
        </Form.Item>
        <Form.Item name="kind" label={t('inspections.kind')} rules={[{ required: true }]}>
          <Select aria-label={t('inspections.kind')} options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="inspectors"
          label={t('inspections.inspectors')}
          extra={t('inspections.inspectorsHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('errors.inspection.inspectors') }]}
        >
          <Select aria-label={t('inspections.inspectors')} mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="date" label={t('inspections.date')} rules={[{ required: true, message: t('errors.inspection.date') }]}>
          <DatePicker aria-label={t('inspections.date')} allowClear={false} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={errorMessage(t, error)} />}
      </Form>
    </Modal>
  );
}
