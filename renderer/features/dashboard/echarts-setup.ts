// The parts of ECharts the dashboard uses (tree-shaken: bar, line and pie charts, their grid, legend and
// tooltip, and both renderers), and which renderer draws: a canvas wherever there is one, since only a
// canvas can be saved as PNG; SVG in a DOM without a 2D canvas (jsdom), so the charts still render.
import { init, setPlatformAPI, use as registerChartParts, type ECharts } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

registerChartParts([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer, SVGRenderer]);

let canvas2d: boolean | undefined;

function hasCanvas(): boolean {
  if (canvas2d === undefined) {
    try {
      canvas2d = document.createElement('canvas').getContext('2d') !== null;
    } catch {
      canvas2d = false;
    }
    // Without a canvas zrender would ask for one again for every text it measures: estimate widths instead.
    if (!canvas2d) setPlatformAPI({ measureText: (text, font) => ({ width: text.length * (Number(/(\d+)px/.exec(font ?? '')?.[1]) || 12) }) });
  }
  return canvas2d;
}

/** A container that is not laid out (a DOM without layout) is drawn at this size. */
const FALLBACK_SIZE = { width: 600, height: 300 };

export function createChart(node: HTMLElement): ECharts {
  return init(node, null, { renderer: hasCanvas() ? 'canvas' : 'svg', ...(node.clientWidth === 0 ? FALLBACK_SIZE : {}) });
}

export type { ECharts };
