import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FusionWeights, OpeReport } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { t } from '../i18n/translate';
import { errorMessage } from './errorMessage';
import { everExplored, isNoExploration } from './offPolicy';
import { REPLAY_DEBOUNCE_MS, type TuningStore } from './tuningStore';

/** Importance weights above this are cut (and reported), as the guard does. */
export const OPE_CLIP = 50;
/** While the tuning page is shown the estimate is read again this often, as exploration logs more lists. */
export const EFFECT_REFRESH_MS = 20_000;

export interface ExpectedEffectState {
  /** The slot whose randomised lists the estimate is made on. */
  slot: string;
  /** The draft weights asked about last. */
  weights: FusionWeights | null;
  report: OpeReport | null;
  /** The weights and slot the report is for (it may lag behind the sliders while a request runs). */
  reportFor: { weights: FusionWeights; slot: string } | null;
  pending: boolean;
  error: string | null;
  /** The engine refused: no randomised lists on the slot (exploration off); `error` holds its words. */
  refused: boolean;
  setSlot(slot: string): void;
  /** Debounced like the replayed figure: a burst of slider moves asks once. */
  schedule(weights: FusionWeights): void;
  /** Asks now with the latest weights (a periodic refresh, or the button). */
  refresh(): Promise<void>;
}

export type ExpectedEffectStore = StoreApi<ExpectedEffectState>;

export interface ExpectedEffectOptions {
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * "Expected effect (off-policy)" of the tuning page's draft weights: ope.estimate on a slot's
 * randomised lists, per 1,000 lists against serving, or the engine's refusal when the slot has none.
 */
export function createExpectedEffectStore(client: ApiClient, options: ExpectedEffectOptions = {}): ExpectedEffectStore {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let token = 0;
  return createStore<ExpectedEffectState>()((set, get) => {
    const run = async (): Promise<void> => {
      const { weights, slot } = get();
      if (!weights) return;
      const mine = ++token;
      set({ pending: true });
      try {
        // A slot that never explored has no randomised lists: say so without asking for an estimate the engine must refuse.
        if (!(await everExplored(client, slot))) {
          if (mine === token) set({ pending: false, error: t('effect.neverExplored', { slot }), refused: true, report: null, reportFor: null });
          return;
        }
        if (mine !== token) return;
        const report = await client.call('ope.estimate', { target: { kind: 'weights', weights }, slot, clip: OPE_CLIP });
        if (mine !== token) return;
        set({ report, reportFor: { weights, slot }, pending: false, error: null, refused: false });
      } catch (error) {
        if (mine !== token) return;
        const refused = isNoExploration(error);
        // A refusal means there is nothing to show for this slot; any other failure keeps the last figures.
        set({ pending: false, error: errorMessage(error), refused, ...(refused ? { report: null, reportFor: null } : {}) });
      }
    };
    const debounce = (): void => {
      if (timer !== null) clearTimer(timer);
      set({ pending: true });
      timer = setTimer(() => {
        timer = null;
        void run();
      }, REPLAY_DEBOUNCE_MS);
    };
    return {
      slot: 'home',
      weights: null,
      report: null,
      reportFor: null,
      pending: false,
      error: null,
      refused: false,
      setSlot(slot) {
        if (slot === get().slot) return;
        set({ slot, report: null, reportFor: null, error: null, refused: false });
        if (get().weights) debounce();
      },
      schedule(weights) {
        set({ weights });
        debounce();
      },
      async refresh() {
        if (timer !== null) {
          clearTimer(timer);
          timer = null;
        }
        await run();
      },
    };
  });
}

export interface EffectTimers {
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/**
 * While the tuning page is shown: follows the draft weights (every slider move, debounced) and reads
 * the estimate again every few seconds, since exploration keeps logging lists. Returns the stop.
 */
export function startExpectedEffect(store: ExpectedEffectStore, tuning: TuningStore, timers: EffectTimers = {}): () => void {
  const every = timers.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const stopTimer = timers.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));
  const sliders = tuning.getState().sliders;
  if (sliders) store.getState().schedule(sliders);
  const unsubscribe = tuning.subscribe((state, previous) => {
    if (state.sliders && state.sliders !== previous.sliders) store.getState().schedule(state.sliders);
  });
  const handle = every(() => {
    if (!store.getState().pending) void store.getState().refresh();
  }, EFFECT_REFRESH_MS);
  return () => {
    unsubscribe();
    stopTimer(handle);
  };
}
