// The inspection report page (#/report/<id>): the report as it will print, under a toolbar that is not
// printed. Electron's printToPDF captures the page at the instant it is called, so the export button
// waits until every evidence picture has loaded (or failed, and shows as a caption instead).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Result, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAnswers, useAttachments, useChecklist, useInspection, useInspectionFindingList, useLedgerNos, useOrgUnits } from '../../db/queries';
import { navigate } from '../../app/router';
import { useHost } from '../../app/contexts';
import { errorMessage } from '../../i18n';
import { buildReport } from '../../core/report/model';
import { isImage } from '../../io/evidence';
import { useObjectUrls } from '../evidence/use-object-urls';
import { todayDate } from '../findings/finding-tags';
import { ReportDocument, type ReportImage } from './ReportDocument';
import { reportPageCss } from './page-css';

export function ReportPage({ inspectionId }: { inspectionId: string }) {
  const { t } = useTranslation();
  const host = useHost();
  const { message } = AntApp.useApp();
  const inspection = useInspection(inspectionId);
  const stored = useChecklist(inspection?.checklistId, inspection?.checklistVersion);
  const answers = useAnswers(inspectionId);
  const findingRows = useInspectionFindingList(inspectionId);
  const units = useOrgUnits();
  const repeated = useMemo(() => (findingRows ?? []).flatMap((f) => (f.repeatOf === null ? [] : [f.repeatOf])), [findingRows]);
  const ledgerNos = useLedgerNos(repeated);
  // The report date is fixed when the page opens: a report left open over midnight keeps its date.
  const [asOf] = useState(todayDate);
  const [printing, setPrinting] = useState(false);

  const report = useMemo(() => {
    if (!inspection || !stored || !answers || !findingRows || !units || !ledgerNos) return null;
    const unit = units.find((u) => u.code === inspection.orgUnitCode);
    return buildReport({
      inspection,
      checklist: stored.checklist,
      answers,
      findings: findingRows,
      orgUnit: unit ? { code: unit.code, name: unit.name } : null,
      asOf,
      ledgerNoOf: ledgerNos,
    });
  }, [inspection, stored, answers, findingRows, units, ledgerNos, asOf]);

  const attachments = useAttachments(report?.attachmentIds ?? []);
  const urls = useObjectUrls(attachments);
  const files = useMemo(
    () =>
      new Map<string, ReportImage>(
        (attachments ?? []).map((a) => {
          const u = urls.get(a.id);
          return [a.id, { attachment: a, src: isImage(a.mime) && u ? (u.thumb ?? u.full) : null }];
        }),
      ),
    [attachments, urls],
  );
  const images = useMemo(() => [...files.values()].flatMap((f) => (f.src === null ? [] : [f.src])), [files]);
  const [settled, setSettled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const onImage = useCallback((src: string, ok: boolean) => setSettled((prev) => (prev.get(src) === ok ? prev : new Map(prev).set(src, ok))), []);
  const failed = useMemo(() => new Set([...settled].flatMap(([src, ok]) => (ok ? [] : [src]))), [settled]);
  const loaded = images.filter((src) => settled.has(src)).length;
  const ready = report !== null && attachments !== undefined && loaded === images.length;

  const unitName = report?.cover.orgUnitName ?? null;
  const pageCss = useMemo(() => {
    if (!report) return '';
    const { cover } = report;
    const unit = unitName === null ? cover.orgUnitCode : t('report.unitWithCode', { name: unitName, code: cover.orgUnitCode });
    return reportPageCss({
      runningHead: t(cover.draft ? 'report.runningHeadDraft' : 'report.runningHead', { title: t('report.title'), unit, date: cover.date }),
      pageNumber: t('report.pageNumber', { page: '{page}', pages: '{pages}' }),
    });
  }, [report, unitName, t]);

  // The document title names the report too: browsers offer it as the PDF's file name.
  const fileName = report ? t('report.fileName', { code: report.cover.orgUnitCode, date: report.cover.date }) : null;
  useEffect(() => {
    if (!fileName) return;
    const before = document.title;
    document.title = fileName;
    return () => {
      document.title = before;
    };
  }, [fileName]);

  if (inspection === null)
    return <Result status="404" title={t('run.notFound')} extra={<Button onClick={() => navigate({ name: 'inspections' })}>{t('common.back')}</Button>} />;
  if (inspection === undefined || stored === undefined || !report) {
    if (stored === null) return <Alert type="error" showIcon title={t('run.checklistMissing', { id: inspection?.checklistId, version: inspection?.checklistVersion })} />;
    return (
      <div className="boot-loading" role="status">
        <Spin />
      </div>
    );
  }

  const print = async () => {
    if (!fileName) return;
    setPrinting(true);
    try {
      const r = await host.printToPdf(fileName);
      if (!r.ok) void message.error(errorMessage(t, r.error));
      else if (r.value.saved) void message.success(r.value.path ? t('report.saved', { path: r.value.path }) : t('report.savedNoPath'));
    } finally {
      setPrinting(false);
    }
  };

  return (
    <div className="report" data-testid="report-page">
      <style>{pageCss}</style>
      <div className="report-toolbar" role="toolbar" aria-label={t('report.toolbar')}>
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate({ name: 'inspection', id: inspectionId, itemCode: null })} className="runner-back">
          {t('report.back')}
        </Button>
        <Space>
          <Typography.Text type="secondary" role="status" data-testid="report-image-state">
            {ready ? t('report.ready') : t('report.loadingImages', { loaded, total: images.length })}
          </Typography.Text>
          <Button type="primary" icon={<PrinterOutlined />} disabled={!ready} loading={printing} onClick={() => void print()}>
            {host.info().kind === 'electron' ? t('report.printPdf') : t('report.printBrowser')}
          </Button>
        </Space>
      </div>
      <ReportDocument report={report} files={files} failed={failed} onImage={onImage} />
    </div>
  );
}
