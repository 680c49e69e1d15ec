// One checklist item: what to check, against which rule, how, and the inspector's answer.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Input, InputNumber, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChecklistDocument, Verdict } from '../../core/checklist/schema';
import { VERDICTS } from '../../core/checklist/schema';
import type { FlatItem } from '../../core/checklist/items';
import { basisLabel } from '../../core/checklist/items';
import { NOTE_MAX } from '../../core/inspection/answer';
import type { AnswerRow, FindingRow } from '../../db/types';
import type { AnswerPatch } from '../../db/repos/inspections';
import { detachFromAnswer } from '../../db/repos/attachments';
import { useDb } from '../../db/queries';
import { errorMessage } from '../../i18n';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { useAttachToAnswer } from '../evidence/use-attach';
import { ItemFinding } from './ItemFinding';
import { ItemHistory } from './ItemHistory';
import { PreviousHint, type PreviousItem } from './PreviousHint';

type Props = {
  inspectionId: string;
  entry: FlatItem;
  index: number;
  total: number;
  documents: ChecklistDocument[];
  answer: AnswerRow | undefined;
  /** The finding this item produced, if it failed (also when voided since). */
  finding: FindingRow | undefined;
  /** Last time's verdict, note and finding of this item; absent for the first inspection of a series. */
  previous?: PreviousItem;
  readOnly: boolean;
  onVerdict: (v: Verdict | null) => void;
  onText: (patch: AnswerPatch) => void;
  onPrev: () => void;
  onNext: () => void;
};

export function ItemPanel({ inspectionId, entry, index, total, documents, answer, finding, previous, readOnly, onVerdict, onText, onPrev, onNext }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const db = useDb();
  const { item, section } = entry;
  const attach = useAttachToAnswer(inspectionId, item.code);
  const [note, setNote] = useState(answer?.note ?? '');
  const [sampleSize, setSampleSize] = useState<number | null>(answer?.sampleSize ?? null);
  const [exceptions, setExceptions] = useState<number | null>(answer?.exceptions ?? null);
  const english = i18n.language === 'en-US';
  const sampleInvalid = sampleSize !== null && exceptions !== null && exceptions > sampleSize;

  return (
    <article className="item-panel" aria-labelledby={`item-${item.code}`}>
      <div className="item-panel-head">
        <Space>
          <Tag color="geekblue">{item.code}</Tag>
          <span className="hint">{english && section.titleEn ? section.titleEn : section.title}</span>
          {item.sample && <Tag>{t('run.sample')}</Tag>}
          <Tag color={item.severity === '重大' ? 'red' : item.severity === '较重' ? 'orange' : 'default'}>{t(`severity.${item.severity}`)}</Tag>
        </Space>
        <span className="hint">{t('run.itemOf', { index: index + 1, total })}</span>
      </div>
      <Typography.Title level={4} id={`item-${item.code}`} className="item-requirement">
        {english && item.requirementEn ? item.requirementEn : item.requirement}
      </Typography.Title>
      {item.requirementEn && !english && <Typography.Paragraph type="secondary">{item.requirementEn}</Typography.Paragraph>}

      <Descriptions column={1} size="small" className="item-facts">
        <Descriptions.Item label={t('run.basis')}>
          <ul className="basis-list">
            {item.basis.length === 0 && <li>{t('common.none')}</li>}
            {item.basis.map((b, i) => {
              const label = basisLabel(b, documents);
              return (
                <li key={i}>
                  {label.text}
                  {label.unverified && (
                    <Tooltip title={t('run.unverifiedHint')}>
                      <Tag color="warning" className="unverified-tag">
                        {t('run.unverified')}
                      </Tag>
                    </Tooltip>
                  )}
                </li>
              );
            })}
          </ul>
        </Descriptions.Item>
        <Descriptions.Item label={t('run.method')}>{item.method}</Descriptions.Item>
        {item.evidence && <Descriptions.Item label={t('run.evidence')}>{item.evidence}</Descriptions.Item>}
      </Descriptions>

      <div className="verdict-row">
        <Typography.Text strong id={`verdict-label-${item.code}`}>
          {t('run.verdict')}
        </Typography.Text>
        <Radio.Group
          aria-labelledby={`verdict-label-${item.code}`}
          optionType="button"
          buttonStyle="solid"
          disabled={readOnly}
          value={answer?.verdict ?? null}
          onChange={(e) => onVerdict(e.target.value as Verdict)}
          options={VERDICTS.map((v, i) => ({ value: v, label: `${i + 1} ${t(`verdicts.${v}`)}` }))}
        />
        {answer?.verdict && !readOnly && (
          <Button size="small" type="link" onClick={() => onVerdict(null)}>
            {t('run.clearVerdict')}
          </Button>
        )}
      </div>

      {previous && <PreviousHint {...previous} />}
      {finding && <ItemFinding finding={finding} />}

      {item.sample && (
        <div className="sample-row">
          <Typography.Paragraph type="secondary">{t('run.sampleHint')}</Typography.Paragraph>
          <Space wrap>
            <label className="inline-field">
              <span>{t('run.sampleSize')}</span>
              <InputNumber
                aria-label={t('run.sampleSize')}
                min={0}
                max={1_000_000}
                precision={0}
                disabled={readOnly}
                value={sampleSize}
                onChange={(v) => {
                  setSampleSize(v);
                  if (!(v !== null && exceptions !== null && exceptions > v)) onText({ sampleSize: v, exceptions });
                }}
              />
            </label>
            <label className="inline-field">
              <span>{t('run.exceptions')}</span>
              <InputNumber
                aria-label={t('run.exceptions')}
                min={0}
                max={1_000_000}
                precision={0}
                disabled={readOnly}
                status={sampleInvalid ? 'error' : undefined}
                value={exceptions}
                onChange={(v) => {
                  setExceptions(v);
                  if (!(v !== null && sampleSize !== null && v > sampleSize)) onText({ sampleSize, exceptions: v });
                }}
              />
            </label>
          </Space>
          {sampleInvalid && <Alert type="error" showIcon title={t('errors.answer.exceptionsExceedSample')} className="form-alert" />}
        </div>
      )}

      <label className="note-field">
        <Typography.Text strong>{t('run.note')}</Typography.Text>
        <Input.TextArea
          aria-label={t('run.note')}
          placeholder={t('run.notePlaceholder')}
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={NOTE_MAX}
          showCount
          disabled={readOnly}
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            onText({ note: e.target.value });
          }}
        />
      </label>

      <EvidencePanel
        label={t('evidence.ofAnswer')}
        ids={answer?.attachments ?? []}
        readOnly={readOnly}
        onAdd={attach}
        onRemove={async (id) => {
          const r = await detachFromAnswer(db, inspectionId, item.code, id);
          if (!r.ok) void message.error(errorMessage(t, r.error));
        }}
      />

      <ItemHistory inspectionId={inspectionId} itemCode={item.code} />

      <div className="item-panel-nav">
        <Button onClick={onPrev} disabled={index === 0}>
          ↑ {t('run.prev')}
        </Button>
        <Button type="primary" ghost onClick={onNext} disabled={index === total - 1}>
          {t('run.next')} ↓
        </Button>
      </div>
    </article>
  );
}
