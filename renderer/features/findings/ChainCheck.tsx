// 校验修改记录: re-reads every history chain on this device and checks every hash, naming the first
// entry that does not fit (and the record it belongs to) if the data was altered outside the app.
import { useState } from 'react';
import { Alert, Button, Modal, Progress } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useDb } from '../../db/queries';
import { verifyHistory, type HistoryVerification } from '../../db/repos/history';
import { navigate } from '../../app/router';

export function ChainCheck() {
  const { t } = useTranslation();
  const db = useDb();
  const [open, setOpen] = useState(false);
  const [progress, setProgress] = useState<{ checked: number; total: number } | null>(null);
  const [result, setResult] = useState<HistoryVerification | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  const run = async () => {
    setOpen(true);
    setResult(null);
    setFailed(null);
    setProgress({ checked: 0, total: 0 });
    try {
      setResult(await verifyHistory(db, (checked, total) => setProgress({ checked, total })));
    } catch (e) {
      setFailed(String(e));
    }
  };

  const broken = result?.verdicts.filter((v) => !v.ok) ?? [];
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} onClick={() => void run()}>
        {t('history.verify')}
      </Button>
      <Modal open={open} title={t('history.verifyTitle')} footer={null} onCancel={() => setOpen(false)}>
        {!result && !failed && progress && (
          <Progress percent={progress.total === 0 ? 0 : Math.floor((progress.checked * 100) / progress.total)} aria-label={t('history.verifying')} />
        )}
        {failed && <Alert type="error" showIcon title={failed} />}
        {result && broken.length === 0 && (
          <Alert type="success" showIcon title={t('history.verifyOk', { count: result.entries, devices: result.verdicts.length })} data-testid="chain-ok" />
        )}
        {broken.map((v) => {
          if (v.ok) return null;
          const entry = v.entry;
          return (
            <Alert
              key={v.deviceId}
              type="error"
              showIcon
              data-testid="chain-broken"
              title={t(`history.broken.${v.problem}`, { seq: v.seq, index: v.index + 1, device: v.deviceId.slice(0, 8) })}
              description={
                entry && (
                  <span>
                    {t('history.brokenEntry', { at: dayjs(entry.at).format('YYYY-MM-DD HH:mm:ss'), actor: entry.actor, type: t(`history.entityTypes.${entry.entityType}`) })}
                    {entry.entityType === 'finding' && (
                      <Button type="link" size="small" onClick={() => navigate({ name: 'findings', id: entry.entityId })}>
                        {t('history.openRecord')}
                      </Button>
                    )}
                  </span>
                )
              }
            />
          );
        })}
      </Modal>
    </>
  );
}
