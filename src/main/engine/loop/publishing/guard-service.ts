import type { ArmPolicy, Assessment, Confirmation, FusionWeights, GuardedAction, GuardFigure, GuardSettings, Rule, TargetPolicy } from '../../../../shared/contract';
import { ContractError } from '../../../../shared/contract';
import type { FusionWeightStore } from '../../ranking';
import type { IntentModelRegistry } from '../../finetune/intent-model-registry';
import type { VersionedConfig } from '../../store';
import { compareFigure } from './guard-figures';

/** The replayed metric of some weights (and, for a rule change, a whole rule set) on the held-out sessions. */
export interface ReplayFigure {
  readonly value: number;
  readonly ci: readonly [number, number];
  readonly cases: number;
}

/** What the experiments say about a change, and what stopping or promoting an experiment would do. */
export interface ExperimentEvidence {
  /** Figures of arms whose policy matches (e.g. arms that used a weights version), arm vs control. */
  figuresFor(match: (policy: ArmPolicy) => boolean, thresholdRelative: number): GuardFigure[];
  stop(experimentId: string, thresholdRelative: number): { effects: string[]; figures: GuardFigure[] };
  promote(experimentId: string, armId: string, thresholdRelative: number): { effects: string[]; figures: GuardFigure[]; policy: ArmPolicy };
}

export interface GuardDeps {
  readonly settings: VersionedConfig<typeof GuardSettings>;
  readonly replay: (weights: FusionWeights, rules?: readonly Rule[]) => Promise<ReplayFigure | null>;
  readonly weights: Pick<FusionWeightStore, 'current' | 'get'>;
  readonly models: Pick<IntentModelRegistry, 'get' | 'serving' | 'previous'>;
  /** The rules in force, and the rule a save would store (validated; throws on a bad rule). */
  readonly rules: { list(): Rule[]; candidate(ruleId: string | undefined, input: Record<string, unknown>): Rule };
  readonly experiments?: ExperimentEvidence;
  /** Off-policy figures of a target against serving on the slot's randomised lists (absent: no estimator in this engine). */
  readonly offPolicy?: (target: TargetPolicy, thresholdRelative: number) => Promise<{ figures: GuardFigure[]; missing: string[] }>;
  /** What a rule not yet saved does to the list it is scoped to, in one line (absent: not described). */
  readonly ruleListEffect?: (rule: Rule) => Promise<string | null>;
  /** Learned ranking policies: whether one serves, and what a promote or roll back would change. */
  readonly policies?: { serving(): string | null; previous(): string | null; exists(version: string): boolean };
}

const REPLAY_LABEL = 'Replayed NDCG@10 on held-out sessions';
const HELD_OUT_LABEL = 'Held-out NDCG@10 at training time (vs the version serving then)';

/**
 * Before a change that alters what shoppers see, states its expected effect from every figure the
 * engine has, and decides whether a reason is needed (a figure worse than serving by more than the
 * threshold). `confirm` enforces it for the write paths.
 */
export class GuardService {
  constructor(private readonly deps: GuardDeps) {}

  async assess(action: GuardedAction): Promise<Assessment> {
    const threshold = this.deps.settings.get().thresholdRelative;
    const effects: string[] = [];
    const figures: GuardFigure[] = [];
    const missing: string[] = [];
    const replayed = async (label: string, weights: FusionWeights, rules?: readonly Rule[]): Promise<void> => {
      const serving = await this.deps.replay(this.deps.weights.current().weights);
      const candidate = await this.deps.replay(weights, rules);
      if (!serving || !candidate) missing.push(`${label}: no held-out sessions to replay yet`);
      else figures.push(compareFigure(`${label} (${candidate.cases} cases)`, 'replay', serving.value, candidate.value, threshold, { low: candidate.ci[0], high: candidate.ci[1] }));
    };
    const experiments = (match: (policy: ArmPolicy) => boolean): void => {
      if (this.deps.experiments) figures.push(...this.deps.experiments.figuresFor(match, threshold));
    };
    const offPolicy = async (target: TargetPolicy): Promise<boolean> => {
      if (!this.deps.offPolicy) return false;
      const part = await this.deps.offPolicy(target, threshold);
      figures.push(...part.figures);
      missing.push(...part.missing);
      return part.figures.length > 0;
    };
    const servingPolicy = this.deps.policies?.serving() ?? null;
    let blocked: string | null = null;
    switch (action.action) {
      case 'weights.set': {
        const from = this.deps.weights.current();
        effects.push(`Every list not in an experiment arm is ranked with the new weights at once (replacing version ${from.version}).`);
        if (servingPolicy) effects.push(`Learned ranking policy ${servingPolicy} ranks lists now: the new weights serve only after it is rolled back.`);
        await replayed(REPLAY_LABEL, action.weights);
        await offPolicy({ kind: 'weights', weights: action.weights });
        break;
      }
      case 'weights.rollback': {
        const old = this.deps.weights.get(action.version);
        if (!old) throw new ContractError('not_found', `version: no fusion-weights version ${action.version}`, [{ path: 'version', message: 'not found' }]);
        effects.push(`Version ${action.version}'s weights serve again as a new version; lists not in an experiment arm change at once.`);
        await replayed(REPLAY_LABEL, old.weights);
        await offPolicy({ kind: 'weights', weights: old.weights });
        experiments((p) => p.weightsVersion === action.version);
        break;
      }
      case 'models.promote':
      case 'models.rollback': {
        const serving = this.deps.models.serving();
        const target = action.action === 'models.promote' ? this.deps.models.get(action.version) : this.deps.models.previous();
        if (action.action === 'models.promote' && !target) throw new ContractError('not_found', `version: no intent model ${action.version}`, [{ path: 'version', message: 'not found' }]);
        effects.push(target ? `Intent model ${target.version} proposes candidates for every list not in an experiment arm, without a restart.` : 'No learned intent model serves: the text intent proposes candidates.');
        const after = target?.metrics.afterNdcg10;
        const before = target?.metrics.beforeNdcg10;
        if (after !== undefined && before !== undefined) figures.push(compareFigure(HELD_OUT_LABEL, 'held-out', before, after, threshold));
        else missing.push(`${HELD_OUT_LABEL}: ${target ? 'not recorded for this version' : 'no version to compare'}`);
        if (serving && target) experiments((p) => p.modelVersion === target.version);
        break;
      }
      case 'rules.save': {
        const rule = this.deps.rules.candidate(action.ruleId, action.rule);
        effects.push(`${action.ruleId ? `Rule ${action.ruleId} changes` : 'A new rule applies'} on slot ${rule.slot === '*' ? 'every slot' : rule.slot} from the next list${rule.startsAt !== null || rule.endsAt !== null ? ', within its schedule' : ''}.`);
        if (!rule.enabled) break;
        try {
          const onList = await this.deps.ruleListEffect?.(rule);
          if (onList) effects.push(onList);
        } catch (error) {
          // The save itself does not depend on this line: say it is missing rather than refuse.
          missing.push(`What the rule does to its list: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (rule.slot !== '*' && rule.slot !== 'home') missing.push(`${REPLAY_LABEL}: the replay ranks 'home' lists; this rule applies to '${rule.slot}'`);
        else {
          // Replayed as if in force throughout the held-out window, whatever its schedule.
          const inForce = { ...rule, startsAt: null, endsAt: null };
          const others = this.deps.rules.list().filter((r) => r.ruleId !== rule.ruleId);
          await replayed(`${REPLAY_LABEL} with the rule`, this.deps.weights.current().weights, [...others, inForce]);
        }
        if (action.ruleId) {
          const id = action.ruleId;
          experiments((p) => p.excludeRules.includes(id));
        }
        break;
      }
      case 'experiments.stop':
      case 'experiments.promote': {
        if (!this.deps.experiments) throw new ContractError('conflict', 'experiments are not available in this engine');
        if (action.action === 'experiments.stop') {
          const part = this.deps.experiments.stop(action.experimentId, threshold);
          effects.push(...part.effects);
          figures.push(...part.figures);
          break;
        }
        const part = this.deps.experiments.promote(action.experimentId, action.armId, threshold);
        effects.push(...part.effects);
        figures.push(...part.figures);
        const promoted = part.policy.weightsVersion !== undefined ? this.deps.weights.get(part.policy.weightsVersion) : undefined;
        if (promoted) await replayed(REPLAY_LABEL, promoted.weights);
        break;
      }
      case 'policies.promote': {
        if (!this.deps.policies?.exists(action.version)) throw new ContractError('not_found', `version: no ranking policy ${action.version}`, [{ path: 'version', message: 'not found' }]);
        effects.push(`Ranking policy ${action.version} ranks every list not in an experiment arm, in place of ${servingPolicy ? `policy ${servingPolicy}` : 'the fusion weights'}; rules still apply on top.`);
        // A learned policy is published only after its off-policy estimate against serving has been shown.
        if (!(await offPolicy({ kind: 'policy', version: action.version }))) blocked = `no off-policy estimate of ${action.version} against serving could be made: turn exploration on for its slot and let it serve lists first`;
        break;
      }
      case 'policies.rollback': {
        const previous = this.deps.policies?.previous() ?? null;
        effects.push(servingPolicy ? `Ranking policy ${servingPolicy} stops ranking lists; ${previous ? `policy ${previous}` : 'the fusion weights'} rank them again.` : 'No learned policy serves: nothing changes.');
        if (previous) await offPolicy({ kind: 'policy', version: previous });
        break;
      }
    }
    return { action: action.action, effects, figures, worse: figures.some((f) => f.worse), thresholdRelative: threshold, missing, blocked };
  }

  /**
   * For a write path: assesses the change and refuses it without a reason when it is worse than
   * what serves. Returns what the audit entry records: the reason and the figures at this moment.
   */
  async confirm(action: GuardedAction, confirm: Confirmation | undefined): Promise<{ reason: string | null; assessment: Assessment }> {
    const assessment = await this.assess(action);
    if (assessment.blocked) throw new ContractError('conflict', `${action.action}: ${assessment.blocked}`);
    if (assessment.worse && !confirm) {
      const worst = assessment.figures.filter((f) => f.worse).map((f) => `${f.label}: ${fmt(f.candidate)} vs ${fmt(f.serving)} serving`);
      throw new ContractError(
        'confirmation_required',
        `${action.action}: worse than what serves by more than ${Math.round(assessment.thresholdRelative * 100)} % (${worst.join('; ')}); send confirm.reason to go ahead`,
        [{ path: 'confirm', message: 'a reason is required for a change worse than what serves' }],
      );
    }
    return { reason: confirm?.reason ?? null, assessment };
  }
}

function fmt(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(4);
}
