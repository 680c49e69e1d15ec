// One checklist version as its readers need it: its details and fingerprint, the documents it cites, and
// every item with its basis (条号待核 where the article is unverified), searchable.
import { useMemo, useState } from 'react';
import { Button, Checkbox, Descriptions, Result, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useChecklist } from '../../db/queries';
import { navigate } from '../../app/router';
import { allItems, basisLabel, type FlatItem } from '../../core/checklist/items';
import type { ChecklistDocument } from '../../core/checklist/schema';
import { SearchInput } from '../../components/SearchInput';
import { SignerFacts } from './PackageSigner';

export function ChecklistDetail({ id, version }: { id: string; version: string }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en-US';
  const stored = useChecklist(id, version);
  const [query, setQuery] = useState('');
  const [onlyUnverified, setOnlyUnverified] = useState(false);
  const items = useMemo(() => (stored ? allItems(stored.checklist) : []), [stored]);

  const shown = useMemo(() => {
    if (!stored) return [];
    const docs = stored.checklist.documents;
    const q = query.trim().toLowerCase();
    return items.filter((e) => {
      if (onlyUnverified && !e.item.basis.some((b) => !b.verified)) return false;
      if (!q) return true;
      const basis = e.item.basis.map((b) => basisLabel(b, docs).text);
      return [e.item.code, e.section.title, e.item.requirement, e.item.requirementEn ?? '', e.item.method, e.item.evidence ?? '', e.item.note ?? '', ...basis].some((x) =>
        x.toLowerCase().includes(q),
      );
    });
  }, [items, stored, query, onlyUnverified]);

  const back = (
    <Button type="link" className="runner-back" onClick={() => navigate({ name: 'checklists' })}>
      ← {t('library.detail.back')}
    </Button>
  );
  if (stored === undefined) return null;
  if (stored === null) return <Result status="404" title={t('library.detail.notFound', { id, version })} extra={back} />;
  const c = stored.checklist;
  const unverified = items.reduce((n, e) => n + e.item.basis.filter((b) => !b.verified).length, 0);

  return (
    <div className="page">
      {back}
      <Typography.Title level={3}>
        {c.title} <Tag>{c.version}</Tag>
      </Typography.Title>
      {c.titleEn && <Typography.Paragraph type="secondary">{c.titleEn}</Typography.Paragraph>}
      <Descriptions size="small" column={2} bordered className="detail-facts">
        <Descriptions.Item label={t('library.detail.id')}>{c.id}</Descriptions.Item>
        <Descriptions.Item label={t('library.detail.version')}>{c.version}</Descriptions.Item>
        <Descriptions.Item label={t('library.detail.issuer')}>{c.issuer}</Descriptions.Item>
        <Descriptions.Item label={t('library.detail.effectiveFrom')}>{c.effectiveFrom}</Descriptions.Item>
        <Descriptions.Item label={t('library.detail.source')}>
          {t(`library.source.${stored.provenance ? 'package' : stored.source}`)} · {stored.fileName} · {dayjs(stored.loadedAt).format('YYYY-MM-DD HH:mm')}
        </Descriptions.Item>
        <Descriptions.Item label={t('library.detail.size')}>{t('library.itemsCount', { items: items.length, sections: c.sections.length })}</Descriptions.Item>
        <Descriptions.Item label={t('library.detail.fingerprint')} span={2}>
          <Typography.Text code copyable className="fingerprint">
            {stored.sha256}
          </Typography.Text>
        </Descriptions.Item>
        {c.description && (
          <Descriptions.Item label={t('library.detail.description')} span={2}>
            <div className="pre-wrap">{c.description}</div>
          </Descriptions.Item>
        )}
      </Descriptions>
      {stored.provenance && <SignerFacts provenance={stored.provenance} />}

      <Typography.Title level={4} className="detail-heading">
        {t('library.detail.documents')}
      </Typography.Title>
      <Table<ChecklistDocument>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={c.documents}
        locale={{ emptyText: t('common.none') }}
        columns={[
          { title: t('library.doc.key'), dataIndex: 'key', width: 170 },
          { title: t('library.doc.title'), dataIndex: 'title', render: (v: string) => `《${v}》` },
          { title: t('library.doc.number'), dataIndex: 'number', width: 200, render: (v?: string) => v ?? '' },
          { title: t('library.doc.note'), dataIndex: 'note', render: (v?: string) => v ?? '' },
        ]}
      />

      <Typography.Title level={4} className="detail-heading">
        {t('library.detail.items')}
      </Typography.Title>
      <Space wrap className="page-search">
        <SearchInput label={t('library.detail.searchPlaceholder')} value={query} onChange={setQuery} width={360} />
        <Checkbox checked={onlyUnverified} onChange={(e) => setOnlyUnverified(e.target.checked)}>
          {t('library.detail.onlyUnverified')}
        </Checkbox>
        <span className="hint">{t('library.detail.unverifiedCount', { count: unverified })}</span>
      </Space>
      <Table<FlatItem>
        size="small"
        rowKey={(e) => e.item.code}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('library.detail.noMatch') }}
        columns={[
          { title: t('library.item.code'), key: 'code', width: 110, render: (_, e) => <Tag color="geekblue">{e.item.code}</Tag> },
          { title: t('library.item.section'), key: 'section', width: 120, render: (_, e) => (english && e.section.titleEn ? e.section.titleEn : e.section.title) },
          {
            title: t('library.item.requirement'),
            key: 'requirement',
            render: (_, e) => (
              <>
                <div>{english && e.item.requirementEn ? e.item.requirementEn : e.item.requirement}</div>
                {e.item.note && <div className="hint">{e.item.note}</div>}
              </>
            ),
          },
          {
            title: t('library.item.basis'),
            key: 'basis',
            width: 260,
            render: (_, e) =>
              e.item.basis.length === 0 ? (
                t('common.none')
              ) : (
                <ul className="basis-list">
                  {e.item.basis.map((b, i) => {
                    const l = basisLabel(b, c.documents);
                    return (
                      <li key={i}>
                        {l.text}
                        {l.unverified && (
                          <Tag color="warning" className="unverified-tag">
                            {t('run.unverified')}
                          </Tag>
                        )}
                      </li>
                    );
                  })}
                </ul>
              ),
          },
          { title: t('library.item.method'), key: 'method', width: 220, render: (_, e) => e.item.method },
          { title: t('library.item.evidence'), key: 'evidence', width: 140, render: (_, e) => e.item.evidence ?? '' },
          {
            title: t('library.item.severity'),
            key: 'severity',
            width: 80,
            render: (_, e) => <Tag color={e.item.severity === '重大' ? 'red' : e.item.severity === '较重' ? 'orange' : 'default'}>{t(`severity.${e.item.severity}`)}</Tag>,
          },
          { title: t('library.item.sample'), key: 'sample', width: 60, render: (_, e) => (e.item.sample ? t('common.yes') : '') },
        ]}
      />
    </div>
  );
}
