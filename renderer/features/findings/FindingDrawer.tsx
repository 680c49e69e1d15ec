// One finding in full: where it came from, its state and deadline, what can happen next, the editable
// content, its evidence and its timeline. Opens over the register at #/findings/<id>.
import { useCallback, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Drawer, Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAnswers, useDb, useFinding, useHistory, useInspection, useOrgUnits, useUnitFindings } from '../../db/queries';
import { restoreFinding, voidFinding } from '../../db/repos/findings';
import { detachFromFinding } from '../../db/repos/attachments';
import { navigate } from '../../app/router';
import { availableActions, type TransitionAction } from '../../core/finding/transitions';
import { errorMessage } from '../../i18n';
import { HistoryTimeline } from '../history/HistoryTimeline';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { useAttachToFinding } from '../evidence/use-attach';
import { DueTag, FindingFlags, SeverityTag, StatusTag, todayDate } from './finding-tags';
import { FindingForm } from './FindingForm';
import { TransitionModal } from './TransitionModal';
import { ReasonModal } from './ReasonModal';
import { useFieldLabel } from './field-label';
import { RepeatField } from './RepeatField';
import type { FindingRow } from '../../db/types';
import type { Json } from '../../core/audit/types';

/** The step most findings take next is the primary button. */
const PRIMARY: Partial<Record<TransitionAction, true>> = { start: true, submit: true, verify: true };

export function FindingDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const finding = useFinding(id);
  return (
    <Drawer open size={820} onClose={onClose} title={finding ? t('findings.drawerTitle', { ledgerNo: finding.ledgerNo }) : t('findings.title')} destroyOnHidden>
      {finding === null && <Empty description={t('findings.notFound')} />}
      {finding && <FindingDetail key={finding.id} finding={finding} />}
    </Drawer>
  );
}

function FindingDetail({ finding }: { finding: FindingRow }) {
  const { t } = useTranslation();
  const db = useDb();
  const { message } = AntApp.useApp();
  const today = todayDate();
  const units = useOrgUnits();
  const inspection = useInspection(finding.inspectionId ?? undefined);
  const answers = useAnswers(finding.inspectionId ?? undefined);
  const unitFindings = useUnitFindings(finding.orgUnitCode);
  const history = useHistory('finding', finding.id);
  const fieldLabel = useFieldLabel();
  const attach = useAttachToFinding(finding.id);
  const [dirty, setDirty] = useState(false);
  const [action, setAction] = useState<TransitionAction | null>(null);
  const [reasonFor, setReasonFor] = useState<'void' | 'restore' | null>(null);

  const voided = finding.deletedAt !== null;
  const inspectionId = finding.inspectionId;
  const locked = voided || finding.status === 'verified';
  const unit = units?.find((u) => u.code === finding.orgUnitCode);
  const answer = answers?.find((a) => a.itemCode === finding.itemCode);
  // History keeps the 屡查屡犯 link as the earlier finding's id; a reader knows it by its ledger number.
  const ledgerNos = useMemo(() => new Map((unitFindings ?? []).map((f) => [f.id, f.ledgerNo])), [unitFindings]);
  const valueLabel = useCallback((field: string, value: Json) => (field === 'repeatOf' && typeof value === 'string' ? (ledgerNos.get(value) ?? null) : null), [ledgerNos]);

  const changeDeleted = async (reason: string): Promise<boolean> => {
    const r = reasonFor === 'void' ? await voidFinding(db, finding.id, reason) : await restoreFinding(db, finding.id, reason);
    if (!r.ok) void message.error(errorMessage(t, r.error));
    return r.ok;
  };

  return (
    <div className="finding-detail">
      <Space wrap className="finding-tags">
        <StatusTag finding={finding} />
        <SeverityTag severity={finding.severity} />
        <DueTag finding={finding} today={today} />
        <FindingFlags finding={finding} />
      </Space>
      <Descriptions size="small" column={2} className="finding-facts">
        <Descriptions.Item label={t('findings.columns.orgUnit')}>{unit ? `${unit.name}（${unit.code}）` : finding.orgUnitCode}</Descriptions.Item>
        <Descriptions.Item label={t('findings.source')}>
          {inspectionId ? (
            <Button type="link" size="small" className="inline-link" onClick={() => navigate({ name: 'inspection', id: inspectionId, itemCode: finding.itemCode })}>
              {t('findings.fromInspection', { date: finding.inspectionDate ?? '', title: inspection?.checklistTitle ?? finding.checklistId ?? '', code: finding.itemCode ?? '' })}
            </Button>
          ) : (
            t('findings.manual')
          )}
        </Descriptions.Item>
        {finding.verdict && <Descriptions.Item label={t('findings.fields.verdict')}>{t(`verdicts.${finding.verdict}`)}</Descriptions.Item>}
        {(finding.repeatOf !== null || !locked) && (
          <Descriptions.Item label={t('findings.repeat')}>
            <RepeatField finding={finding} unitFindings={unitFindings ?? []} disabled={locked || dirty} />
          </Descriptions.Item>
        )}
        {finding.completedAt && <Descriptions.Item label={t('findings.fields.completedAt')}>{finding.completedAt}</Descriptions.Item>}
        {finding.verification && (
          <Descriptions.Item label={t('findings.fields.verification')}>
            {t('findings.verifiedBy', { by: finding.verification.by, at: finding.verification.at })}
            {finding.verification.note && `：${finding.verification.note}`}
          </Descriptions.Item>
        )}
      </Descriptions>

      {voided && (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          title={t('findings.voidedBanner')}
          action={
            <Button size="small" onClick={() => setReasonFor('restore')}>
              {t('findings.restore')}
            </Button>
          }
        />
      )}
      {finding.verdictWithdrawn && !voided && <Alert className="form-alert" type="warning" showIcon title={t('findings.verdictWithdrawnHint')} />}
      {finding.lastReturn && finding.status === 'in_progress' && (
        <Alert className="form-alert" type="warning" showIcon title={t('findings.returnedBanner', { by: finding.lastReturn.by, at: finding.lastReturn.at, reason: finding.lastReturn.reason })} />
      )}

      <div className="finding-actions" role="group" aria-label={t('findings.actions')}>
        {availableActions(finding).map((a) => (
          <Button key={a} type={PRIMARY[a] ? 'primary' : 'default'} danger={a === 'return' || a === 'reopen'} disabled={dirty} onClick={() => setAction(a)}>
            {t(`transitions.${a}`)}
          </Button>
        ))}
        {!locked && (
          <Button danger type="text" onClick={() => setReasonFor('void')}>
            {t('findings.void')}
          </Button>
        )}
        {dirty && <span className="hint">{t('findings.saveFirst')}</span>}
      </div>

      <Typography.Title level={5}>{t('findings.sectionDetail')}</Typography.Title>
      <FindingForm finding={finding} readOnly={locked} onDirtyChange={setDirty} />

      <Typography.Title level={5}>{t('evidence.title')}</Typography.Title>
      <EvidencePanel
        label={t('evidence.ofFinding')}
        ids={finding.evidence}
        readOnly={locked}
        onAdd={attach}
        onRemove={async (attachmentId) => {
          const r = await detachFromFinding(db, finding.id, attachmentId);
          if (!r.ok) void message.error(errorMessage(t, r.error));
        }}
      />
      {answer && answer.attachments.length > 0 && <EvidencePanel label={t('evidence.ofAnswer')} ids={answer.attachments} readOnly />}

      <Typography.Title level={5}>{t('history.title')}</Typography.Title>
      {history && <HistoryTimeline entries={history} fieldLabel={fieldLabel} valueLabel={valueLabel} />}

      {action && <TransitionModal finding={finding} action={action} today={today} onClose={() => setAction(null)} />}
      {reasonFor && (
        <ReasonModal
          title={t(reasonFor === 'void' ? 'findings.voidTitle' : 'findings.restoreTitle', { ledgerNo: finding.ledgerNo })}
          okText={t(reasonFor === 'void' ? 'findings.void' : 'findings.restore')}
          danger={reasonFor === 'void'}
          onSubmit={changeDeleted}
          onClose={() => setReasonFor(null)}
        />
      )}
    </div>
  );
}
