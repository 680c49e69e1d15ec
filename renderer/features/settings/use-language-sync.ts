// Keeps i18next, antd and dayjs on the language stored in the database.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyDayjs, type Language } from '../../i18n';

export function useLanguageSync(language: Language | undefined): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!language || i18n.language === language) return;
    void i18n.changeLanguage(language);
    applyDayjs(language);
    document.documentElement.lang = language;
  }, [i18n, language]);
}
