// Tells the user which bundled checklist files could not be loaded and why, field by field.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatChecklistProblem } from '../../core/checklist/messages';
import { errorMessage, type Language } from '../../i18n';
import type { ChecklistLoadReport } from './load-bundled';

export function ChecklistLoadAlert({ report }: { report: ChecklistLoadReport }) {
  const { t, i18n } = useTranslation();
  const lang: Language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  if (report.hostError) return <Alert className="page-alert" type="error" showIcon title={errorMessage(t, report.hostError)} />;
  if (report.broken.length === 0 && report.conflicts.length === 0) return null;
  return (
    <>
      {report.broken.length > 0 && (
        <Alert
          className="page-alert"
          type="warning"
          showIcon
          closable
          title={t('checklists.loadProblems', { count: report.broken.length })}
          description={
            <ul className="problem-list">
              {report.broken.map((b) => (
                <li key={b.fileName}>
                  <strong>{t('checklists.fileProblem', { file: b.fileName })}</strong>
                  <ul>
                    {'error' in b ? (
                      <li>{errorMessage(t, b.error)}</li>
                    ) : (
                      b.problems.slice(0, 20).map((p, i) => <li key={i}>{formatChecklistProblem(p, lang)}</li>)
                    )}
                  </ul>
                </li>
              ))}
            </ul>
          }
        />
      )}
      {report.conflicts.map((file) => (
        <Alert key={file} className="page-alert" type="warning" showIcon closable title={t('checklists.versionConflict', { file })} />
      ))}
    </>
  );
}
