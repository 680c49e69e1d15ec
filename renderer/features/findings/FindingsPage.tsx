// 整改台账: every finding of this device in one virtualised table that stays smooth with 100,000 rows.
// The rows are loaded once and then kept current incrementally (db/finding-store.ts); sorting and
// filtering are pure functions in core, memoised so typing in the search box only re-filters.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDb, useFindingRows, useOrgUnits, usePref, useSettings } from '../../db/queries';
import { registerColumnsKey, setPref } from '../../db/repos/prefs';
import type { FindingRow } from '../../db/types';
import { navigate } from '../../app/router';
import { sortFindings, type RegisterSort } from '../../core/finding/register';
import { registerFilterForUnit } from '../../core/finding/rollup';
import { todayDate } from './finding-tags';
import { FilterBar } from './FilterBar';
import { useRegisterFilter } from './use-register-filter';
import { filteredRows, summaryOf } from './register-view';
import { prepareDashboardWhenIdle } from '../dashboard/dashboard-view';
import { ColumnChooser } from './ColumnChooser';
import { BulkAssignModal } from './BulkAssignModal';
import { NewFindingModal } from './NewFindingModal';
import { ChainCheck } from './ChainCheck';
import { FindingDrawer } from './FindingDrawer';
import { COLUMN_KEYS, DEFAULT_COLUMNS, registerColumns, type ColumnKey } from './register-columns';
import { RegisterGrid } from './RegisterGrid';
import { RegisterExport } from './RegisterExport';
import { RegisterSummary } from './RegisterSummary';

function useTableHeight(): number {
  const [height, setHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = () => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return Math.max(320, height - 380);
}

const open = (id: string) => navigate({ name: 'findings', id });

/** How long the register's rows stay unchanged before 统计看板's figures for them are counted ahead. */
const DASHBOARD_AFTER_MS = 1000;

/** unitScope: show the findings of this unit and all below it (a link from 机构总览, `#/findings?unit=CODE`). */
export function FindingsPage({ findingId, unitScope = null }: { findingId: string | null; unitScope?: string | null }) {
  const { t } = useTranslation();
  const db = useDb();
  const { rows, loading, loaded, expected, live, facets } = useFindingRows();
  const units = useOrgUnits();
  const settings = useSettings();
  const columnsKey = registerColumnsKey(settings?.inspectorName ?? '');
  const savedColumns = usePref(columnsKey);
  const [filter, setFilter] = useRegisterFilter();
  const [sort, setSort] = useState<RegisterSort | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulk, setBulk] = useState(false);
  const [creating, setCreating] = useState(false);
  const height = useTableHeight();
  const today = todayDate();

  // A link from 机构总览 sets the filter once per unit it names; afterwards the filter is the user's to change.
  // The filter is shared with the dashboard (an external store): it is set after rendering, not during.
  const scopeApplied = useRef<string | null>(null);
  useEffect(() => {
    if (!unitScope || !units || scopeApplied.current === unitScope) return;
    scopeApplied.current = unitScope;
    setFilter(registerFilterForUnit(unitScope, units));
  }, [unitScope, units, setFilter]);

  // Typing stays responsive: React filters with the last value while the next keystroke is handled.
  const deferredFilter = useDeferredValue(filter);
  // The store keeps the rows in ledger-number order: the default order is the rows themselves.
  const sorted = useMemo(() => (sort === null || (sort.key === 'ledgerNo' && sort.order === 'asc') ? rows : sortFindings(rows, sort)), [rows, sort]);
  const shown = useMemo(() => filteredRows(sorted, deferredFilter, today), [sorted, deferredFilter, today]);
  const summary = useMemo(() => summaryOf(shown, today), [shown, today]);
  // 统计看板 counts the same filtered rows (in the default order they are the same array): counted while
  // the page is idle, it opens on figures already there. Only once the filter has stayed put for a
  // moment: while someone types a search, each word's rows would be counted for nothing.
  useEffect(() => {
    if (loading || units === undefined || sorted !== rows) return;
    const timer = setTimeout(() => prepareDashboardWhenIdle(shown, units, today), DASHBOARD_AFTER_MS);
    return () => clearTimeout(timer);
  }, [loading, units, sorted, rows, shown, today]);
  const unitMap = useMemo(() => new Map((units ?? []).map((u) => [u.code, u])), [units]);
  const visible = useMemo<ColumnKey[]>(() => (savedColumns ? COLUMN_KEYS.filter((k) => savedColumns.includes(k)) : DEFAULT_COLUMNS), [savedColumns]);
  // Only the 是否屡查屡犯 column names earlier findings; the map is built only while it is shown.
  const showsRepeat = visible.includes('repeat');
  const ledgerNos = useMemo(() => (showsRepeat ? new Map(rows.map((r) => [r.id, r.ledgerNo])) : null), [rows, showsRepeat]);
  const columns = useMemo(
    () => registerColumns(visible, { t, today, units: unitMap, onOpen: open, ledgerNoOf: (id) => ledgerNos?.get(id) }),
    [visible, t, today, unitMap, ledgerNos],
  );
  const selectTemplate = t('findings.selectNamed', { ledgerNo: '\u0000' });
  const selectRowLabel = useCallback((r: FindingRow) => selectTemplate.replace('\u0000', r.ledgerNo), [selectTemplate]);
  const select = useCallback((ids: string[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  return (
    <div className="page page-wide">
      <div className="page-head">
        <div>
          <Typography.Title level={3}>{t('findings.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('findings.intro')}</Typography.Paragraph>
        </div>
        <Space wrap>
          <ChainCheck />
          <RegisterExport rows={shown} loading={loading ? { loaded, expected } : null} />
          <ColumnChooser visible={visible} onChange={(cols) => void setPref(db, columnsKey, cols)} />
          <Button onClick={() => navigate({ name: 'dashboard' })}>{t('dashboard.openFromRegister')}</Button>
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('findings.new')}
          </Button>
        </Space>
      </div>
      <FilterBar filter={filter} onChange={setFilter} units={units ?? []} categories={facets.categories} checklists={facets.checklists} />
      <RegisterSummary loading={loading} loaded={loaded} expected={expected} shown={summary.total} live={live} overdue={summary.overdue} dueSoon={summary.dueSoon}>
        {selected.size > 0 && (
          <Space>
            <span>{t('findings.selected', { count: selected.size })}</span>
            <Button size="small" type="primary" onClick={() => setBulk(true)}>
              {t('findings.bulk')}
            </Button>
            <Button size="small" onClick={() => setSelected(new Set())}>
              {t('findings.clearSelection')}
            </Button>
          </Space>
        )}
      </RegisterSummary>
      <RegisterGrid
        label={t('findings.title')}
        rows={loading && rows.length === 0 ? undefined : shown}
        columns={columns}
        height={height}
        sort={sort}
        onSort={setSort}
        selected={selected}
        onSelect={select}
        currentId={findingId}
        onOpen={open}
        selectAllLabel={t('findings.selectAll')}
        selectRowLabel={selectRowLabel}
        empty={rows.length === 0 ? t('findings.empty') : t('findings.noMatch')}
      />
      {findingId && <FindingDrawer id={findingId} onClose={() => navigate({ name: 'findings', id: null })} />}
      {bulk && (
        <BulkAssignModal
          ids={[...selected]}
          onClose={(done) => {
            setBulk(false);
            if (done) setSelected(new Set());
          }}
        />
      )}
      {creating && <NewFindingModal categories={facets.categories} onClose={() => setCreating(false)} />}
    </div>
  );
}
