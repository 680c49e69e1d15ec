// Hash routes: they survive a reload in web mode and need no server support; the last route is also
// remembered in the database so reopening the app returns to the same inspection and item.
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'inspections' }
  | { name: 'inspection'; id: string; itemCode: string | null }
  /** The printable report of an inspection: its own top-level path, so no item code can ever be taken for it. */
  | { name: 'report'; id: string }
  | { name: 'dashboard' }
  /** unit: open the register filtered to this unit and every unit below it (机构总览 links here; see FindingsPage). */
  | { name: 'findings'; id: string | null; unit?: string | null }
  | { name: 'orgUnits' }
  | { name: 'checklists' }
  | { name: 'checklist'; id: string; version: string }
  | { name: 'settings' }
  | { name: 'ledger' }
  | { name: 'import' }
  | { name: 'overview'; tab?: OverviewTab };

export type OverviewTab = 'tree' | 'matrix';

export function parseRoute(hash: string): Route {
  // A query (`#/findings?unit=BR01`) tells the page how to start, never which page it is.
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  const unit = new URLSearchParams(query).get('unit');
  if (parts[0] === 'inspections' && parts[1]) return { name: 'inspection', id: parts[1], itemCode: parts[2] ?? null };
  if (parts[0] === 'report' && parts[1]) return { name: 'report', id: parts[1] };
  if (parts[0] === 'dashboard') return { name: 'dashboard' };
  if (parts[0] === 'findings') return unit ? { name: 'findings', id: parts[1] ?? null, unit } : { name: 'findings', id: parts[1] ?? null };
  if (parts[0] === 'org-units') return { name: 'orgUnits' };
  if (parts[0] === 'checklists' && parts[1] && parts[2]) return { name: 'checklist', id: parts[1], version: parts[2] };
  if (parts[0] === 'checklists') return { name: 'checklists' };
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'ledger') return { name: 'ledger' };
  if (parts[0] === 'import') return { name: 'import' };
  if (parts[0] === 'overview') return parts[1] === 'matrix' ? { name: 'overview', tab: 'matrix' } : { name: 'overview' };
  return { name: 'inspections' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'inspections':
      return '#/inspections';
    case 'inspection':
      return `#/inspections/${encodeURIComponent(route.id)}${route.itemCode ? `/${encodeURIComponent(route.itemCode)}` : ''}`;
    case 'report':
      return `#/report/${encodeURIComponent(route.id)}`;
    case 'dashboard':
      return '#/dashboard';
    case 'findings':
      return `#/findings${route.id ? `/${encodeURIComponent(route.id)}` : ''}${route.unit ? `?${new URLSearchParams({ unit: route.unit }).toString()}` : ''}`;
    case 'orgUnits':
      return '#/org-units';
    case 'checklists':
      return '#/checklists';
    case 'checklist':
      return `#/checklists/${encodeURIComponent(route.id)}/${encodeURIComponent(route.version)}`;
    case 'settings':
      return '#/settings';
    case 'ledger':
      return '#/ledger';
    case 'import':
      return '#/import';
    case 'overview':
      return route.tab === 'matrix' ? '#/overview/matrix' : '#/overview';
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = routeHash(route);
  if (window.location.hash === hash) return;
  if (options.replace) {
    window.history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
