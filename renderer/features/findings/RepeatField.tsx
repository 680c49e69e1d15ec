// 屡查屡犯 on a finding: whether it repeats an earlier finding of the same unit, a link to that one, and
// the way to correct it by hand. The app sets the link when a verdict fails again (repos/findings.ts);
// a person may unmark it or name another earlier finding, and each change goes to history.
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDb, useFinding } from '../../db/queries';
import { updateFinding } from '../../db/repos/findings';
import type { FindingRow } from '../../db/types';
import { navigate } from '../../app/router';
import { repeatCandidates } from '../../core/finding/repeat';
import { excerpt } from '../../core/inspection/cycle';
import { errorMessage } from '../../i18n';

type Props = { finding: FindingRow; unitFindings: FindingRow[]; disabled: boolean };

export function RepeatField({ finding, unitFindings, disabled }: Props) {
  const { t } = useTranslation();
  const earlier = useFinding(finding.repeatOf);
  const [editing, setEditing] = useState(false);
  return (
    <Space wrap size={4} data-testid="repeat-field">
      {finding.repeatOf === null ? (
        <span>{t('common.no')}</span>
      ) : earlier ? (
        <Button type="link" size="small" className="inline-link" onClick={() => navigate({ name: 'findings', id: earlier.id })}>
          {t('findings.repeatOf', { ledgerNo: earlier.ledgerNo, status: t(earlier.deletedAt === null ? `status.${earlier.status}` : 'status.voided') })}
        </Button>
      ) : (
        <span>{t('common.yes')}</span>
      )}
      {!disabled && (
        <Button size="small" onClick={() => setEditing(true)} aria-label={t('findings.repeatEdit')}>
          {t('common.edit')}
        </Button>
      )}
      {editing && <RepeatModal finding={finding} unitFindings={unitFindings} onClose={() => setEditing(false)} />}
    </Space>
  );
}

function RepeatModal({ finding, unitFindings, onClose }: { finding: FindingRow; unitFindings: FindingRow[]; onClose: () => void }) {
  const { t } = useTranslation();
  const db = useDb();
  const { message } = AntApp.useApp();
  const [marked, setMarked] = useState(finding.repeatOf !== null);
  const [target, setTarget] = useState<string | null>(finding.repeatOf);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const options = useMemo(() => {
    const candidates = repeatCandidates(finding, unitFindings);
    const label = (f: FindingRow) =>
      t('findings.repeatOption', {
        ledgerNo: f.ledgerNo,
        date: f.inspectionDate ?? t('findings.manual'),
        code: f.itemCode ?? '—',
        description: excerpt(f.description, 24).text,
        status: t(f.deletedAt === null ? `status.${f.status}` : 'status.voided'),
      });
    const sameItem = candidates.filter((f) => f.itemCode !== null && f.itemCode === finding.itemCode && f.checklistId === finding.checklistId);
    const others = candidates.filter((f) => !sameItem.includes(f));
    // The link there is now stays choosable even if it no longer meets the rules (e.g. voided since).
    const kept = unitFindings.find((f) => f.id === finding.repeatOf && !candidates.includes(f));
    return [
      ...(kept ? [{ label: t('findings.repeatCurrent'), options: [{ value: kept.id, label: label(kept) }] }] : []),
      ...(sameItem.length > 0 ? [{ label: t('findings.repeatSameItem'), options: sameItem.map((f) => ({ value: f.id, label: label(f) })) }] : []),
      ...(others.length > 0 ? [{ label: t('findings.repeatOtherItems'), options: others.map((f) => ({ value: f.id, label: label(f) })) }] : []),
    ];
  }, [finding, unitFindings, t]);

  const save = async () => {
    setBusy(true);
    const r = await updateFinding(db, finding.id, { repeatOf: marked ? target : null }, finding.rev);
    setBusy(false);
    if (r.ok) {
      void message.success(t('findings.saved'));
      onClose();
      return;
    }
    const problem = r.error.problems?.[0];
    setError(problem ? t(`errors.finding.${problem.code}`, problem.params) : errorMessage(t, r.error));
  };

  return (
    <Modal
      open
      title={t('findings.repeatTitle', { ledgerNo: finding.ledgerNo })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: marked && target === null }}
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={onClose}
      width={640}
    >
      <Space orientation="vertical" className="full-width">
        <Checkbox
          checked={marked}
          onChange={(e) => {
            setMarked(e.target.checked);
            // Marking picks the most likely earlier finding: the same item's, newest first.
            if (e.target.checked && target === null) setTarget(options[0]?.options[0]?.value ?? null);
          }}
        >
          {t('findings.repeatMark')}
        </Checkbox>
        <Select<string>
          aria-label={t('findings.repeatEarlier')}
          placeholder={t('findings.repeatChoose')}
          className="full-width"
          disabled={!marked}
          showSearch={{ optionFilterProp: 'label' }}
          value={marked ? (target ?? undefined) : undefined}
          onChange={(v) => setTarget(v)}
          options={options}
        />
        {marked && options.length === 0 && <Alert type="info" showIcon title={t('findings.repeatNoCandidates')} />}
        <span className="hint">{t('findings.repeatExplain')}</span>
        {error && <Alert type="error" showIcon title={error} />}
      </Space>
    </Modal>
  );
}
