// AppError codes as words on the command line, from the app's own catalogues (renderer/i18n), so the CLI
// and the app refuse a package with the same sentence. A tiny stand-in for i18next's interpolation:
// `{{name}}` takes params[name] (or the error's detail for `detail`); an unknown code prints as itself.
import { enUS } from '../../renderer/i18n/en-US';
import { zhCN } from '../../renderer/i18n/zh-CN';
import type { AppError } from '../../renderer/core/result';
import type { ChecklistLang } from '../../renderer/core/checklist/messages';

const CATALOGUES: Record<ChecklistLang, Readonly<Record<string, string>>> = { 'zh-CN': zhCN.errors, 'en-US': enUS.errors };

export function errorText(error: AppError, lang: ChecklistLang): string {
  const catalogue = CATALOGUES[lang];
  const template = Object.hasOwn(catalogue, error.code) ? catalogue[error.code] : undefined;
  if (typeof template !== 'string') return error.detail ? `${error.code} (${error.detail})` : error.code;
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => {
    const param = error.params && Object.hasOwn(error.params, name) ? error.params[name] : undefined;
    if (param !== undefined) return String(param);
    return name === 'detail' ? (error.detail ?? '') : '';
  });
}
