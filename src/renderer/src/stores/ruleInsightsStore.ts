import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MetricsRow, RuleHistory } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';

/** How far back a rule's performance looks: the roll-ups' per-rule figures over the last 30 days. */
export const RULE_PERFORMANCE_DAYS = 30;
const DAY_MS = 86_400_000;

export interface RuleInsightsState {
  /** The rule whose details are open (history and performance), or null. */
  open: string | null;
  history: RuleHistory | null;
  historyLoading: boolean;
  historyError: string | null;
  /** The per-rule rows of metrics.summary; null until loaded. A rule with no row fired on no list in the window. */
  performance: MetricsRow[] | null;
  performanceFrom: number | null;
  performanceLoading: boolean;
  performanceError: string | null;
  toggle(ruleId: string): Promise<void>;
  close(): void;
}

export type RuleInsightsStore = StoreApi<RuleInsightsState>;

export function createRuleInsightsStore(client: ApiClient, clock: () => number = Date.now): RuleInsightsStore {
  let token = 0;
  return createStore<RuleInsightsState>()((set, get) => ({
    open: null,
    history: null,
    historyLoading: false,
    historyError: null,
    performance: null,
    performanceFrom: null,
    performanceLoading: false,
    performanceError: null,
    async toggle(ruleId) {
      if (get().open === ruleId) {
        get().close();
        return;
      }
      const mine = ++token;
      const to = clock();
      const from = to - RULE_PERFORMANCE_DAYS * DAY_MS;
      set({ open: ruleId, history: null, historyLoading: true, historyError: null, performanceLoading: true, performanceError: null, performanceFrom: from });
      const history = (async () => {
        try {
          const h = await client.call('rules.history', { ruleId, limit: 50 });
          if (mine === token) set({ history: h, historyLoading: false });
        } catch (error) {
          if (mine === token) set({ historyLoading: false, historyError: errorMessage(error) });
        }
      })();
      const performance = (async () => {
        try {
          const summary = await client.call('metrics.summary', { from, to, dimension: 'rule' });
          if (mine === token) set({ performance: summary.rows, performanceLoading: false });
        } catch (error) {
          if (mine === token) set({ performanceLoading: false, performanceError: errorMessage(error) });
        }
      })();
      await Promise.all([history, performance]);
    },
    close() {
      token++;
      set({ open: null, history: null, historyLoading: false, historyError: null, performanceLoading: false, performanceError: null });
    },
  }));
}
