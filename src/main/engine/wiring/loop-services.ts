import { ExperimentService } from '../loop/experiments';
import { LoopService } from '../loop/loop-service';
import { metricLabels } from '../loop/metrics/metric-labels';
import type { QuerySuggestions } from '../retrieval/query-suggestions/query-suggestions';
import type { EngineCore } from './engine-core';
import type { ModelServices } from './model-services';
import type { PolicyServices } from './policy-services';

/** The loop: rewards joined to lists, online metrics, and the experiments that read them. */
export interface LoopServices {
  readonly loop: LoopService;
  readonly experiments: ExperimentService;
}

export function loopServices(core: EngineCore, policy: PolicyServices, models: ModelServices, querySuggestions: QuerySuggestions): LoopServices {
  const { db, audit, items } = core;
  const { weights, rules, policies } = policy;
  // Built right after: the loop reads it only after a flush, and for labels.
  let experiments: ExperimentService | undefined;
  // Experiments read the roll-ups after each flush.
  const loop = new LoopService(db, {
    events: core.events,
    impressions: policy.impressions,
    audit,
    priceOf: (itemId) => items.get(itemId)?.price,
    labelOf: metricLabels({ weights, rules, experiments: () => experiments! }),
    onFlushed: () => experiments?.tick(),
    onRewards: (rewards) => querySuggestions.observe(rewards),
    ...(core.options.attribution === false ? { attribution: false } : {}),
  });
  experiments = new ExperimentService({
    db,
    audit,
    rollups: loop,
    // An experiment whose arms name intent models assigns no one until they are loaded (docs/EXPERIMENTS.md).
    armModels: models.armModels,
    onRunning: (armModels) => models.armModels.track(armModels),
    checks: {
      weightsVersionExists: (v) => weights.get(v) !== undefined,
      modelVersionExists: (v) => models.intentModels.get(v) !== undefined,
      ruleExists: (id) => rules.get(id) !== undefined,
      policyVersionExists: (v) => policies.exists(v),
    },
    publish: {
      useWeightsVersion: (v, actor) => weights.rollback(v, `promoted from an experiment`, { actor }),
      promoteModel: (v, actor) => models.promote(v, actor),
      disableRules: (ids, actor) => ids.map((id) => rules.update(id, { enabled: false }, { actor })),
      promotePolicy: (v, actor) => policies.promote(v, actor, { from: 'experiment' }),
    },
  });
  return { loop, experiments };
}
