import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SessionSummary, StoredEvent } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
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
    async load() {
      set({ loading: true, error: null });
      try {
        const sessions = await client.call('sessions.list', { limit: SESSION_LIST_LIMIT });
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
        sessions: s.loaded ? applyEventsToSessions(s.sessions, events, SESSION_LIST_LIMIT) : s.sessions,
        timeline: s.selectedId === null ? s.timeline : appendToTimeline(s.timeline, s.selectedId, events),
      }));
    },
  }));
}

/** Sessions follow the push stream too, so a replay shows up without pressing refresh. */
export function connectSessionsStore(store: SessionsStore, client: ApiClient): () => void {
  return client.subscribe('events.ingested', (events) => store.getState().receive(events));
}
