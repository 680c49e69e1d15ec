// First start: role → own organisation unit → inspector; then the device key is generated and its
// fingerprint shown.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Result, Space, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDb } from '../../db/queries';
import { completeSetup } from '../../db/repos/settings';
import type { DeviceSettings, Role } from '../../db/types';
import type { OrgLevel } from '../../core/org/model';
import { errorMessage } from '../../i18n';
import type { AppError } from '../../core/result';
import { OrgUnitFields } from '../org-units/OrgUnitFields';
import { useRestore } from '../backup/use-restore';

type OrgValues = { code: string; name: string; level: OrgLevel; parentCode?: string };

export function Onboarding() {
  const { t } = useTranslation();
  const db = useDb();
  const [step, setStep] = useState(0);
  const [role, setRole] = useState<Role>('branch');
  const [org, setOrg] = useState<OrgValues | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<DeviceSettings | null>(null);
  const [orgForm] = Form.useForm<OrgValues>();
  const [nameForm] = Form.useForm<{ inspectorName: string }>();
  const restore = useRestore();

  const finish = async ({ inspectorName }: { inspectorName: string }) => {
    if (!org) return;
    setBusy(true);
    setError(null);
    const r = await completeSetup(db, {
      role,
      inspectorName,
      orgUnit: { code: org.code.trim(), name: org.name.trim(), level: org.level, parentCode: org.parentCode?.trim() || null },
    });
    setBusy(false);
    if (r.ok) setDone(r.value);
    else setError(r.error);
  };

  if (done) {
    // Settings now exist, so the live query re-renders <App> past this screen; this is a brief flash at most.
    return <Result status="success" title={t('setup.done')} subTitle={`${t('setup.fingerprint')}: ${done.fingerprint}`} />;
  }

  return (
    <main className="onboarding">
      <Card className="onboarding-card">
        <Typography.Title level={2}>{t('setup.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
        <Steps current={step} className="onboarding-steps" items={[{ title: t('setup.stepRole') }, { title: t('setup.stepOrg') }, { title: t('setup.stepInspector') }]} />

        {step === 0 && (
          <Form layout="vertical" onFinish={() => setStep(1)}>
            <Form.Item label={t('setup.roleQuestion')}>
              <Radio.Group value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label={t('setup.roleQuestion')}>
                <Space orientation="vertical">
                  <Radio value="branch">
                    <strong>{t('roles.branch')}</strong>
                    <div className="hint">{t('roles.branchHint')}</div>
                  </Radio>
                  <Radio value="head">
                    <strong>{t('roles.head')}</strong>
                    <div className="hint">{t('roles.headHint')}</div>
                  </Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('common.next')}
              </Button>
              <Button type="link" onClick={() => void restore.start()}>
                {t('backup.fromBackup')}
              </Button>
            </Space>
          </Form>
        )}

        {step === 1 && (
          <Form<OrgValues>
            form={orgForm}
            layout="vertical"
            initialValues={org ?? { level: role === 'head' ? 'head' : 'branch' }}
            onFinish={(values) => {
              setOrg(values);
              setStep(2);
            }}
          >
            <Typography.Paragraph>{t('setup.orgIntro')}</Typography.Paragraph>
            <OrgUnitFields autoFocus />
            <Space>
              <Button onClick={() => setStep(0)}>{t('common.previous')}</Button>
              <Button type="primary" htmlType="submit">
                {t('common.next')}
              </Button>
            </Space>
          </Form>
        )}

        {step === 2 && (
          <Form form={nameForm} layout="vertical" onFinish={(v) => void finish(v)}>
            <Typography.Paragraph>{t('setup.inspectorIntro')}</Typography.Paragraph>
            <Form.Item name="inspectorName" label={t('settings.inspectorName')} rules={[{ required: true, whitespace: true, max: 50, message: t('errors.setup.inspectorName') }]}>
              <Input autoFocus maxLength={50} />
            </Form.Item>
            {error && <Alert type="error" showIcon title={errorMessage(t, error)} className="form-alert" />}
            <Space>
              <Button onClick={() => setStep(1)} disabled={busy}>
                {t('common.previous')}
              </Button>
              <Button type="primary" htmlType="submit" loading={busy}>
                {busy ? t('setup.finishing') : t('setup.finish')}
              </Button>
            </Space>
          </Form>
        )}
      </Card>
      {restore.element}
    </main>
  );
}
