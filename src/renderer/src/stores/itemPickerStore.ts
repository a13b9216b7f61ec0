import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StoredItem } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';

/** Matches a search shows: enough to pick from, few enough to scan. */
export const ITEM_PICKER_LIMIT = 8;
/** Typing settles this long before the catalogue is asked. */
export const ITEM_PICKER_DEBOUNCE_MS = 200;

export interface ItemPickerState {
  text: string;
  results: StoredItem[];
  /** How many items match in all (the list shows the first few). */
  total: number;
  searching: boolean;
  error: string | null;
  /** Searches the catalogue's titles, brands and ids (catalog.list), after a short pause in typing. */
  search(text: string): void;
  clear(): void;
}

export type ItemPickerStore = StoreApi<ItemPickerState>;

export function createItemPickerStore(client: ApiClient, debounceMs = ITEM_PICKER_DEBOUNCE_MS): ItemPickerStore {
  let token = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return createStore<ItemPickerState>()((set) => ({
    text: '',
    results: [],
    total: 0,
    searching: false,
    error: null,
    search(text) {
      const mine = ++token;
      if (timer !== undefined) clearTimeout(timer);
      if (text.trim() === '') {
        set({ text, results: [], total: 0, searching: false, error: null });
        return;
      }
      set({ text, searching: true, error: null });
      timer = setTimeout(() => {
        void (async () => {
          try {
            const found = await client.call('catalog.list', { text: text.trim().slice(0, 200), limit: ITEM_PICKER_LIMIT });
            if (mine === token) set({ results: found.items, total: found.total, searching: false });
          } catch (error) {
            if (mine === token) set({ results: [], total: 0, searching: false, error: errorMessage(error) });
          }
        })();
      }, debounceMs);
    },
    clear() {
      token++;
      if (timer !== undefined) clearTimeout(timer);
      set({ text: '', results: [], total: 0, searching: false, error: null });
    },
  }));
}
