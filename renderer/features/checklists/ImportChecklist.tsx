// Import a checklist from JSON, the Excel template or a signed package. The file is checked completely
// first; the preview shows every problem (for Excel: sheet, row, column, reason) or what would be
// imported, with the issuer and key fingerprint of a signed package. Nothing is stored until confirmed.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChecklists, useDb } from '../../db/queries';
import { importChecklist } from '../../db/repos/checklists';
import { useHost } from '../../app/contexts';
import { allItems } from '../../core/checklist/items';
import { formatChecklistProblem } from '../../core/checklist/messages';
import { sheetProblemReason } from '../../core/checklist/sheet-messages';
import type { SheetProblem } from '../../core/checklist/sheets';
import { compareVersions } from '../../core/checklist/versions';
import { CHECKLIST_FILE_EXTENSIONS, readChecklistFile, type ChecklistReadFailure, type ReadChecklist } from '../../io/checklist-file';
import { platformEd25519Verify, platformSha256 } from '../../platform/crypto';
import type { ChecklistProvenance } from '../../db/types';
import { errorMessage, type Language } from '../../i18n';
import { PackageSigner } from './PackageSigner';

type Preview = { fileName: string } & ({ read: ReadChecklist } | { failure: ChecklistReadFailure });

export function ImportChecklist() {
  const { t, i18n } = useTranslation();
  const lang: Language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const db = useDb();
  const host = useHost();
  const stored = useChecklists();
  const { message } = AntApp.useApp();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [reading, setReading] = useState(false);
  const [saving, setSaving] = useState(false);

  const pick = async () => {
    const picked = await host.openFiles({ filters: [{ name: t('library.import.filter'), extensions: [...CHECKLIST_FILE_EXTENSIONS] }], multiple: false });
    if (!picked.ok) {
      void message.error(errorMessage(t, picked.error));
      return;
    }
    const file = picked.value[0];
    if (!file) return;
    setReading(true);
    const r = await readChecklistFile(file.name, file.bytes, { sha256: platformSha256, verify: platformEd25519Verify });
    setReading(false);
    setPreview(r.ok ? { fileName: file.name, read: r.value } : { fileName: file.name, failure: r.error });
  };

  const read = preview && 'read' in preview ? preview.read : null;
  const same = read ? stored?.find((s) => s.id === read.checklist.id && s.version === read.checklist.version) : undefined;
  const newerStored = read
    ? stored?.filter((s) => s.id === read.checklist.id && compareVersions(s.version, read.checklist.version) > 0).sort((a, b) => compareVersions(b.version, a.version))[0]
    : undefined;
  const canImport = read !== null && same === undefined;

  const confirm = async () => {
    if (!preview || !read) return;
    setSaving(true);
    const p = read.package;
    const provenance: ChecklistProvenance | undefined = p
      ? { issuer: p.manifest.issuer, fingerprint: p.signer.fingerprint, deviceId: p.signer.deviceId, exportedAt: p.manifest.exportedAt, exportedBy: p.manifest.exportedBy }
      : undefined;
    const r = await importChecklist(db, { fileName: preview.fileName, checklist: read.checklist, sha256: read.sha256, ...(provenance ? { provenance } : {}) });
    setSaving(false);
    if (!r.ok) {
      setPreview({ fileName: preview.fileName, failure: { kind: 'error', error: r.error } });
      return;
    }
    void message.success(t('library.import.imported', { title: read.checklist.title, version: read.checklist.version }));
    setPreview(null);
  };

  const c = read?.checklist;
  return (
    <>
      <Button type="primary" disabled={reading} onClick={() => void pick()}>
        {t('library.import.button')}
      </Button>
      <Modal
        open={preview !== null}
        title={`${t('library.import.title')}：${preview?.fileName ?? ''}`}
        width={860}
        okText={t('library.import.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !canImport || saving }}
        onOk={() => void confirm()}
        onCancel={() => setPreview(null)}
      >
        <Typography.Paragraph type="secondary">{t('library.import.help')}</Typography.Paragraph>
        {preview && 'failure' in preview && <FailureView failure={preview.failure} lang={lang} />}
        {read && c && (
          <>
            {read.package && <PackageSigner opened={read.package} />}
            {same && same.sha256 === read.sha256 && <Alert className="form-alert" type="info" showIcon title={t('library.import.alreadyPresent', { title: c.title, version: c.version })} />}
            {same && same.sha256 !== read.sha256 && <Alert className="form-alert" type="error" showIcon title={t('library.import.conflict', { title: c.title, version: c.version })} />}
            {!same && (
              <Alert
                className="form-alert"
                type="success"
                showIcon
                title={t('library.import.ready', { title: c.title, version: c.version, items: allItems(c).length })}
                description={newerStored ? t('library.import.olderThanStored', { version: newerStored.version }) : t('library.import.willBeNewest')}
              />
            )}
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('library.detail.id')}>{c.id}</Descriptions.Item>
              <Descriptions.Item label={t('library.detail.version')}>{c.version}</Descriptions.Item>
              <Descriptions.Item label={t('library.detail.issuer')}>{c.issuer}</Descriptions.Item>
              <Descriptions.Item label={t('library.detail.effectiveFrom')}>{c.effectiveFrom}</Descriptions.Item>
              <Descriptions.Item label={t('library.detail.sections')} span={2}>
                {c.sections.map((s) => `${s.title}（${s.items.length}）`).join('、')}
              </Descriptions.Item>
              <Descriptions.Item label={t('library.detail.fingerprint')} span={2}>
                <Typography.Text code className="fingerprint">
                  {read.sha256}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          </>
        )}
      </Modal>
    </>
  );
}

function FailureView({ failure, lang }: { failure: ChecklistReadFailure; lang: Language }) {
  const { t } = useTranslation();
  if (failure.kind === 'error') {
    return <Alert type="error" showIcon title={errorMessage(t, failure.error)} description={failure.error.detail} />;
  }
  if (failure.kind === 'json') {
    return (
      <Alert
        type="error"
        showIcon
        title={t('library.import.problems', { count: failure.problems.length })}
        description={
          <ul className="problem-list" aria-label={t('library.import.problemList')}>
            {failure.problems.map((p, i) => (
              <li key={i}>{formatChecklistProblem(p, lang)}</li>
            ))}
          </ul>
        }
      />
    );
  }
  return (
    <>
      <Alert className="form-alert" type="error" showIcon title={t('library.import.problems', { count: failure.problems.length })} />
      <section aria-label={t('library.import.problemList')}>
        <Table<SheetProblem & { key: number }>
          size="small"
          dataSource={failure.problems.map((p, key) => ({ ...p, key }))}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('library.import.sheet'), dataIndex: 'sheet', width: 100, render: (s: string) => s || t('library.import.wholeBook') },
            { title: t('library.import.row'), dataIndex: 'row', width: 60, render: (r: number) => (r > 0 ? r : '') },
            { title: t('library.import.column'), dataIndex: 'column', width: 140 },
            { title: t('library.import.problem'), key: 'reason', render: (_, p) => sheetProblemReason(p, lang) },
          ]}
        />
      </section>
    </>
  );
}
