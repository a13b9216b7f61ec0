import { GuardSettings } from '../../../shared/contract';
import type { IntentModelRegistry } from '../finetune/intent-model-registry';
import type { ExperimentService } from '../loop/experiments';
import { experimentEvidence } from '../loop/publishing/experiment-evidence';
import { GuardService } from '../loop/publishing/guard-service';
import { offPolicyFigures } from '../loop/publishing/off-policy-figures';
import { replayFigure } from '../loop/publishing/replay-figure';
import { describeListEffect, effectList } from '../loop/publishing/rule-list-effect';
import type { RecommendService } from '../recommend/recommend-service';
import { VersionedConfig } from '../store';
import { PreparedWindows } from '../tuning/prepared-window';
import type { EngineCore } from './engine-core';
import type { PolicyServices } from './policy-services';

/** The guard that assesses a publish (replayed figures, experiments' evidence, off-policy estimates), its settings, and the held-out windows it replays. */
export interface GuardServices {
  readonly heldOutWindows: PreparedWindows;
  readonly guardSettings: VersionedConfig<typeof GuardSettings>;
  readonly guard: GuardService;
}

export function guardServices(core: EngineCore, w: { policy: PolicyServices; intentModels: IntentModelRegistry; experiments: ExperimentService; recommender: RecommendService }): GuardServices {
  const { policy } = w;
  const heldOutWindows = new PreparedWindows(core.db, w.recommender);
  const guardSettings = new VersionedConfig(core.db, 'guard', GuardSettings, GuardSettings.parse({}), core.audit);
  const guard = new GuardService({
    settings: guardSettings,
    replay: replayFigure(w.recommender, heldOutWindows),
    weights: policy.weights,
    models: w.intentModels,
    rules: { list: () => policy.rules.list(), candidate: (ruleId, input) => policy.rules.preview(ruleId, input) },
    ruleListEffect: async (rule) => {
      const list = effectList(rule);
      return list ? describeListEffect(list.where, await w.recommender.previewRules(list.request, rule)) : null;
    },
    experiments: experimentEvidence(w.experiments),
    offPolicy: offPolicyFigures({
      estimate: (req) => policy.ope.estimate(req),
      slotOf: (target) => (target.kind === 'policy' ? String(policy.policyRegistry.get(target.version)?.config.slot ?? 'home') : 'home'),
    }),
    policies: { serving: () => policy.policies.serving()?.name ?? null, previous: () => policy.policyRegistry.previous()?.version ?? null, exists: (v) => policy.policies.exists(v) },
  });
  return { heldOutWindows, guardSettings, guard };
}
