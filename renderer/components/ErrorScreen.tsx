// Full-page message for failures that leave nothing useful to show (database cannot open) and for
// notices that need the user to act (blocked upgrade, reload after an upgrade elsewhere).
import { Button, Collapse, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../core/result';
import { errorMessage } from '../i18n';

export function ErrorScreen({ kind, error, onReload }: { kind: 'fatal' | 'notice'; error: AppError; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="error-screen">
      <Result
        status={kind === 'fatal' ? 'error' : 'warning'}
        title={kind === 'fatal' ? t('errors.title') : t('app.title')}
        subTitle={<span role="alert">{errorMessage(t, error)}</span>}
        extra={
          <Button type="primary" onClick={onReload}>
            {t('common.reload')}
          </Button>
        }
      >
        {error.detail && (
          <Collapse
            size="small"
            items={[{ key: 'd', label: t('common.details'), children: <Typography.Text code copyable>{`${error.code}: ${error.detail}`}</Typography.Text> }]}
          />
        )}
      </Result>
    </main>
  );
}
