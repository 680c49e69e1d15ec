// The register's summary line. While the store is still reading the findings, the filtered rows are
// those read so far: the line then says how far the reading got instead of counts a user could take
// for the answer, and the counts appear once every finding is read.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type RegisterSummaryProps = {
  loading: boolean;
  /** Findings read so far, and how many the database held when reading began (0: not known yet). */
  loaded: number;
  expected: number;
  shown: number;
  live: number;
  overdue: number;
  dueSoon: number;
  children?: ReactNode;
};

export function RegisterSummary({ loading, loaded, expected, shown, live, overdue, dueSoon, children }: RegisterSummaryProps) {
  const { t } = useTranslation();
  return (
    <div className="register-summary" role="status" aria-live="polite" data-testid="register-summary">
      {loading ? (
        <span className="hint">{expected > 0 ? t('findings.summaryLoading', { loaded, total: Math.max(expected, loaded) }) : t('findings.loading', { count: loaded })}</span>
      ) : (
        <>
          <span>{t('findings.summary', { shown, total: live })}</span>
          <span className={overdue > 0 ? 'summary-overdue' : undefined}>{t('findings.summaryOverdue', { count: overdue })}</span>
          <span>{t('findings.summaryDueSoon', { count: dueSoon })}</span>
        </>
      )}
      {children}
    </div>
  );
}
