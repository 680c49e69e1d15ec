// A table windowed in both directions, for the item × unit matrix: 60 rows but 1,000 and more columns,
// so only the rows and the columns in view (plus a few) are in the DOM. Cells have a fixed size and
// nothing is measured while scrolling except the box itself. The header row and the first column stay
// in place (CSS sticky). The render functions keep their identity while scrolling, so the memoised cells
// that stay in view are not rendered again: a scroll costs the cells that come into view. It is an ARIA table with aria-rowcount/colcount and row and column indexes, so
// a screen reader knows where it is although most cells are not rendered.
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

const OVERSCAN_ROWS = 4;
const OVERSCAN_COLUMNS = 6;

type Props = {
  label: string;
  rowCount: number;
  columnCount: number;
  rowHeaderWidth: number;
  headHeight: number;
  cellWidth: number;
  cellHeight: number;
  corner: ReactNode;
  rowHeader: (row: number) => ReactNode;
  columnHeader: (column: number) => ReactNode;
  cell: (row: number, column: number) => ReactNode;
};

type View = { top: number; left: number; width: number; height: number };

export function MatrixGrid(props: Props) {
  const { rowCount, columnCount, rowHeaderWidth, headHeight, cellWidth, cellHeight } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const frame = useRef(0);
  const [view, setView] = useState<View>({ top: 0, left: 0, width: 1200, height: 600 });

  const read = useCallback(() => {
    const el = scroller.current;
    if (el) setView({ top: el.scrollTop, left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight });
  }, []);
  const onScroll = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      read();
    });
  }, [read]);
  useLayoutEffect(() => {
    read();
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(read);
    observer.observe(el);
    return () => observer.disconnect();
  }, [read]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const firstRow = Math.max(0, Math.floor(view.top / cellHeight) - OVERSCAN_ROWS);
  const lastRow = Math.min(rowCount, Math.ceil((view.top + view.height) / cellHeight) + OVERSCAN_ROWS);
  const firstColumn = Math.max(0, Math.floor(view.left / cellWidth) - OVERSCAN_COLUMNS);
  const lastColumn = Math.min(columnCount, Math.ceil((view.left + view.width) / cellWidth) + OVERSCAN_COLUMNS);
  const columns: number[] = [];
  for (let c = firstColumn; c < lastColumn; c++) columns.push(c);
  const rows: number[] = [];
  for (let r = firstRow; r < lastRow; r++) rows.push(r);
  const width = rowHeaderWidth + columnCount * cellWidth;
  const left = (c: number) => rowHeaderWidth + c * cellWidth;

  return (
    <div className="matrix" role="table" aria-label={props.label} aria-rowcount={rowCount + 1} aria-colcount={columnCount + 1}>
      <div className="matrix-scroll" ref={scroller} onScroll={onScroll}>
        <div className="matrix-inner" style={{ width, height: headHeight + rowCount * cellHeight }}>
          <div role="row" aria-rowindex={1} className="matrix-head" style={{ width, height: headHeight }}>
            <div role="columnheader" aria-colindex={1} className="matrix-corner" style={{ width: rowHeaderWidth, height: headHeight }}>
              {props.corner}
            </div>
            {columns.map((c) => (
              <ColumnHeader key={c} render={props.columnHeader} column={c} left={left(c)} width={cellWidth} height={headHeight} />
            ))}
          </div>
          {rows.map((r) => (
            <div key={r} role="row" aria-rowindex={r + 2} className="matrix-row" style={{ top: headHeight + r * cellHeight, width, height: cellHeight }}>
              <RowHeader render={props.rowHeader} row={r} width={rowHeaderWidth} height={cellHeight} />
              {columns.map((c) => (
                <Cell key={c} render={props.cell} row={r} column={c} left={left(c)} width={cellWidth} height={cellHeight} />
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

type Box = { left?: number; width: number; height: number };

const Cell = memo(function Cell({ render, row, column, ...box }: Box & { render: Props['cell']; row: number; column: number }) {
  return (
    <div role="cell" aria-colindex={column + 2} className="matrix-cell" style={box}>
      {render(row, column)}
    </div>
  );
});

const ColumnHeader = memo(function ColumnHeader({ render, column, ...box }: Box & { render: Props['columnHeader']; column: number }) {
  return (
    <div role="columnheader" aria-colindex={column + 2} className="matrix-colhead" style={box}>
      {render(column)}
    </div>
  );
});

const RowHeader = memo(function RowHeader({ render, row, ...box }: Box & { render: Props['rowHeader']; row: number }) {
  return (
    <div role="rowheader" aria-colindex={1} className="matrix-rowhead" style={box}>
      {render(row)}
    </div>
  );
});
