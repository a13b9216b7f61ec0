import type { Database } from 'better-sqlite3';
import { ContractError, type FusionWeights } from '../../../shared/contract';
import type { SessionInspector } from '../inspect/session-inspector';
import type { JobContext, JobRunner } from '../jobs/job-runner';
import type { FusionWeightStore } from '../ranking';
import type { RecommendService } from '../recommend/recommend-service';
import type { HandlerMap } from '../rpc/handler-map';
import { autoTune } from './auto-tune';
import { performance } from 'node:perf_hooks';
import { PreparedWindows } from './prepared-window';
import { replayMetric } from './replay-metric';

export interface TuningDeps {
  db: Database;
  recommender: RecommendService;
  inspector: SessionInspector;
  weights: FusionWeightStore;
  jobs: JobRunner;
  /** The held-out windows, shared with the publishing guard (one preparation serves both). */
  windows?: PreparedWindows;
  /** Auto-tune on the off-policy estimate of a slot's randomised lists (the loop provides it). */
  offPolicyTune?: (req: { slot: string; rounds: number; start: FusionWeights }, ctx: JobContext) => Promise<Record<string, unknown>>;
}

/** The analyst's and merchandiser's what-if tools: session replay, replayed metric, auto-tune. */
export function tuningHandlers(d: TuningDeps): HandlerMap {
  const windows = d.windows ?? new PreparedWindows(d.db, d.recommender);
  return {
    'inspect.session': (input) => d.inspector.inspect(input),
    'tuning.replay': async (input) => {
      const startedAt = performance.now();
      const window = await windows.get(input.cases);
      if (window.cases.length === 0) throw new ContractError('conflict', 'no held-out sessions yet: replay needs sessions with at least two item events');
      return replayMetric(d.recommender, window, input.weights, startedAt);
    },
    'tuning.autotune': async (input) => {
      if (input.objective === 'off-policy') {
        const tune = d.offPolicyTune;
        if (!tune) throw new ContractError('conflict', 'auto-tune on the off-policy estimate is not available in this engine');
        const start = d.weights.current();
        return d.jobs.start('auto-tune', { objective: 'off-policy', slot: input.slot, rounds: input.rounds, fromVersion: start.version }, (ctx) => tune({ slot: input.slot, rounds: input.rounds, start: start.weights }, ctx));
      }
      const window = await windows.get(input.cases);
      if (window.cases.length === 0 || window.tuningCases.length === 0) throw new ContractError('conflict', 'no held-out sessions yet: auto-tune needs sessions with at least two item events in both halves');
      const start = d.weights.current();
      return d.jobs.start('auto-tune', { cases: window.tuningCases.length, reportingCases: window.cases.length, rounds: input.rounds, fromVersion: start.version }, (ctx) =>
        autoTune(d.recommender, window, start.weights, input.rounds, ctx),
      );
    },
  };
}
