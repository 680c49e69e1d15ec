// One chart of the dashboard: ECharts draws it (on a canvas, so it can be saved as PNG), resized with
// its container; a screen reader gets the spoken summary as the drawing's name and every number in a
// visually hidden table; 保存为图片 saves the drawing through the host.
import { useEffect, useId, useRef, type CSSProperties } from 'react';
import { App as AntApp, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHost } from '../../app/contexts';
import { fromBase64 } from '../../core/crypto/encoding';
import { errorMessage } from '../../i18n';
import type { ChartSpec } from './chart-options';
import { createChart, type ECharts } from './echarts-setup';

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

  useEffect(() => {
    const node = box.current;
    if (!node) return;
    const instance = createChart(node);
    chart.current = instance;
    // Resizing inside the observer's callback would make it report a loop: wait for the next frame.
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => instance.resize());
    });
    observer.observe(node);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(spec.option, { notMerge: true });
  }, [spec.option]);

  const save = async (): Promise<void> => {
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
      <div ref={box} role="img" aria-label={spec.summary} style={{ width: '100%', height: spec.height }} />
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
