// i18next set-up: Chinese by default, English switchable; antd and dayjs locales follow the language.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import zhCNAntd from 'antd/locale/zh_CN';
import enUSAntd from 'antd/locale/en_US';
import type { Locale } from 'antd/es/locale';
import { zhCN } from './zh-CN';
import { enUS } from './en-US';
import type { AppError } from '../core/result';

export type Language = 'zh-CN' | 'en-US';

export async function initI18n(language: Language = 'zh-CN'): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    interpolation: { escapeValue: false },
    // Error codes contain dots ("db.quota"): keys are nested with ':' never, and '.' only between levels.
    keySeparator: '.',
    nsSeparator: false,
    returnNull: false,
  });
  applyDayjs(language);
  return instance;
}

export function applyDayjs(language: Language): void {
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
}

export const antdLocale = (language: Language): Locale => (language === 'zh-CN' ? zhCNAntd : enUSAntd);

/** Translates an AppError; unknown codes still say something useful. */
export function errorMessage(t: (key: string, options?: Record<string, unknown>) => string, error: AppError): string {
  const key = `errors.${error.code}`;
  const text = t(key, { ...error.params, detail: error.detail ?? '', defaultValue: '' });
  return text && text !== key ? text : t('errors.unknown', { code: error.code });
}
