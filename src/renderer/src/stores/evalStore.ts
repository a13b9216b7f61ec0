import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StoredEvalResult } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
import { DEFAULT_METRIC, type ChartMetric } from './evaluation';

/** The contract's largest page; stored results are small JSON files, one per run. */
export const EVAL_RESULTS_LIMIT = 1000;

export interface EvalState {
  results: StoredEvalResult[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  metric: ChartMetric;
  load(): Promise<void>;
  setMetric(metric: ChartMetric): void;
}

export type EvalStore = StoreApi<EvalState>;

/** Stored offline-evaluation results (`npm run eval` writes them); read-only from the console. */
export function createEvalStore(client: ApiClient): EvalStore {
  return createStore<EvalState>()((set) => ({
    results: [],
    loaded: false,
    loading: false,
    error: null,
    metric: DEFAULT_METRIC,
    async load() {
      set({ loading: true, error: null });
      try {
        const results = await client.call('eval.results', { limit: EVAL_RESULTS_LIMIT });
        set({ results, loaded: true, loading: false });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
    setMetric: (metric) => set({ metric }),
  }));
}
