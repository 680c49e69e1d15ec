import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** The label of a record field in history and forms; unknown fields show their name. */
export function useFieldLabel(): (field: string) => string {
  const { t } = useTranslation();
  return useCallback((field: string) => t(`findings.fields.${field}`, { defaultValue: field }), [t]);
}
