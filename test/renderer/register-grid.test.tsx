// The register's windowed grid: only the rows in view are in the DOM, and a list that shrinks below
// where it was scrolled (a new filter) starts again from the top instead of showing nothing.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RegisterGrid, ROW_HEIGHT, type GridColumn } from '../../renderer/features/findings/RegisterGrid';
import type { FindingRow } from '../../renderer/db/types';
import { aFinding } from '../core/finding/fixtures';

const rows = (n: number): FindingRow[] => Array.from({ length: n }, (_, i) => ({ ...aFinding({ id: `f${i}`, ledgerNo: `L-${String(i).padStart(5, '0')}` }), localSeq: i + 1 }));
const columns: GridColumn[] = [{ key: 'ledgerNo', title: '台账编号', width: 160, render: (r) => r.ledgerNo }];

function grid(list: FindingRow[]) {
  return (
    <RegisterGrid
      label="整改台账"
      rows={list}
      columns={columns}
      height={400}
      sort={null}
      onSort={() => undefined}
      selected={new Set()}
      onSelect={() => undefined}
      currentId={null}
      onOpen={() => undefined}
      selectAllLabel="全选"
      selectRowLabel={(r) => `选择 ${r.ledgerNo}`}
      empty="没有问题"
    />
  );
}

/** Scrolls the grid as a user would: the position, then the scroll event, then the frame the grid waits for. */
async function scrollTo(scroller: HTMLElement, px: number): Promise<void> {
  scroller.scrollTop = px;
  fireEvent.scroll(scroller);
  await act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}

describe('RegisterGrid', () => {
  it('renders the rows in view, and starts from the top when the list shrinks below the scrolled position', async () => {
    const { container, rerender } = render(grid(rows(5000)));
    const scroller = container.querySelector<HTMLElement>('.grid-scroll');
    if (!scroller) throw new Error('no scroller');
    expect(screen.getByText('L-00000')).toBeInTheDocument();
    await scrollTo(scroller, 3000 * ROW_HEIGHT);
    expect(screen.queryByText('L-00000')).toBeNull();
    expect(screen.getByText('L-03000')).toBeInTheDocument();

    // Still within the list: the position is kept.
    rerender(grid(rows(4000)));
    expect(scroller.scrollTop).toBe(3000 * ROW_HEIGHT);
    expect(screen.getByText('L-03000')).toBeInTheDocument();

    // Past its end: back to the top, and its first rows are shown.
    rerender(grid(rows(20)));
    expect(scroller.scrollTop).toBe(0);
    expect(screen.getByText('L-00000')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: '整改台账' })).toHaveAttribute('aria-rowcount', '21');
  });
});
