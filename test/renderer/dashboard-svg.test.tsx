// The dashboard's SVG drawings (svg-charts.tsx) from plain drawings: one bar per item with its value,
// one slice per kind (a single kind a whole ring), a month's bars and rate point, names cut short with
// the whole name as the tooltip, and round axis ticks.
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { theme as antdTheme } from 'antd';
import { theme as appTheme } from '../../renderer/app/theme';
import { chartColors, type ChartDrawing } from '../../renderer/features/dashboard/chart-options';
import { ChartSvg, fitText, niceTicks, textWidth } from '../../renderer/features/dashboard/svg-charts';

const colors = chartColors(antdTheme.getDesignToken(appTheme));
const draw = (drawing: ChartDrawing, width = 600, height = 260) => render(<ChartSvg drawing={drawing} width={width} height={height} colors={colors} />).container;

describe('dashboard SVG charts', () => {
  it('draws a bar per item, as long as its value, with the value beside it and a long name cut short', () => {
    const long = '销售专区录音录像与适当性管理不到位的问题类别名称';
    const svg = draw({ kind: 'bars', items: [{ name: long, value: 8, color: '#123456' }, { name: '投诉', value: 2, color: '#abcdef' }, { name: '公示', value: 0, color: '#abcdef' }] });
    const bars = [...svg.querySelectorAll('rect.chart-bar')];
    expect(bars.map((b) => b.getAttribute('fill'))).toEqual(['#123456', '#abcdef', '#abcdef']);
    const widths = bars.map((b) => Number(b.getAttribute('width')));
    expect(widths[0]).toBeCloseTo((widths[1] ?? 0) * 4, 0);
    expect(widths[2]).toBe(0);
    expect(bars.map((b) => b.querySelector('title')?.textContent)).toEqual([`${long}: 8`, '投诉: 2', '公示: 0']);
    const texts = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['8', '2', '0', '投诉', '公示']));
    const cut = [...svg.querySelectorAll('text')].find((t) => t.querySelector('title')?.textContent === long);
    expect(cut?.textContent).toMatch(/^销售专区.*…$/);
    expect(textWidth(cut?.lastChild?.textContent ?? '')).toBeLessThanOrEqual(160);
  });

  it('draws a slice per kind with a legend, and a single kind as a whole ring', () => {
    const svg = draw({ kind: 'ring', items: [{ name: '一般', value: 3, color: '#111111' }, { name: '重大', value: 1, color: '#222222' }] });
    expect([...svg.querySelectorAll('path.chart-slice')].map((p) => p.querySelector('title')?.textContent)).toEqual(['一般: 3 (75%)', '重大: 1 (25%)']);
    // The larger slice takes the large arc.
    expect(svg.querySelector('path.chart-slice')?.getAttribute('d')).toMatch(/^M [\d.]+ [\d.]+ A [\d.]+ [\d.]+ 0 1 1 /);
    const whole = draw({ kind: 'ring', items: [{ name: '待整改', value: 5, color: '#333333' }] });
    const d = whole.querySelector('path.chart-slice')?.getAttribute('d') ?? '';
    expect(d.match(/M /g)).toHaveLength(2);
    expect(d).not.toContain('NaN');
  });

  it('draws each month’s bars and rate point on axes of five steps', () => {
    const svg = draw(
      {
        kind: 'trend',
        months: ['2026年5月', '2026年6月', '2026年7月'],
        countAxis: '问题数',
        bars: [
          { name: '累计发现问题', color: '#1', values: [2, 3, 7] },
          { name: '累计完成整改', color: '#2', values: [0, 1, 4] },
        ],
        line: { name: '整改完成率', color: '#3', values: [0, 33.3, 57.1] },
      },
      800,
      300,
    );
    expect(svg.querySelectorAll('rect.chart-bar')).toHaveLength(6);
    expect(svg.querySelectorAll('circle.chart-point')).toHaveLength(3);
    const texts = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['0%', '100%', '10', '2026年5月', '累计发现问题', '整改完成率']));
    expect(svg.innerHTML).not.toContain('NaN');
  });

  it('works out round ticks and cuts text to a width', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(2345)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    expect(niceTicks(7, 5, true)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(fitText('公示', 160)).toBe('公示');
    expect(fitText('一二三四五六七八九十', 60)).toBe('一二三四…');
  });
});
