// The checklist library: every stored checklist version (shipped with the app, imported, or received
// in a signed package) with its issuer, effective date, size and fingerprint; view, compare, import,
// export and remove.
import { useMemo, useState } from 'react';
import { App as AntApp, Button, Dropdown, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChecklists, useChecklistUsage, useDb } from '../../db/queries';
import { removeChecklist, usageKey } from '../../db/repos/checklists';
import type { StoredChecklist } from '../../db/types';
import { navigate } from '../../app/router';
import { allItems } from '../../core/checklist/items';
import { errorMessage } from '../../i18n';
import { checklistKey, groupChecklists, type ChecklistGroup } from './library-rows';
import { SearchInput } from '../../components/SearchInput';
import { ImportChecklist } from './ImportChecklist';
import { CompareVersions } from './CompareVersions';
import { useChecklistExport, type ExportKind } from './use-checklist-export';

type Row = { stored: StoredChecklist; group: ChecklistGroup; newest: boolean; items: number; used: number };

export function ChecklistsPage() {
  const { t } = useTranslation();
  const db = useDb();
  const stored = useChecklists();
  const usage = useChecklistUsage();
  const { message } = AntApp.useApp();
  const exportAs = useChecklistExport();
  const [query, setQuery] = useState('');
  const [comparing, setComparing] = useState<ChecklistGroup | null>(null);

  const rows = useMemo<Row[]>(
    () =>
      groupChecklists(stored ?? []).flatMap((group) =>
        group.versions.map((s) => ({ stored: s, group, newest: s === group.newest, items: allItems(s.checklist).length, used: usage?.get(usageKey(s.id, s.version)) ?? 0 })),
      ),
    [stored, usage],
  );
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return rows;
    return rows.filter(({ stored: s }) => [s.checklist.title, s.checklist.titleEn ?? '', s.id, s.version, s.checklist.issuer].some((x) => x.toLowerCase().includes(q)));
  }, [rows, query]);

  const remove = async (s: StoredChecklist) => {
    const r = await removeChecklist(db, s.id, s.version);
    if (r.ok) void message.success(t('library.removed', { title: s.checklist.title, version: s.version }));
    else void message.error(errorMessage(t, r.error));
  };

  const label = (s: StoredChecklist) => `${s.checklist.title} ${s.version}`;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Typography.Title level={3}>{t('library.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('library.intro')}</Typography.Paragraph>
        </div>
        <ImportChecklist />
      </div>
      <SearchInput className="page-search" label={t('library.searchPlaceholder')} value={query} onChange={setQuery} width={360} />
      <Table<Row>
        rowKey={(r) => checklistKey(r.stored)}
        loading={!stored}
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('library.empty') }}
        columns={[
          {
            title: t('library.col.title'),
            key: 'title',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Button type="link" className="link-cell" onClick={() => navigate({ name: 'checklist', id: r.stored.id, version: r.stored.version })}>
                  {r.stored.checklist.title}
                </Button>
                <span className="hint">{r.stored.id}</span>
              </Space>
            ),
          },
          {
            title: t('library.col.version'),
            key: 'version',
            className: 'nowrap',
            render: (_, r) => (
              <Space size={4}>
                <span>{r.stored.version}</span>
                {r.group.versions.length > 1 && (r.newest ? <Tag color="green">{t('library.newest')}</Tag> : <Tag>{t('library.older')}</Tag>)}
              </Space>
            ),
          },
          { title: t('library.col.issuer'), key: 'issuer', render: (_, r) => r.stored.checklist.issuer },
          { title: t('library.col.effectiveFrom'), key: 'effectiveFrom', className: 'nowrap', render: (_, r) => r.stored.checklist.effectiveFrom },
          {
            title: t('library.col.items'),
            key: 'items',
            className: 'nowrap',
            render: (_, r) => t('library.itemsCount', { items: r.items, sections: r.stored.checklist.sections.length }),
          },
          {
            title: t('library.col.source'),
            key: 'source',
            render: (_, r) => {
              const p = r.stored.provenance;
              if (p) {
                return (
                  <Tooltip title={t('library.signedBy', { name: p.issuer.name, code: p.issuer.code, fingerprint: p.fingerprint })}>
                    <Tag color="gold">{t('library.source.package')}</Tag>
                  </Tooltip>
                );
              }
              return <Tag color={r.stored.source === 'bundled' ? 'blue' : 'purple'}>{t(`library.source.${r.stored.source}`)}</Tag>;
            },
          },
          {
            title: t('library.col.fingerprint'),
            key: 'fingerprint',
            className: 'nowrap',
            render: (_, r) => (
              <Tooltip title={r.stored.sha256}>
                <Typography.Text code className="fingerprint" aria-label={`${t('library.col.fingerprint')} ${r.stored.sha256}`}>
                  {r.stored.sha256.slice(0, 12)}
                </Typography.Text>
              </Tooltip>
            ),
          },
          { title: t('library.col.usage'), key: 'usage', className: 'nowrap', render: (_, r) => (r.used > 0 ? t('library.usedBy', { count: r.used }) : t('library.unused')) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => navigate({ name: 'checklist', id: r.stored.id, version: r.stored.version })} aria-label={`${t('library.view')} ${label(r.stored)}`}>
                  {t('library.view')}
                </Button>
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: (['json', 'xlsx', 'package'] as const).map((kind: ExportKind) => ({ key: kind, label: t(`library.exportAs.${kind}`) })),
                    onClick: ({ key }) => void exportAs(r.stored, key as ExportKind),
                  }}
                >
                  <Button size="small" aria-label={`${t('library.export')} ${label(r.stored)}`}>
                    {t('library.export')}
                  </Button>
                </Dropdown>
                {r.newest && r.group.versions.length > 1 && (
                  <Button size="small" onClick={() => setComparing(r.group)} aria-label={`${t('library.compare.button')} ${r.stored.checklist.title}`}>
                    {t('library.compare.button')}
                  </Button>
                )}
                {r.stored.source === 'imported' && (
                  <Popconfirm
                    title={t('library.removeConfirm', { title: r.stored.checklist.title, version: r.stored.version })}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => void remove(r.stored)}
                  >
                    <Button size="small" danger aria-label={`${t('common.delete')} ${label(r.stored)}`}>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {comparing && <CompareVersions group={comparing} onClose={() => setComparing(null)} />}
    </div>
  );
}
