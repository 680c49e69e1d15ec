// The organisation units this device inspects: list, add, edit, delete (tombstone) and import a list.
import { useMemo, useState } from 'react';
import { App as AntApp, Button, Form, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDb, useOrgUnits, useSettings } from '../../db/queries';
import { addOrgUnit, deleteOrgUnit, updateOrgUnit, type OrgWriteError } from '../../db/repos/org-units';
import type { OrgUnit } from '../../db/types';
import { formatOrgProblem, type OrgLevel } from '../../core/org/model';
import { errorMessage, type Language } from '../../i18n';
import { OrgUnitFields } from './OrgUnitFields';
import { SearchInput } from '../../components/SearchInput';
import { ImportOrgUnits } from './ImportOrgUnits';

type Values = { code: string; name: string; level: OrgLevel; parentCode?: string | null };

export function OrgUnitsPage() {
  const { t, i18n } = useTranslation();
  const lang: Language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const db = useDb();
  const units = useOrgUnits();
  const settings = useSettings();
  const { message } = AntApp.useApp();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<OrgUnit | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (units ?? []).filter((u) => !q || u.code.toLowerCase().includes(q) || u.name.toLowerCase().includes(q));
  }, [units, query]);
  const byCode = useMemo(() => new Map((units ?? []).map((u) => [u.code, u])), [units]);

  const showWriteError = (e: OrgWriteError) => {
    if (e.problems) {
      // Field-level problems go next to the field; the rest as a message.
      const fields = e.problems.map((p) => ({ name: p.field as keyof Values, errors: [formatOrgProblem(p, lang)] }));
      form.setFields(fields);
    } else void message.error(errorMessage(t, { code: e.code }));
  };

  const submit = async (values: Values) => {
    setSaving(true);
    const input = { code: values.code.trim(), name: values.name.trim(), level: values.level, parentCode: values.parentCode?.trim() || null };
    const r = editing === 'new' || editing === null ? await addOrgUnit(db, input) : await updateOrgUnit(db, editing.id, input);
    setSaving(false);
    if (r.ok) {
      void message.success(t('org.saved'));
      setEditing(null);
    } else showWriteError(r.error);
  };

  const open = (unit: OrgUnit | 'new') => {
    setEditing(unit);
    form.resetFields();
    form.setFieldsValue(unit === 'new' ? { level: 'outlet', parentCode: settings?.orgUnitCode ?? null } : unit);
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Typography.Title level={3}>{t('org.title')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('org.intro')}</Typography.Paragraph>
        </div>
        <Space>
          <ImportOrgUnits />
          <Button type="primary" onClick={() => open('new')}>
            {t('org.add')}
          </Button>
        </Space>
      </div>
      <SearchInput className="page-search" label={t('org.searchPlaceholder')} value={query} onChange={setQuery} />
      <Table<OrgUnit>
        rowKey="id"
        loading={!units}
        dataSource={filtered}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('org.empty') }}
        columns={[
          { title: t('org.code'), dataIndex: 'code', sorter: (a, b) => a.code.localeCompare(b.code) },
          {
            title: t('org.name'),
            dataIndex: 'name',
            render: (name: string, u) => (
              <Space>
                {name}
                {u.code === settings?.orgUnitCode && <Tag color="red">{t('org.own')}</Tag>}
              </Space>
            ),
          },
          { title: t('org.level'), dataIndex: 'level', render: (l: OrgLevel) => t(`levels.${l}`) },
          {
            title: t('org.parent'),
            dataIndex: 'parentCode',
            render: (c: string | null) => (c ? `${byCode.get(c)?.name ?? ''}（${c}）` : t('org.noParent')),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, u) => (
              <Space>
                <Button size="small" onClick={() => open(u)} aria-label={`${t('common.edit')} ${u.name}`}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('org.deleteConfirm', { name: u.name, code: u.code })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  onConfirm={async () => {
                    const r = await deleteOrgUnit(db, u.id);
                    if (r.ok) void message.success(t('org.deleted'));
                    else void message.error(errorMessage(t, r.error));
                  }}
                >
                  <Button size="small" danger aria-label={`${t('common.delete')} ${u.name}`} disabled={u.code === settings?.orgUnitCode}>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('org.addTitle') : t('org.editTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
          <OrgUnitFields
            codeLocked={editing !== 'new'}
            parent={
          <Form.Item name="parentCode" label={t('org.parent')}>
            <Select
              aria-label={t('org.parent')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(units ?? [])
                .filter((u) => editing === 'new' || editing === null || u.code !== editing.code)
                .map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))}
            />
          </Form.Item>
            }
          />
        </Form>
      </Modal>
    </div>
  );
}
