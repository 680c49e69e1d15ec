// What happened to this item last time (the previous inspection of the series): its verdict and date,
// the inspector's note, and the finding it produced with that finding's state today. A hint only: the
// new verdict starts empty.
import { useState } from 'react';
import { Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AnswerRow, FindingRow } from '../../db/types';
import { navigate } from '../../app/router';
import { excerpt } from '../../core/inspection/cycle';
import { statusTag } from '../findings/finding-tags';
import { verdictColor } from './verdict-style';

/** Long enough for a typical on-site remark, short enough to stay on one or two lines. */
const NOTE_CHARS = 60;

export type PreviousItem = { date: string; answer: AnswerRow | undefined; finding: FindingRow | undefined };

export function PreviousHint({ date, answer, finding }: PreviousItem) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const verdict = answer?.verdict ?? null;
  const note = answer?.note.trim() ?? '';
  // Nothing to say about an item that was not looked at last time (or is new in this version).
  if (verdict === null && note === '' && !finding) return null;
  const short = excerpt(note, NOTE_CHARS);
  return (
    <section className="previous-hint" data-testid="previous-hint" aria-label={t('cycle.hintRegion')}>
      <div className="previous-hint-line">
        {verdict === null ? (
          <span>{t('cycle.lastUnanswered', { date })}</span>
        ) : (
          <span>
            {t('cycle.lastVerdictLabel')}
            <Tag color={verdictColor(verdict)} className="previous-hint-verdict">
              {t(`verdicts.${verdict}`)}
            </Tag>
            {t('cycle.lastDate', { date })}
          </span>
        )}
        {finding && (
          <Button
            type="link"
            size="small"
            className="inline-link"
            aria-label={t('cycle.openLastFinding', { ledgerNo: finding.ledgerNo })}
            onClick={() => navigate({ name: 'findings', id: finding.id })}
          >
            {t('cycle.lastFinding', { ledgerNo: finding.ledgerNo })}
            {statusTag(t, finding)}
          </Button>
        )}
      </div>
      {note !== '' && (
        <div className="previous-hint-note">
          <span className="hint">{t('cycle.lastNote')}</span>
          <span title={short.clipped && !expanded ? note : undefined}>{expanded ? note : short.text}</span>
          {short.clipped && (
            <Button type="link" size="small" className="inline-link" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
              {expanded ? t('cycle.collapse') : t('cycle.expand')}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
