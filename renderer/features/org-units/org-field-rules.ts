// Form rules mirroring core/org validation, so the user sees a problem at the field before saving.
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { ORG_CODE_PATTERN } from '../../core/org/model';

export function orgFieldRules(t: TFunction) {
  return {
    code: [
      { required: true, whitespace: true, message: t('common.required') },
      { pattern: ORG_CODE_PATTERN, message: t('org.codeFormat') },
    ] satisfies Rule[],
    name: [{ required: true, whitespace: true, max: 100, message: t('common.required') }] satisfies Rule[],
    parentCode: [{ pattern: ORG_CODE_PATTERN, message: t('org.codeFormat') }] satisfies Rule[],
  };
}
