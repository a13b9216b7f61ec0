import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SessionSummary, StoredEvent } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
import { isFiltered, NO_SESSION_FILTER, sessionFilterRequest, type SessionFilterDraft, type SessionFilterField, type SessionFilterRequest } from './sessionFilter';
import { appendToTimeline, applyEventsToSessions, timelineOrder } from './sessionTimeline';

export const SESSION_LIST_LIMIT = 100;
/** A session longer than this shows its latest events only; the contract caps one request at 1000. */
export const TIMELINE_LIMIT = 500;

export interface SessionsState {
  sessions: SessionSummary[];
  /** False until the first list arrives; pushes before then would build a list of partial counts. */
  loaded: boolean;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  timeline: StoredEvent[];
  timelineLoading: boolean;
  timelineError: string | null;
  /** The filter form as typed, the filters in force (sent with every load), and the field the form got wrong. */
  filterDraft: SessionFilterDraft;
  filter: SessionFilterRequest;
  filterError: SessionFilterField | null;
  setFilterDraft(patch: Partial<SessionFilterDraft>): void;
  /** Reads the form; when it is valid, its filters are in force and the list reloads. */
  applyFilter(): Promise<void>;
  clearFilter(): Promise<void>;
  load(): Promise<void>;
  select(sessionId: string): Promise<void>;
  clearSelection(): void;
  receive(events: readonly StoredEvent[]): void;
}

export type SessionsStore = StoreApi<SessionsState>;

export function createSessionsStore(client: ApiClient): SessionsStore {
  return createStore<SessionsState>()((set, get) => ({
    sessions: [],
    loaded: false,
    loading: false,
    error: null,
    selectedId: null,
    timeline: [],
    timelineLoading: false,
    timelineError: null,
    filterDraft: NO_SESSION_FILTER,
    filter: {},
    filterError: null,
    setFilterDraft(patch) {
      set((s) => ({ filterDraft: { ...s.filterDraft, ...patch } }));
    },
    async applyFilter() {
      const read = sessionFilterRequest(get().filterDraft);
      if (!read.ok) {
        set({ filterError: read.field });
        return;
      }
      set({ filter: read.request, filterError: null });
      await get().load();
    },
    async clearFilter() {
      set({ filterDraft: NO_SESSION_FILTER, filter: {}, filterError: null });
      await get().load();
    },
    async load() {
      set({ loading: true, error: null });
      const filter = get().filter;
      try {
        const sessions = await client.call('sessions.list', { limit: SESSION_LIST_LIMIT, ...filter });
        // A later filter's answer wins over this one.
        if (get().filter !== filter) return;
        set({ sessions, loaded: true, loading: false });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
    async select(sessionId) {
      set({ selectedId: sessionId, timeline: [], timelineLoading: true, timelineError: null });
      try {
        const events = await client.call('events.recent', { sessionId, limit: TIMELINE_LIMIT });
        // The user may have clicked another session while this one loaded; its answer wins.
        if (get().selectedId !== sessionId) return;
        set((s) => ({ timeline: appendToTimeline(timelineOrder(events), sessionId, s.timeline), timelineLoading: false }));
      } catch (error) {
        if (get().selectedId !== sessionId) return;
        set({ timelineLoading: false, timelineError: errorMessage(error) });
      }
    },
    clearSelection() {
      set({ selectedId: null, timeline: [], timelineLoading: false, timelineError: null });
    },
    receive(events) {
      set((s) => ({
        sessions: s.loaded ? pushedSessions(s.sessions, events, s.filter) : s.sessions,
        timeline: s.selectedId === null ? s.timeline : appendToTimeline(s.timeline, s.selectedId, events),
      }));
    },
  }));
}

/**
 * Pushed events update the listed sessions; without a filter new sessions join the list too. With one,
 * only the listed sessions update (whether a new session matches is the engine's to say, on refresh).
 */
function pushedSessions(sessions: readonly SessionSummary[], events: readonly StoredEvent[], filter: SessionFilterRequest): SessionSummary[] {
  const updated = applyEventsToSessions(sessions, events, SESSION_LIST_LIMIT);
  if (!isFiltered(filter)) return updated;
  const listed = new Set(sessions.map((s) => s.sessionId));
  return updated.filter((s) => listed.has(s.sessionId));
}

/** Sessions follow the push stream too, so a replay shows up without pressing refresh. */
export function connectSessionsStore(store: SessionsStore, client: ApiClient): () => void {
  return client.subscribe('events.ingested', (events) => store.getState().receive(events));
}
