// Owns start-up state: opens the database once, reports open failures and blocked upgrades, hands over
// to <App>, and loads the bundled checklists meanwhile (their report reaches the app when done).
import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import { createDb, type XbDb } from '../db/db';
import { openDb } from '../db/open';
import { DbProvider } from '../db/queries';
import { findingsLoaded, preloadFindings } from '../db/finding-store';
import { getUiState } from '../db/repos/settings';
import { appError, type AppError } from '../core/result';
import type { Host } from '../host/host';
import { antdLocale, applyDayjs, initI18n, type Language } from '../i18n';
import { HostContext } from './contexts';
import { App, preloadPages } from './App';
import { ErrorScreen } from '../components/ErrorScreen';
import { loadBundledChecklists, type ChecklistLoadReport } from '../features/checklists/load-bundled';
import { theme } from './theme';
import { idlePeriod } from '../io/idle';

type State =
  | { phase: 'starting' }
  | { phase: 'failed'; error: AppError }
  | { phase: 'ready'; db: XbDb };

export function Boot({ host, makeDb = createDb }: { host: Host; makeDb?: () => XbDb }) {
  const [i18n, setI18n] = useState<i18n | null>(null);
  const [state, setState] = useState<State>({ phase: 'starting' });
  const [notice, setNotice] = useState<'db.blocked' | 'db.versionChange' | null>(null);
  const [checklists, setChecklists] = useState<ChecklistLoadReport | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      performance.mark('boot:start');
      const instance = await initI18n('zh-CN');
      performance.mark('boot:i18n');
      if (cancelled) return;
      setI18n(instance);
      const opened = await openDb(makeDb(), {
        onBlocked: () => setNotice('db.blocked'),
        onVersionChange: () => setNotice('db.versionChange'),
      });
      performance.mark('boot:db-open');
      if (cancelled) return;
      if (!opened.ok) {
        setState({ phase: 'failed', error: opened.error });
        return;
      }
      setNotice((n) => (n === 'db.blocked' ? null : n));
      // The register's findings take longest to read: start now, in the background, a chunk at a time.
      preloadFindings(opened.value);
      const ui = await getUiState(opened.value);
      if (ui.language !== instance.language) await instance.changeLanguage(ui.language);
      applyDayjs(ui.language);
      // The app is shown now: waiting for the bundled checklists (read, parsed, fingerprinted, stored)
      // kept the register blank until every finding had loaded, as both share the main thread. They are
      // loaded once the findings are, when the main thread is idle: stored ones are only re-checked
      // (a new device has no findings, so its checklists come at once).
      performance.mark('boot:ready');
      setState({ phase: 'ready', db: opened.value });
      await findingsLoaded(opened.value);
      await idlePeriod(2000);
      if (cancelled) return;
      preloadPages();
      const report = await loadBundledChecklists(opened.value, host);
      if (!cancelled) setChecklists(report);
    })().catch((e: unknown) => {
      // A start-up left behind (the page closed, its database closed under it) has nobody to tell.
      // Otherwise: before the app is shown, the error screen says what failed; after, the app works on
      // and the failure is logged (the bundled checklists are tried again at the next start).
      if (cancelled) return;
      console.error('start-up failed', e);
      setState((s) => (s.phase === 'starting' ? { phase: 'failed', error: appError('db.openFailed', undefined, e instanceof Error ? e.message : String(e)) } : s));
    });
    return () => {
      cancelled = true;
    };
  }, [host, makeDb]);

  if (!i18n) return null;
  const language = (i18n.language === 'en-US' ? 'en-US' : 'zh-CN') satisfies Language;
  return (
    <I18nextProvider i18n={i18n}>
      <ConfigProvider locale={antdLocale(language)} theme={theme} button={{ autoInsertSpace: false }}>
        {/* Messages open below the 64 px header, so a toast never covers the navigation it may be hovered over. */}
        <AntApp message={{ top: 72 }}>
          <HostContext.Provider value={host}>
            {notice && <ErrorScreen kind="notice" error={{ code: notice }} onReload={() => window.location.reload()} />}
            {!notice && state.phase === 'starting' && (
              <div className="boot-loading" role="status" aria-live="polite">
                <Spin size="large" />
                <span>{i18n.t('app.loading')}</span>
              </div>
            )}
            {!notice && state.phase === 'failed' && <ErrorScreen kind="fatal" error={state.error} onReload={() => window.location.reload()} />}
            {!notice && state.phase === 'ready' && (
              <DbProvider db={state.db}>
                <App checklistReport={checklists} />
              </DbProvider>
            )}
          </HostContext.Provider>
        </AntApp>
      </ConfigProvider>
    </I18nextProvider>
  );
}
