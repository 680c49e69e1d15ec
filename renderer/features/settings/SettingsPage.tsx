// Everything set at first start can be changed here; the device key's fingerprint is always visible.
import { App as AntApp, Button, Card, Descriptions, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDb, useOrgUnits, useSettings, useUiState } from '../../db/queries';
import { setLanguage, updateSettings } from '../../db/repos/settings';
import type { Language, Role } from '../../db/types';
import { errorMessage } from '../../i18n';
import { useHost } from '../../app/contexts';
import { BackupCard } from '../backup/BackupCard';

type Values = { role: Role; inspectorName: string; orgUnitCode: string };

export function SettingsPage() {
  const { t } = useTranslation();
  const db = useDb();
  const host = useHost();
  const settings = useSettings();
  const ui = useUiState();
  const units = useOrgUnits();
  const { message } = AntApp.useApp();
  if (!settings || !ui || !units) return null;
  const info = host.info();

  const save = async (values: Values) => {
    const r = await updateSettings(db, values);
    if (r.ok) void message.success(t('settings.saved'));
    else void message.error(errorMessage(t, r.error));
  };

  return (
    <div className="page">
      <Typography.Title level={3}>{t('settings.title')}</Typography.Title>
      <Space orientation="vertical" size="large" className="full-width">
        <Card>
          <Form<Values>
            layout="vertical"
            initialValues={{ role: settings.role, inspectorName: settings.inspectorName, orgUnitCode: settings.orgUnitCode }}
            onFinish={(v) => void save(v)}
            className="settings-form"
          >
            <Form.Item name="role" label={t('settings.role')}>
              <Radio.Group aria-label={t('settings.role')}>
                <Radio value="branch">{t('roles.branch')}</Radio>
                <Radio value="head">{t('roles.head')}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="inspectorName" label={t('settings.inspectorName')} rules={[{ required: true, whitespace: true, max: 50, message: t('errors.setup.inspectorName') }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="orgUnitCode" label={t('settings.ownOrg')}>
              <Select
                aria-label={t('settings.ownOrg')}
                showSearch={{ optionFilterProp: 'label' }}
                options={units.map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('common.save')}
            </Button>
          </Form>
        </Card>
        <Card title={t('settings.language')}>
          <Radio.Group
            aria-label={t('settings.language')}
            value={ui.language}
            onChange={(e) => void setLanguage(db, e.target.value as Language)}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en-US', label: 'English' },
            ]}
          />
        </Card>
        <BackupCard />
        <Card title={t('settings.device')}>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('settings.fingerprint')}>
              <Typography.Text code copyable data-testid="key-fingerprint">
                {settings.fingerprint}
              </Typography.Text>
              <div className="hint">{t('settings.keyAlgo')}</div>
            </Descriptions.Item>
            <Descriptions.Item label={t('settings.deviceId')}>
              <Typography.Text code copyable>
                {settings.deviceId}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('settings.mode')}>{info.kind === 'electron' ? t('settings.modeElectron') : t('settings.modeBrowser')}</Descriptions.Item>
            <Descriptions.Item label={t('settings.appVersion')}>{info.version}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Space>
    </div>
  );
}
