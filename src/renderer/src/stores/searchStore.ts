import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Confirmation, FacetSelection, PriceRange, Rule, RuleInput, RulePreviewResult, SearchResult, SearchSort, StoredSynonymSet, Suggestion, SynonymSetInput } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { cardRule, cardScope, type CardScope } from './cardRules';
import type { DropPreview } from './dropPreview';
import { parseSegments } from './segments';
import { errorMessage } from './errorMessage';
import { isConfirmationRequired } from './guardStore';

/** How many results the Search page shows (and positions a card can be pinned at). */
export const SEARCH_K = 24;

/** A facet value the user ticked: which facet, and its value (a price range as `min-max`). */
export type FacetKind = 'brands' | 'categories' | 'priceRanges' | `attr:${string}`;

export interface SearchState {
  query: string;
  /** Empty: search as an anonymous shopper. */
  shopperId: string;
  /** Segments the search is sent in, as typed (comma-separated), besides the shopper's built-in ones. */
  segments: string;
  sort: SearchSort;
  selection: FacetSelection;
  result: SearchResult | null;
  /** The query `result` answers (the box may have changed since). */
  searched: string;
  /** Type-ahead for the query box: past queries whose results were clicked, then catalogue words. */
  suggestions: Suggestion[];
  shoppers: string[];
  loading: boolean;
  error: string | null;
  synonyms: StoredSynonymSet[];
  synonymsError: string | null;
  /** The rule a card action created last, and what it changed (before/after of that rule alone). */
  lastRule: Rule | null;
  effect: RulePreviewResult | null;
  effectLoading: boolean;
  /** A card action or the before/after failed. */
  ruleError: string | null;
  creatingRule: boolean;
  /** The rule a card action created and Undo then deleted (for the status line); null otherwise. */
  undone: Rule | null;
  undoing: boolean;
  /** While a card is dragged over another: what pinning it there would do, before the dialog asks. */
  dropPreview: DropPreview | null;
  /** Where a card's rule applies now: the searched query, or the one category the results are narrowed to. */
  scope(): CardScope;
  /** Asks the engine what pinning this item at this position would do (a draft rule: nothing is stored); once per item and position. */
  previewDrop(itemId: string, position: number): Promise<void>;
  clearDropPreview(): void;
  /**
   * Creates a card's rule (guarded: a refusal for want of a reason is thrown back to the risk dialog),
   * then searches again and loads what that rule changed. False when it could not be created.
   */
  createRule(rule: RuleInput, confirm?: Confirmation): Promise<boolean>;
  /** The before/after of every rule active for this search (`ruleIds` absent) or of these rules. */
  loadEffect(ruleIds?: string[]): Promise<void>;
  clearEffect(): void;
  /** Deletes the rule the last card action created (audited, as on the Rules page) and searches again. */
  undoLastRule(): Promise<void>;
  setQuery(query: string): void;
  setShopper(shopperId: string): void;
  setSegments(segments: string): void;
  setSort(sort: SearchSort): void;
  toggleFacet(kind: FacetKind, value: string | PriceRange): void;
  isSelected(kind: FacetKind, value: string | PriceRange): boolean;
  run(): Promise<void>;
  suggest(): Promise<void>;
  /** A type-ahead suggestion was chosen: it becomes the query and is searched. */
  choose(text: string): Promise<void>;
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
  let latestEffect = 0;
  let latestDrop = 0;
  return createStore<SearchState>()((set, get) => {
    /** The search a before/after ranks: the searched query as this shopper, in the card scope's category. */
    const previewOf = () => {
      const { searched, shopperId } = get();
      const scope = get().scope();
      const segments = parseSegments(get().segments);
      return {
        slot: 'search',
        query: searched,
        k: SEARCH_K,
        ...(scope.type === 'category' ? { category: scope.category } : {}),
        ...(shopperId.trim() ? { shopperId: shopperId.trim() } : {}),
        ...(segments.length > 0 ? { segments } : {}),
      };
    };
    return {
      query: '',
      shopperId: '',
      segments: '',
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
      lastRule: null,
      effect: null,
      effectLoading: false,
      ruleError: null,
      creatingRule: false,
      undone: null,
      undoing: false,
      dropPreview: null,
      scope: () => cardScope(get().searched, get().selection),
      async previewDrop(itemId, position) {
        const current = get().dropPreview;
        if (current && current.itemId === itemId && current.position === position) return;
        const item = get().result?.items.find((i) => i.itemId === itemId);
        const draft = item && get().searched.trim() !== '' ? cardRule({ kind: 'pin', position }, item, get().scope()) : null;
        const token = ++latestDrop;
        if (!draft) return set({ dropPreview: null });
        set({ dropPreview: { itemId, position, effect: null, error: null } });
        try {
          const effect = await client.call('rules.preview', { ...previewOf(), draft });
          if (token === latestDrop) set({ dropPreview: { itemId, position, effect, error: null } });
        } catch (error) {
          if (token === latestDrop) set({ dropPreview: { itemId, position, effect: null, error: errorMessage(error) } });
        }
      },
      clearDropPreview() {
        latestDrop++;
        if (get().dropPreview !== null) set({ dropPreview: null });
      },
      async createRule(rule, confirm) {
        if (get().creatingRule) return false;
        set({ creatingRule: true, ruleError: null, undone: null });
        let created: Rule;
        try {
          created = await client.call('rules.create', { ...rule, ...(confirm ? { confirm } : {}) });
        } catch (error) {
          set({ creatingRule: false });
          if (isConfirmationRequired(error)) throw error;
          set({ ruleError: errorMessage(error) });
          return false;
        }
        set({ creatingRule: false, lastRule: created });
        await Promise.all([get().run(), get().loadEffect([created.ruleId])]);
        return true;
      },
      async loadEffect(ruleIds) {
        if (get().searched.trim() === '') return;
        const token = ++latestEffect;
        set({ effectLoading: true, ruleError: null });
        try {
          const effect = await client.call('rules.preview', { ...previewOf(), ...(ruleIds ? { ruleIds } : {}) });
          if (token === latestEffect) set({ effect, effectLoading: false });
        } catch (error) {
          if (token === latestEffect) set({ effectLoading: false, ruleError: errorMessage(error) });
        }
      },
      clearEffect: () => set({ effect: null, lastRule: null }),
      async undoLastRule() {
        const rule = get().lastRule;
        if (!rule || get().undoing) return;
        set({ undoing: true, ruleError: null });
        try {
          await client.call('rules.delete', { ruleId: rule.ruleId });
        } catch (error) {
          set({ undoing: false, ruleError: errorMessage(error) });
          return;
        }
        set({ undoing: false, lastRule: null, effect: null, undone: rule });
        await get().run();
      },
      setQuery: (query) => set({ query, selection: {}, undone: null }),
      setShopper: (shopperId) => set({ shopperId }),
      setSegments: (segments) => set({ segments }),
      setSort: (sort) => set({ sort }),
      toggleFacet: (kind, value) => set((s) => ({ selection: toggled(s.selection, kind, value) })),
      isSelected: (kind, value) => isSelectedIn(get().selection, kind, value),
      async run() {
        const { query, shopperId, sort, selection } = get();
        const segments = parseSegments(get().segments);
        if (query.trim() === '') return;
        const request = ++latestSearch;
        set({ loading: true, error: null });
        try {
          const result = await client.call('search', { query, k: SEARCH_K, sort, facets: selection, ...(shopperId.trim() ? { shopperId: shopperId.trim() } : {}), ...(segments.length > 0 ? { segments } : {}) });
          if (request === latestSearch) set({ result, searched: query, loading: false });
        } catch (error) {
          if (request === latestSearch) set({ loading: false, error: errorMessage(error) });
        }
      },
      async suggest() {
        const request = ++latestSuggest;
        const { query, shopperId } = get();
        if (query.trim() === '') return set({ suggestions: [] });
        try {
          // As the chosen shopper: their own past queries come first (docs/SEARCH.md "Query suggestions").
          const { suggestions } = await client.call('search.suggest', { query, k: 8, ...(shopperId.trim() ? { shopperId: shopperId.trim() } : {}) });
          if (request === latestSuggest) set({ suggestions });
        } catch {
          if (request === latestSuggest) set({ suggestions: [] });
        }
      },
      async choose(text) {
        // An answer still in flight for the typed prefix must not reopen the list.
        latestSuggest++;
        set({ query: text, suggestions: [] });
        await get().run();
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
    };
  });
}
