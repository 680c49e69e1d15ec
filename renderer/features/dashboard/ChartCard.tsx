// One chart of the dashboard: ECharts draws it (on a canvas, so it can be saved as PNG), resized with
// its container; a screen reader gets the spoken summary as the drawing's name and every number in a
// visually hidden table; 保存为图片 saves the drawing through the host.
// The summary and the table are there at once; the drawing waits: ECharts is loaded on its own (the
// figures never wait for it), one chart per frame (draw-queue.ts), those in or near the view first and
// then the others, so scrolling finds them drawn. data-drawn says whether the drawing shows the current numbers.
import { useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import { App as AntApp, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHost } from '../../app/contexts';
import { fromBase64 } from '../../core/crypto/encoding';
import { errorMessage } from '../../i18n';
import type { ChartOption, ChartSpec } from './chart-options';
import type { createChart, ECharts } from './echarts-setup';
import { scheduleDraw } from './draw-queue';

type ChartLib = { createChart: typeof createChart };
let chartLib: ChartLib | null = null;
let chartLibLoading: Promise<ChartLib> | null = null;

/** Starts loading the charting library (about 1 MB); the dashboard calls it as it opens. */
export function loadChartLib(): Promise<ChartLib> {
  chartLibLoading ??= import('./echarts-setup').then((lib) => (chartLib = lib));
  return chartLibLoading;
}

/** Charts this far below (or above) the view are drawn with those in view, before the others. */
const NEAR_VIEW = '200px 0px';

const PNG_PREFIX = 'data:image/png;base64,';

const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

export function ChartCard({ spec, fileName, background }: { spec: ChartSpec; fileName: string; background: string }) {
  const { t } = useTranslation();
  const host = useHost();
  const { message } = AntApp.useApp();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const titleId = useId();
  // Without IntersectionObserver (jsdom) every chart counts as in view.
  const [inView, setInView] = useState(() => typeof IntersectionObserver === 'undefined');
  const [drawn, setDrawn] = useState<ChartOption | null>(null);

  useEffect(() => {
    const node = box.current;
    if (!node || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => setInView(entries.some((e) => e.isIntersecting)), { rootMargin: NEAR_VIEW });
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  // The instance, made on the first drawing, is resized with its container and disposed with the card.
  const resize = useRef<{ observer: ResizeObserver; frame: number } | null>(null);
  useEffect(
    () => () => {
      if (resize.current) {
        cancelAnimationFrame(resize.current.frame);
        resize.current.observer.disconnect();
      }
      chart.current?.dispose();
      chart.current = null;
    },
    [],
  );

  /** Draws `option` now (the library must be loaded); false when the card is gone. */
  const draw = (lib: ChartLib, option: ChartOption): boolean => {
    const node = box.current;
    if (!node) return false;
    if (!chart.current) {
      const instance = lib.createChart(node);
      chart.current = instance;
      // Resizing inside the observer's callback would make it report a loop: wait for the next frame.
      const state = { frame: 0, observer: new ResizeObserver(() => {
        cancelAnimationFrame(state.frame);
        state.frame = requestAnimationFrame(() => instance.resize());
      }) };
      state.observer.observe(node);
      resize.current = state;
    }
    chart.current.setOption(option, { notMerge: true });
    setDrawn(option);
    return true;
  };

  const option = spec.option;
  useEffect(() => {
    if (drawn === option) return;
    let cancelled = false;
    // Coming into view moves the drawing ahead of those out of view (the effect runs again).
    const cancel = scheduleDraw(() => {
      if (chartLib) draw(chartLib, option);
      else void loadChartLib().then((lib) => !cancelled && draw(lib, option));
    }, inView);
    return () => {
      cancelled = true;
      cancel();
    };
  }, [inView, option, drawn]);

  const save = async (): Promise<void> => {
    // A chart not drawn yet (out of view, or still waiting its turn) is drawn now.
    if (drawn !== spec.option && !draw(await loadChartLib(), spec.option)) return;
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background }) ?? '';
    const bytes = url.startsWith(PNG_PREFIX) ? fromBase64(url.slice(PNG_PREFIX.length)) : null;
    if (!bytes) {
      void message.error(t('dashboard.pngUnavailable'));
      return;
    }
    const saved = await host.saveFile(fileName, bytes, [{ name: t('dashboard.pngFileType'), extensions: ['png'] }]);
    if (!saved.ok) void message.error(errorMessage(t, saved.error));
    else if (saved.value.saved) void message.success(t('dashboard.savedPng', { file: saved.value.path ?? fileName }));
  };

  return (
    <Card
      size="small"
      role="region"
      aria-labelledby={titleId}
      title={<span id={titleId}>{spec.title}</span>}
      extra={
        <Button size="small" aria-label={t('dashboard.savePngNamed', { title: spec.title })} onClick={() => void save()}>
          {t('dashboard.savePng')}
        </Button>
      }
      data-testid={`chart-${spec.id}`}
    >
      <div ref={box} role="img" aria-label={spec.summary} data-drawn={drawn === spec.option} style={{ width: '100%', height: spec.height }} />
      <table style={visuallyHidden}>
        <caption>{t('dashboard.dataTable', { title: spec.title })}</caption>
        <thead>
          <tr>
            {spec.table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
