import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Confirmation, RetentionRun, RetentionStatus } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
import { deletesMore, parseRetentionDays } from './privacy';

export type RetentionMode = 'forever' | 'days';

/** What the Save button would do with the form as it is. */
export type RetentionPlan =
  | { kind: 'invalid'; error: string }
  | { kind: 'unchanged' }
  /** `guarded`: a first or shorter period deletes data, so it goes through the risk dialog. */
  | { kind: 'change'; rawDataDays: number | null; guarded: boolean };

export interface RetentionState {
  status: RetentionStatus | null;
  loading: boolean;
  error: string | null;
  mode: RetentionMode;
  daysInput: string;
  /** Shown under the field after a Save with a bad value. */
  inputError: string | null;
  saving: boolean;
  applying: boolean;
  actionError: string | null;
  announcement: { kind: 'saved'; rawDataDays: number | null } | { kind: 'applied'; run: RetentionRun } | null;
  load(): Promise<void>;
  setMode(mode: RetentionMode): void;
  setDaysInput(value: string): void;
  /** Reads the form; sets `inputError` when the days are not valid. */
  plan(): RetentionPlan;
  /** Guarded when it deletes more (the risk dialog calls it then): a refusal is thrown back. */
  save(rawDataDays: number | null, confirm?: Confirmation): Promise<void>;
  apply(): Promise<void>;
}

export type RetentionStore = StoreApi<RetentionState>;

function formFrom(status: RetentionStatus): Pick<RetentionState, 'mode' | 'daysInput' | 'inputError'> {
  const days = status.settings.rawDataDays;
  return { mode: days === null ? 'forever' : 'days', daysInput: days === null ? '' : String(days), inputError: null };
}

export function createRetentionStore(client: ApiClient): RetentionStore {
  return createStore<RetentionState>()((set, get) => ({
    status: null,
    loading: false,
    error: null,
    mode: 'forever',
    daysInput: '',
    inputError: null,
    saving: false,
    applying: false,
    actionError: null,
    announcement: null,
    async load() {
      set({ loading: true, error: null });
      try {
        const status = await client.call('retention.get', {});
        set({ status, loading: false, ...formFrom(status) });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
    setMode: (mode) => set({ mode, inputError: null }),
    setDaysInput: (daysInput) => set({ daysInput, inputError: null }),
    plan() {
      const { mode, daysInput, status } = get();
      let next: number | null = null;
      if (mode === 'days') {
        const parsed = parseRetentionDays(daysInput);
        if (!parsed.ok) {
          set({ inputError: parsed.error });
          return { kind: 'invalid', error: parsed.error };
        }
        next = parsed.days;
      }
      set({ inputError: null });
      const current = status ? status.settings.rawDataDays : null;
      if (status && current === next) return { kind: 'unchanged' };
      return { kind: 'change', rawDataDays: next, guarded: deletesMore(current, next) };
    },
    async save(rawDataDays, confirm) {
      set({ saving: true, actionError: null, announcement: null });
      try {
        const status = await client.call('retention.set', { rawDataDays, ...(confirm ? { confirm } : {}) });
        set({ status, saving: false, ...formFrom(status), announcement: { kind: 'saved', rawDataDays } });
      } catch (error) {
        set({ saving: false, actionError: errorMessage(error) });
        throw error;
      }
    },
    async apply() {
      if (get().applying) return;
      set({ applying: true, actionError: null, announcement: null });
      try {
        const run = await client.call('retention.apply', {});
        set({ applying: false, announcement: { kind: 'applied', run } });
        void get().load();
      } catch (error) {
        set({ applying: false, actionError: errorMessage(error) });
      }
    },
  }));
}
