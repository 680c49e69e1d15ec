// The shell: first-start set-up until the device is configured, then the navigation and the pages.
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Layout, Menu, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDb, useUnitLabel, useSettings, useUiState } from '../db/queries';
import { setLastRoute } from '../db/repos/settings';
import { BackupReminder } from '../features/backup/BackupReminder';
import { KeyReplacedNotice } from '../features/backup/KeyReplacedNotice';
import { navigate, parseRoute, routeHash, useHash, type Route } from './router';
import { useHost } from './contexts';
import { InspectionsPage } from '../features/inspections/InspectionsPage';
import { FindingsPage } from '../features/findings/FindingsPage';
import { ChecklistLoadAlert } from '../features/checklists/ChecklistLoadAlert';
import type { ChecklistLoadReport } from '../features/checklists/load-bundled';
import { useLanguageSync } from '../features/settings/use-language-sync';
import iconUrl from '../assets/icon.svg';
import { lazyPage } from './lazy-page';

// Only the two pages a configured device opens on (检查 and 整改台账) are in the start-up script; every
// other page is its own chunk, loaded when first opened, so a cold start parses and runs less. The
// dashboard's chunk, once preloaded, renders without suspending (lazy-page.tsx).
const dashboard = lazyPage(async () => (await import('../features/dashboard/DashboardPage')).DashboardPage);
const DashboardPage = dashboard.Page;

/**
 * Loads the chunks of the pages opened from the register (统计看板) ahead of time, when the main thread
 * is idle after start-up (Boot.tsx), so opening them shows their figures without waiting for a script
 * or a Suspense fallback.
 */
export function preloadPages(): void {
  dashboard.preload().catch(() => undefined);
}
const LedgerExportPage = lazy(async () => ({ default: (await import('../features/ledger/LedgerExportPage')).LedgerExportPage }));
const LedgerImportPage = lazy(async () => ({ default: (await import('../features/import/LedgerImportPage')).LedgerImportPage }));
const Onboarding = lazy(async () => ({ default: (await import('../features/onboarding/Onboarding')).Onboarding }));
const InspectionRunner = lazy(async () => ({ default: (await import('../features/inspection/InspectionRunner')).InspectionRunner }));
const ReportPage = lazy(async () => ({ default: (await import('../features/report/ReportPage')).ReportPage }));
const OrgUnitsPage = lazy(async () => ({ default: (await import('../features/org-units/OrgUnitsPage')).OrgUnitsPage }));
const OverviewPage = lazy(async () => ({ default: (await import('../features/overview/OverviewPage')).OverviewPage }));
const ChecklistsPage = lazy(async () => ({ default: (await import('../features/checklists/ChecklistsPage')).ChecklistsPage }));
const ChecklistDetail = lazy(async () => ({ default: (await import('../features/checklists/ChecklistDetail')).ChecklistDetail }));
const SettingsPage = lazy(async () => ({ default: (await import('../features/settings/SettingsPage')).SettingsPage }));

/** `checklistReport` is null while the bundled checklists are still loading; `app-ready` marks the app once they are stored. */
export function App({ checklistReport }: { checklistReport: ChecklistLoadReport | null }) {
  const { t } = useTranslation();
  const db = useDb();
  const host = useHost();
  const settings = useSettings();
  const ui = useUiState();
  const unitLabel = useUnitLabel(settings?.orgUnitCode);
  const hash = useHash();
  const route = parseRoute(hash);
  const restored = useRef(false);
  useLanguageSync(ui?.language);

  // Reopening the app returns to where the inspector left off.
  useEffect(() => {
    if (restored.current || !ui) return;
    restored.current = true;
    if (!window.location.hash && ui.lastRoute) navigate(parseRoute(ui.lastRoute), { replace: true });
  }, [ui]);

  useEffect(() => {
    if (restored.current && settings) void setLastRoute(db, routeHash(route));
  }, [db, settings, hash]); // eslint-disable-line react-hooks/exhaustive-deps -- route derives from hash

  if (settings === undefined || ui === undefined) {
    return (
      <div className="boot-loading" role="status">
        <Spin size="large" />
      </div>
    );
  }
  const pageLoading = (
    <div className="page-loading" role="status" aria-label={t('app.loadingPage')}>
      <Spin size="large" />
    </div>
  );
  if (settings === null) {
    return (
      <>
        {checklistReport && <ChecklistLoadAlert report={checklistReport} />}
        <Suspense fallback={pageLoading}>
          <Onboarding />
        </Suspense>
      </>
    );
  }

  const selected = route.name === 'inspection' || route.name === 'report' ? 'inspections' : route.name === 'checklist' ? 'checklists' : route.name;
  const items: { key: Route['name']; label: string }[] = [
    { key: 'inspections', label: t('app.nav.inspections') },
    { key: 'findings', label: t('app.nav.findings') },
    { key: 'dashboard', label: t('dashboard.nav') },
    { key: 'overview', label: t('overview.nav') },
    { key: 'ledger', label: t('ledgerExport.nav') },
    { key: 'import', label: t('ledgerImport.nav') },
    { key: 'checklists', label: t('library.nav') },
    { key: 'orgUnits', label: t('app.nav.orgUnits') },
    { key: 'settings', label: t('app.nav.settings') },
  ];

  return (
    <Layout className="app-layout" data-testid={checklistReport ? 'app-ready' : 'app-starting'}>
      <Layout.Header className="app-header">
        <div className="app-brand">
          <img src={iconUrl} alt="" width={28} height={28} />
          <Typography.Title level={4} className="app-brand-title">
            {t('app.title')}
          </Typography.Title>
        </div>
        <Menu
          theme="dark"
          mode="horizontal"
          aria-label={t('app.nav.mainMenu')}
          selectedKeys={[selected]}
          items={items}
          onClick={({ key }) => navigate({ name: key as Exclude<Route['name'], 'inspection'> } as Route)}
          className="app-menu"
        />
        <div className="app-identity">
          {host.info().kind === 'browser' && <Tag color="blue">{t('app.webMode')}</Tag>}
          <span>{unitLabel ?? settings.orgUnitCode}</span>
          <span aria-hidden>·</span>
          <span>{settings.inspectorName}</span>
        </div>
      </Layout.Header>
      <Layout.Content className="app-content">
        {checklistReport && <ChecklistLoadAlert report={checklistReport} />}
        <KeyReplacedNotice settings={settings} />
        <BackupReminder settings={settings} />
        <Suspense fallback={pageLoading}>
          {route.name === 'inspections' && <InspectionsPage />}
          {route.name === 'inspection' && <InspectionRunner inspectionId={route.id} itemCode={route.itemCode} />}
          {route.name === 'report' && <ReportPage inspectionId={route.id} />}
          {route.name === 'dashboard' && <DashboardPage />}
          {route.name === 'findings' && <FindingsPage findingId={route.id} unitScope={route.unit ?? null} />}
          {route.name === 'overview' && <OverviewPage tab={route.tab ?? 'tree'} />}
          {route.name === 'orgUnits' && <OrgUnitsPage />}
          {route.name === 'checklists' && <ChecklistsPage />}
          {route.name === 'checklist' && <ChecklistDetail id={route.id} version={route.version} />}
          {route.name === 'settings' && <SettingsPage />}
          {route.name === 'ledger' && <LedgerExportPage />}
          {route.name === 'import' && <LedgerImportPage />}
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
