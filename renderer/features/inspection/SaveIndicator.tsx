import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { errorMessage } from '../../i18n';
import type { SaveState } from './use-answer-saver';

/** The visible saved state: an inspector must always know whether the last change is on disk. */
export function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  const text =
    state.kind === 'saving'
      ? t('run.saving')
      : state.kind === 'saved'
        ? t('run.saved', { time: dayjs(state.at).format('HH:mm:ss') })
        : state.kind === 'error'
          ? t('run.saveFailed', { reason: errorMessage(t, state.error) })
          : '';
  return (
    <Typography.Text role="status" aria-live="polite" data-testid="save-state" data-state={state.kind} type={state.kind === 'error' ? 'danger' : 'secondary'}>
      {text}
    </Typography.Text>
  );
}
