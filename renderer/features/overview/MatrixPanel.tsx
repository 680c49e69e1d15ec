// 检查项矩阵: the items of one checklist (all installed versions lined up by item code) against the units of
// one level. The numbers come from core/inspection/matrix; this panel only picks the inputs and draws.
import { useCallback, useMemo, useState } from 'react';
import { Alert, Checkbox, Empty, Segmented, Select, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChecklists, useFindingRows, useInspectedChecklists, useMatrixSource, useOrgUnits } from '../../db/queries';
import type { OrgUnit, StoredChecklist } from '../../db/types';
import type { OrgLevel } from '../../core/org/model';
import { buildMatrix, matrixCell, VERDICT_SEVERITY, type Matrix } from '../../core/inspection/matrix';
import { SearchInput } from '../../components/SearchInput';
import { groupChecklists } from '../checklists/library-rows';
import { MatrixGrid } from './MatrixGrid';
import { openRegisterForUnit } from './register-link';

const LEVELS: readonly OrgLevel[] = ['branch', 'subbranch', 'outlet'];
const CELL = { width: 44, height: 44, head: 132, rowHeader: 340 };

type Choice = { value: string; label: string };

/**
 * Installed checklists in title order, then ids only inspections name. The default is the first
 * checklist that has inspections: the matrix of a checklist nobody used is empty.
 */
function checklistChoices(stored: readonly StoredChecklist[], inspected: readonly { id: string; title: string }[]): { options: Choice[]; preferred: string | null } {
  const options: Choice[] = groupChecklists(stored).map((g) => ({ value: g.id, label: `${g.newest.checklist.title}（${g.id}）` }));
  const installed = new Set(options.map((o) => o.value));
  for (const c of inspected) if (!installed.has(c.id)) options.push({ value: c.id, label: `${c.title}（${c.id}）` });
  const used = new Set(inspected.map((c) => c.id));
  return { options, preferred: options.find((o) => used.has(o.value))?.value ?? options[0]?.value ?? null };
}

export function MatrixPanel() {
  const { t } = useTranslation();
  const checklists = useChecklists();
  const inspected = useInspectedChecklists();
  const units = useOrgUnits();
  const findings = useFindingRows();
  const [chosen, setChosen] = useState<string | null>(null);
  const [level, setLevel] = useState<OrgLevel>('outlet');
  const [query, setQuery] = useState('');
  const [onlyProblems, setOnlyProblems] = useState(false);

  const choices = useMemo(() => checklistChoices(checklists ?? [], inspected ?? []), [checklists, inspected]);
  const checklistId = chosen ?? choices.preferred;
  const source = useMatrixSource(checklistId);
  const current = source && source.checklistId === checklistId ? source : undefined;
  const matrix = useMemo(
    () =>
      current && units
        ? buildMatrix({ checklistId: current.checklistId, versions: current.versions, units, level, inspections: current.inspections, answers: current.answers, findings: findings.rows })
        : null,
    [current, units, level, findings.rows],
  );
  const shown = useMemo(() => (matrix ? shownColumns(matrix, query, onlyProblems) : []), [matrix, query, onlyProblems]);

  if (checklists === undefined || inspected === undefined) return <Spin />;
  if (checklistId === null) return <Empty description={t('overview.matrix.noChecklist')} />;

  return (
    <div className="overview-matrix">
      <Space wrap className="matrix-controls">
        <Select
          aria-label={t('overview.matrix.checklist')}
          style={{ width: 360 }}
          value={checklistId}
          options={choices.options}
          onChange={(v: string) => setChosen(v)}
          showSearch={{ optionFilterProp: 'label' }}
        />
        <Segmented<OrgLevel>
          aria-label={t('overview.matrix.level')}
          value={level}
          onChange={setLevel}
          options={LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
        />
        <SearchInput label={t('overview.matrix.unitSearch')} width={240} value={query} onChange={setQuery} />
        <Checkbox checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)}>
          {t('overview.matrix.onlyProblems')}
        </Checkbox>
      </Space>
      <Legend />
      <p className="hint">{t('overview.matrix.rule')}</p>
      {matrix !== null && matrix.unplaced > 0 && <Alert className="page-alert" type="info" showIcon title={t('overview.matrix.unplaced', { count: matrix.unplaced })} />}
      {matrix === null || findings.loading ? (
        <Spin />
      ) : shown.length === 0 || matrix.rows.length === 0 ? (
        <Empty description={matrix.columns.length === 0 ? t('overview.matrix.noColumns') : matrix.rows.length === 0 ? t('overview.matrix.noItems') : t('overview.noMatch')} />
      ) : (
        <MatrixBody matrix={matrix} shown={shown} />
      )}
    </div>
  );
}

/** The columns to draw: units whose name or code contains the query, and with onlyProblems those with a failure or an open finding. */
function shownColumns(matrix: Matrix<OrgUnit>, query: string, onlyProblems: boolean): number[] {
  const q = query.trim().toLowerCase();
  const out: number[] = [];
  matrix.columns.forEach((c, i) => {
    if (q !== '' && !c.unit.name.toLowerCase().includes(q) && !c.unit.code.toLowerCase().includes(q)) return;
    if (onlyProblems && c.failing === 0 && c.open === 0) return;
    out.push(i);
  });
  return out;
}

/**
 * The words of a cell's accessible name, looked up once: a scroll mounts hundreds of cells, and a
 * translation call per cell and word would cost more than the cells themselves.
 */
function useCellWords() {
  const { t } = useTranslation();
  return useMemo(() => {
    const template = t('overview.matrix.cellLabel', { unit: '\u0001', item: '\u0002', result: '\u0003', open: '\u0004' });
    const openTemplate = t('overview.matrix.openCount', { count: '\u0005' });
    const result = new Map<string, string>([
      ...VERDICT_SEVERITY.map((v) => [v, t(`verdicts.${v}`)] as const),
      ['none', t('verdicts.none')],
      ['uninspected', t('overview.matrix.notInspected')],
    ]);
    const noOpen = t('overview.matrix.noOpen');
    return (unit: string, item: string, tone: string, open: number): string =>
      template
        .replace('\u0001', unit)
        .replace('\u0002', item)
        .replace('\u0003', result.get(tone) ?? tone)
        .replace('\u0004', open > 0 ? openTemplate.replace('\u0005', String(open)) : noOpen);
  }, [t]);
}

function MatrixBody({ matrix, shown }: { matrix: Matrix<OrgUnit>; shown: number[] }) {
  const { t } = useTranslation();
  const cellLabel = useCellWords();
  // An item missing from some installed versions says which versions have it.
  const versionCount = useMemo(() => new Set(matrix.rows.flatMap((r) => r.versions)).size, [matrix]);

  const rowHeader = useCallback(
    (r: number) => {
      const row = matrix.rows[r];
      if (!row) return null;
      const text = row.requirement ?? t('overview.matrix.notInstalled');
      return (
        <div className="matrix-item" title={`${row.code} ${text}`}>
          <div className="matrix-item-text">
            <span className="matrix-code">{row.code}</span> {text}
          </div>
          <div className="hint matrix-item-stats">
            {t('overview.matrix.rowStats', { failing: row.failing, open: row.open })}
            {row.versions.length > 0 && row.versions.length < versionCount && ` · ${t('overview.matrix.onlyIn', { versions: row.versions.join('、') })}`}
          </div>
        </div>
      );
    },
    [matrix, versionCount, t],
  );

  const columnHeader = useCallback(
    (c: number) => {
      const column = matrix.columns[shown[c] ?? -1];
      if (!column) return null;
      const { name, code } = column.unit;
      const detail = column.lastDate
        ? t('overview.matrix.columnInspected', { name, code, count: column.inspections, date: column.lastDate })
        : t('overview.matrix.columnNotInspected', { name, code });
      return (
        <span className="matrix-colname" title={detail}>
          {name}
        </span>
      );
    },
    [matrix, shown, t],
  );

  const cell = useCallback(
    (r: number, c: number) => {
      const col = shown[c] ?? -1;
      const column = matrix.columns[col];
      const row = matrix.rows[r];
      if (!column || !row) return null;
      const { worst, open } = matrixCell(matrix, r, col);
      const tone = worst ?? (column.inspections > 0 ? 'none' : 'uninspected');
      const label = cellLabel(column.unit.name, row.code, tone, open);
      return (
        <button type="button" className={`matrix-button matrix-tone-${tone}${open > 0 ? ' has-open' : ''}`} aria-label={label} title={label} onClick={() => openRegisterForUnit(column.unit.code)}>
          {open > 0 ? open : ''}
        </button>
      );
    },
    [matrix, shown, cellLabel],
  );

  return (
    <MatrixGrid
      label={t('overview.matrix.gridLabel')}
      rowCount={matrix.rows.length}
      columnCount={shown.length}
      rowHeaderWidth={CELL.rowHeader}
      headHeight={CELL.head}
      cellWidth={CELL.width}
      cellHeight={CELL.height}
      corner={<span className="matrix-corner-text">{t('overview.matrix.corner')}</span>}
      rowHeader={rowHeader}
      columnHeader={columnHeader}
      cell={cell}
    />
  );
}

function Legend() {
  const { t } = useTranslation();
  const tones = [...[...VERDICT_SEVERITY].reverse().map((v) => ({ tone: v, text: t(`verdicts.${v}`) })), { tone: 'none', text: t('verdicts.none') }, { tone: 'uninspected', text: t('overview.matrix.notInspected') }];
  return (
    <ul className="matrix-legend" aria-label={t('overview.matrix.legend')}>
      {tones.map(({ tone, text }) => (
        <li key={tone}>
          <span className={`matrix-swatch matrix-tone-${tone}`} aria-hidden />
          {text}
        </li>
      ))}
      <li>
        <span className="matrix-swatch matrix-tone-noncompliant has-open" aria-hidden>
          2
        </span>
        {t('overview.matrix.legendOpen')}
      </li>
    </ul>
  );
}
