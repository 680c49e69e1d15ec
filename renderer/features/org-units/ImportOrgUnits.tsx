// Import a list of units from CSV (UTF-8 or GB18030, as Excel in China often saves) or .xlsx.
// The whole file is validated first; nothing is written unless every row is valid.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDb, useOrgUnits } from '../../db/queries';
import { importOrgUnits } from '../../db/repos/org-units';
import { useHost } from '../../app/contexts';
import { parseCsv } from '../../core/csv';
import { readWorkbookRows } from '../../io/workbook';
import { decodeText } from '../../io/text';
import { formatOrgProblem, type OrgUnitInput } from '../../core/org/model';
import { parseOrgRows, type OrgRowProblem } from '../../core/org/rows';
import { appError, err, ok, type AppError, type Result } from '../../core/result';
import { errorMessage, type Language } from '../../i18n';

type Preview = { fileName: string; units: OrgUnitInput[] } | { fileName: string; problems: OrgRowProblem[] } | { fileName: string; error: AppError };

async function rowsOf(name: string, bytes: Uint8Array): Promise<Result<string[][]>> {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
    const parsed = parseCsv(decodeText(bytes));
    return parsed.ok ? ok(parsed.value) : parsed;
  }
  if (lower.endsWith('.xlsx')) {
    const book = await readWorkbookRows(bytes);
    if (!book.ok) return book;
    return ok(book.value.sheets[0]?.rows ?? []);
  }
  return err(appError('import.unsupportedType', { name }));
}

export function ImportOrgUnits() {
  const { t, i18n } = useTranslation();
  const lang: Language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const db = useDb();
  const host = useHost();
  const units = useOrgUnits();
  const { message } = AntApp.useApp();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async () => {
    const picked = await host.openFiles({ filters: [{ name: 'CSV / Excel', extensions: ['csv', 'xlsx', 'txt'] }], multiple: false });
    if (!picked.ok) {
      void message.error(errorMessage(t, picked.error));
      return;
    }
    const file = picked.value[0];
    if (!file) return;
    const rows = await rowsOf(file.name, file.bytes);
    if (!rows.ok) {
      setPreview({ fileName: file.name, error: rows.error });
      return;
    }
    const parsed = parseOrgRows(rows.value, units ?? []);
    setPreview(parsed.ok ? { fileName: file.name, units: parsed.value.units } : { fileName: file.name, problems: parsed.error });
  };

  const confirm = async () => {
    if (!preview || !('units' in preview)) return;
    setBusy(true);
    const r = await importOrgUnits(db, preview.units);
    setBusy(false);
    if (r.ok) {
      void message.success(t('org.imported', { count: r.value.added }));
      setPreview(null);
    } else {
      setPreview({ fileName: preview.fileName, error: { code: r.error.code, ...(r.error.problems ? { detail: r.error.problems.map((p) => formatOrgProblem(p, lang)).join('\n') } : {}) } });
    }
  };

  return (
    <>
      <Button onClick={() => void pick()}>{t('org.importButton')}</Button>
      <Modal
        open={preview !== null}
        title={`${t('org.importTitle')}：${preview?.fileName ?? ''}`}
        width={760}
        okText={t('common.import')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !preview || !('units' in preview) }}
        confirmLoading={busy}
        onOk={() => void confirm()}
        onCancel={() => setPreview(null)}
      >
        <Typography.Paragraph type="secondary">{t('org.importHelp')}</Typography.Paragraph>
        {preview && 'error' in preview && <Alert type="error" showIcon title={errorMessage(t, preview.error)} description={preview.error.detail} />}
        {preview && 'problems' in preview && (
          <Alert
            type="error"
            showIcon
            title={t('org.importProblems', { count: preview.problems.length })}
            description={
              <ul className="problem-list" aria-label={t('org.importTitle')}>
                {preview.problems.slice(0, 100).map((p, i) => (
                  <li key={i}>{formatOrgProblem(p, lang)}</li>
                ))}
              </ul>
            }
          />
        )}
        {preview && 'units' in preview && (
          <>
            <Alert type="success" showIcon title={t('org.importPreview', { count: preview.units.length })} />
            <Table<OrgUnitInput>
              size="small"
              rowKey="code"
              dataSource={preview.units}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              columns={[
                { title: t('org.code'), dataIndex: 'code' },
                { title: t('org.name'), dataIndex: 'name' },
                { title: t('org.level'), dataIndex: 'level', render: (l: string) => t(`levels.${l}`) },
                { title: t('org.parentCode'), dataIndex: 'parentCode', render: (c: string | null) => c ?? t('org.noParent') },
              ]}
            />
          </>
        )}
      </Modal>
    </>
  );
}
