// Draws a chart-options.ts drawing as SVG at a given pixel size: horizontal bars with their values, a
// ring with its legend, a monthly trend (grouped bars and a percentage line on a second axis). Every
// colour comes from the drawing or the theme's ChartColors; every bar, slice and point carries its
// numbers in a <title> (the browser's tooltip), and a name cut short keeps the whole name there.
// Nothing is measured: text widths are estimated, so a chart costs one render and no layout reads.
import type { ReactNode } from 'react';
import type { ChartColors, ChartDrawing, ChartItem } from './chart-options';

const FONT_SIZE = 12;
const LABEL_MAX = 160;

/** An estimate of how wide `text` is drawn: CJK and full-width characters take the font size, the rest a little over half. */
export function textWidth(text: string, size = FONT_SIZE): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? size : size * 0.6;
  return w;
}

/** `text` cut to fit `max` pixels, with an ellipsis when cut. */
export function fitText(text: string, max: number, size = FONT_SIZE): string {
  if (textWidth(text, size) <= max) return text;
  const room = max - textWidth('…', size);
  let w = 0;
  let out = '';
  for (const ch of text) {
    const cw = textWidth(ch, size);
    if (w + cw > room) break;
    w += cw;
    out += ch;
  }
  return `${out}…`;
}

/** Round tick values from 0 to at least `max`, whole numbers, about `count` steps (all of them when `exact`). */
export function niceTicks(max: number, count = 5, exact = false): number[] {
  const raw = Math.max(max, 1) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const step = Math.max(1, (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude);
  const steps = exact ? count : Math.max(1, Math.ceil(max / step));
  return Array.from({ length: steps + 1 }, (_, i) => i * step);
}

type Props = { drawing: ChartDrawing; width: number; height: number; colors: ChartColors };

/** The <svg> of one chart, `width` × `height` pixels. */
export function ChartSvg({ drawing, width, height, colors }: Props) {
  let body: ReactNode;
  if (drawing.kind === 'bars') body = <Bars items={drawing.items} width={width} height={height} colors={colors} />;
  else if (drawing.kind === 'ring') body = <Ring items={drawing.items} width={width} height={height} colors={colors} />;
  else body = <Trend drawing={drawing} width={width} height={height} colors={colors} />;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      fontFamily={colors.font}
      fontSize={FONT_SIZE}
      aria-hidden="true"
      style={{ display: 'block' }}
    >
      {body}
    </svg>
  );
}

/** A name on an axis or legend, cut to `max` pixels; the whole name is its tooltip when cut. */
function Label({ text, max, ...at }: { text: string; max: number; x: number; y: number; fill: string; textAnchor?: 'start' | 'middle' | 'end' }) {
  const shown = fitText(text, max);
  return (
    <text x={at.x} y={at.y} fill={at.fill} textAnchor={at.textAnchor} dominantBaseline="central">
      {shown !== text && <title>{text}</title>}
      {shown}
    </text>
  );
}

const px = (n: number): number => Math.round(n * 10) / 10;

function Bars({ items, width, height, colors: c }: { items: ChartItem[]; width: number; height: number; colors: ChartColors }) {
  const max = Math.max(0, ...items.map((b) => b.value));
  const ticks = niceTicks(max);
  const top = ticks.at(-1) ?? 1;
  const labelWidth = Math.min(LABEL_MAX, Math.max(0, ...items.map((b) => textWidth(b.name))));
  const left = 8 + labelWidth + 8;
  const right = Math.max(40, textWidth(String(max)) + 16);
  const plotTop = 8;
  const plotBottom = height - 8 - 20;
  const plotWidth = Math.max(1, width - left - right);
  const band = (plotBottom - plotTop) / Math.max(1, items.length);
  const thickness = Math.min(22, band * 0.6);
  const x = (v: number): number => px(left + (v / top) * plotWidth);
  return (
    <>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={plotTop} y2={plotBottom} stroke={c.splitLine} />
          <text x={x(v)} y={plotBottom + 14} fill={c.secondaryText} textAnchor="middle" dominantBaseline="central">
            {v}
          </text>
        </g>
      ))}
      <line x1={left} x2={left} y1={plotTop} y2={plotBottom} stroke={c.axisLine} />
      {items.map((b, i) => {
        const mid = px(plotTop + band * (i + 0.5));
        const end = x(b.value);
        return (
          <g key={i}>
            <Label text={b.name} max={labelWidth} x={left - 8} y={mid} fill={c.text} textAnchor="end" />
            <rect className="chart-bar" x={left} y={px(mid - thickness / 2)} width={px(end - left)} height={px(thickness)} fill={b.color}>
              <title>{`${b.name}: ${b.value}`}</title>
            </rect>
            <text x={end + 6} y={mid} fill={c.secondaryText} dominantBaseline="central">
              {b.value}
            </text>
          </g>
        );
      })}
    </>
  );
}

/** The path of a ring slice from angle a0 to a1 (radians, clockwise from 12 o'clock). */
function slicePath(cx: number, cy: number, inner: number, outer: number, a0: number, a1: number): string {
  const at = (r: number, a: number): string => `${px(cx + r * Math.sin(a))} ${px(cy - r * Math.cos(a))}`;
  // A whole ring is two halves: an arc cannot start and end at the same point.
  if (a1 - a0 >= 2 * Math.PI - 1e-9) return `${slicePath(cx, cy, inner, outer, 0, Math.PI)} ${slicePath(cx, cy, inner, outer, Math.PI, 2 * Math.PI)}`;
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return `M ${at(outer, a0)} A ${outer} ${outer} 0 ${large} 1 ${at(outer, a1)} L ${at(inner, a1)} A ${inner} ${inner} 0 ${large} 0 ${at(inner, a0)} Z`;
}

function Ring({ items, width, height, colors: c }: { items: ChartItem[]; width: number; height: number; colors: ChartColors }) {
  const total = items.reduce((n, s) => n + s.value, 0);
  const legendWidth = Math.min(LABEL_MAX, Math.max(0, ...items.map((s) => textWidth(s.name)))) + 18;
  const half = Math.min(width, height) / 2;
  const outer = half * 0.72;
  const inner = half * 0.45;
  const cx = Math.max(width * 0.62, legendWidth + outer + 40);
  const cy = height / 2;
  const legendTop = cy - (items.length * 20) / 2 + 10;
  // Each slice's start and end angle, clockwise from 12 o'clock.
  const ends = items.reduce<number[]>((acc, s) => [...acc, (acc.at(-1) ?? 0) + (total === 0 ? 0 : (s.value / total) * 2 * Math.PI)], []);
  return (
    <>
      {items.map((s, i) => (
        <g key={`legend-${i}`}>
          <rect x={0} y={legendTop + i * 20 - 6} width={12} height={12} rx={2} fill={s.color} />
          <Label text={s.name} max={legendWidth - 18} x={18} y={legendTop + i * 20} fill={c.text} />
        </g>
      ))}
      {items.map((s, i) => {
        const a0 = ends[i - 1] ?? 0;
        const a1 = ends[i] ?? a0;
        const mid = (a0 + a1) / 2;
        const r = outer + 14;
        const lx = cx + r * Math.sin(mid);
        const share = total === 0 ? 0 : Math.round((s.value / total) * 1000) / 10;
        return (
          <g key={i}>
            <path className="chart-slice" d={slicePath(cx, cy, inner, outer, a0, a1)} fill={s.color} stroke={items.length > 1 ? c.background : 'none'} strokeWidth={1}>
              <title>{`${s.name}: ${s.value} (${share}%)`}</title>
            </path>
            <text x={px(lx)} y={px(cy - r * Math.cos(mid))} fill={c.text} textAnchor={Math.abs(lx - cx) < 4 ? 'middle' : lx > cx ? 'start' : 'end'} dominantBaseline="central">
              {s.value}
            </text>
          </g>
        );
      })}
    </>
  );
}

type TrendDrawing = Extract<ChartDrawing, { kind: 'trend' }>;

function Trend({ drawing: d, width, height, colors: c }: { drawing: TrendDrawing; width: number; height: number; colors: ChartColors }) {
  const n = d.months.length;
  // Five steps on both axes, so the count axis's lines are the percentage axis's 0, 20 … 100.
  const countTicks = niceTicks(Math.max(0, ...d.bars.flatMap((b) => b.values)), 5, true);
  const countTop = countTicks.at(-1) ?? 1;
  const left = 8 + Math.max(textWidth(String(countTop)), textWidth(d.countAxis) / 2) + 8;
  const right = 8 + textWidth('100%') + 8;
  const plotTop = 56;
  const plotBottom = height - 8 - 20;
  const plotWidth = Math.max(1, width - left - right);
  const band = plotWidth / Math.max(1, n);
  const thickness = Math.min(18, (band * 0.7) / Math.max(1, d.bars.length));
  const yCount = (v: number): number => px(plotBottom - (v / countTop) * (plotBottom - plotTop));
  const yRate = (v: number): number => px(plotBottom - (v / 100) * (plotBottom - plotTop));
  const centre = (i: number): number => left + band * (i + 0.5);
  const labelEvery = Math.max(1, Math.ceil((Math.max(0, ...d.months.map((m) => textWidth(m))) + 12) / band));
  const legend = [...d.bars.map((b) => ({ name: b.name, color: b.color, line: false })), { name: d.line.name, color: d.line.color, line: true }];
  const legendWidths = legend.map((l) => 24 + textWidth(l.name) + 16);
  const legendStarts = legendWidths.reduce<number[]>((acc, w) => [...acc, (acc.at(-1) ?? 0) + w], [0]).map((x) => x + (width - legendWidths.reduce((a, b) => a + b, 0)) / 2);
  const points = d.line.values.map((v, i) => `${px(centre(i))},${yRate(v)}`).join(' ');
  return (
    <>
      {legend.map((l, i) => {
        const x0 = legendStarts[i] ?? 0;
        return (
          <g key={`legend-${i}`}>
            {l.line ? <line x1={x0} x2={x0 + 18} y1={10} y2={10} stroke={l.color} strokeWidth={2} /> : <rect x={x0} y={4} width={18} height={12} rx={2} fill={l.color} />}
            <text x={x0 + 24} y={10} fill={c.text} dominantBaseline="central">
              {l.name}
            </text>
          </g>
        );
      })}
      <text x={left} y={plotTop - 14} fill={c.secondaryText} textAnchor="middle" dominantBaseline="central">
        {d.countAxis}
      </text>
      <text x={width - right} y={plotTop - 14} fill={c.secondaryText} textAnchor="middle" dominantBaseline="central">
        %
      </text>
      {countTicks.map((v, i) => (
        <g key={v}>
          <line x1={left} x2={width - right} y1={yCount(v)} y2={yCount(v)} stroke={c.splitLine} />
          <text x={left - 6} y={yCount(v)} fill={c.secondaryText} textAnchor="end" dominantBaseline="central">
            {v}
          </text>
          <text x={width - right + 6} y={yCount(v)} fill={c.secondaryText} dominantBaseline="central">
            {`${i * 20}%`}
          </text>
        </g>
      ))}
      <line x1={left} x2={width - right} y1={plotBottom} y2={plotBottom} stroke={c.axisLine} />
      {d.months.map((m, i) => (
        <g key={m}>
          <title>{[m, ...d.bars.map((b) => `${b.name}: ${b.values[i] ?? 0}`), `${d.line.name}: ${d.line.values[i] ?? 0}%`].join('\n')}</title>
          {d.bars.map((b, j) => {
            const v = b.values[i] ?? 0;
            return (
              <rect
                key={j}
                className="chart-bar"
                x={px(centre(i) + (j - d.bars.length / 2) * thickness)}
                y={yCount(v)}
                width={px(thickness)}
                height={px(plotBottom - yCount(v))}
                fill={b.color}
              />
            );
          })}
          {i % labelEvery === 0 && (
            <text x={px(centre(i))} y={plotBottom + 14} fill={c.secondaryText} textAnchor="middle" dominantBaseline="central">
              {m}
            </text>
          )}
        </g>
      ))}
      <polyline points={points} fill="none" stroke={d.line.color} strokeWidth={2} />
      {n <= 60 &&
        d.line.values.map((v, i) => <circle key={i} className="chart-point" cx={px(centre(i))} cy={yRate(v)} r={3} fill={c.background} stroke={d.line.color} strokeWidth={2} />)}
    </>
  );
}
