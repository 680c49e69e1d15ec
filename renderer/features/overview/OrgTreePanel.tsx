// 机构树: every organisation unit with the findings of its whole subtree (counted in core/finding/rollup),
// 未归属 for units whose parent is unknown. A unit's name opens the register filtered to its subtree.
import { useMemo, useState, type Key } from 'react';
import { Badge, Button, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useFindingRows, useOrgUnits } from '../../db/queries';
import type { OrgUnit } from '../../db/types';
import { completionRate, orgRollup, searchOrgTree, type OrgNode, type UnitCounts } from '../../core/finding/rollup';
import { formatRate } from '../../core/ledger/summary';
import { SearchInput } from '../../components/SearchInput';
import { todayDate } from '../findings/finding-tags';
import { openRegisterForUnit } from './register-link';

type Row = { key: string; node: OrgNode<OrgUnit>; children?: Row[] };

const toRows = (nodes: readonly OrgNode<OrgUnit>[]): Row[] =>
  nodes.map((node) => (node.children.length > 0 ? { key: node.key, node, children: toRows(node.children) } : { key: node.key, node }));

export function OrgTreePanel() {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const findings = useFindingRows();
  const today = todayDate();
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);

  const rollup = useMemo(() => orgRollup(units ?? [], findings.rows, today), [units, findings.rows, today]);
  const search = useMemo(() => searchOrgTree(rollup.nodes, query), [rollup, query]);
  const rows = useMemo(() => toRows(search.nodes), [search.nodes]);
  // Until the user opens or closes a node: the top units open, so 分行 and their 支行 show.
  const shownKeys = expanded ?? rollup.nodes.filter((n) => n.kind === 'unit').map((n) => n.key);

  const onSearch = (text: string) => {
    setQuery(text);
    setExpanded(text.trim() === '' ? null : searchOrgTree(rollup.nodes, text).expanded);
  };

  const count = (key: keyof UnitCounts) => ({
    title: t(`overview.counts.${key}`),
    key,
    width: 110,
    align: 'right' as const,
    render: (_: unknown, r: Row) =>
      key === 'overdue' && r.node.total.overdue > 0 ? (
        <Badge count={r.node.total.overdue} overflowCount={999_999} title={t('overview.overdueBadge', { count: r.node.total.overdue })} />
      ) : (
        r.node.total[key]
      ),
  });
  const columns: ColumnsType<Row> = [
    { title: t('overview.unit'), key: 'unit', render: (_, r) => <NodeName node={r.node} /> },
    count('findings'),
    count('open'),
    count('overdue'),
    count('completed'),
    { title: t('overview.counts.rate'), key: 'rate', width: 120, align: 'right', render: (_, r) => rateText(completionRate(r.node.total)) },
  ];

  return (
    <div className="overview-tree">
      <SearchInput className="page-search" label={t('overview.search')} width={320} value={query} onChange={onSearch} />
      <Table<Row>
        size="middle"
        aria-label={t('overview.treeLabel')}
        loading={units === undefined || findings.loading}
        dataSource={rows}
        columns={columns}
        pagination={false}
        expandable={{ expandedRowKeys: [...shownKeys], onExpandedRowsChange: (keys) => setExpanded(keys) }}
        locale={{ emptyText: query.trim() === '' ? t('overview.noUnits') : t('overview.noMatch') }}
        summary={() =>
          rows.length === 0 ? null : (
            <Table.Summary.Row className="overview-total">
              <Table.Summary.Cell index={0}>{t('overview.total')}</Table.Summary.Cell>
              {(['findings', 'open', 'overdue', 'completed'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 1} align="right">
                  {rollup.total[k]}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={5} align="right">
                {rateText(completionRate(rollup.total))}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
    </div>
  );
}

const rateText = (rate: number | null): string => (rate === null ? '—' : `${formatRate(rate)}%`);

function NodeName({ node }: { node: OrgNode<OrgUnit> }) {
  const { t } = useTranslation();
  if (node.kind === 'group') {
    return (
      <Tooltip title={t('overview.unassignedHint')}>
        <span className="overview-group">{t('overview.unassigned')}</span>
      </Tooltip>
    );
  }
  const name = node.unit?.name ?? t('overview.unknownUnit');
  return (
    <span className="overview-unit">
      <Button type="link" className="link-cell" aria-label={t('overview.openRegister', { name, code: node.code })} onClick={() => openRegisterForUnit(node.code)}>
        {name}
      </Button>
      <span className="hint">
        {node.code}
        {node.unit && ` · ${t(`levels.${node.unit.level}`)}`}
      </span>
    </span>
  );
}
