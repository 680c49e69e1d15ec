// The dashboard's chart builders, pure: titles, spoken summaries, data tables and what is drawn
// (values, colours from the app's antd theme) for a hand-counted fixture, in both languages.
import { beforeAll, describe, expect, it } from 'vitest';
import { theme as antdTheme } from 'antd';
import type { i18n } from 'i18next';
import { initI18n } from '../../renderer/i18n';
import { theme as appTheme } from '../../renderer/app/theme';
import { dashboardOf } from '../../renderer/core/finding/dashboard';
import type { Finding } from '../../renderer/core/finding/model';
import { CHART_IDS, chartColors, dashboardCharts, monthLabel, sameChart, SPOKEN_ITEMS, type ChartContext, type ChartSpec } from '../../renderer/features/dashboard/chart-options';
import { aFinding } from '../core/finding/fixtures';

const token = antdTheme.getDesignToken(appTheme);
const colors = chartColors(token);
const NAMES = new Map([['B1', '东区分行'], ['O1', '东区一网点'], ['O2', '东区二网点']]);
const UNITS = [
  { code: 'B1', level: 'branch' as const, parentCode: null },
  { code: 'O1', level: 'outlet' as const, parentCode: 'B1' },
  { code: 'O2', level: 'outlet' as const, parentCode: 'B1' },
];
const TODAY = '2026-06-15';

let n = 0;
const f = (over: Partial<Finding>): Finding => aFinding({ id: `f${++n}`, ledgerNo: `L-${n}`, ...over });

// O1: 公示 一般 open overdue (found 2026-05), 公示 重大 verified (found 05, done 06); O2: 投诉 一般 open, repeat (found 06).
const FINDINGS = [
  f({ orgUnitCode: 'O1', category: '公示', severity: '一般', status: 'open', inspectionDate: '2026-05-10', dueDate: '2026-06-01' }),
  f({ orgUnitCode: 'O1', category: '公示', severity: '重大', status: 'verified', inspectionDate: '2026-05-10', completedAt: '2026-06-02' }),
  f({ orgUnitCode: 'O2', category: '投诉', severity: '一般', status: 'open', inspectionDate: '2026-06-03', dueDate: '2026-07-01', repeatOf: 'old' }),
];

let zh: i18n;
let en: i18n;
beforeAll(async () => {
  zh = await initI18n('zh-CN');
  en = await initI18n('en-US');
});

const context = (lang: 'zh-CN' | 'en-US'): ChartContext => ({ t: (lang === 'zh-CN' ? zh : en).t, lang, unitName: (code) => NAMES.get(code) ?? code, colors });
const byId = (specs: ChartSpec[]) => new Map(specs.map((s) => [s.id, s]));

describe('dashboard charts', () => {
  it('one spec per chart, in order, each with a title, a spoken summary and a table', () => {
    const specs = dashboardCharts(dashboardOf(FINDINGS, UNITS, TODAY), context('zh-CN'));
    expect(specs.map((s) => s.id)).toEqual([...CHART_IDS]);
    const c = byId(specs);
    expect(c.get('category')!.summary).toBe('问题类别分布，共 3 个问题：公示 2 个，投诉 1 个。');
    expect(c.get('severity')!.summary).toBe('风险等级分布，共 3 个问题：一般 2 个，重大 1 个。');
    expect(c.get('status')!.summary).toBe('整改状态分布，共 3 个问题：待整改 2 个，已验收 1 个。');
    expect(c.get('unit')!.summary).toBe('各机构问题数，共 3 个问题：东区一网点 2 个，东区二网点 1 个。');
    expect(c.get('rate')!.summary).toBe('整改完成率走势，2026年5月至2026年6月：截至2026年6月累计发现问题 3 个，已完成整改 1 个，整改完成率 33.3%。');
    expect(c.get('overdue')!.summary).toBe('各分行逾期问题，共 1 个问题：东区分行 1 个。');
    expect(c.get('repeat')!.summary).toBe('各分行屡查屡犯问题，共 1 个问题：东区分行 1 个。');
    expect(c.get('severity')!.table).toEqual({ columns: ['风险等级', '问题数'], rows: [['一般', 2], ['较重', 0], ['重大', 1]] });
    expect(c.get('rate')!.table).toEqual({
      columns: ['月份', '累计发现问题', '累计完成整改', '整改完成率'],
      rows: [['2026年5月', 2, 0, '0%'], ['2026年6月', 3, 1, '33.3%']],
    });
  });

  it('draws the same numbers it speaks, in the theme’s colours', () => {
    const c = byId(dashboardCharts(dashboardOf(FINDINGS, UNITS, TODAY), context('zh-CN')));
    expect(c.get('category')!.drawing).toEqual({
      kind: 'bars',
      items: [
        { name: '公示', value: 2, color: token.colorPrimary },
        { name: '投诉', value: 1, color: token.colorPrimary },
      ],
    });
    // 较重 has none: a row in the table, no slice.
    expect(c.get('severity')!.drawing).toEqual({
      kind: 'ring',
      items: [
        { name: '一般', value: 2, color: token.colorPrimary },
        { name: '重大', value: 1, color: token.red },
      ],
    });
    expect(c.get('rate')!.drawing).toEqual({
      kind: 'trend',
      months: ['2026年5月', '2026年6月'],
      countAxis: '问题数',
      bars: [
        { name: '累计发现问题', color: token.colorPrimary, values: [2, 3] },
        { name: '累计完成整改', color: token.colorSuccess, values: [0, 1] },
      ],
      line: { name: '整改完成率', color: token.colorWarning, values: [0, 33.3] },
    });
    expect(c.get('overdue')!.drawing).toEqual({ kind: 'bars', items: [{ name: '东区分行', value: 1, color: token.colorError }] });
    expect(colors).toMatchObject({ font: token.fontFamily, background: token.colorBgContainer, text: token.colorText });
  });

  it('groups the units beyond the top ten, and names only the first few items aloud', () => {
    const many = Array.from({ length: 14 }, (_, i) => f({ orgUnitCode: `U${String(i).padStart(2, '0')}`, category: `类别${i}` }));
    const c = byId(dashboardCharts(dashboardOf(many, [], TODAY), context('zh-CN')));
    const unit = c.get('unit')!;
    expect(unit.table.rows).toHaveLength(11);
    expect(unit.table.rows.at(-1)).toEqual(['其他 4 家机构', 4]);
    expect(c.get('category')!.summary).toMatch(new RegExp(`^问题类别分布，共 14 个问题：(类别\\d+ 1 个，){${SPOKEN_ITEMS}}另有 4 项见数据表。$`));
    // Bar charts grow with their bars: 14 categories need more room than 11 unit bars.
    expect(c.get('category')!.height).toBeGreaterThan(unit.height);
  });

  it('speaks English when the interface does', () => {
    const c = byId(dashboardCharts(dashboardOf(FINDINGS, UNITS, TODAY), context('en-US')));
    expect(c.get('status')!.summary).toBe('Findings by status, 3 findings: Open 2, Verified 1.');
    expect(c.get('rate')!.summary).toBe('Rectification rate over time, May 2026 to Jun 2026: by Jun 2026, 3 findings found, 1 rectified, a rectification rate of 33.3%.');
    expect(c.get('repeat')!.table.columns).toEqual(['Branch', 'Repeated findings']);
    expect(monthLabel('2026-12', en.t)).toBe('Dec 2026');
    // The rate chart fills the month names itself: the same words as i18next's.
    const many = Array.from({ length: 12 }, (_, i) => f({ inspectionDate: `2025-${String(i + 1).padStart(2, '0')}-10` }));
    for (const [lang, i18n] of [['en-US', en], ['zh-CN', zh]] as const) {
      const rate = byId(dashboardCharts(dashboardOf(many, UNITS, TODAY), context(lang))).get('rate')!;
      expect(rate.table.rows.map((r) => r[0])).toEqual(dashboardOf(many, UNITS, TODAY).byMonth.map((m) => monthLabel(m.month, i18n.t)));
    }
    expect(monthLabel('2026-01', zh.t)).toBe('2026年1月');
  });

  it('with nothing to count, says so', () => {
    const c = byId(dashboardCharts(dashboardOf([], UNITS, TODAY), context('zh-CN')));
    expect(c.get('category')!.summary).toBe('问题类别分布：没有问题。');
    expect(c.get('rate')!.summary).toBe('整改完成率走势：没有问题。');
  });

  it('names each chart’s data table and save button after its title', () => {
    const c = byId(dashboardCharts(dashboardOf(FINDINGS, UNITS, TODAY), context('zh-CN')));
    expect(c.get('unit')!.tableCaption).toBe('各机构问题数（数据表）');
    expect(c.get('category')!.saveName).toBe('保存为图片：问题类别分布');
  });

  it('tells which charts a filter change left as they were (those cards need not render again)', () => {
    const before = dashboardCharts(dashboardOf(FINDINGS, UNITS, TODAY), context('zh-CN'));
    // Counted again from the same rows: new objects, the same charts.
    const again = dashboardCharts(dashboardOf([...FINDINGS], UNITS, TODAY), context('zh-CN'));
    expect(again.map((s, i) => s !== before[i] && sameChart(s, before[i]!))).toEqual(again.map(() => true));
    // Without the repeated finding (O2's 投诉, 一般, open, not overdue): only the overdue bars are as they were.
    const fewer = dashboardCharts(dashboardOf(FINDINGS.slice(0, 2), UNITS, TODAY), context('zh-CN'));
    expect(Object.fromEntries(fewer.map((s, i) => [s.id, sameChart(s, before[i]!)]))).toEqual({
      category: false,
      severity: false,
      status: false,
      unit: false,
      rate: false,
      overdue: true,
      repeat: false,
    });
    // Another language: every chart's words change.
    expect(dashboardCharts(dashboardOf(FINDINGS, UNITS, TODAY), context('en-US')).some((s, i) => sameChart(s, before[i]!))).toBe(false);
  });
});
