// Every error code the code base can raise has a message in both languages, and both catalogues agree.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessage, initI18n } from '../../renderer/i18n';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { enUS } from '../../renderer/i18n/en-US';
import { ERROR_CODES } from '../../electron/ipc/error-codes';
import { ANSWER_PROBLEM_CODES } from '../../renderer/core/inspection/answer';

const root = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function raisedCodes(): string[] {
  const codes = new Set<string>();
  for (const file of [...sources(join(root, 'renderer')), ...sources(join(root, 'electron'))]) {
    for (const m of readFileSync(file, 'utf8').matchAll(/appError\(\s*'([\w.]+)'/g)) codes.add(m[1]!);
  }
  return [...codes].sort();
}

function entries(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[prefix + k, v]] : entries(v as object, `${prefix}${k}/`),
  );
}

describe('message catalogues', () => {
  it('have the same keys in Chinese and English, none empty', () => {
    expect(entries(enUS).map(([k]) => k)).toEqual(entries(zhCN).map(([k]) => k));
    for (const [key, text] of [...entries(zhCN), ...entries(enUS)]) expect(text.trim(), key).not.toBe('');
  });

  it.each(['zh-CN', 'en-US'] as const)('translate every error code raised in the code base (%s)', async (lang) => {
    const i18n = await initI18n(lang);
    const codes = [...raisedCodes(), ...Object.values(ERROR_CODES), ...ANSWER_PROBLEM_CODES.map((c) => `answer.${c}`)];
    expect(codes.length).toBeGreaterThan(40);
    const missing = codes.filter((code) => errorMessage(i18n.t.bind(i18n), { code }) === i18n.t('errors.unknown', { code }));
    expect(missing).toEqual([]);
  });

  it('fills parameters and falls back for unknown codes', async () => {
    const i18n = await initI18n('zh-CN');
    const t = i18n.t.bind(i18n);
    expect(errorMessage(t, { code: 'file.tooLarge', params: { name: 'a.xlsx', limitMb: 200 } })).toBe('文件 a.xlsx 超过 200 MB 的上限，未读取。');
    expect(errorMessage(t, { code: 'no.such' })).toBe('操作失败：no.such');
    await i18n.changeLanguage('en-US');
    expect(errorMessage(t, { code: 'org.notFound', params: { code: 'X1' } })).toBe('Unit X1 does not exist.');
  });
});
