// The preview of an import: per package, who sent it and what it would change per unit, what needs a
// person — the unit's key fingerprint on first contact, each conflict side by side — and why a package
// is refused. Nothing here writes but a key re-enrolment, which the user asks for with a reason.
import { memo, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Descriptions, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDb, useSettings } from '../../db/queries';
import { reEnrolKey } from '../../db/repos/trusted-keys';
import type { ConflictView, PackageReport } from '../../db/repos/ledger-import';
import { OUTCOMES, RECORD_KINDS, type ConflictDecision, type OutcomeCounts, type RecordKind } from '../../core/ledger/merge';
import type { Json } from '../../core/audit/types';
import { errorMessage } from '../../i18n';
import { useFieldLabel } from '../findings/field-label';

/** The callbacks are expected to keep their identity across renders: a card re-renders only when its own report, key or decisions change. */
type Props = {
  reports: PackageReport[];
  /** The preview was imported: its cards are taken off a few per task, then onGone. */
  leaving: boolean;
  onGone: () => void;
  trusted: ReadonlySet<string>;
  onTrust: (code: string, yes: boolean) => void;
  decisions: Record<string, Record<string, ConflictDecision>>;
  onDecide: (packageSha256: string, conflictIds: string[], decision: ConflictDecision) => void;
  onReEnrolled: () => void;
};

/**
 * Cards rendered per task: a batch of 40 packages' cards (each with its table) rendered in one go kept the
 * main thread busy for seconds; a few at a time, each batch in its own task, keeps the page responsive
 * while the rest appear. The note under them says the preview is complete, so it waits for the last.
 */
const CARDS_PER_TASK = 4;

/**
 * Cards taken off per task once the preview was imported: unmounting a card (its effects, antd's style
 * registrations) costs more than drawing it, and four in one commit were a 79 ms task after a national
 * import (profiled at 2,500 units).
 */
const CARDS_REMOVED_PER_TASK = 2;

/**
 * Each card's per-unit table (an antd Table measures the scrollbar when it mounts: most of a batch's
 * time) opens on request when the preview holds more packages than this; a small preview shows it open.
 */
const UNITS_OPEN_UP_TO = CARDS_PER_TASK;

export const ImportPreview = memo(function ImportPreview({ reports, leaving, onGone, trusted, onTrust, decisions, onDecide, onReEnrolled }: Props) {
  const { t } = useTranslation();
  const [shown, setShown] = useState({ reports, count: CARDS_PER_TASK });
  const count = shown.reports === reports ? Math.min(shown.count, reports.length) : CARDS_PER_TASK;
  useEffect(() => {
    if (leaving) {
      // Taken off as they came: a few cards per task (their tables, styles and DOM), then gone.
      if (count <= 0) {
        onGone();
        return;
      }
      const timer = setTimeout(() => setShown({ reports, count: Math.max(0, count - CARDS_REMOVED_PER_TASK) }), 0);
      return () => clearTimeout(timer);
    }
    if (shown.reports === reports && count >= reports.length) return;
    const timer = setTimeout(() => setShown({ reports, count: count + CARDS_PER_TASK }), 0);
    return () => clearTimeout(timer);
  }, [reports, shown.reports, count, leaving, onGone]);
  if (reports.length === 0) return null;
  return (
    <Space direction="vertical" size="middle" className="import-packages">
      {reports.slice(0, count).map((r) => (
        <PackageCard key={r.packageSha256} report={r} unitsOpen={reports.length <= UNITS_OPEN_UP_TO} trusted={trusted.has(r.orgUnit.code)} onTrust={onTrust} decisions={decisions[r.packageSha256] ?? NO_DECISIONS} onDecide={onDecide} onReEnrolled={onReEnrolled} />
      ))}
      {!leaving && count >= reports.length && <Typography.Text type="secondary">{t('ledgerImport.previewNote')}</Typography.Text>}
    </Space>
  );
});

const NO_DECISIONS: Record<string, ConflictDecision> = {};

function statusTag(r: PackageReport, t: (k: string) => string) {
  if (r.refusal) return <Tag color="red">{t('ledgerImport.state.refused')}</Tag>;
  if (r.noOp) return <Tag>{t('ledgerImport.state.noOp')}</Tag>;
  if (r.conflicts.length > 0) return <Tag color="orange">{t('ledgerImport.state.conflicts')}</Tag>;
  return <Tag color="green">{t('ledgerImport.state.ready')}</Tag>;
}

type UnitRow = { code: string } & Record<RecordKind, OutcomeCounts>;

type CardProps = {
  report: PackageReport;
  /** The per-unit table starts open. */
  unitsOpen: boolean;
  trusted: boolean;
  decisions: Record<string, ConflictDecision>;
} & Pick<Props, 'onTrust' | 'onDecide' | 'onReEnrolled'>;

// A card already shown is not rendered again when the next batch appears or a job's progress moves.
const PackageCard = memo(function PackageCard({ report: r, unitsOpen, trusted, onTrust, decisions, onDecide, onReEnrolled }: CardProps) {
  const { t } = useTranslation();
  const [reEnrolling, setReEnrolling] = useState(false);
  const [showUnits, setShowUnits] = useState(unitsOpen);
  const scope = r.scope.kind === 'full' ? t('ledgerExport.full') : r.scope.kind === 'delta' ? t('ledgerExport.deltaSince', { seq: r.scope.sinceSeq }) : t('ledgerExport.returnTo', { code: r.scope.unitCode });
  const outcome = (c: OutcomeCounts): string => t('ledgerImport.outcomes', { insert: c.insert, update: c.update, unchanged: c.unchanged, stale: c.stale, conflict: c.conflict });
  const unitRows: UnitRow[] = r.byUnit.map((u) => ({ code: u.code, ...u.counts }));
  // In the per-unit table only what happens: "新增 32", "更新 2 · 冲突 1", or a dash.
  const brief = (c: OutcomeCounts): string => {
    const parts = OUTCOMES.filter((o) => c[o] > 0).map((o) => t(`ledgerImport.outcome.${o}`, { count: c[o] }));
    return parts.length === 0 ? '—' : parts.join(' · ');
  };
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>{`${r.orgUnit.name}（${r.orgUnit.code}）`}</span>
          {statusTag(r, t)}
          <Typography.Text type="secondary">{r.fileName}</Typography.Text>
        </Space>
      }
      aria-label={t('ledgerImport.packageLabel', { unit: r.orgUnit.name, seq: r.seq })}
      role="region"
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('ledgerImport.seq')}>{r.seq}</Descriptions.Item>
        <Descriptions.Item label={t('ledgerImport.scope')}>{scope}</Descriptions.Item>
        <Descriptions.Item label={t('ledgerImport.exported')}>{`${new Date(r.exportedAt).toLocaleString()} · ${r.exportedBy}`}</Descriptions.Item>
        <Descriptions.Item label={t('ledgerImport.fingerprint')}>
          <Typography.Text code>{r.fingerprint}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('ledgerImport.findings')}>{outcome(r.counts.findings)}</Descriptions.Item>
        <Descriptions.Item label={t('ledgerImport.historyAndFiles')}>{t('ledgerImport.historyCounts', { append: r.history.append, files: r.attachments.add })}</Descriptions.Item>
      </Descriptions>
      {r.refusal && (
        <Alert
          type="error"
          showIcon
          message={t('ledgerImport.refused')}
          description={errorMessage(t, r.refusal)}
          action={
            r.refusal.code === 'merge.keyMismatch' ? (
              <Button size="small" onClick={() => setReEnrolling(true)}>
                {t('ledgerImport.reEnrol')}
              </Button>
            ) : undefined
          }
        />
      )}
      {r.warnings.map((w) => (
        <Alert key={w.code} type="warning" showIcon className="import-alert" message={errorMessage(t, w)} />
      ))}
      {r.noOp && !r.refusal && <Alert type="info" showIcon className="import-alert" message={t('ledgerImport.noOp')} />}
      {!r.refusal && !r.noOp && r.key.kind === 'unknown' && (
        <Alert
          type="warning"
          showIcon
          className="import-alert"
          message={t('ledgerImport.firstKey', { unit: r.orgUnit.name })}
          description={
            <Space direction="vertical">
              <Typography.Text>{t('ledgerImport.compareFingerprint')}</Typography.Text>
              <Typography.Text code className="fingerprint">
                {r.fingerprint}
              </Typography.Text>
              <Checkbox checked={trusted} onChange={(e) => onTrust(r.orgUnit.code, e.target.checked)}>
                {t('ledgerImport.trustKey', { unit: r.orgUnit.name })}
              </Checkbox>
            </Space>
          }
        />
      )}
      {!r.refusal && unitRows.length > 0 && (
        <Button type="link" size="small" className="import-units-toggle" aria-expanded={showUnits} onClick={() => setShowUnits((open) => !open)}>
          {showUnits ? t('ledgerImport.hideByUnit') : t('ledgerImport.showByUnit', { count: unitRows.length })}
        </Button>
      )}
      {!r.refusal && unitRows.length > 0 && showUnits && (
        <Table<UnitRow>
          size="small"
          rowKey="code"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={unitRows}
          aria-label={t('ledgerImport.byUnit')}
          columns={[
            { title: t('ledgerImport.columns.unit'), key: 'code', render: (_: unknown, u: UnitRow) => (r.unitNames[u.code] ? `${r.unitNames[u.code]}（${u.code}）` : u.code) },
            ...RECORD_KINDS.map((k) => ({ title: t(`ledgerImport.kinds.${k}`), key: k, render: (_: unknown, u: UnitRow) => brief(u[k]) })),
          ]}
        />
      )}
      {!r.refusal && r.conflicts.length > 0 && <Conflicts conflicts={r.conflicts} decisions={decisions} onDecide={(ids, d) => onDecide(r.packageSha256, ids, d)} />}
      <ReEnrolModal open={reEnrolling} report={r} onClose={() => setReEnrolling(false)} onDone={onReEnrolled} />
    </Card>
  );
});

const show = (v: Json): string => (v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

function Conflicts({ conflicts, decisions, onDecide }: { conflicts: ConflictView[]; decisions: Record<string, ConflictDecision>; onDecide: (ids: string[], d: ConflictDecision) => void }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const all = conflicts.map((c) => c.id);
  return (
    <div className="import-conflicts">
      <Space wrap className="import-actions">
        <Typography.Text strong>{t('ledgerImport.conflictsTitle', { count: conflicts.length })}</Typography.Text>
        <Button size="small" onClick={() => onDecide(all, 'keepLocal')}>
          {t('ledgerImport.keepAllLocal')}
        </Button>
        <Button size="small" onClick={() => onDecide(all, 'takeIncoming')}>
          {t('ledgerImport.takeAllIncoming')}
        </Button>
      </Space>
      <Table<ConflictView>
        size="small"
        rowKey="id"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={conflicts}
        aria-label={t('ledgerImport.conflictsTable')}
        columns={[
          { title: t('ledgerImport.columns.record'), key: 'label', render: (_: unknown, c: ConflictView) => <Space direction="vertical" size={0}><span>{c.label}</span><Typography.Text type="secondary">{`${t(`ledgerImport.kinds.${c.kind}`)} · ${t(`ledgerImport.reasons.${c.reason}`)}`}</Typography.Text></Space> },
          {
            title: t('ledgerImport.columns.differences'),
            key: 'fields',
            render: (_: unknown, c: ConflictView) => (
              <table className="conflict-fields">
                <thead>
                  <tr>
                    <th scope="col">{t('ledgerImport.columns.field')}</th>
                    <th scope="col">{t('ledgerImport.local', { by: c.local.updatedBy, rev: c.local.rev })}</th>
                    <th scope="col">{t('ledgerImport.incoming', { by: c.incoming.updatedBy, rev: c.incoming.rev })}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.fields.map((f) => (
                    <tr key={f.field}>
                      <th scope="row">{label(f.field)}</th>
                      <td>{show(f.from)}</td>
                      <td>{show(f.to)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ),
          },
          {
            title: t('ledgerImport.columns.decision'),
            key: 'decision',
            width: 200,
            render: (_: unknown, c: ConflictView) => (
              <Radio.Group aria-label={t('ledgerImport.decisionFor', { record: c.label })} value={decisions[c.id]} onChange={(e) => onDecide([c.id], e.target.value as ConflictDecision)}>
                <Space direction="vertical">
                  <Radio value="keepLocal">{t('ledgerImport.keepLocal')}</Radio>
                  <Radio value="takeIncoming">{t('ledgerImport.takeIncoming')}</Radio>
                </Space>
              </Radio.Group>
            ),
          },
        ]}
      />
    </div>
  );
}

function ReEnrolModal({ open, report, onClose, onDone }: { open: boolean; report: PackageReport; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const db = useDb();
  const settings = useSettings();
  const { message } = AntApp.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    setBusy(true);
    const r = await reEnrolKey(db, { orgUnitCode: report.orgUnit.code, publicKey: report.publicKey, fingerprint: report.fingerprint, deviceId: report.deviceId }, settings?.inspectorName ?? '', reason);
    setBusy(false);
    if (!r.ok) {
      void message.error(errorMessage(t, r.error));
      return;
    }
    void message.success(t('ledgerImport.reEnrolled', { unit: report.orgUnit.name }));
    setReason('');
    onClose();
    onDone();
  };
  return (
    <Modal open={open} title={t('ledgerImport.reEnrolTitle', { unit: report.orgUnit.name })} onCancel={onClose} onOk={() => void submit()} okText={t('ledgerImport.reEnrolConfirm')} cancelText={t('common.cancel')} okButtonProps={{ disabled: reason.trim() === '', loading: busy }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>{t('ledgerImport.reEnrolHelp')}</Typography.Paragraph>
        <Typography.Text code className="fingerprint">
          {report.fingerprint}
        </Typography.Text>
        <Input.TextArea aria-label={t('ledgerImport.reEnrolReason')} placeholder={t('ledgerImport.reEnrolReason')} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={2000} />
      </Space>
    </Modal>
  );
}
