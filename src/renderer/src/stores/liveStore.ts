import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StoredEvent, StoreStats } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
import { recordArrivals, type RateBucket } from './eventRate';
import { FEED_CAP, mergeFeed } from './liveFeed';

export interface LiveState {
  feed: StoredEvent[];
  rateBuckets: RateBucket[];
  stats: StoreStats | null;
  /** Product names of the feed's items (catalog.titles); an item not in the catalogue shows its id. */
  titles: Readonly<Record<string, string>>;
  loading: boolean;
  error: string | null;
  /** Loads the first page of the feed and the totals; also used to catch up after a reconnect. */
  load(): Promise<void>;
  /** Adds pushed events to the feed and counts them in the rate chart. */
  receive(events: readonly StoredEvent[], nowMs: number): void;
  setStats(stats: StoreStats): void;
}

export type LiveStore = StoreApi<LiveState>;

export function createLiveStore(client: ApiClient): LiveStore {
  // Ids being looked up, and ids the catalogue lacks (not asked again on every push).
  const pending = new Set<string>();
  const unknown = new Set<string>();
  const lookUpTitles = async (events: readonly StoredEvent[]): Promise<void> => {
    if (unknown.size > TITLE_MEMORY) unknown.clear();
    const titles = store.getState().titles;
    const ids = new Set(events.flatMap((e) => (e.itemId !== null && titles[e.itemId] === undefined && !pending.has(e.itemId) && !unknown.has(e.itemId) ? [e.itemId] : [])));
    const missing = [...ids].slice(0, TITLE_BATCH);
    if (missing.length === 0) return;
    for (const id of missing) pending.add(id);
    try {
      const found = await client.call('catalog.titles', { itemIds: missing });
      for (const id of missing) if (found[id] === undefined) unknown.add(id);
      store.setState((s) => ({ titles: keepFeedTitles({ ...s.titles, ...found }, s.feed) }));
    } catch {
      // Names are a nicety: the feed keeps showing ids, and the next push asks again.
    } finally {
      for (const id of missing) pending.delete(id);
    }
  };
  const store = createStore<LiveState>()((set) => ({
    feed: [],
    rateBuckets: [],
    stats: null,
    titles: {},
    loading: false,
    error: null,
    async load() {
      set({ loading: true, error: null });
      try {
        const [recent, stats] = await Promise.all([client.call('events.recent', { limit: FEED_CAP }), client.call('stats.get', {})]);
        // Merge rather than replace: pushes that arrived while the request was in flight must survive.
        set((s) => ({ feed: mergeFeed(s.feed, recent), stats, loading: false }));
        void lookUpTitles(store.getState().feed);
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
    receive(events, nowMs) {
      set((s) => ({ feed: mergeFeed(s.feed, events), rateBuckets: recordArrivals(s.rateBuckets, events.length, nowMs) }));
      void lookUpTitles(events);
    },
    setStats(stats) {
      set({ stats });
    },
  }));
  return store;
}

/** Most item ids one catalog.titles call asks for (the contract's cap). */
const TITLE_BATCH = 500;
/** Past this many ids asked for, the memory of them starts over. */
const TITLE_MEMORY = 20_000;

/** The names of items still in the feed, so the map stays as small as the feed. */
function keepFeedTitles(titles: Readonly<Record<string, string>>, feed: readonly StoredEvent[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const e of feed) {
    const title = e.itemId !== null ? titles[e.itemId] : undefined;
    if (e.itemId !== null && title !== undefined) kept[e.itemId] = title;
  }
  return kept;
}

export interface LiveWiringOptions {
  now?: () => number;
  /** Pushes are batched for this long before the feed re-renders, so a 10k-event burst costs one render. */
  flushMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Connects the live store to the push topics for the whole app lifetime (not just while the Live page is
 * shown), so the feed and the rate chart are complete when the user comes back. Returns the unsubscribe.
 */
export function connectLiveStore(store: LiveStore, client: ApiClient, options: LiveWiringOptions = {}): () => void {
  const now = options.now ?? Date.now;
  const flushMs = options.flushMs ?? 100;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let pending: StoredEvent[] = [];
  let timer: unknown = null;

  const flush = (): void => {
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length > 0) store.getState().receive(batch, now());
  };

  const stopEvents = client.subscribe('events.ingested', (events) => {
    pending.push(...events);
    if (timer === null) timer = setTimer(flush, flushMs);
  });
  const stopStats = client.subscribe('stats.changed', (stats) => store.getState().setStats(stats));
  let wasOffline = false;
  const stopConnection = client.onConnection((state) => {
    // Pushes sent while we were disconnected are lost; reloading closes the gap.
    if (state === 'offline') wasOffline = true;
    if (state === 'online' && wasOffline) {
      wasOffline = false;
      void store.getState().load();
    }
  });

  return () => {
    stopEvents();
    stopStats();
    stopConnection();
    if (timer !== null) clearTimer(timer);
    timer = null;
    pending = [];
  };
}
