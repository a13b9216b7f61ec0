import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { AppStores } from '../stores/appStores';

const StoresContext = createContext<AppStores | null>(null);

/** Hands the app's stores to the tree; tests or a second window could pass their own set. */
export function StoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useAppStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useAppStores outside StoresProvider');
  return stores;
}

type StateOf<K extends keyof AppStores> = ReturnType<AppStores[K]['getState']>;

/** Reads a slice of one of the app's stores, e.g. `useAppStore('live', (s) => s.feed)`; re-renders only when it changes. */
export function useAppStore<K extends keyof AppStores, T>(name: K, selector: (state: StateOf<K>) => T): T {
  // Indexing by a generic key widens the store to a union; the key fixes which store it is.
  const store = useAppStores()[name] as unknown as StoreApi<StateOf<K>>;
  return useStore(store, selector);
}
