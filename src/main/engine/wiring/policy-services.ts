import { IntentModelRegistry } from '../finetune/intent-model-registry';
import type { JobRunner } from '../jobs/job-runner';
import { ExplorationStore } from '../loop/exploration/exploration-store';
import { OpeService, RewardSetting } from '../loop/ope';
import { PolicyService } from '../loop/policy/policy-service';
import { FusionWeightStore, ImpressionLog, RuleStore } from '../ranking';
import { CollectionStore } from '../catalog/collection-store';
import { AfterPurchaseSetting } from '../recommend/after-purchase-setting';
import type { EngineCore } from './engine-core';
import { RECOMMENDATION_DIVERSITY } from './list-settings';

/** What ranks a list, as configured: fusion weights, rules, collections, exploration, the after-purchase policy, the reward, learned policies and their off-policy estimates; and the impression log. */
export interface PolicyServices {
  readonly weights: FusionWeightStore;
  readonly rules: RuleStore;
  /** The catalogue's collections: a collection's list is drawn from its items, and rules may be scoped to one. */
  readonly collections: CollectionStore;
  readonly impressions: ImpressionLog;
  readonly exploration: ExplorationStore;
  readonly afterPurchase: AfterPurchaseSetting;
  readonly reward: RewardSetting;
  readonly ope: OpeService;
  readonly policyRegistry: IntentModelRegistry;
  readonly policies: PolicyService;
}

export function policyServices(core: EngineCore, jobs: JobRunner): PolicyServices {
  const { db, audit } = core;
  const weights = new FusionWeightStore(db, { audit });
  const rules = new RuleStore(db, { audit });
  const collections = new CollectionStore(db, { audit, rulesUsing: (id) => rules.list().filter((r) => r.collection === id || (r.target.type === 'collection' && r.target.collection === id)).map((r) => r.ruleId) });
  const impressions = new ImpressionLog(db);
  const exploration = new ExplorationStore(db, audit);
  const afterPurchase = new AfterPurchaseSetting(db, audit, core.options.afterPurchase);
  const reward = new RewardSetting(db, audit);
  // Built right after: the estimates read a learned policy only when asked.
  let policies: PolicyService | undefined;
  const ope = new OpeService({
    db,
    weights,
    reward,
    categoryOf: (itemId) => core.items.get(itemId)?.category,
    // Recommendation slots are diversified, search is not (list-ranking.ts).
    diversityOf: (slot) => (slot === 'search' ? {} : RECOMMENDATION_DIVERSITY),
    learnedPolicy: (version) => (policies?.exists(version) ? policies.load(version) : undefined),
  });
  const policyRegistry = new IntentModelRegistry(db, audit, 'ranking-policy', 'policy');
  policies = new PolicyService({ db, dbPath: core.dbPath, jobs, registry: policyRegistry, ope, reward: () => reward.get() });
  return { weights, rules, collections, impressions, exploration, afterPurchase, reward, ope, policyRegistry, policies };
}
