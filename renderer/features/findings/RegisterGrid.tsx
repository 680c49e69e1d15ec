// A windowed table for the register: fixed row height, only the rows in view (plus a few) are in the
// DOM, nothing is measured while scrolling, so 100,000 rows scroll as smoothly as 100. It is an ARIA
// table (rows, column headers with aria-sort, aria-rowcount/rowindex), so screen readers know where
// they are even though most rows are not rendered.
import { memo, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Checkbox, Empty, Spin } from 'antd';
import { CaretDownOutlined, CaretUpOutlined } from '@ant-design/icons';
import type { SortKey, RegisterSort } from '../../core/finding/register';
import type { FindingRow } from '../../db/types';

export const ROW_HEIGHT = 40;
const HEAD_HEIGHT = 44;
const OVERSCAN = 8;
const SELECT_WIDTH = 44;

export type GridColumn = { key: string; title: string; width: number; sortKey?: SortKey; render: (r: FindingRow) => ReactNode };

type Props = {
  label: string;
  rows: readonly FindingRow[] | undefined;
  columns: readonly GridColumn[];
  height: number;
  sort: RegisterSort | null;
  onSort: (sort: RegisterSort | null) => void;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
  currentId: string | null;
  onOpen: (id: string) => void;
  selectAllLabel: string;
  selectRowLabel: (r: FindingRow) => string;
  empty: string;
};

/** asc → desc → none, as a spreadsheet user expects from clicking a header. */
function nextSort(current: RegisterSort | null, key: SortKey): RegisterSort | null {
  if (current?.key !== key) return { key, order: 'asc' };
  return current.order === 'asc' ? { key, order: 'desc' } : null;
}

export function RegisterGrid(props: Props) {
  const { rows, columns, height, sort, onSort, selected, onSelect } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const frame = useRef(0);
  const total = rows?.length ?? 0;
  const width = SELECT_WIDTH + columns.reduce((s, c) => s + c.width, 0);

  const onScroll = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      setTop(scroller.current?.scrollTop ?? 0);
    });
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  // A new filter usually shrinks the list: start again from the top rather than past its end. The
  // position is the one the last scroll event left (top), not scrollTop: reading that forced a layout of
  // the whole page inside the commit (about 50 ms at start-up), before the browser would lay it out anyway.
  useEffect(() => {
    if (scroller.current && top > total * ROW_HEIGHT) {
      scroller.current.scrollTop = 0;
      setTop(0);
    }
  }, [total, top]);

  const bodyHeight = Math.max(0, height - HEAD_HEIGHT);
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((top + bodyHeight) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows ? rows.slice(first, last) : [];
  const allSelected = rows !== undefined && total > 0 && selected.size >= total && rows.every((r) => selected.has(r.id));
  const someSelected = !allSelected && rows !== undefined && selected.size > 0 && rows.some((r) => selected.has(r.id));

  return (
    <div className="grid" role="table" aria-label={props.label} aria-rowcount={total + 1} aria-colcount={columns.length + 1}>
      <div className="grid-scroll" ref={scroller} onScroll={onScroll} style={{ height }}>
        <div role="rowgroup" className="grid-head" style={{ width }}>
          <div role="row" aria-rowindex={1} className="grid-row grid-head-row" style={{ height: HEAD_HEIGHT }}>
            <div role="columnheader" className="grid-cell grid-select" style={{ width: SELECT_WIDTH }}>
              <Checkbox
                aria-label={props.selectAllLabel}
                checked={allSelected}
                indeterminate={someSelected}
                disabled={total === 0}
                onChange={(e) => onSelect(rows?.map((r) => r.id) ?? [], e.target.checked)}
              />
            </div>
            {columns.map((c, i) => {
              const sortKey = c.sortKey;
              const order = sortKey && sort?.key === sortKey ? sort.order : null;
              return (
                <div
                  key={c.key}
                  role="columnheader"
                  aria-sort={order === 'asc' ? 'ascending' : order === 'desc' ? 'descending' : sortKey ? 'none' : undefined}
                  className={`grid-cell${i === 0 ? ' grid-sticky' : ''}`}
                  style={{ width: c.width, left: i === 0 ? SELECT_WIDTH : undefined }}
                >
                  {sortKey ? (
                    <button type="button" className="grid-sort" onClick={() => onSort(nextSort(sort, sortKey))}>
                      <span>{c.title}</span>
                      <span className={`grid-sort-icons${order ? ` is-${order}` : ''}`} aria-hidden>
                        <CaretUpOutlined />
                        <CaretDownOutlined />
                      </span>
                    </button>
                  ) : (
                    c.title
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="grid-body" style={{ height: total * ROW_HEIGHT, width }}>
          {visible.map((r, i) => (
            <GridRow
              key={r.id}
              row={r}
              index={first + i}
              columns={columns}
              checked={selected.has(r.id)}
              current={r.id === props.currentId}
              onSelect={onSelect}
              onOpen={props.onOpen}
              selectLabel={props.selectRowLabel(r)}
            />
          ))}
        </div>
        {rows === undefined && (
          <div className="grid-overlay">
            <Spin />
          </div>
        )}
        {rows !== undefined && total === 0 && (
          <div className="grid-overlay">
            <Empty description={props.empty} />
          </div>
        )}
      </div>
    </div>
  );
}

type RowProps = {
  row: FindingRow;
  index: number;
  columns: readonly GridColumn[];
  checked: boolean;
  current: boolean;
  onSelect: (ids: string[], on: boolean) => void;
  onOpen: (id: string) => void;
  selectLabel: string;
};

// Memoised: scrolling re-renders only the rows that come into view.
const GridRow = memo(function GridRow({ row, index, columns, checked, current, onSelect, onOpen, selectLabel }: RowProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={checked}
      className={`grid-row${row.deletedAt !== null ? ' is-voided' : ''}${current ? ' is-current' : ''}${checked ? ' is-checked' : ''}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
      onDoubleClick={() => onOpen(row.id)}
      data-ledger-no={row.ledgerNo}
    >
      <div role="cell" className="grid-cell grid-select" style={{ width: SELECT_WIDTH }}>
        <input type="checkbox" className="grid-check" aria-label={selectLabel} checked={checked} onChange={(e) => onSelect([row.id], e.target.checked)} />
      </div>
      {columns.map((c, i) => (
        <div key={c.key} role="cell" className={`grid-cell${i === 0 ? ' grid-sticky' : ''}`} style={{ width: c.width, left: i === 0 ? SELECT_WIDTH : undefined }}>
          {c.render(row)}
        </div>
      ))}
    </div>
  );
});
