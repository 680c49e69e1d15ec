// The register's active filter, shared by the register, the dashboard and the summary statement so
// they always count the same findings. It lives for the app session, one per open database (tests
// open many), and is not stored: a restart starts from the whole register.
import { useSyncExternalStore } from 'react';
import { useDb, type XbDb } from '../../db/queries';
import { EMPTY_FILTER, type RegisterFilter } from '../../core/finding/register';

type FilterStore = {
  get: () => RegisterFilter;
  set: (next: RegisterFilter) => void;
  subscribe: (listener: () => void) => () => void;
};

function createStore(): FilterStore {
  let current = EMPTY_FILTER;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (next) => {
      if (next === current) return;
      current = next;
      for (const l of listeners) l();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const stores = new WeakMap<XbDb, FilterStore>();

function storeOf(db: XbDb): FilterStore {
  let store = stores.get(db);
  if (!store) {
    store = createStore();
    stores.set(db, store);
  }
  return store;
}

/** The active filter and its setter, like useState but the same for every page of this database. */
export function useRegisterFilter(): [RegisterFilter, (next: RegisterFilter) => void] {
  const store = storeOf(useDb());
  return [useSyncExternalStore(store.subscribe, store.get), store.set];
}
