import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExaminationCurve } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
import { everExplored, isNoExploration } from './offPolicy';
import type { PerformanceStore } from './performanceStore';

/** The estimate bootstraps over every shuffled list: read it on the slow cycle, not with every list. */
export const EXAMINATION_REFRESH_MS = 30_000;
export const EXAMINATION_MAX_POSITION = 20;
/** The slot shown when the Performance page looks at every slot (the examination curve is per slot). */
export const DEFAULT_EXAMINATION_SLOT = 'home';

export interface ExaminationState {
  slot: string;
  curve: ExaminationCurve | null;
  loading: boolean;
  error: string | null;
  /** The slot has no exploration data (the engine's refusal); `error` holds its words. */
  noExploration: boolean;
  load(slot?: string): Promise<void>;
}

export type ExaminationStore = StoreApi<ExaminationState>;

export function createExaminationStore(client: ApiClient): ExaminationStore {
  let token = 0;
  return createStore<ExaminationState>()((set, get) => ({
    slot: DEFAULT_EXAMINATION_SLOT,
    curve: null,
    loading: false,
    error: null,
    noExploration: false,
    async load(slot = get().slot) {
      const mine = ++token;
      const changed = slot !== get().slot;
      set({ slot, loading: true, ...(changed ? { curve: null, error: null, noExploration: false } : {}) });
      try {
        if (!(await everExplored(client, slot))) {
          if (mine === token) set({ loading: false, error: null, noExploration: true, curve: null });
          return;
        }
        const curve = await client.call('ope.examination', { slot, maxPosition: EXAMINATION_MAX_POSITION });
        if (mine === token) set({ curve, loading: false, error: null, noExploration: false });
      } catch (error) {
        if (mine !== token) return;
        const none = isNoExploration(error);
        set({ loading: false, error: errorMessage(error), noExploration: none, ...(none ? { curve: null } : {}) });
      }
    },
  }));
}

export interface ExaminationRow {
  position: number;
  examination: number | null;
  /** Distances below and above the value, as recharts' ErrorBar wants them. */
  error: [number, number] | null;
  low: number | null;
  high: number | null;
  shown: number;
  clicked: number;
}

/** The curve's positions that shuffled lists showed (the exploration window), with whiskers. */
export function examinationRows(curve: ExaminationCurve): ExaminationRow[] {
  return curve.points
    .filter((p) => p.shown > 0)
    .map((p) => {
      const { examination, low, high } = p;
      const error: [number, number] | null = examination !== null && low !== null && high !== null ? [Math.max(0, examination - low), Math.max(0, high - examination)] : null;
      return { position: p.position, examination, error, low, high, shown: p.shown, clicked: p.clicked };
    });
}

/** The examination slot of the Performance page: its slot filter, or home when it shows every slot. */
export function examinationSlotOf(slot: string | null): string {
  return slot ?? DEFAULT_EXAMINATION_SLOT;
}

export interface ExaminationTimers {
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/** While the Performance page is shown: the curve for its slot, again when the slot changes and every half minute. */
export function startExaminationRefresh(store: ExaminationStore, performance: PerformanceStore, timers: ExaminationTimers = {}): () => void {
  const every = timers.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const stop = timers.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));
  void store.getState().load(examinationSlotOf(performance.getState().slot));
  const unsubscribe = performance.subscribe((state, previous) => {
    if (state.slot !== previous.slot) void store.getState().load(examinationSlotOf(state.slot));
  });
  const handle = every(() => void store.getState().load(examinationSlotOf(performance.getState().slot)), EXAMINATION_REFRESH_MS);
  return () => {
    unsubscribe();
    stop(handle);
  };
}
