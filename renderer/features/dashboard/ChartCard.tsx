// One chart of the dashboard: drawn as SVG by React (svg-charts.tsx) a frame after its numbers, at the
// width of its card (read in the next frame, then followed with a ResizeObserver); a
// screen reader gets the spoken summary as the drawing's name and every number in a visually hidden
// table; 保存为图片 hands the drawn SVG to the page, which saves it as a PNG. data-drawn says the
// drawing is there (it waits only for the card's width).
// A card renders again only when its chart's content changes (a filter change usually changes some
// charts and not others; typing renders the page before the filter is applied), and learning the width
// renders only the drawing, not the card and its table.
import { memo, useEffect, useId, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { Button, Card } from 'antd';
import { sameChart, type ChartColors, type ChartDrawing, type ChartSpec, type ChartTable } from './chart-options';
import { ChartSvg } from './svg-charts';

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

type Props = {
  spec: ChartSpec;
  colors: ChartColors;
  /** 保存为图片's label, the same on every card. */
  saveLabel: string;
  /** Saves the chart's drawing (null when it is not drawn yet). */
  onSave: (spec: ChartSpec, svg: SVGSVGElement | null) => void;
};

function ChartCardView({ spec, colors, saveLabel, onSave }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  return (
    <Card
      size="small"
      role="region"
      aria-labelledby={titleId}
      title={<span id={titleId}>{spec.title}</span>}
      extra={
        <Button size="small" aria-label={spec.saveName} onClick={() => onSave(spec, box.current?.querySelector('svg') ?? null)}>
          {saveLabel}
        </Button>
      }
      data-testid={`chart-${spec.id}`}
    >
      <Drawing box={box} drawing={spec.drawing} height={spec.height} summary={spec.summary} colors={colors} />
      <DataTable table={spec.table} caption={spec.tableCaption} />
    </Card>
  );
}

/** Renders again only when something it shows changed: the spec's content, not its identity. */
export const ChartCard = memo(ChartCardView, (a, b) => a.colors === b.colors && a.saveLabel === b.saveLabel && a.onSave === b.onSave && sameChart(a.spec, b.spec));

function Drawing({ box, drawing, height, summary, colors }: { box: RefObject<HTMLDivElement | null>; drawing: ChartDrawing; height: number; summary: string; colors: ChartColors }) {
  const [width, setWidth] = useState<number | null>(null);
  // The width is read at the start of the next frame, when the browser lays the page out for that frame
  // anyway: the figures and the statement are painted first, the drawings a frame later. Reading
  // clientWidth in the effect itself forced a layout of the whole page inside the commit (about 40 ms
  // on opening 统计看板), which the frame then did again. The observer follows later changes.
  useEffect(() => {
    const node = box.current;
    if (!node) return;
    const frame = requestAnimationFrame(() => setWidth(Math.floor(node.clientWidth) || FALLBACK_WIDTH));
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(node);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [box]);
  return (
    <div ref={box} role="img" aria-label={summary} data-drawn={width !== null} style={{ width: '100%', height }}>
      {width !== null && <ChartSvg drawing={drawing} width={width} height={height} colors={colors} />}
    </div>
  );
}

function DataTable({ table, caption }: { table: ChartTable; caption: string }) {
  return (
    <table style={visuallyHidden}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, i) => (
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
  );
}
