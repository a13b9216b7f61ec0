import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { ContractError, type Job, type OpeEstimatorName, type OpeReport, type RankingPolicyVersion, type RewardSpec } from '../../../../shared/contract';
import type { IntentModelRegistry } from '../../finetune/intent-model-registry';
import type { JobRunner } from '../../jobs/job-runner';
import { RECOMMENDED_ESTIMATOR } from '../ope/ope-report';
import type { OpeService } from '../ope/ope-service';
import { randomisedSplit } from '../ope/randomised-split';
import { featureNames } from './policy-features';
import { LearnedPolicy } from './learned-policy';
import { MIN_ITEMS } from './policy-training';
import { runPolicyWorker } from './run-policy-worker';

export interface PolicyServiceDeps {
  readonly db: Database;
  /** The store file the training worker opens read-only. */
  readonly dbPath: string;
  readonly jobs: JobRunner;
  /** The `models` table with kind 'ranking-policy'. */
  readonly registry: IntentModelRegistry;
  readonly ope: OpeService;
  readonly reward: () => RewardSpec;
  readonly clock?: () => number;
  /** Ridge penalty per learned item (default 1e-4). */
  readonly lambda?: number;
}

export interface TrainPolicyInput {
  readonly slot: string;
  readonly windowDays?: number;
  readonly reward?: RewardSpec;
}

/** The newest fifth of the window's lists is kept out of training and used for the off-policy estimate against serving. */
const HOLDOUT_SHARE = 0.2;
const DAY_MS = 86_400_000;

/**
 * Learned ranking policies: trained as a job in a worker from the logged lists and rewards
 * (position bias corrected with the examination curve that exploration measured), versioned in the
 * model registry with their off-policy estimate against serving on lists they were not trained on,
 * promoted and rolled back like intent models. The promoted one ranks every list not in an
 * experiment arm.
 */
/** Estimators that stand in, in this order, when the recommended one has no value on the held-out lists. */
const HELD_OUT_FALLBACK: readonly OpeEstimatorName[] = ['dr', 'snips', 'ips'];

export class PolicyService {
  private readonly loaded = new Map<string, LearnedPolicy>();
  private servingPolicy: LearnedPolicy | undefined;

  constructor(private readonly deps: PolicyServiceDeps) {
    const serving = deps.registry.serving();
    if (serving) {
      try {
        this.servingPolicy = this.load(serving.version);
      } catch (err) {
        console.error(`[policies] ranking policy ${serving.version} could not be loaded; the fusion weights serve:`, err);
      }
    }
  }

  list(): RankingPolicyVersion[] {
    return this.deps.registry.list().map(({ sha256: _sha, ...v }) => v);
  }

  exists(version: string): boolean {
    return this.deps.registry.get(version) !== undefined;
  }

  /** The learned policy that ranks everyone's lists, if one was promoted. */
  serving(): LearnedPolicy | undefined {
    return this.servingPolicy;
  }

  load(version: string): LearnedPolicy {
    const known = this.loaded.get(version);
    if (known) return known;
    const v = this.deps.registry.get(version);
    if (!v) throw new ContractError('not_found', `version: no ranking policy ${version}`, [{ path: 'version', message: 'not found' }]);
    const coefficients = v.config.coefficients;
    if (!Array.isArray(coefficients) || coefficients.some((c) => typeof c !== 'number')) throw new ContractError('conflict', `ranking policy ${version} has no coefficients`);
    const policy = new LearnedPolicy(version, coefficients as number[]);
    this.loaded.set(version, policy);
    return policy;
  }

  async train(input: TrainPolicyInput): Promise<Job> {
    const now = (this.deps.clock ?? Date.now)();
    const from = input.windowDays ? now - input.windowDays * DAY_MS : 0;
    const reward = input.reward ?? this.deps.reward();
    // Position bias comes from exploration: without shuffled lists there is nothing to correct it with.
    const log = await this.deps.ope.readLog({ slot: input.slot, from, to: now });
    if (log.dataset.lists === 0) throw new ContractError('conflict', `policies.train: slot '${input.slot}' has no randomised lists in this range; turn exploration on (exploration.configure) so position bias can be measured, then train`);
    const splitAt = randomisedSplit(this.deps.db, input.slot, from, now, HOLDOUT_SHARE);
    const curve = await this.deps.ope.examination({ slot: input.slot, from, to: splitAt, maxPosition: 50 });
    const examination: (number | null)[] = [null];
    for (const p of curve.points) examination[p.position] = p.examination;
    // At most one learned item per list and known position: refuse now rather than fail the job later.
    const known = examination.filter((t) => t !== null && t !== undefined).length;
    const lists = (this.deps.db.prepare('SELECT count(*) AS n FROM impressions WHERE slot = ? AND created_at >= ? AND created_at < ? AND features IS NOT NULL').get(input.slot, from, splitAt) as { n: number }).n;
    if (lists * known < MIN_ITEMS) {
      throw new ContractError('conflict', `policies.train: slot '${input.slot}' has ${lists} lists to learn from (the newest fifth is kept for the estimate), at most ${lists * known} shown items at positions whose examination is known; at least ${MIN_ITEMS} are needed. Let the slot serve more lists first.`);
    }
    const params = { slot: input.slot, from, to: now, trainedUntil: splitAt, reward, windowDays: input.windowDays ?? null };
    return this.deps.jobs.start('train-policy', params, async (ctx) => {
      const { fit, seconds } = await runPolicyWorker({ dbPath: this.deps.dbPath, slot: input.slot, from, to: splitAt - 1, reward, examination, lambda: this.deps.lambda ?? 1e-4 }, ctx);
      const version = this.nextVersion();
      const config = { slot: input.slot, reward, trainedFrom: from, trainedUntil: splitAt, features: featureNames(), coefficients: fit.coefficients, examination, lambda: this.deps.lambda ?? 1e-4 };
      const sha256 = createHash('sha256').update(JSON.stringify(config)).digest('hex');
      this.deps.registry.register({ version, path: '', sha256, metrics: { lists: fit.lists, items: fit.items, rewardedItems: fit.rewarded, trainSeconds: seconds }, config });
      const estimate = await this.estimateOnHeldOut(version, input.slot, splitAt, now, reward);
      this.deps.registry.updateMetrics(version, { lists: fit.lists, items: fit.items, rewardedItems: fit.rewarded, trainSeconds: seconds, ...estimate.metrics });
      return { version, ...estimate.metrics, warnings: estimate.warnings };
    });
  }

  /** Makes a version rank everyone's lists (not those in experiment arms); the caller asked the guard first. */
  promote(version: string, actor: string, detail?: Record<string, unknown>): RankingPolicyVersion {
    const policy = this.load(version);
    const promoted = this.deps.registry.promote(version, actor, detail);
    this.servingPolicy = policy;
    return this.list().find((v) => v.version === promoted.version) as RankingPolicyVersion;
  }

  /** Back to the policy that served before, or to the fusion weights. */
  rollback(actor: string, detail?: Record<string, unknown>): RankingPolicyVersion | null {
    const previous = this.deps.registry.previous();
    if (previous) return this.promote(previous.version, actor, { rollback: true, ...detail });
    this.deps.registry.demote(actor, detail);
    this.servingPolicy = undefined;
    return null;
  }

  /** The off-policy estimate of a version against serving, on the lists it was not trained on. */
  private async estimateOnHeldOut(version: string, slot: string, from: number, to: number, reward: RewardSpec): Promise<{ metrics: Record<string, number>; warnings: string[] }> {
    let report: OpeReport;
    try {
      report = await this.deps.ope.estimate({ target: { kind: 'policy', version }, slot, from, to, reward, clip: 50 });
    } catch (err) {
      return { metrics: {}, warnings: [`no off-policy estimate on held-out lists: ${err instanceof Error ? err.message : String(err)}`] };
    }
    const warnings = [...report.warnings];
    // The position-based estimate needs clicks at every position of the window; a short held-out
    // window can lack them. Then the next estimator with a value stands in, and the job says which.
    let best = report.estimates.find((e) => e.estimator === RECOMMENDED_ESTIMATOR && e.value !== null);
    if (best === undefined) {
      best = HELD_OUT_FALLBACK.map((name) => report.estimates.find((e) => e.estimator === name && e.value !== null)).find((e) => e !== undefined);
      if (best !== undefined) warnings.push(`the ${RECOMMENDED_ESTIMATOR} estimate is not available on the held-out lists (a position of the window had no clicks there); the ${best.estimator} estimate is shown instead`);
    }
    const metrics: Record<string, number> = { heldOutFrom: from, heldOutLists: report.randomisedLists };
    if (best?.value !== null && best?.value !== undefined) {
      metrics.opeValue = best.value;
      if (best.low !== null) metrics.opeLow = best.low;
      if (best.high !== null) metrics.opeHigh = best.high;
      metrics.opeEffectiveSampleSize = best.effectiveSampleSize;
    }
    if (report.serving.value !== null) metrics.servingValue = report.serving.value;
    if (report.support !== null) metrics.support = report.support;
    return { metrics, warnings };
  }

  private nextVersion(): string {
    const n = this.deps.registry.list().reduce((m, v) => Math.max(m, Number(v.version.replace(/^p-/, '')) || 0), 0);
    return `p-${n + 1}`;
  }
}
