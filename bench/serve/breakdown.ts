/**
 * Where one recommend's time goes on the engine's thread, stage by stage, with the engine's own
 * functions: live state and intent, candidates (ANN, co-visitation, popular, trending), channel
 * scores, the pure ranking, the impression row, the contract's output check and the JSON reply.
 */
import { performance } from 'node:perf_hooks';
import type { Engine } from '../../src/main/engine/engine';
import { candidateFeatures, Ranker, rankCandidates, rankOptions } from '../../src/main/engine/ranking';
import { AnnCache } from '../../src/main/engine/recommend/ann-cache';
import { scorePool } from '../../src/main/engine/recommend/list-ranking';
import { annKey, recommendCandidates } from '../../src/main/engine/recommend/recommend-candidates';
import { shopperState } from '../../src/main/engine/recommend/shopper-state';
import { methods } from '../../src/shared/contract';

const STAGES = ['state', 'candidates', 'scores', 'ranking', 'impression_write', 'output_check', 'json_reply'] as const;

/** Mean microseconds per stage over `n` requests (a fresh ANN cache: every intent is searched). */
export function breakdown(engine: Engine, shoppers: readonly string[], n: number): Record<string, number> {
  const totals = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<(typeof STAGES)[number], number>;
  const ranker = new Ranker({ weights: engine.weights, rules: engine.rules, impressions: engine.impressions, diversity: { mmrLambda: 0.85, maxPerCategory: 5 }, exploration: (slot) => engine.exploration.forSlot(slot) });
  const purchaseModel = engine.fitPurchaseIntent();
  const retrieval = engine.retrieval();
  const ann = new AnnCache();
  for (let i = 0; i < n; i++) {
    const shopperId = shoppers[i % shoppers.length] as string;
    let t = performance.now();
    const lap = (stage: (typeof STAGES)[number]): void => {
      const now = performance.now();
      totals[stage] += now - t;
      t = now;
    };
    const state = shopperState(engine.sessions.recent(shopperId), null, Date.now(), { retrieval, queries: undefined, purchaseModel });
    lap('state');
    const pool = recommendCandidates(retrieval, state, { ann, shopperId: `${shopperId}#${i}`, key: annKey(state, retrieval) });
    lap('candidates');
    const candidates = scorePool(pool, state, { retrieval, items: engine.items, visual: engine.visual.vectors });
    lap('scores');
    const req = { slot: 'home', k: 20, shopperId, sessionId: state.intent.currentSessionId, coldStart: state.events.length === 0, purchaseIntent: state.purchase, modelVersion: 'bench' };
    const plan = ranker.plan(req);
    const outcome = rankCandidates(candidates, { ...rankOptions(req, plan), ...(plan.exploration ? { exploration: { settings: plan.exploration, random: Math.random } } : {}) });
    const features = candidateFeatures(outcome.considered);
    lap('ranking');
    const { removed: _r, unplacedPins: _u, ...list } = ranker.log(req, plan, { ...outcome, features });
    lap('impression_write');
    const checked = methods.recommend.output.parse(list);
    lap('output_check');
    JSON.stringify({ ok: true, result: checked });
    lap('json_reply');
  }
  return Object.fromEntries(STAGES.map((s) => [`breakdown_${s}_us`, Math.round((totals[s] / n) * 1000)]));
}
