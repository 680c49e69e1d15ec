// The dashboard's charts as data: for each chart its title, a sentence a screen reader reads out, the
// numbers as a table, and a plain description of the drawing (bars, ring slices, a monthly trend) with
// its colours, which svg-charts.tsx draws. Pure (no DOM, no React), so the words, numbers and colours
// are tested without drawing anything.
import type { GlobalToken } from 'antd';
import type { Dashboard, Tally } from '../../core/finding/dashboard';
import type { FindingStatus, Severity } from '../../core/finding/model';
import { formatRate, type SummaryLang } from '../../core/ledger/summary';

export const CHART_IDS = ['category', 'severity', 'status', 'unit', 'rate', 'overdue', 'repeat'] as const;
export type ChartId = (typeof CHART_IDS)[number];

export type ChartTable = { columns: string[]; rows: (string | number)[][] };

export type ChartItem = { name: string; value: number; color: string };

/** What is drawn: the numbers and their colours; sizes and axes are worked out when drawing. */
export type ChartDrawing =
  /** Horizontal bars, in the order given (largest first), each labelled with its value. */
  | { kind: 'bars'; items: ChartItem[] }
  /** A ring of slices with a legend; kinds with nothing are left out. */
  | { kind: 'ring'; items: ChartItem[] }
  /** Per month: bars against a count axis, and a line of percentages against a 0–100 % axis. */
  | { kind: 'trend'; months: string[]; countAxis: string; bars: { name: string; color: string; values: number[] }[]; line: { name: string; color: string; values: number[] } };

export type ChartSpec = {
  id: ChartId;
  title: string;
  /** What the chart shows, in one sentence: the accessible name of the drawing. */
  summary: string;
  table: ChartTable;
  /** The data table's caption and the name of the chart's 保存为图片 button. */
  tableCaption: string;
  saveName: string;
  drawing: ChartDrawing;
  /** Pixels: bar charts grow with their number of bars. */
  height: number;
};

export type ChartColors = {
  palette: string[];
  text: string;
  secondaryText: string;
  axisLine: string;
  splitLine: string;
  font: string;
  /** The card's background: the ring's slice gaps, the line's points and a saved PNG's background. */
  background: string;
  primary: string;
  success: string;
  warning: string;
  danger: string;
  severity: Record<Severity, string>;
  status: Record<FindingStatus, string>;
};

/** The antd theme's colours, so charts match the tags and buttons around them (finding-tags.tsx tones). */
export function chartColors(token: GlobalToken): ChartColors {
  return {
    palette: [token.colorPrimary, token.green, token.gold, token.purple, token.cyan, token.orange, token.magenta, token.geekblue, token.lime, token.volcano],
    text: token.colorText,
    secondaryText: token.colorTextSecondary,
    axisLine: token.colorBorder,
    splitLine: token.colorBorderSecondary,
    font: token.fontFamily,
    background: token.colorBgContainer,
    primary: token.colorPrimary,
    success: token.colorSuccess,
    warning: token.colorWarning,
    danger: token.colorError,
    severity: { 一般: token.colorPrimary, 较重: token.orange, 重大: token.red },
    status: { open: token.colorTextTertiary, in_progress: token.blue, rectified: token.gold, verified: token.green, long_term: token.purple },
  };
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

export type ChartContext = { t: Translate; lang: SummaryLang; unitName: (code: string) => string; colors: ChartColors };

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const monthValues = (month: string): Record<string, string | number> => {
  const m = Number(month.slice(5, 7));
  return { year: month.slice(0, 4), month: m, monthName: MONTH_NAMES[m - 1] ?? '' };
};

/** 2026-06 → 2026年6月 / Jun 2026. */
export function monthLabel(month: string, t: Translate): string {
  return t('dashboard.month', monthValues(month));
}

/**
 * A translation asked once and filled here for each bar or month: i18next's interpolation, once per
 * spoken item and per month, was most of the time spent building the charts. These strings use plain
 * {{placeholders}} (no formats, no nesting, escaping off), which is all i18next would do with them.
 */
function filler(t: Translate, key: string): (values: Record<string, string | number>) => string {
  const raw = t(key, { skipInterpolation: true });
  return (values) => raw.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/** How many items the spoken summary names before pointing to the data table. */
export const SPOKEN_ITEMS = 10;

type Bar = { name: string; count: number; color?: string };

function spokenTally(title: string, bars: readonly Bar[], ctx: ChartContext): string {
  const { t } = ctx;
  const total = bars.reduce((n, b) => n + b.count, 0);
  const named = bars.filter((b) => b.count > 0);
  if (named.length === 0) return t('dashboard.aria.none', { title });
  const item = filler(t, 'dashboard.aria.item');
  const items = named.slice(0, SPOKEN_ITEMS).map((b) => item({ name: b.name, count: b.count }));
  if (named.length > SPOKEN_ITEMS) items.push(t('dashboard.aria.more', { count: named.length - SPOKEN_ITEMS }));
  return t('dashboard.aria.tally', { title, total, items: items.join(ctx.lang === 'zh-CN' ? '，' : ', ') });
}

/** The words of a chart's card that name it: its data table's caption and its save button's name. */
const naming = (title: string, t: Translate): Pick<ChartSpec, 'tableCaption' | 'saveName'> => ({
  tableCaption: t('dashboard.dataTable', { title }),
  saveName: t('dashboard.savePngNamed', { title }),
});

/** Horizontal bars, largest on top; each bar's name is on the axis, so the chart needs no legend. */
function barChart(id: ChartId, title: string, column: string, bars: readonly Bar[], ctx: ChartContext, countColumn?: string): ChartSpec {
  const { colors: c, t } = ctx;
  return {
    id,
    title,
    summary: spokenTally(title, bars, ctx),
    ...naming(title, t),
    table: { columns: [column, countColumn ?? t('dashboard.columns.findings')], rows: bars.map((b) => [b.name, b.count]) },
    height: Math.max(200, 28 * bars.length + 60),
    drawing: { kind: 'bars', items: bars.map((b) => ({ name: b.name, value: b.count, color: b.color ?? c.primary })) },
  };
}

/** A ring: for a handful of fixed kinds (severities, statuses) whose colours mean something. */
function ringChart(id: ChartId, title: string, column: string, bars: readonly Bar[], ctx: ChartContext): ChartSpec {
  const { colors: c, t } = ctx;
  return {
    id,
    title,
    summary: spokenTally(title, bars, ctx),
    ...naming(title, t),
    table: { columns: [column, t('dashboard.columns.findings')], rows: bars.map((b) => [b.name, b.count]) },
    height: 260,
    // Empty kinds stay in the table but get no slice.
    drawing: { kind: 'ring', items: bars.filter((b) => b.count > 0).map((b, i) => ({ name: b.name, value: b.count, color: b.color ?? c.palette[i % c.palette.length] ?? c.primary })) },
  };
}

function rateChart(d: Dashboard, ctx: ChartContext): ChartSpec {
  const { colors: c, t } = ctx;
  const title = t('dashboard.charts.rate');
  const label = filler(t, 'dashboard.month');
  const months = d.byMonth.map((m) => label(monthValues(m.month)));
  const last = d.byMonth.at(-1);
  return {
    id: 'rate',
    title,
    summary:
      last === undefined || last.found === 0
        ? t('dashboard.aria.none', { title })
        : t('dashboard.aria.rate', { title, from: months[0], to: months.at(-1), found: last.found, completed: last.completed, rate: formatRate(last.rate) }),
    ...naming(title, t),
    table: {
      columns: [t('dashboard.columns.month'), t('dashboard.columns.found'), t('dashboard.columns.completed'), t('dashboard.columns.rate')],
      rows: d.byMonth.map((m, i) => [months[i] ?? m.month, m.found, m.completed, `${formatRate(m.rate)}%`]),
    },
    height: 300,
    drawing: {
      kind: 'trend',
      months,
      countAxis: t('dashboard.columns.findings'),
      bars: [
        { name: t('dashboard.columns.found'), color: c.primary, values: d.byMonth.map((m) => m.found) },
        { name: t('dashboard.columns.completed'), color: c.success, values: d.byMonth.map((m) => m.completed) },
      ],
      line: { name: t('dashboard.columns.rate'), color: c.warning, values: d.byMonth.map((m) => Number(formatRate(m.rate))) },
    },
  };
}

/** Every chart of the dashboard, in the order shown. */
export function dashboardCharts(d: Dashboard, ctx: ChartContext): ChartSpec[] {
  const { t, colors, unitName } = ctx;
  const units = (list: readonly Tally[]): Bar[] => list.map((x) => ({ name: unitName(x.key), count: x.count }));
  const byUnit: Bar[] = units(d.byUnit.top);
  if (d.byUnit.rest) byUnit.push({ name: t('dashboard.otherUnits', { count: d.byUnit.rest.units }), count: d.byUnit.rest.count, color: colors.secondaryText });
  return [
    barChart('category', t('dashboard.charts.category'), t('dashboard.columns.category'), d.byCategory.map((x) => ({ name: x.key === '' ? t('dashboard.noCategory') : x.key, count: x.count })), ctx),
    ringChart('severity', t('dashboard.charts.severity'), t('dashboard.columns.severity'), d.bySeverity.map((x) => ({ name: t(`severity.${x.key}`), count: x.count, color: colors.severity[x.key] })), ctx),
    ringChart('status', t('dashboard.charts.status'), t('dashboard.columns.status'), d.byStatus.map((x) => ({ name: t(`status.${x.key}`), count: x.count, color: colors.status[x.key] })), ctx),
    barChart('unit', t('dashboard.charts.unit'), t('dashboard.columns.unit'), byUnit, ctx),
    rateChart(d, ctx),
    barChart('overdue', t('dashboard.charts.overdue'), t('dashboard.columns.branch'), units(d.overdueByBranch).map((b) => ({ ...b, color: colors.danger })), ctx, t('dashboard.columns.overdue')),
    barChart('repeat', t('dashboard.charts.repeat'), t('dashboard.columns.branch'), units(d.repeatByBranch).map((b) => ({ ...b, color: colors.warning })), ctx, t('dashboard.columns.repeat')),
  ];
}

/** Plain data (strings, numbers, booleans, null, arrays, objects) equal by content. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The same chart with the same words, numbers and drawing: a card showing `a` need not render for `b`. */
export const sameChart = (a: ChartSpec, b: ChartSpec): boolean => sameData(a, b);
