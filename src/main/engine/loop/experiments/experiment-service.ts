import type { Database } from 'better-sqlite3';
import { ContractError, type Arm, type ArmModelStatus, type Experiment, type ExperimentResults, type LoopCounts, type MetricDimension } from '../../../../shared/contract';
import { emptyCounts } from '../metrics/loop-counts';
import { RollupReader } from '../metrics/rollup-reader';
import { allocationPeriods, type HourCounts } from './allocation-periods';
import { DEFAULT_PLANNED_LISTS } from './always-valid-interval';
import { AssignmentTable, type Assignment } from './experiment-assignment';
import { experimentResults } from './experiment-results';
import type { ExperimentSpec } from './experiment-rows';
import { ExperimentStore, type ExperimentAudit } from './experiment-store';
import { issuesError, parseExperimentInput, policyIssues, slotIssues, type PolicyChecks } from './experiment-validation';
import { checkGuardrail } from './guardrail';
import { drawSeed } from './reward-metric';
import { banditShares, DEFAULT_DRAWS, probabilityBest, rewardPosteriors } from './thompson-allocation';

/** The metric roll-ups, as far as experiments read them (the lead's RollupReader fits). Arm values are `${experimentId}:${armId}`. */
export interface ArmCountsReader {
  countsByValue(dim: MetricDimension, q: { from: number; to: number; slots?: readonly string[]; values?: readonly string[] }): Map<string, LoopCounts>;
  /**
   * The same counts per hour, to compare a bandit's arms within periods of fixed shares (LoopService
   * passes it through). Absent (a reader without it), the hourly roll-ups are read from `db`:
   * countsByValue, called just before, has flushed them.
   */
  countsByValueAndHour?(dim: MetricDimension, q: { from: number; to: number; values?: readonly string[] }): HourCounts[];
}

/** What promoting an arm does to what serves everyone; each may throw to refuse. */
export interface PolicyPublisher {
  useWeightsVersion(version: number, actor: string): unknown;
  promoteModel(version: string, actor: string): unknown;
  disableRules(ruleIds: readonly string[], actor: string): unknown;
  /** Learned ranking policies; absent until they exist. */
  promotePolicy?: (version: string, actor: string) => unknown;
}

export interface ExperimentSettings {
  /** Lists per arm at which the always-valid intervals are tightest (their mixing parameter). */
  plannedLists: number;
  /** Monte-Carlo draws for P(best). */
  draws: number;
  /** The bandit writes new shares only when one moved by more than this. */
  shareTolerance: number;
  /** At most one experiment_allocations row per experiment per this many ms. */
  allocationIntervalMs: number;
  /** The bandit keeps the configured shares until the arms have served this many lists together. */
  banditWarmupLists: number;
}

export const DEFAULT_EXPERIMENT_SETTINGS: ExperimentSettings = {
  plannedLists: DEFAULT_PLANNED_LISTS,
  draws: DEFAULT_DRAWS,
  shareTolerance: 0.01,
  allocationIntervalMs: 60_000,
  banditWarmupLists: 100,
};

/** The intent models the arms name, loaded off the request path (serving/arm-intent-models.ts fits). */
export interface ArmModelReadiness {
  /** undefined: not asked for (yet). */
  status(version: string): ArmModelStatus['state'] | undefined;
  statuses(versions: readonly string[]): ArmModelStatus[];
}

export interface ExperimentServiceDeps {
  db: Database;
  audit: ExperimentAudit;
  rollups: ArmCountsReader;
  checks: PolicyChecks;
  publish: PolicyPublisher;
  clock?: () => number;
  settings?: Partial<ExperimentSettings>;
  /**
   * The arms' intent models: an experiment assigns no one (its lists are served as everyone's and
   * logged with no arm) until every model its arms name is loaded. Absent: models are not awaited.
   */
  armModels?: ArmModelReadiness;
  /** Told the intent models the running experiments' arms name (by experiment) after every change and at construction: they are loaded from it. */
  onRunning?: (armModels: ReadonlyMap<string, readonly string[]>) => void;
}

/** What one tick did. */
export interface TickReport {
  reallocated: string[];
  stopped: string[];
  errors: string[];
}

const HOUR_MS = 3_600_000;

/**
 * A/B/n experiments and bandits: their lifecycle, the in-memory assignment on the request path,
 * the results, and the once-a-second tick that moves a bandit's traffic and applies guardrails.
 */
export class ExperimentService {
  private readonly store: ExperimentStore;
  private readonly clock: () => number;
  private readonly settings: ExperimentSettings;
  private table = new AssignmentTable([]);
  private runningNow: Experiment[] = [];
  /** The intent-model versions each running experiment's arms name ('none' needs no load). */
  private armModelVersions = new Map<string, string[]>();
  private readonly lastAllocation = new Map<string, { at: number; shares: number[] }>();
  /** When each running experiment's shares were written (experiment_allocations' ts, oldest first), kept here so the tick need not re-read the history. */
  private readonly allocationTimes = new Map<string, number[]>();
  /** The last P(best) per experiment and the seed (a digest of the counts) it was drawn with: no new data, no new draws. */
  private readonly lastDraw = new Map<string, { seed: number; pBest: number[] }>();

  constructor(private readonly deps: ExperimentServiceDeps) {
    this.store = new ExperimentStore(deps.db, deps.audit);
    this.clock = deps.clock ?? Date.now;
    this.settings = { ...DEFAULT_EXPERIMENT_SETTINGS, ...deps.settings };
    this.refresh();
  }

  /** Newest first. */
  list(): Experiment[] {
    return this.store.list();
  }

  get(experimentId: string): Experiment {
    const experiment = this.store.get(experimentId);
    if (!experiment) throw new ContractError('not_found', `experimentId: no experiment ${experimentId}`, [{ path: 'experimentId', message: 'not found' }]);
    return experiment;
  }

  /** The running experiments (from memory). */
  running(): readonly Experiment[] {
    return this.runningNow;
  }

  /** A draft; every version and rule an arm names must exist. */
  create(input: unknown, actor = 'operator'): Experiment {
    const parsed = parseExperimentInput(input);
    const arms: Arm[] = parsed.arms.map((a) => ({ armId: a.armId, name: a.name, share: a.share, policy: a.policy }));
    const issues = policyIssues(arms, this.deps.checks);
    if (issues.length) throw issuesError('bad_request', 'experiments.create', issues);
    const spec: ExperimentSpec = {
      hypothesis: parsed.hypothesis,
      slots: parsed.slots,
      mode: parsed.mode,
      reward: parsed.reward,
      arms,
      floor: parsed.floor,
      guardrail: parsed.guardrail,
      alpha: parsed.alpha,
    };
    return this.store.create(parsed.name, spec, this.clock(), { actor });
  }

  /** Draft to running: what the arms name must still exist, and no running experiment may hold one of its slots. */
  start(experimentId: string, actor = 'operator'): Experiment {
    const experiment = this.get(experimentId);
    if (experiment.status !== 'draft') throw conflict(`experiments.start: ${experimentId} is ${experiment.status}; only a draft can start`);
    const issues = [...policyIssues(experiment.arms, this.deps.checks), ...slotIssues(experiment, this.runningNow)];
    if (issues.length) throw issuesError('conflict', 'experiments.start', issues);
    const started = this.store.start(experimentId, this.clock(), { actor });
    this.refresh();
    return started;
  }

  /** Throws unless the experiment can be stopped (it exists and is not stopped yet). */
  assertStoppable(experimentId: string): Experiment {
    const experiment = this.get(experimentId);
    if (experiment.status === 'stopped') throw conflict(`experiments.stop: ${experimentId} is already stopped`);
    return experiment;
  }

  /** Stopped by the operator; `detail` (the guard's assessment) goes into the audit entry. */
  stop(experimentId: string, options: { actor?: string; reason?: string; detail?: Record<string, unknown> } = {}): Experiment {
    this.assertStoppable(experimentId);
    const stopped = this.store.stop(experimentId, {
      at: this.clock(),
      by: 'operator',
      reason: options.reason?.trim() || 'Stopped by the operator.',
      actor: options.actor ?? 'operator',
      ...(options.detail ? { detail: options.detail } : {}),
    });
    this.refresh();
    return stopped;
  }

  /** Throws unless `armId` of this experiment can be promoted; returns the arm. */
  assertPromotable(experimentId: string, armId: string): Arm {
    const experiment = this.get(experimentId);
    const arm = experiment.arms.find((a) => a.armId === armId);
    if (!arm) throw new ContractError('not_found', `armId: experiment ${experimentId} has no arm ${armId}`, [{ path: 'armId', message: 'not found' }]);
    if (experiment.status === 'draft') throw conflict(`experiments.promote: ${experimentId} has not run; start it first`, 'experimentId');
    if (experiment.promotedArm) throw conflict(`experiments.promote: arm ${experiment.promotedArm} of ${experimentId} was promoted already`, 'experimentId');
    if (arm.policy.holdout) throw conflict(`experiments.promote: ${armId} is the holdout, which measures what the system adds; it cannot serve everyone`, 'armId');
    return arm;
  }

  /**
   * Makes the arm's policy serve everyone (intent model, learned policy, weights, rules, in that
   * order: the ones likeliest to refuse go first), then stops the experiment with the arm recorded.
   */
  async promote(experimentId: string, armId: string, options: { actor?: string; detail?: Record<string, unknown> } = {}): Promise<Experiment> {
    const arm = this.assertPromotable(experimentId, armId);
    const actor = options.actor ?? 'operator';
    const p = arm.policy;
    const applied: string[] = [];
    try {
      if (p.modelVersion !== undefined) {
        await this.deps.publish.promoteModel(p.modelVersion, actor);
        applied.push(`intent model ${p.modelVersion}`);
      }
      if (p.policyVersion !== undefined) {
        if (!this.deps.publish.promotePolicy) throw conflict(`experiments.promote: learned ranking policies are not available in this engine`, 'armId');
        await this.deps.publish.promotePolicy(p.policyVersion, actor);
        applied.push(`ranking policy ${p.policyVersion}`);
      }
      if (p.weightsVersion !== undefined) {
        await this.deps.publish.useWeightsVersion(p.weightsVersion, actor);
        applied.push(`fusion weights version ${p.weightsVersion}`);
      }
      if (p.excludeRules.length > 0) {
        await this.deps.publish.disableRules(p.excludeRules, actor);
        applied.push(`rules ${p.excludeRules.join(', ')} disabled`);
      }
    } catch (err) {
      this.deps.audit.record(actor, 'experiments.promote-failed', experimentId, { armId, applied, error: err instanceof Error ? err.message : String(err), ...options.detail });
      throw err;
    }
    const detail = { policy: p, applied, ...options.detail };
    if (this.get(experimentId).status === 'running') {
      this.store.stop(experimentId, { at: this.clock(), by: 'operator', reason: `${arm.name} promoted: its policy now serves everyone.`, actor });
    }
    const promoted = this.store.promote(experimentId, armId, { actor, detail });
    this.refresh();
    return promoted;
  }

  /** The experiment and arm that serve this list, or null: a map lookup and one hash, on every request (and, for arms naming intent models, a look at whether they are loaded). */
  assign(slot: string, unitKey: string): Assignment | null {
    const assigned = this.table.assign(slot, unitKey);
    if (!assigned || !this.deps.armModels) return assigned;
    // Not every arm can serve its own model yet: nobody is in the experiment, so each arm's lists are all served as specified.
    const versions = this.armModelVersions.get(assigned.experimentId);
    if (versions) for (const v of versions) if (this.deps.armModels.status(v) !== 'ready') return null;
    return assigned;
  }

  results(experimentId: string): ExperimentResults {
    const experiment = this.get(experimentId);
    const allocations = this.store.allocations(experimentId);
    const { counts, periods } = experiment.status === 'draft' ? { counts: experiment.arms.map(() => emptyCounts()), periods: undefined } : this.armCounts(experiment, this.clock(), allocations);
    const results = experimentResults({
      experiment,
      counts,
      ...(periods ? { periods } : {}),
      allocations,
      plannedLists: this.settings.plannedLists,
      draws: this.settings.draws,
    });
    const versions = this.armModelVersions.get(experimentId);
    return versions && this.deps.armModels ? { ...results, armModels: this.deps.armModels.statuses(versions) } : results;
  }

  /** After each roll-up flush: guardrails first (a tripped experiment stops), then the bandits' shares. */
  tick(now = this.clock()): TickReport {
    const report: TickReport = { reallocated: [], stopped: [], errors: [] };
    let changed = false;
    for (const experiment of this.runningNow) {
      try {
        const { counts, periods } = this.armCounts(experiment, now);
        if (experiment.guardrail.enabled) {
          const check = checkGuardrail(experiment, counts, this.settings.plannedLists, periods);
          if (check.status === 'tripped') {
            this.store.stop(experiment.experimentId, { at: now, by: 'guardrail', reason: check.message, actor: 'guardrail', detail: { trip: check.trip, margin: experiment.guardrail.margin } });
            report.stopped.push(experiment.experimentId);
            changed = true;
            continue;
          }
        }
        if (experiment.mode === 'bandit' && this.reallocate(experiment, counts, now)) {
          report.reallocated.push(experiment.experimentId);
          changed = true;
        }
      } catch (err) {
        report.errors.push(`${experiment.experimentId}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (changed) this.refresh();
    return report;
  }

  /** Reloads the running experiments into memory (after every write here; call it after a write elsewhere). */
  refresh(): void {
    this.runningNow = this.store.running();
    this.table = new AssignmentTable(this.runningNow);
    this.armModelVersions = new Map(this.runningNow.flatMap((e) => {
      const versions = armModelVersions(e);
      return versions.length ? [[e.experimentId, versions] as const] : [];
    }));
    this.deps.onRunning?.(this.armModelVersions);
    const running = new Set(this.runningNow.map((e) => e.experimentId));
    for (const id of [...this.lastDraw.keys()]) if (!running.has(id)) this.lastDraw.delete(id);
    for (const id of [...this.lastAllocation.keys()]) if (!running.has(id)) this.lastAllocation.delete(id);
    for (const id of [...this.allocationTimes.keys()]) if (!running.has(id)) this.allocationTimes.delete(id);
  }

  /**
   * Counts per arm since the experiment started, in arm order, and, once a bandit has moved the
   * shares, the same counts split into periods of fixed shares (undefined while there is one period).
   */
  private armCounts(experiment: Experiment, now: number, allocations?: readonly { t: number }[]): { counts: LoopCounts[]; periods: LoopCounts[][] | undefined } {
    const keys = experiment.arms.map((a) => `${experiment.experimentId}:${a.armId}`);
    // Arm keys belong to one experiment, so the whole hour it started in can be read safely.
    const from = Math.floor((experiment.startedAt ?? experiment.createdAt) / HOUR_MS) * HOUR_MS;
    const found = this.deps.rollups.countsByValue('arm', { from, to: now, values: keys });
    const counts = keys.map((k) => found.get(k) ?? emptyCounts());
    // Fixed shares (A/B, or a bandit that never moved): the pooled counts are the one period, read as before.
    if (experiment.mode !== 'bandit') return { counts, periods: undefined };
    const history = allocations ?? this.allocationTimesOf(experiment.experimentId);
    if (history.length < 2) return { counts, periods: undefined };
    const q = { from, to: now, values: keys };
    const hourly = this.deps.rollups.countsByValueAndHour ? this.deps.rollups.countsByValueAndHour('arm', q) : new RollupReader(this.deps.db).countsByValueAndHour('arm', q);
    const periods = allocationPeriods(hourly, keys, history);
    return { counts, periods: periods.length > 1 ? periods : undefined };
  }

  /** New bandit shares when they moved; an allocation row at most once per interval. True when the shares were written. */
  private reallocate(experiment: Experiment, counts: readonly LoopCounts[], now: number): boolean {
    const lists = counts.reduce((s, c) => s + c.lists, 0);
    if (lists < this.settings.banditWarmupLists) return false;
    const seed = drawSeed(experiment.experimentId, counts);
    let draw = this.lastDraw.get(experiment.experimentId);
    if (draw?.seed !== seed) {
      draw = { seed, pBest: probabilityBest(rewardPosteriors(counts, experiment.reward), { seed, draws: this.settings.draws }) };
      this.lastDraw.set(experiment.experimentId, draw);
    }
    const next = banditShares(draw.pBest, experiment.floor);
    const moved = next.some((s, i) => Math.abs(s - (experiment.shares[i] ?? 0)) > this.settings.shareTolerance);
    const current = moved ? next : experiment.shares;
    if (moved) this.store.setShares(experiment.experimentId, next);
    const last = this.lastAllocationOf(experiment.experimentId);
    if (now - last.at >= this.settings.allocationIntervalMs && !sameShares(last.shares, current)) {
      this.store.appendAllocation(experiment.experimentId, now, current);
      this.lastAllocation.set(experiment.experimentId, { at: now, shares: [...current] });
      this.allocationTimes.get(experiment.experimentId)?.push(now);
    }
    return moved;
  }

  private allocationTimesOf(experimentId: string): { t: number }[] {
    let times = this.allocationTimes.get(experimentId);
    if (!times) {
      times = this.store.allocations(experimentId).map((a) => a.t);
      this.allocationTimes.set(experimentId, times);
    }
    return times.map((t) => ({ t }));
  }

  private lastAllocationOf(experimentId: string): { at: number; shares: number[] } {
    let last = this.lastAllocation.get(experimentId);
    if (!last) {
      const rows = this.store.allocations(experimentId);
      const row = rows[rows.length - 1];
      last = row ? { at: row.t, shares: row.shares } : { at: -Infinity, shares: [] };
      this.lastAllocation.set(experimentId, last);
    }
    return last;
  }
}

/** The intent-model versions an experiment's arms name ('none', the text intent, needs no load). */
export function armModelVersions(experiment: Pick<Experiment, 'arms'>): string[] {
  return [...new Set(experiment.arms.flatMap((a) => (a.policy.modelVersion !== undefined && a.policy.modelVersion !== 'none' ? [a.policy.modelVersion] : [])))];
}

function sameShares(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function conflict(message: string, path = 'experimentId'): ContractError {
  return new ContractError('conflict', message, [{ path, message }]);
}
