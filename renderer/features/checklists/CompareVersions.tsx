// Two versions of one checklist side by side, by item code: what was added, removed and changed (field by
// field), plus changes to the checklist's own details and its document list.
import { useMemo, useState } from 'react';
import { Alert, Empty, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { diffChecklists, isEmptyDiff, type ItemChange, type ItemDiffValue, type ItemRef } from '../../core/checklist/diff';
import { basisLabel } from '../../core/checklist/items';
import type { Basis, ChecklistDocument } from '../../core/checklist/schema';
import type { ChecklistGroup } from './library-rows';

export function CompareVersions({ group, onClose }: { group: ChecklistGroup; onClose: () => void }) {
  const { t } = useTranslation();
  const versions = group.versions;
  const [to, setTo] = useState(versions[0]?.version ?? '');
  const [from, setFrom] = useState(versions[1]?.version ?? versions[0]?.version ?? '');
  const older = versions.find((v) => v.version === from);
  const newer = versions.find((v) => v.version === to);
  const diff = useMemo(() => (older && newer && older !== newer ? diffChecklists(older.checklist, newer.checklist) : null), [older, newer]);
  const options = versions.map((v) => ({ value: v.version, label: v.version }));
  const docs = [...(newer?.checklist.documents ?? []), ...(older?.checklist.documents ?? [])];

  const value = (field: string, v: ItemDiffValue): string => {
    if (v === undefined || v === '') return t('library.compare.empty');
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (Array.isArray(v)) return basisText(v, docs, t('run.unverified'), t('library.compare.empty'));
    if (field === 'severity') return t(`severity.${v}`);
    return v;
  };

  return (
    <Modal open title={t('library.compare.title', { title: group.newest.checklist.title })} width={1000} footer={null} onCancel={onClose}>
      <Space wrap className="compare-pick">
        <label>
          {t('library.compare.from')}{' '}
          <Select aria-label={t('library.compare.from')} value={from} onChange={setFrom} options={options} style={{ width: 140 }} />
        </label>
        <span aria-hidden>→</span>
        <label>
          {t('library.compare.to')}{' '}
          <Select aria-label={t('library.compare.to')} value={to} onChange={setTo} options={options} style={{ width: 140 }} />
        </label>
      </Space>
      {!diff && <Alert type="info" showIcon title={t('library.compare.same')} />}
      {diff && (
        <>
          <Alert
            className="form-alert"
            type={isEmptyDiff(diff) ? 'success' : 'info'}
            showIcon
            title={t('library.compare.summary', { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length, unchanged: diff.unchanged })}
          />
          {diff.meta.length > 0 && (
            <section aria-label={t('library.compare.meta')}>
              <Typography.Title level={5}>{t('library.compare.meta')}</Typography.Title>
              <ul className="diff-list">
                {diff.meta.map((m) => (
                  <ChangeLine key={m.field} label={t(`library.compare.field.${m.field}`)} from={value(m.field, m.from)} to={value(m.field, m.to)} />
                ))}
              </ul>
            </section>
          )}
          {diff.added.length > 0 && <ItemList title={t('library.compare.added')} items={diff.added} color="green" />}
          {diff.removed.length > 0 && <ItemList title={t('library.compare.removed')} items={diff.removed} color="red" />}
          {diff.changed.length > 0 && (
            <section aria-label={t('library.compare.changed')}>
              <Typography.Title level={5}>{t('library.compare.changed')}</Typography.Title>
              <Table<ItemChange>
                size="small"
                rowKey="code"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={diff.changed}
                columns={[
                  { title: t('library.item.code'), dataIndex: 'code', width: 110, render: (c: string) => <Tag color="orange">{c}</Tag> },
                  {
                    title: t('library.compare.changes'),
                    key: 'changes',
                    render: (_, c) => (
                      <ul className="diff-list">
                        {c.changes.map((f) => (
                          <ChangeLine key={f.field} label={t(`library.compare.field.${f.field}`)} from={value(f.field, f.from)} to={value(f.field, f.to)} />
                        ))}
                      </ul>
                    ),
                  },
                ]}
              />
            </section>
          )}
          {diff.documents.added.length + diff.documents.removed.length + diff.documents.changed.length > 0 && (
            <section aria-label={t('library.compare.documents')}>
              <Typography.Title level={5}>{t('library.compare.documents')}</Typography.Title>
              <ul className="diff-list">
                {diff.documents.added.map((d) => (
                  <li key={`+${d.key}`}>
                    <Tag color="green">{t('library.compare.docAdded')}</Tag>
                    {docText(d)}
                  </li>
                ))}
                {diff.documents.removed.map((d) => (
                  <li key={`-${d.key}`}>
                    <Tag color="red">{t('library.compare.docRemoved')}</Tag>
                    {docText(d)}
                  </li>
                ))}
                {diff.documents.changed.map((d) => (
                  <li key={`~${d.key}`}>
                    <Tag color="orange">{t('library.compare.docChanged')}</Tag>
                    <del>{docText(d.from)}</del> → <ins>{docText(d.to)}</ins>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {isEmptyDiff(diff) && <Empty description={t('library.compare.noChanges')} />}
        </>
      )}
    </Modal>
  );
}

function ChangeLine({ label, from, to }: { label: string; from: string; to: string }) {
  return (
    <li>
      <strong>{label}</strong>：<del>{from}</del> → <ins>{to}</ins>
    </li>
  );
}

function ItemList({ title, items, color }: { title: string; items: ItemRef[]; color: string }) {
  return (
    <section aria-label={title}>
      <Typography.Title level={5}>{title}</Typography.Title>
      <ul className="diff-list">
        {items.map((r) => (
          <li key={r.code}>
            <Tag color={color}>{r.code}</Tag>
            <span className="hint">{r.sectionTitle}</span> {r.item.requirement}
          </li>
        ))}
      </ul>
    </section>
  );
}

function basisText(list: Basis[], docs: ChecklistDocument[], unverified: string, none: string): string {
  if (list.length === 0) return none;
  return list
    .map((b) => {
      const l = basisLabel(b, docs);
      return l.unverified ? `${l.text}（${unverified}）` : l.text;
    })
    .join('；');
}

function docText(d: ChecklistDocument): string {
  return `${d.key}：《${d.title}》${d.number ? ` ${d.number}` : ''}${d.note ? `（${d.note}）` : ''}`;
}
