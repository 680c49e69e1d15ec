// React contexts for things the whole UI needs but must not import directly (the host).
import { createContext, useContext } from 'react';
import type { Host } from '../host/host';

export const HostContext = createContext<Host | null>(null);

export function useHost(): Host {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost outside HostContext');
  return host;
}
