// Sections with their progress, and the items of each (filtered), as a keyboard-friendly list.
import { Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Checklist } from '../../core/checklist/schema';
import type { InspectionProgress } from '../../core/inspection/progress';
import type { AnswerRow } from '../../db/types';
import { verdictColor } from './verdict-style';

type Props = {
  checklist: Checklist;
  progress: InspectionProgress;
  answers: Map<string, AnswerRow>;
  visible: string[];
  current: string | null;
  onSelect: (code: string) => void;
};

export function ItemNav({ checklist, progress, answers, visible, current, onSelect }: Props) {
  const { t } = useTranslation();
  const shown = new Set(visible);
  return (
    <nav className="runner-nav" aria-label={t('run.sections')}>
      {checklist.sections.map((section, si) => {
        const items = section.items.filter((i) => shown.has(i.code) || i.code === current);
        const p = progress.sections[si];
        if (items.length === 0) return null;
        return (
          <div key={section.code} className="runner-section">
            <div className="runner-section-head">
              <span className="runner-section-title">{section.title}</span>
              {p && <Progress percent={p.percent} size="small" showInfo={false} aria-label={`${section.title} ${p.answered}/${p.total}`} />}
              {p && (
                <span className="hint">
                  {p.answered}/{p.total}
                </span>
              )}
            </div>
            <ul className="runner-items">
              {items.map((item) => {
                const verdict = answers.get(item.code)?.verdict ?? null;
                return (
                  <li key={item.code}>
                    <button
                      type="button"
                      className={`runner-item-link${item.code === current ? ' is-current' : ''}`}
                      aria-current={item.code === current ? 'true' : undefined}
                      onClick={() => onSelect(item.code)}
                    >
                      <span className="runner-item-code">{item.code}</span>
                      <span className="runner-item-text">{item.requirement}</span>
                      <Tag color={verdictColor(verdict)} className="runner-item-tag">
                        {t(`verdicts.${verdict ?? 'none'}`)}
                      </Tag>
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
