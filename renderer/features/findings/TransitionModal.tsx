// Moving a finding to its next state. The dialog lists what the transition requires, ticks off what is
// already there, asks for what belongs to the step itself (date, reason, verifier…) and only lets it go
// ahead when nothing is missing. The state machine itself is core/finding/transitions.ts.
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, DatePicker, Form, Input, Modal } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { useDb, useSettings } from '../../db/queries';
import { transitionFinding } from '../../db/repos/findings';
import type { FindingRow } from '../../db/types';
import { missingRequirements, TRANSITIONS, type Requirement, type TransitionAction, type TransitionInput } from '../../core/finding/transitions';
import { FINDING_LIMITS } from '../../core/finding/model';
import { errorMessage } from '../../i18n';
import { requirementText } from './requirement-text';

type Props = { finding: FindingRow; action: TransitionAction; today: string; onClose: () => void };

type Values = { completedAt?: Dayjs | null; completionNote?: string; reason?: string; verifier?: string; verifiedAt?: Dayjs | null; verificationNote?: string; plan?: string; milestoneDate?: Dayjs | null };

/** Which inputs each step asks for in the dialog (the rest of its requirements live on the finding). */
const ASKS: Record<TransitionAction, (keyof Values)[]> = {
  start: [],
  submit: ['completedAt', 'completionNote'],
  return: ['reason'],
  verify: ['verifier', 'verifiedAt', 'verificationNote'],
  longTerm: ['plan', 'milestoneDate'],
  resume: [],
  reopen: ['reason'],
};
const DATES = new Set<keyof Values>(['completedAt', 'verifiedAt', 'milestoneDate']);
const AREAS = new Set<keyof Values>(['completionNote', 'reason', 'verificationNote', 'plan']);

const inputOf = (v: Values): TransitionInput => {
  const out: TransitionInput = {};
  for (const [k, value] of Object.entries(v) as [keyof Values, unknown][]) {
    if (value === undefined || value === null) continue;
    out[k] = dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : String(value);
  }
  return out;
};

export function TransitionModal({ finding, action, today, onClose }: Props) {
  const { t } = useTranslation();
  const db = useDb();
  const settings = useSettings();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const initial: Values = useMemo(
    () => ({
      completedAt: action === 'submit' ? dayjs(today) : undefined,
      verifiedAt: action === 'verify' ? dayjs(today) : undefined,
      plan: action === 'longTerm' ? finding.plan : undefined,
      milestoneDate: action === 'longTerm' && finding.milestoneDate ? dayjs(finding.milestoneDate) : undefined,
      completionNote: action === 'submit' ? finding.completionNote : undefined,
    }),
    [action, today, finding.plan, finding.milestoneDate, finding.completionNote],
  );
  const [values, setValues] = useState<Values>(initial);
  const [busy, setBusy] = useState(false);
  const missing = missingRequirements(finding, action, inputOf(values), today);
  const missingBy = new Map(missing.map((p) => [p.requirement, p]));
  const requires = TRANSITIONS[action].requires;
  const verifierIsOwner = action === 'verify' && values.verifier?.trim() !== '' && values.verifier?.trim() === finding.responsiblePerson.trim();

  const submit = async () => {
    setBusy(true);
    const r = await transitionFinding(db, finding.id, action, inputOf(values), finding.rev);
    setBusy(false);
    if (r.ok) {
      void message.success(t('transitions.done', { action: t(`transitions.${action}`), ledgerNo: finding.ledgerNo }));
      onClose();
    } else if (r.error.requirements) void message.error(r.error.requirements.map((p) => requirementText(t, p)).join('；'));
    else void message.error(errorMessage(t, r.error));
  };

  const label = (k: keyof Values) => t(`transitions.fields.${k}`);
  return (
    <Modal
      open
      title={`${t(`transitions.${action}`)} · ${finding.ledgerNo}`}
      okText={t(`transitions.${action}`)}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: missing.length > 0, danger: action === 'return' || action === 'reopen' }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <p className="hint">{t(`transitions.explain.${action}`)}</p>
      {requires.length > 0 && (
        <ul className="requirement-list" aria-label={t('transitions.requires')}>
          {requires.map((r: Requirement) => {
            const problem = missingBy.get(r);
            return (
              <li key={r} className={problem ? 'is-missing' : 'is-met'}>
                {problem ? <CloseCircleFilled aria-hidden /> : <CheckCircleFilled aria-hidden />} {problem ? requirementText(t, problem) : t(`requirements.${r}`)}
              </li>
            );
          })}
        </ul>
      )}
      {ASKS[action].length > 0 && (
        <Form<Values> form={form} layout="vertical" initialValues={initial} onValuesChange={(_, all) => setValues(all)}>
          {ASKS[action].map((k) => (
            <Form.Item key={k} name={k} label={label(k)}>
              {DATES.has(k) ? (
                <DatePicker aria-label={label(k)} className="full-width" />
              ) : AREAS.has(k) ? (
                <Input.TextArea aria-label={label(k)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={FINDING_LIMITS.text} />
              ) : (
                <Input aria-label={label(k)} maxLength={FINDING_LIMITS.name} placeholder={k === 'verifier' ? settings?.inspectorName : undefined} />
              )}
            </Form.Item>
          ))}
        </Form>
      )}
      {verifierIsOwner && <Alert type="warning" showIcon title={t('transitions.verifierIsOwner')} />}
    </Modal>
  );
}
