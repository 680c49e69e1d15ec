// One chart of the dashboard: drawn as SVG by React (svg-charts.tsx) a frame after its numbers, at the
// width of its card (read once the card is laid out, then followed with a ResizeObserver); a
// screen reader gets the spoken summary as the drawing's name and every number in a visually hidden
// table; 保存为图片 draws the SVG on a canvas and saves the PNG through the host. data-drawn says the
// drawing is there (it waits only for the card's width).
import { useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import { App as AntApp, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHost } from '../../app/contexts';
import { errorMessage } from '../../i18n';
import type { ChartColors, ChartSpec } from './chart-options';
import { ChartSvg } from './svg-charts';
import { svgToPng } from './svg-png';

/** The width a card that is not laid out (a DOM without layout) is drawn at. */
const FALLBACK_WIDTH = 600;

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

export function ChartCard({ spec, fileName, colors }: { spec: ChartSpec; fileName: string; colors: ChartColors }) {
  const { t } = useTranslation();
  const host = useHost();
  const { message } = AntApp.useApp();
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [width, setWidth] = useState<number | null>(null);

  // Read after the first paint, when the page is laid out anyway: the figures and the statement show
  // first, the drawings in the next frame (drawing them in the first one made the figures wait for a
  // second layout of the whole page).
  useEffect(() => {
    const node = box.current;
    if (!node) return;
    setWidth(Math.floor(node.clientWidth) || FALLBACK_WIDTH);
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  const save = async (): Promise<void> => {
    const svg = box.current?.querySelector('svg');
    const bytes = svg ? await svgToPng(svg, colors.background) : null;
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
      <div ref={box} role="img" aria-label={spec.summary} data-drawn={width !== null} style={{ width: '100%', height: spec.height }}>
        {width !== null && <ChartSvg drawing={spec.drawing} width={width} height={spec.height} colors={colors} />}
      </div>
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
