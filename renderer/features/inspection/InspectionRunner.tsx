// Running an inspection: sections and items on the left, the current item on the right. Verdicts save at
// once, notes shortly after typing; keyboard 1–4 sets the verdict, J/K or arrows move.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Empty, Progress, Result, Segmented, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useAnswers, useChecklist, useChecklists, useDb, useInspection, useInspectionFindings, useOrgUnits, usePosition, usePreviousRound } from '../../db/queries';
import { completeInspection, rememberPosition, reopenInspection } from '../../db/repos/inspections';
import { navigate } from '../../app/router';
import { computeProgress, filterItems, nextItem, prevItem, unansweredItems, type ItemFilter } from '../../core/inspection/progress';
import { allItems } from '../../core/checklist/items';
import { compareVersions } from '../../core/checklist/versions';
import type { Verdict } from '../../core/checklist/schema';
import { VERDICTS } from '../../core/checklist/schema';
import { errorMessage } from '../../i18n';
import { answersByCode } from './answers-by-code';
import { useAnswerSaver } from './use-answer-saver';
import { ItemPanel } from './ItemPanel';
import { ItemNav } from './ItemNav';
import { SaveIndicator } from './SaveIndicator';

export function InspectionRunner({ inspectionId, itemCode }: { inspectionId: string; itemCode: string | null }) {
  const { t } = useTranslation();
  const db = useDb();
  const { modal, message } = AntApp.useApp();
  const inspection = useInspection(inspectionId);
  const stored = useChecklist(inspection?.checklistId, inspection?.checklistVersion);
  const allLists = useChecklists();
  const answerRows = useAnswers(inspectionId);
  const position = usePosition(inspectionId);
  const units = useOrgUnits();
  const findings = useInspectionFindings(inspectionId);
  const previous = usePreviousRound(inspectionId);
  const [filter, setFilter] = useState<ItemFilter>('all');
  const saver = useAnswerSaver(db, inspectionId);

  const checklist = stored?.checklist;
  const answers = useMemo(() => answersByCode(answerRows ?? []), [answerRows]);
  const items = useMemo(() => (checklist ? allItems(checklist) : []), [checklist]);
  const codes = useMemo(() => items.map((i) => i.item.code), [items]);
  const progress = useMemo(() => (checklist ? computeProgress(checklist, answers) : null), [checklist, answers]);
  const visible = useMemo(
    () => (checklist ? filterItems(checklist, answers, filter, previous?.answers).map((i) => i.item.code) : []),
    [checklist, answers, filter, previous],
  );

  const requested = itemCode ?? position?.itemCode ?? null;
  const current = requested && codes.includes(requested) ? requested : (codes[0] ?? null);
  const readOnly = inspection?.status === 'completed';

  const goTo = useCallback(
    (code: string | null) => {
      if (!code) return;
      void saver.flush();
      navigate({ name: 'inspection', id: inspectionId, itemCode: code }, { replace: true });
      void rememberPosition(db, inspectionId, code);
    },
    [db, inspectionId, saver],
  );

  // The list to step through is the filtered one, but the current item stays reachable even if the
  // filter no longer includes it (e.g. it was just answered while "unanswered" is shown).
  const stepList = current && !visible.includes(current) ? codes.filter((c) => visible.includes(c) || c === current) : visible;

  const setVerdict = useCallback(
    (verdict: Verdict | null) => {
      if (!current || readOnly) return;
      void saver.saveNow(current, { verdict });
    },
    [current, readOnly, saver],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      const tag = target?.tagName;
      const typing = tag === 'TEXTAREA' || (tag === 'INPUT' && (target as HTMLInputElement).type !== 'radio') || target?.isContentEditable;
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"])')) return;
      if (typing) {
        // Escape leaves the text field so the verdict and navigation keys work again.
        if (e.key === 'Escape') target?.blur();
        return;
      }
      const k = e.key.toLowerCase();
      if (k === 'j' || k === 'arrowdown') {
        e.preventDefault();
        goTo(nextItem(stepList, current));
      } else if (k === 'k' || k === 'arrowup') {
        e.preventDefault();
        goTo(prevItem(stepList, current));
      } else if (['1', '2', '3', '4'].includes(k) && !readOnly) {
        e.preventDefault();
        setVerdict(VERDICTS[Number(k) - 1] ?? null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [goTo, stepList, current, readOnly, setVerdict]);

  if (inspection === null) return <Result status="404" title={t('run.notFound')} extra={<Button onClick={() => navigate({ name: 'inspections' })}>{t('common.back')}</Button>} />;
  if (inspection === undefined || stored === undefined || answerRows === undefined || !units) return null;
  if (!checklist || !progress)
    return <Alert type="error" showIcon title={t('run.checklistMissing', { id: inspection.checklistId, version: inspection.checklistVersion })} />;

  const newer = (allLists ?? [])
    .filter((c) => c.id === inspection.checklistId && compareVersions(c.version, inspection.checklistVersion) > 0)
    .map((c) => c.version)
    .sort((a, b) => compareVersions(b, a))[0];
  const unit = units.find((u) => u.code === inspection.orgUnitCode);
  const currentEntry = items.find((i) => i.item.code === current);

  const complete = async () => {
    await saver.flush();
    const missing = unansweredItems(checklist, answers).map((i) => i.item.code);
    const o = progress.overall;
    modal.confirm({
      title: t('run.completeConfirmTitle'),
      content:
        missing.length > 0
          ? t('run.completeUnanswered', { count: missing.length, codes: missing.slice(0, 10).join('、') + (missing.length > 10 ? '…' : '') })
          : t('run.completeAllAnswered', { total: o.total, failed: o.partial + o.noncompliant }),
      okText: t('run.complete'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: missing.length > 0 },
      onOk: async () => {
        const r = await completeInspection(db, inspectionId);
        if (!r.ok) void message.error(errorMessage(t, r.error));
      },
    });
  };

  return (
    <div className="runner">
      <div className="runner-head">
        <div>
          <Button type="link" onClick={() => navigate({ name: 'inspections' })} className="runner-back">
            ← {t('common.back')}
          </Button>
          <Typography.Title level={3} className="runner-title">
            {checklist.title} <Tag>{checklist.version}</Tag>
          </Typography.Title>
          <Space wrap className="hint">
            <span>{unit ? `${unit.name}（${unit.code}）` : inspection.orgUnitCode}</span>
            <span>{t(`kinds.${inspection.kind}`)}</span>
            <span>{inspection.date}</span>
            <span>{inspection.inspectors.join('、')}</span>
            {previous && (
              <Button type="link" size="small" className="inline-link" onClick={() => navigate({ name: 'inspection', id: previous.inspection.id, itemCode: current })}>
                {t('cycle.basedOn', { date: previous.inspection.date, kind: t(`kinds.${previous.inspection.kind}`) })}
              </Button>
            )}
          </Space>
        </div>
        <Space>
          <SaveIndicator state={saver.state} />
          <Button onClick={() => void saver.flush().then(() => navigate({ name: 'report', id: inspectionId }))}>{t('report.open')}</Button>
          {readOnly ? (
            <Button onClick={() => void reopenInspection(db, inspectionId)}>{t('run.reopen')}</Button>
          ) : (
            <Button type="primary" onClick={() => void complete()}>
              {t('run.complete')}
            </Button>
          )}
        </Space>
      </div>
      {newer && <Alert className="page-alert" type="info" showIcon title={t('run.newerVersion', { version: newer })} />}
      {readOnly && inspection.finishedAt && (
        <Alert className="page-alert" type="success" showIcon title={t('run.completedBanner', { time: dayjs(inspection.finishedAt).format('YYYY-MM-DD HH:mm') })} />
      )}
      <div className="runner-progress">
        <span>{t('run.overall')}</span>
        <Progress
          percent={progress.overall.percent}
          aria-label={t('run.overall')}
          format={() => t('run.answeredOf', { answered: progress.overall.answered, total: progress.overall.total })}
          className="runner-progress-bar"
        />
        <Segmented<ItemFilter>
          aria-label={t('run.filter')}
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('run.filterAll') },
            { value: 'unanswered', label: t('run.filterUnanswered') },
            { value: 'failed', label: t('run.filterFailed') },
            ...(previous ? [{ value: 'failedLast' as const, label: t('run.filterFailedLast') }] : []),
          ]}
        />
      </div>
      <div className="runner-body">
        <ItemNav checklist={checklist} progress={progress} answers={answers} visible={visible} current={current} onSelect={goTo} />
        <section className="runner-item" aria-label={t('run.items')}>
          {currentEntry ? (
            <ItemPanel
              key={currentEntry.item.code}
              inspectionId={inspectionId}
              entry={currentEntry}
              index={codes.indexOf(currentEntry.item.code)}
              total={codes.length}
              documents={checklist.documents}
              answer={answers.get(currentEntry.item.code)}
              finding={findings?.get(currentEntry.item.code)}
              previous={
                previous
                  ? { date: previous.inspection.date, answer: previous.answers.get(currentEntry.item.code), finding: previous.findings.get(currentEntry.item.code) }
                  : undefined
              }
              readOnly={readOnly}
              onVerdict={setVerdict}
              onText={(patch) => saver.saveSoon(currentEntry.item.code, patch)}
              onPrev={() => goTo(prevItem(stepList, current))}
              onNext={() => goTo(nextItem(stepList, current))}
            />
          ) : (
            <Empty description={t('run.noItems')} />
          )}
          <div className="hint keyboard-hint">{t('run.keyboardHint')}</div>
        </section>
      </div>
    </div>
  );
}
