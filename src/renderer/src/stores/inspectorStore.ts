import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RankedList, SessionInspection, SessionSummary } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
import { missingTitles, titlesFromInspection } from './inspection';

export const INSPECT_K = 10;
export const INSPECT_MAX_EVENTS = 60;
export const INSPECT_SESSION_LIMIT = 100;
/** Titles fetched one by one with catalog.get; a session rarely names more distinct items. */
export const TITLE_FETCH_LIMIT = 60;

export interface InspectorState {
  shopperFilter: string;
  sessions: SessionSummary[];
  sessionsLoading: boolean;
  sessionsError: string | null;
  sessionId: string | null;
  inspection: SessionInspection | null;
  inspecting: boolean;
  inspectError: string | null;
  /** Index into inspection.steps. */
  stepIndex: number | null;
  titles: Record<string, string>;
  current: RankedList | null;
  currentLoading: boolean;
  currentError: string | null;
  setShopperFilter(value: string): void;
  loadSessions(): Promise<void>;
  openSession(sessionId: string): Promise<void>;
  selectStep(index: number): void;
  loadCurrent(): Promise<void>;
  /** After an erasure: drops the open session and the shopper's sessions, then finds sessions again. */
  forgetShopper(shopperId: string): Promise<void>;
}

export type InspectorStore = StoreApi<InspectorState>;

export function createInspectorStore(client: ApiClient): InspectorStore {
  let sessionsToken = 0;
  return createStore<InspectorState>()((set, get) => ({
    shopperFilter: '',
    sessions: [],
    sessionsLoading: false,
    sessionsError: null,
    sessionId: null,
    inspection: null,
    inspecting: false,
    inspectError: null,
    stepIndex: null,
    titles: {},
    current: null,
    currentLoading: false,
    currentError: null,
    setShopperFilter: (shopperFilter) => set({ shopperFilter }),
    async loadSessions() {
      const token = ++sessionsToken;
      const shopperId = get().shopperFilter.trim();
      set({ sessionsLoading: true, sessionsError: null });
      try {
        const sessions = await client.call('sessions.list', { limit: INSPECT_SESSION_LIMIT, ...(shopperId ? { shopperId } : {}) });
        if (token !== sessionsToken) return;
        set({ sessions, sessionsLoading: false });
      } catch (error) {
        if (token !== sessionsToken) return;
        set({ sessionsLoading: false, sessionsError: errorMessage(error) });
      }
    },
    async openSession(sessionId) {
      set({ sessionId, inspection: null, inspecting: true, inspectError: null, stepIndex: null, current: null, currentError: null });
      try {
        const inspection = await client.call('inspect.session', { sessionId, k: INSPECT_K, maxEvents: INSPECT_MAX_EVENTS });
        if (get().sessionId !== sessionId) return;
        const last = inspection.steps.length - 1;
        set((s) => ({ inspection, inspecting: false, stepIndex: last >= 0 ? last : null, titles: { ...s.titles, ...titlesFromInspection(inspection) } }));
        void get().loadCurrent();
        const missing = missingTitles(inspection, get().titles).slice(0, TITLE_FETCH_LIMIT);
        const found = await Promise.all(
          missing.map(async (itemId) => {
            try {
              const item = await client.call('catalog.get', { itemId });
              return [itemId, item.title] as const;
            } catch {
              return null;
            }
          }),
        );
        const fetched = Object.fromEntries(found.filter((f): f is readonly [string, string] => f !== null));
        set((s) => ({ titles: { ...s.titles, ...fetched } }));
      } catch (error) {
        if (get().sessionId !== sessionId) return;
        set({ inspecting: false, inspectError: errorMessage(error) });
      }
    },
    selectStep(index) {
      const steps = get().inspection?.steps.length ?? 0;
      if (index >= 0 && index < steps) set({ stepIndex: index });
    },
    async forgetShopper(shopperId) {
      set((s) => {
        const selected = s.sessions.find((x) => x.sessionId === s.sessionId)?.shopperId ?? s.inspection?.shopperId ?? null;
        const clear = selected === null || selected === shopperId;
        return {
          sessions: s.sessions.filter((x) => x.shopperId !== shopperId),
          ...(clear ? { sessionId: null, inspection: null, inspecting: false, inspectError: null, stepIndex: null, current: null, currentError: null } : {}),
        };
      });
      await get().loadSessions();
    },
    async loadCurrent() {
      const shopperId = get().inspection?.shopperId;
      if (!shopperId) return;
      set({ currentLoading: true, currentError: null });
      try {
        const current = await client.call('recommend', { shopperId, k: INSPECT_K, slot: 'home' });
        if (get().inspection?.shopperId !== shopperId) return;
        set({ current, currentLoading: false });
      } catch (error) {
        set({ currentLoading: false, currentError: errorMessage(error) });
      }
    },
  }));
}
