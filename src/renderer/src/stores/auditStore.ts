import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AuditEntry } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
import { auditRequest, EMPTY_AUDIT_FILTERS, type AuditFilters } from './auditLog';

export interface AuditState {
  entries: AuditEntry[];
  /** Every action in the log, for the filter. */
  actions: string[];
  nextBeforeSeq: number | null;
  filters: AuditFilters;
  loaded: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  /** Entries whose full detail is shown. */
  expanded: number[];
  setFilter<K extends keyof AuditFilters>(field: K, value: AuditFilters[K]): void;
  clearFilters(): Promise<void>;
  /** The newest page for the filters. */
  load(): Promise<void>;
  /** The next older page, appended. */
  loadMore(): Promise<void>;
  toggleExpanded(seq: number): void;
}

export type AuditStore = StoreApi<AuditState>;

export function createAuditStore(client: ApiClient): AuditStore {
  let token = 0;
  return createStore<AuditState>()((set, get) => ({
    entries: [],
    actions: [],
    nextBeforeSeq: null,
    filters: { ...EMPTY_AUDIT_FILTERS },
    loaded: false,
    loading: false,
    loadingMore: false,
    error: null,
    expanded: [],
    setFilter(field, value) {
      set((s) => ({ filters: { ...s.filters, [field]: value } }));
    },
    async clearFilters() {
      set({ filters: { ...EMPTY_AUDIT_FILTERS } });
      await get().load();
    },
    async load() {
      const mine = ++token;
      set({ loading: true, error: null });
      try {
        const page = await client.call('audit.list', auditRequest(get().filters));
        if (mine !== token) return;
        // The action filter keeps its choice even when the log no longer lists it.
        set({ entries: page.entries, actions: page.actions, nextBeforeSeq: page.nextBeforeSeq, loaded: true, loading: false, expanded: [] });
      } catch (error) {
        if (mine === token) set({ loading: false, error: errorMessage(error) });
      }
    },
    async loadMore() {
      const before = get().nextBeforeSeq;
      if (before === null || get().loadingMore || get().loading) return;
      const mine = token;
      set({ loadingMore: true, error: null });
      try {
        const page = await client.call('audit.list', auditRequest(get().filters, before));
        if (mine !== token) {
          set({ loadingMore: false });
          return;
        }
        set((s) => {
          const seen = new Set(s.entries.map((e) => e.seq));
          return { entries: [...s.entries, ...page.entries.filter((e) => !seen.has(e.seq))], nextBeforeSeq: page.nextBeforeSeq, loadingMore: false };
        });
      } catch (error) {
        set(mine === token ? { loadingMore: false, error: errorMessage(error) } : { loadingMore: false });
      }
    },
    toggleExpanded(seq) {
      set((s) => ({ expanded: s.expanded.includes(seq) ? s.expanded.filter((x) => x !== seq) : [...s.expanded, seq] }));
    },
  }));
}
