// Start an inspection: checklist (newest version by default), inspected unit, kind, inspectors, date, and
// when the unit was inspected with that checklist before, the earlier inspection it follows (复查):
// the new one starts with empty verdicts and shows that one's as hints.
import { useEffect, useMemo, useState } from 'react';
import { Alert, DatePicker, Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useChecklists, useDb, useInspections, useOrgUnits, useSettings } from '../../db/queries';
import { startFollowUp, startInspection } from '../../db/repos/inspections';
import { INSPECTION_KINDS, type Inspection, type InspectionKind } from '../../db/types';
import { navigate } from '../../app/router';
import { errorMessage } from '../../i18n';
import type { AppError } from '../../core/result';
import { seriesOf } from '../../core/inspection/cycle';
import { checklistKey, groupChecklists } from '../checklists/library-rows';
import { newestVersions } from './newest-versions';

type Values = { checklist: string; orgUnitCode: string; kind: InspectionKind; inspectors: string[]; date: Dayjs; previousId?: string };

/** `from`: the earlier inspection to follow up (the list's 复查 action); the dialog starts filled from it. */
export function NewInspectionModal({ onClose, from }: { onClose: () => void; from?: Inspection }) {
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
  const chosenKey = Form.useWatch('checklist', form);
  const chosenUnit = Form.useWatch('orgUnitCode', form);
  const chosenId = checklists?.find((c) => checklistKey(c) === chosenKey)?.id;
  const series = useMemo(
    () => (chosenId && chosenUnit ? seriesOf(inspections ?? [], chosenUnit, chosenId) : []),
    [inspections, chosenUnit, chosenId],
  );
  // The earlier inspection must belong to the unit and checklist chosen: the newest of them by default.
  useEffect(() => {
    if (chosenKey === undefined || chosenUnit === undefined) return;
    if (!series.some((i) => i.id === form.getFieldValue('previousId'))) form.setFieldValue('previousId', series[0]?.id);
  }, [series, chosenKey, chosenUnit, form]);
  if (!checklists || !units || !settings || !inspections) return null;
  const defaultUnit = units.find((u) => u.level === 'outlet')?.code ?? settings.orgUnitCode;
  // A follow-up offers the newest installed version of the earlier inspection's checklist.
  const fromChecklist = from ? (groupChecklists(checklists).find((g) => g.id === from.checklistId)?.newest ?? { id: from.checklistId, version: from.checklistVersion }) : undefined;

  const submit = async (v: Values) => {
    const chosen = checklists.find((c) => `${c.id}@${c.version}` === v.checklist);
    if (!chosen) return;
    setBusy(true);
    const date = v.date.format('YYYY-MM-DD');
    const r = v.previousId
      ? await startFollowUp(db, v.previousId, { checklistVersion: chosen.version, kind: v.kind, inspectors: v.inspectors, date })
      : await startInspection(db, { checklistId: chosen.id, checklistVersion: chosen.version, orgUnitCode: v.orgUnitCode, kind: v.kind, inspectors: v.inspectors, date });
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
      title={from ? t('cycle.followUpTitle') : t('inspections.startTitle')}
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
          checklist: fromChecklist ? checklistKey(fromChecklist) : choices.defaultValue,
          orgUnitCode: from?.orgUnitCode ?? defaultUnit,
          kind: from?.kind ?? 'self',
          inspectors: from?.inspectors ?? [settings.inspectorName],
          date: dayjs(),
          previousId: from?.id,
        }}
      >
        <Form.Item name="checklist" label={t('inspections.checklist')} rules={[{ required: true, message: t('common.required') }]}>
          <Select aria-label={t('inspections.checklist')} options={choices.groups} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="orgUnitCode" label={t('inspections.orgUnit')} rules={[{ required: true, message: t('common.required') }]}>
          <Select aria-label={t('inspections.orgUnit')} showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
        </Form.Item>
        {series.length > 0 && (
          <Form.Item name="previousId" label={t('cycle.previous')} extra={t('cycle.previousHint')}>
            <Select
              aria-label={t('cycle.previous')}
              options={series.map((i) => ({
                value: i.id,
                label: t('cycle.previousOption', {
                  date: i.date,
                  kind: t(`kinds.${i.kind}`),
                  status: t(`inspections.${i.status}`),
                  version: i.checklistVersion,
                  inspectors: i.inspectors.join('、'),
                }),
              }))}
              onChange={(id: string) => {
                // Following up an inspection usually means the same kind of check by the same people.
                const picked = series.find((i) => i.id === id);
                if (picked) form.setFieldsValue({ kind: picked.kind, inspectors: picked.inspectors });
              }}
            />
          </Form.Item>
        )}
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
