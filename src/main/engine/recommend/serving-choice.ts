import type { ArmPolicy } from '../../../shared/contract';
import type { ServingIntentModel } from '../finetune/serving-intent-model';
import type { LearnedPolicy } from '../loop/policy/learned-policy';
import { HOLDOUT_WEIGHTS, type FusionWeightStore, type ServingPolicy } from '../ranking';

/** An experiment arm a request was assigned to. */
export interface ArmAssignment {
  readonly experimentId: string;
  readonly armId: string;
  readonly policy: ArmPolicy;
}

/** What serves one request: the ranking policy, and the intent model that proposes candidates. */
export interface ServingChoice {
  readonly serving: ServingPolicy;
  readonly learned: ServingIntentModel | undefined;
}

export interface ServingChoiceDeps {
  /** The experiment arm for this slot and shopper (or session), if a running experiment covers it. */
  readonly assign: (slot: string, unitKey: string) => ArmAssignment | null;
  readonly weights: FusionWeightStore;
  /** The intent model that serves everyone (undefined: the text intent). */
  readonly learned: () => ServingIntentModel | undefined;
  /** An arm's intent model, loaded ahead (serving/arm-intent-models.ts); throws when it is not ready. */
  readonly loadModel: (version: string) => ServingIntentModel;
  /** The learned ranking policy that ranks everyone's lists, if one was promoted. */
  readonly policy?: () => LearnedPolicy | undefined;
  /** Loads a learned ranking policy an arm asks for. */
  readonly loadPolicy?: (version: string) => LearnedPolicy;
}

/** What a learned policy's weights depend on. */
export interface ListContextForPolicy {
  readonly purchaseIntent: number;
  readonly coldStart: boolean;
}

/**
 * Resolves what serves a request: everyone's weights, rules and intent model, unless a running
 * experiment assigns the shopper to an arm that names others. An arm naming a version that cannot
 * be loaded falls back to what serves everyone, and says so once in the log.
 */
export class ServingChoices {
  private readonly warned = new Set<string>();

  constructor(private readonly deps: ServingChoiceDeps) {}

  choose(slot: string, unitKey: string | null, context: ListContextForPolicy): ServingChoice {
    const arm = unitKey === null ? null : this.deps.assign(slot, unitKey);
    const current = this.deps.weights.current();
    const everyone = this.deps.policy?.();
    if (!arm) return { serving: { ...this.ranking(everyone, current, slot, context), excludeRules: new Set(), filtersOnly: false, experiment: null }, learned: this.deps.learned() };
    const { policy } = arm;
    const experiment = { experimentId: arm.experimentId, armId: arm.armId };
    if (policy.holdout) return { serving: { weights: { version: 0, weights: HOLDOUT_WEIGHTS }, excludeRules: new Set(), filtersOnly: true, ranking: 'holdout', experiment }, learned: undefined };
    // An arm's own weights version or policy; what it leaves out is what serves everyone.
    const weights = policy.weightsVersion !== undefined ? (this.deps.weights.get(policy.weightsVersion) ?? current) : current;
    const learnedPolicy = policy.policyVersion !== undefined ? this.policy(policy.policyVersion) : policy.weightsVersion !== undefined ? undefined : everyone;
    return {
      serving: { ...this.ranking(learnedPolicy, weights, slot, context), excludeRules: new Set(policy.excludeRules), filtersOnly: false, experiment },
      learned: policy.modelVersion === undefined ? this.deps.learned() : policy.modelVersion === 'none' ? undefined : this.model(policy.modelVersion),
    };
  }

  /** A learned policy's weights for this list's context, or the fusion weights. */
  private ranking(policy: LearnedPolicy | undefined, weights: ServingPolicy['weights'], slot: string, context: ListContextForPolicy): Pick<ServingPolicy, 'weights' | 'ranking'> {
    if (!policy) return { weights, ranking: 'weights' };
    return { weights: { version: 0, weights: policy.weightsFor({ slot, ...context }) }, ranking: policy.name };
  }

  private policy(version: string): LearnedPolicy | undefined {
    try {
      return this.deps.loadPolicy?.(version);
    } catch (err) {
      if (!this.warned.has(version)) console.warn(`[experiments] ranking policy ${version} could not be loaded for an arm; the fusion weights serve:`, err);
      this.warned.add(version);
      return undefined;
    }
  }

  /** The arm's model (held by the arm models, not here: a stopped experiment's model is let go). */
  private model(version: string): ServingIntentModel | undefined {
    try {
      return this.deps.loadModel(version);
    } catch (err) {
      if (!this.warned.has(version)) console.warn(`[experiments] intent model ${version} could not be loaded for an arm; the serving model is used:`, err);
      this.warned.add(version);
      return this.deps.learned();
    }
  }
}
