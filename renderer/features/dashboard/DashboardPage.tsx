// 统计看板: charts and the summary statement over exactly the findings the register shows, with the
// register's own filter bar and the same active filters (use-register-filter.ts). Counting is pure
// code in core/finding/dashboard.ts, remembered per filtered rows array (dashboard-view.ts).
// The counted line, the summary statement and every chart's spoken summary and table show in the same
// render; the SVG drawings follow a frame later, once each card's width is known (ChartCard.tsx).
import { useCallback, useDeferredValue, useMemo } from 'react';
import { App as AntApp, Col, Empty, Row, Space, Spin, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHost } from '../../app/contexts';
import { errorMessage } from '../../i18n';
import { useFindingRows, useOrgUnits } from '../../db/queries';
import type { SummaryLang } from '../../core/ledger/summary';
import { FilterBar } from '../findings/FilterBar';
import { useRegisterFilter } from '../findings/use-register-filter';
import { filteredRows } from '../findings/register-view';
import { todayDate } from '../findings/finding-tags';
import { chartColors, dashboardCharts, type ChartId, type ChartSpec } from './chart-options';
import { ChartCard } from './ChartCard';
import { SummaryCard } from './SummaryCard';
import { dashboardFor } from './dashboard-view';
import { svgToPng } from './svg-png';

/** Charts that read well side by side; the others take the full width. */
const HALF_WIDTH = new Set<ChartId>(['severity', 'status']);

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { rows, loading, loaded, live, facets } = useFindingRows();
  const units = useOrgUnits();
  const [filter, setFilter] = useRegisterFilter();
  const { token } = theme.useToken();
  const today = todayDate();
  const lang: SummaryLang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';

  const deferredFilter = useDeferredValue(filter);
  const shown = useMemo(() => filteredRows(rows, deferredFilter, today), [rows, deferredFilter, today]);
  // Counted once the units are known (the charts roll units up to branches), and remembered per rows array.
  const dashboard = useMemo(() => (units === undefined ? null : dashboardFor(shown, units, today)), [shown, units, today]);
  const names = useMemo(() => new Map((units ?? []).map((u) => [u.code, u.name])), [units]);
  const unitName = useCallback((code: string) => names.get(code) ?? code, [names]);
  const colors = useMemo(() => chartColors(token), [token]);
  const charts = useMemo(() => (dashboard === null ? [] : dashboardCharts(dashboard, { t, lang, unitName, colors })), [dashboard, t, lang, unitName, colors]);
  const host = useHost();
  const { message } = AntApp.useApp();
  // One handler for every card (a card renders again only when its chart changes): the drawn SVG as a PNG, saved through the host.
  const save = useCallback(
    async (spec: ChartSpec, svg: SVGSVGElement | null): Promise<void> => {
      const fileName = `${spec.title}-${today}.png`;
      const bytes = svg ? await svgToPng(svg, colors.background) : null;
      if (!bytes) {
        void message.error(t('dashboard.pngUnavailable'));
        return;
      }
      const saved = await host.saveFile(fileName, bytes, [{ name: t('dashboard.pngFileType'), extensions: ['png'] }]);
      if (!saved.ok) void message.error(errorMessage(t, saved.error));
      else if (saved.value.saved) void message.success(t('dashboard.savedPng', { file: saved.value.path ?? fileName }));
    },
    [host, message, t, today, colors],
  );
  const onSave = useCallback((spec: ChartSpec, svg: SVGSVGElement | null) => void save(spec, svg), [save]);
  const saveLabel = t('dashboard.savePng');
  // The same element while the charts are the same: typing in the filter bar renders the page, not the grid.
  const grid = useMemo(
    () => (
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {charts.map((spec) => (
          <Col key={spec.id} xs={24} xl={HALF_WIDTH.has(spec.id) ? 12 : 24}>
            <ChartCard spec={spec} colors={colors} saveLabel={saveLabel} onSave={onSave} />
          </Col>
        ))}
      </Row>
    ),
    [charts, colors, saveLabel, onSave],
  );

  const head = (
    <div className="page-head">
      <div>
        <Typography.Title level={3}>{t('dashboard.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('dashboard.intro')}</Typography.Paragraph>
      </div>
    </div>
  );
  // Without the units the charts would name units by code: wait for both (the units are quick to read).
  if (loading || units === undefined || dashboard === null) {
    return (
      <div className="page page-wide">
        {head}
        <Space role="status">
          <Spin />
          {t('dashboard.loading', { count: loaded })}
        </Space>
      </div>
    );
  }
  if (live === 0) {
    return (
      <div className="page page-wide">
        {head}
        <Empty description={t('dashboard.empty')} />
      </div>
    );
  }
  return (
    <div className="page page-wide">
      {head}
      <FilterBar filter={filter} onChange={setFilter} units={units ?? []} categories={facets.categories} checklists={facets.checklists} />
      <div className="register-summary" role="status" aria-live="polite" data-testid="dashboard-counted">
        <span>{t('dashboard.counted', { count: dashboard.findings })}</span>
        {dashboard.voided > 0 && <span className="hint">{t('dashboard.voidedLeftOut', { count: dashboard.voided })}</span>}
        {dashboard.undated > 0 && <span className="hint">{t('dashboard.undatedNote', { count: dashboard.undated })}</span>}
      </div>
      <SummaryCard rows={shown} lang={lang} today={today} />
      {dashboard.findings === 0 ? (
        <Empty description={t('dashboard.noMatch')} style={{ marginTop: 24 }} />
      ) : (
        grid
      )}
    </div>
  );
}
