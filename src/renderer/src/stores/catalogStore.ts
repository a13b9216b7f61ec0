import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StoredItem } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { CATALOG_PAGE_SIZE, collectCategories, listRequest, type CatalogQuery } from './catalogQuery';
import { errorMessage } from './errorMessage';

export interface CatalogState extends CatalogQuery {
  items: StoredItem[];
  total: number;
  knownCategories: string[];
  loading: boolean;
  error: string | null;
  /** Changing a filter goes back to the first page; the page component reloads after a short pause. */
  setText(text: string): void;
  setCategory(category: string): void;
  clearFilters(): void;
  nextPage(): void;
  previousPage(): void;
  load(): Promise<void>;
}

export type CatalogStore = StoreApi<CatalogState>;

export function createCatalogStore(client: ApiClient): CatalogStore {
  // Typing fires a request per pause; only the latest answer may land, whatever order they return in.
  let latestRequest = 0;
  return createStore<CatalogState>()((set, get) => ({
    text: '',
    category: '',
    offset: 0,
    limit: CATALOG_PAGE_SIZE,
    items: [],
    total: 0,
    knownCategories: [],
    loading: false,
    error: null,
    setText: (text) => set({ text, offset: 0 }),
    setCategory: (category) => set({ category, offset: 0 }),
    clearFilters: () => set({ text: '', category: '', offset: 0 }),
    nextPage: () => set((s) => (s.offset + s.limit < s.total ? { offset: s.offset + s.limit } : {})),
    previousPage: () => set((s) => ({ offset: Math.max(0, s.offset - s.limit) })),
    async load() {
      const request = ++latestRequest;
      set({ loading: true, error: null });
      try {
        const result = await client.call('catalog.list', listRequest(get()));
        if (request !== latestRequest) return;
        set((s) => ({
          items: result.items,
          total: result.total,
          knownCategories: collectCategories(s.knownCategories, result.items),
          loading: false,
        }));
      } catch (error) {
        if (request !== latestRequest) return;
        set({ loading: false, error: errorMessage(error) });
      }
    },
  }));
}
