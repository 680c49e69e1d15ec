// Who signed a checklist package, as verified: the issuing unit, the key fingerprint to compare with the
// one head office announced through another channel, and when and by whom it was exported.
import { Alert, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { OpenedChecklistPackage } from '../../core/checklist/package';
import type { ChecklistProvenance } from '../../db/types';

export function PackageSigner({ opened }: { opened: OpenedChecklistPackage }) {
  const { t } = useTranslation();
  const m = opened.manifest;
  return (
    <>
      <Alert className="form-alert" type="success" showIcon title={t('library.package.signatureValid')} description={t('library.package.fingerprintHint')} />
      <SignerFacts
        provenance={{ issuer: m.issuer, fingerprint: opened.signer.fingerprint, deviceId: opened.signer.deviceId, exportedAt: m.exportedAt, exportedBy: m.exportedBy }}
      />
    </>
  );
}

export function SignerFacts({ provenance }: { provenance: ChecklistProvenance }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={2} bordered className="signer-facts">
      <Descriptions.Item label={t('library.package.issuer')}>
        {provenance.issuer.name}（{provenance.issuer.code}）· {t(`levels.${provenance.issuer.level}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('library.package.exportedAt')}>
        {dayjs(provenance.exportedAt).format('YYYY-MM-DD HH:mm')} · {provenance.exportedBy}
      </Descriptions.Item>
      <Descriptions.Item label={t('library.package.fingerprint')} span={2}>
        <Typography.Text code className="fingerprint" data-testid="package-fingerprint">
          {provenance.fingerprint}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}
