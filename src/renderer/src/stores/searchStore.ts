import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FacetSelection, PriceRange, SearchResult, SearchSort, StoredSynonymSet, SynonymSetInput } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';

/** A facet value the user ticked: which facet, and its value (a price range as `min-max`). */
export type FacetKind = 'brands' | 'categories' | 'priceRanges' | `attr:${string}`;

export interface SearchState {
  query: string;
  /** Empty: search as an anonymous shopper. */
  shopperId: string;
  sort: SearchSort;
  selection: FacetSelection;
  result: SearchResult | null;
  /** The query `result` answers (the box may have changed since). */
  searched: string;
  suggestions: string[];
  shoppers: string[];
  loading: boolean;
  error: string | null;
  synonyms: StoredSynonymSet[];
  synonymsError: string | null;
  setQuery(query: string): void;
  setShopper(shopperId: string): void;
  setSort(sort: SearchSort): void;
  toggleFacet(kind: FacetKind, value: string | PriceRange): void;
  isSelected(kind: FacetKind, value: string | PriceRange): boolean;
  run(): Promise<void>;
  suggest(): Promise<void>;
  loadShoppers(): Promise<void>;
  loadSynonyms(): Promise<void>;
  saveSynonym(set: SynonymSetInput): Promise<boolean>;
  deleteSynonym(synonymId: string): Promise<void>;
}

export type SearchStore = StoreApi<SearchState>;

const sameRange = (a: PriceRange, b: PriceRange): boolean => a.min === b.min && a.max === b.max;

/** The selection with one value ticked or unticked; an empty facet is left out. */
export function toggled(selection: FacetSelection, kind: FacetKind, value: string | PriceRange): FacetSelection {
  const next: FacetSelection = { ...selection };
  if (kind === 'priceRanges' && typeof value !== 'string') {
    const ranges = next.priceRanges ?? [];
    const has = ranges.some((r) => sameRange(r, value));
    next.priceRanges = has ? ranges.filter((r) => !sameRange(r, value)) : [...ranges, value];
    if (next.priceRanges.length === 0) delete next.priceRanges;
  } else if (typeof value === 'string' && (kind === 'brands' || kind === 'categories')) {
    const values = next[kind] ?? [];
    next[kind] = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
    if (next[kind]!.length === 0) delete next[kind];
  } else if (typeof value === 'string' && kind.startsWith('attr:')) {
    const name = kind.slice(5);
    const others = (next.attributes ?? []).filter((a) => a.name !== name);
    const values = next.attributes?.find((a) => a.name === name)?.values ?? [];
    const now = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
    const attributes = now.length > 0 ? [...others, { name, values: now }] : others;
    if (attributes.length === 0) delete next.attributes;
    else next.attributes = attributes;
  }
  return next;
}

export function isSelectedIn(selection: FacetSelection, kind: FacetKind, value: string | PriceRange): boolean {
  if (kind === 'priceRanges') return typeof value !== 'string' && (selection.priceRanges ?? []).some((r) => sameRange(r, value));
  if (typeof value !== 'string') return false;
  if (kind === 'brands' || kind === 'categories') return (selection[kind] ?? []).includes(value);
  return (selection.attributes?.find((a) => a.name === kind.slice(5))?.values ?? []).includes(value);
}

export function createSearchStore(client: ApiClient): SearchStore {
  // Typing fires requests; only the latest answer may land.
  let latestSearch = 0;
  let latestSuggest = 0;
  return createStore<SearchState>()((set, get) => ({
    query: '',
    shopperId: '',
    sort: 'relevance',
    selection: {},
    result: null,
    searched: '',
    suggestions: [],
    shoppers: [],
    loading: false,
    error: null,
    synonyms: [],
    synonymsError: null,
    setQuery: (query) => set({ query, selection: {} }),
    setShopper: (shopperId) => set({ shopperId }),
    setSort: (sort) => set({ sort }),
    toggleFacet: (kind, value) => set((s) => ({ selection: toggled(s.selection, kind, value) })),
    isSelected: (kind, value) => isSelectedIn(get().selection, kind, value),
    async run() {
      const { query, shopperId, sort, selection } = get();
      if (query.trim() === '') return;
      const request = ++latestSearch;
      set({ loading: true, error: null });
      try {
        const result = await client.call('search', { query, k: 24, sort, facets: selection, ...(shopperId.trim() ? { shopperId: shopperId.trim() } : {}) });
        if (request === latestSearch) set({ result, searched: query, loading: false });
      } catch (error) {
        if (request === latestSearch) set({ loading: false, error: errorMessage(error) });
      }
    },
    async suggest() {
      const request = ++latestSuggest;
      const query = get().query;
      if (query.trim() === '') return set({ suggestions: [] });
      try {
        const { suggestions } = await client.call('search.suggest', { query, k: 8 });
        if (request === latestSuggest) set({ suggestions: suggestions.map((s) => s.text) });
      } catch {
        if (request === latestSuggest) set({ suggestions: [] });
      }
    },
    async loadShoppers() {
      try {
        const sessions = await client.call('sessions.list', { limit: 100 });
        set({ shoppers: [...new Set(sessions.map((s) => s.shopperId))] });
      } catch {
        set({ shoppers: [] });
      }
    },
    async loadSynonyms() {
      try {
        set({ synonyms: await client.call('synonyms.list', {}), synonymsError: null });
      } catch (error) {
        set({ synonymsError: errorMessage(error) });
      }
    },
    async saveSynonym(input) {
      try {
        await client.call('synonyms.set', { set: input });
        await get().loadSynonyms();
        return true;
      } catch (error) {
        set({ synonymsError: errorMessage(error) });
        return false;
      }
    },
    async deleteSynonym(synonymId) {
      try {
        await client.call('synonyms.delete', { synonymId });
        await get().loadSynonyms();
      } catch (error) {
        set({ synonymsError: errorMessage(error) });
      }
    },
  }));
}
