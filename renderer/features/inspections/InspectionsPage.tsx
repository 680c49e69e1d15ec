// The inspection list: status and progress of every inspection, searchable, and the way to start one.
import { useMemo, useState } from 'react';
import { Button, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useAllAnswerCounts, useChecklists, useInspections, useOrgUnits } from '../../db/queries';
import type { Inspection, InspectionStatus } from '../../db/types';
import { navigate } from '../../app/router';
import { computeProgress } from '../../core/inspection/progress';
import { SearchInput } from '../../components/SearchInput';
import { NewInspectionModal } from './NewInspectionModal';
import { answersByCode } from '../inspection/answers-by-code';

type Row = Inspection & { unitName: string; total: number; answered: number; failed: number; percent: number; checklistLabel: string };

export function InspectionsPage() {
  const { t } = useTranslation();
  const inspections = useInspections();
  const checklists = useChecklists();
  const units = useOrgUnits();
  const answers = useAllAnswerCounts();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<InspectionStatus | 'all'>('all');
  const [creating, setCreating] = useState(false);
  const [followUpOf, setFollowUpOf] = useState<Inspection | null>(null);

  const rows = useMemo<Row[]>(() => {
    if (!inspections || !checklists || !units || !answers) return [];
    const unitName = new Map(units.map((u) => [u.code, u.name]));
    const lists = new Map(checklists.map((c) => [`${c.id}@${c.version}`, c.checklist]));
    return inspections.map((i) => {
      const checklist = lists.get(`${i.checklistId}@${i.checklistVersion}`);
      const p = checklist ? computeProgress(checklist, answersByCode(answers.get(i.id) ?? [])).overall : null;
      return {
        ...i,
        unitName: unitName.get(i.orgUnitCode) ?? i.orgUnitCode,
        total: p?.total ?? 0,
        answered: p?.answered ?? 0,
        failed: (p?.partial ?? 0) + (p?.noncompliant ?? 0),
        percent: p?.percent ?? 0,
        checklistLabel: `${i.checklistTitle} ${i.checklistVersion}`,
      };
    });
  }, [inspections, checklists, units, answers]);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return rows.filter(
      (r) =>
        (status === 'all' || r.status === status) &&
        (!q || [r.checklistLabel, r.unitName, r.orgUnitCode, ...r.inspectors].some((s) => s.toLowerCase().includes(q))),
    );
  }, [rows, query, status]);

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={3}>{t('inspections.title')}</Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('inspections.new')}
        </Button>
      </div>
      <Space className="page-search" wrap>
        <SearchInput label={t('inspections.searchPlaceholder')} value={query} onChange={setQuery} width={320} />
        <Segmented<InspectionStatus | 'all'>
          aria-label={t('inspections.filterStatus')}
          value={status}
          onChange={setStatus}
          options={[
            { value: 'all', label: t('inspections.all') },
            { value: 'draft', label: t('inspections.draft') },
            { value: 'completed', label: t('inspections.completed') },
          ]}
        />
      </Space>
      <Table<Row>
        rowKey="id"
        loading={!inspections}
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('inspections.empty') }}
        onRow={(r) => ({ onDoubleClick: () => navigate({ name: 'inspection', id: r.id, itemCode: null }) })}
        columns={[
          { title: t('inspections.orgUnit'), dataIndex: 'unitName', render: (n: string, r) => `${n}（${r.orgUnitCode}）` },
          { title: t('inspections.checklist'), dataIndex: 'checklistLabel' },
          { title: t('inspections.kind'), dataIndex: 'kind', render: (k: string) => t(`kinds.${k}`) },
          { title: t('inspections.date'), dataIndex: 'date', sorter: (a, b) => a.date.localeCompare(b.date) },
          { title: t('inspections.inspectors'), dataIndex: 'inspectors', render: (l: string[]) => l.join('、') },
          {
            title: t('inspections.progress'),
            key: 'progress',
            width: 200,
            render: (_, r) => (
              <Space orientation="vertical" size={0} className="full-width">
                <Progress percent={r.percent} size="small" aria-label={`${t('inspections.progress')} ${r.answered}/${r.total}`} />
                <span className="hint">
                  {t('run.answeredOf', { answered: r.answered, total: r.total })}
                  {r.failed > 0 && ` · ${t('inspections.failed')} ${r.failed}`}
                </span>
              </Space>
            ),
          },
          {
            title: t('inspections.status'),
            dataIndex: 'status',
            render: (s: InspectionStatus) => <Tag color={s === 'completed' ? 'green' : 'blue'}>{t(`inspections.${s}`)}</Tag>,
          },
          { title: t('inspections.updated'), dataIndex: 'updatedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, r) => (
              <Space size={4}>
                <Button
                  size="small"
                  type={r.status === 'draft' ? 'primary' : 'default'}
                  onClick={() => navigate({ name: 'inspection', id: r.id, itemCode: null })}
                  aria-label={`${r.status === 'draft' ? t('inspections.continue') : t('inspections.open')} ${r.unitName} ${r.date}`}
                >
                  {r.status === 'draft' ? t('inspections.continue') : t('inspections.open')}
                </Button>
                <Button size="small" onClick={() => setFollowUpOf(r)} aria-label={t('cycle.followUpNamed', { unit: r.unitName, date: r.date })}>
                  {t('cycle.followUp')}
                </Button>
              </Space>
            ),
          },
          {
            title: t('report.open'),
            key: 'report',
            render: (_, r) => (
              <Button size="small" onClick={() => navigate({ name: 'report', id: r.id })} aria-label={t('report.openNamed', { unit: r.unitName, date: r.date })}>
                {t('report.view')}
              </Button>
            ),
          },
        ]}
      />
      {creating && <NewInspectionModal onClose={() => setCreating(false)} />}
      {followUpOf && <NewInspectionModal from={followUpOf} onClose={() => setFollowUpOf(null)} />}
    </div>
  );
}
