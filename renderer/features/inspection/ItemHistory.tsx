// The history of one answer, folded away under the item: every verdict, note and evidence change with
// who made it and when (a burst of typing in the note shows as one change).
import { useTranslation } from 'react-i18next';
import { useHistory } from '../../db/queries';
import { answerEntityId } from '../../db/repos/inspections';
import { HistoryTimeline } from '../history/HistoryTimeline';
import { useFieldLabel } from '../findings/field-label';

export function ItemHistory({ inspectionId, itemCode }: { inspectionId: string; itemCode: string }) {
  const { t } = useTranslation();
  const entries = useHistory('answer', answerEntityId(inspectionId, itemCode));
  const fieldLabel = useFieldLabel();
  if (!entries || entries.length === 0) return null;
  return (
    <details className="item-history">
      <summary>{t('history.itemTitle', { count: entries.length })}</summary>
      <HistoryTimeline entries={entries} fieldLabel={fieldLabel} />
    </details>
  );
}
