import type { Database } from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { ContractError, type ExaminationCurve, type OpeReport, type OpeRequest, type RewardSpec, type TargetPolicy } from '../../../../shared/contract';
import type { DiversityOptions, FusionWeightStore } from '../../ranking';
import type { BootstrapOptions } from './bootstrap';
import { estimateExamination } from './examination';
import { readOpeLog, type OpeLog, type OpeLogOptions, type OpeLogQuery } from './log-reader';
import { opeReport, RECOMMENDED_ESTIMATOR } from './ope-report';
import { estimatePolicy } from './policy-estimate';
import type { RewardSetting } from './reward-setting';
import { weightsPolicy, type ScoringPolicy } from './scoring-policy';
import { arrangeTarget } from './target-arrangement';

export interface OpeServiceDeps {
  readonly db: Database;
  readonly weights: Pick<FusionWeightStore, 'get'>;
  readonly reward: RewardSetting;
  /** The catalogue's category of an item (the target arrangement's diversity). */
  readonly categoryOf?: (itemId: string) => string | undefined;
  /** The diversity a slot's lists get (the engine's); default none. */
  readonly diversityOf?: (slot: string) => DiversityOptions;
  /** A learned policy version as a scoring policy (the learned-policy registry); absent = none known. */
  readonly learnedPolicy?: (version: string) => ScoringPolicy | undefined;
  readonly bootstrap?: BootstrapOptions;
  readonly clock?: () => number;
}

/**
 * Off-policy estimates before publishing: reads a slot's randomised lists, arranges the target's
 * window from each logged pool, and runs every estimator (ope.estimate); the examination curve
 * from the shuffled lists (ope.examination). Refuses on a log without randomised lists: no
 * estimator is valid on deterministic lists.
 */
export class OpeService {
  constructor(private readonly deps: OpeServiceDeps) {}

  /** The randomised lists of a slot in a range (serving's unless an arm is named), read into an OPE dataset (policy learning reads them too). */
  readLog(query: { slot: string; from?: number; to?: number; arm?: OpeLogQuery['arm'] }, options: Pick<OpeLogOptions, 'maxLists' | 'chunkSize'> = {}): Promise<OpeLog> {
    const q: OpeLogQuery = { slot: query.slot, from: query.from ?? 0, to: query.to ?? this.now() + 1, ...(query.arm ? { arm: query.arm } : {}) };
    return readOpeLog(this.deps.db, q, { ...(this.deps.categoryOf ? { categoryOf: this.deps.categoryOf } : {}), ...options });
  }

  /** A target policy as a scoring policy, or not_found. */
  scoringPolicy(target: TargetPolicy): ScoringPolicy {
    if (target.kind === 'weights') return weightsPolicy(target.weights, 'draft weights');
    if (target.kind === 'weightsVersion') {
      const stored = this.deps.weights.get(target.version);
      if (!stored) throw new ContractError('not_found', `target.version: no weights version ${target.version}`, [{ path: 'target.version', message: 'not found' }]);
      return weightsPolicy(stored.weights, `weights v${target.version}`);
    }
    const learned = this.deps.learnedPolicy?.(target.version);
    if (!learned) throw new ContractError('not_found', `target.version: no learned policy ${target.version}`, [{ path: 'target.version', message: 'not found' }]);
    return learned;
  }

  async estimate(req: OpeRequest): Promise<OpeReport> {
    const started = performance.now();
    const log = await this.readLog(req);
    refuseWithoutExploration(log);
    return this.estimateOn(log, this.scoringPolicy(req.target), req.reward ?? this.deps.reward.get(), req.clip, started);
  }

  /** The full report of a policy on a log already read (auto-tune reads its halves once). */
  async estimateOn(log: OpeLog, policy: ScoringPolicy, reward: RewardSpec, clip: number, started = performance.now()): Promise<OpeReport> {
    const target = await arrangeTarget(log.dataset, policy, { diversity: this.deps.diversityOf?.(log.query.slot) ?? {} });
    const estimate = await estimatePolicy(log.dataset, target, reward, { clip, ...(this.deps.bootstrap ? { bootstrap: this.deps.bootstrap } : {}) });
    return opeReport(log, estimate, reward, performance.now() - started);
  }

  /** The recommended estimator's point estimate of a policy on a log already read, without intervals (what a search compares). */
  async pointEstimate(log: OpeLog, policy: ScoringPolicy, reward: RewardSpec, clip: number): Promise<number | null> {
    const target = await arrangeTarget(log.dataset, policy, { diversity: this.deps.diversityOf?.(log.query.slot) ?? {} });
    const estimate = await estimatePolicy(log.dataset, target, reward, { clip, bootstrap: { replicates: 0 } });
    return estimate.estimates.find((e) => e.estimator === RECOMMENDED_ESTIMATOR)?.value ?? null;
  }

  /** The reward in force (policies.reward). */
  reward(): RewardSpec {
    return this.deps.reward.get();
  }

  async examination(req: { slot: string; from?: number; to?: number; maxPosition: number }): Promise<ExaminationCurve> {
    const log = await this.readLog(req);
    refuseWithoutExploration(log);
    return estimateExamination(log.dataset, req.maxPosition, this.deps.bootstrap);
  }

  private now(): number {
    return (this.deps.clock ?? Date.now)();
  }
}

/** Off-policy estimates need lists served with known exploration propensities: refuse clearly without them. */
export function refuseWithoutExploration(log: OpeLog): void {
  if (log.dataset.lists > 0) return;
  const arm = log.query.arm;
  const where = `slot '${log.query.slot}' ${arm ? `in experiment ${arm.experimentId}, arm ${arm.armId}` : 'outside experiments'}`;
  const why =
    log.lists === 0
      ? `no lists were served on ${where} in this range`
      : `all ${log.lists} lists of ${where} in this range were served deterministically (exploration is off)`;
  throw new ContractError('conflict', `No randomised lists to estimate from: ${why}. Turn exploration on for the slot (exploration.configure) and let it serve lists; off-policy estimates are not valid on deterministic lists.`);
}
