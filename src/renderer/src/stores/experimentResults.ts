import type { ArmResult, Comparison, Experiment, ExperimentResults, ExperimentReward, MetricName } from '../transport/contract';

/** The metric an experiment's reward is read on. */
export function primaryMetric(reward: ExperimentReward): MetricName {
  if (reward === 'ctr') return 'ctr';
  if (reward === 'revenue') return 'revenuePerMille';
  return 'conversionRate';
}

/** The metrics each arm shows, the primary one first. */
export function armMetrics(reward: ExperimentReward): MetricName[] {
  const primary = primaryMetric(reward);
  const rest: MetricName[] = ['ctr', 'conversionRate', 'revenuePerMille', 'averageOrderValue', 'addToCartRate'];
  return [primary, ...rest.filter((m) => m !== primary)];
}

/** An arm's comparison with control on one metric, if the engine made one. */
export function comparisonOn(arm: ArmResult, metric: MetricName): Comparison | null {
  return arm.vsControl.find((c) => c.metric === metric) ?? null;
}

/**
 * The arm to offer for promotion: the one found better than control on the primary metric with the
 * largest difference; else (bandit) the arm most likely best; else null.
 */
export function suggestedWinner(results: ExperimentResults): string | null {
  const metric = primaryMetric(results.experiment.reward);
  let best: { armId: string; difference: number } | null = null;
  for (const arm of results.arms.slice(1)) {
    const c = comparisonOn(arm, metric);
    if (c?.verdict === 'better' && c.difference !== null && (best === null || c.difference > best.difference)) best = { armId: arm.armId, difference: c.difference };
  }
  if (best) return best.armId;
  if (results.experiment.mode === 'bandit') {
    const ranked = results.arms.filter((a) => a.probabilityBest !== null).sort((a, b) => (b.probabilityBest ?? 0) - (a.probabilityBest ?? 0));
    if (ranked[0] && (ranked[0].probabilityBest ?? 0) >= 0.95) return ranked[0].armId;
  }
  return null;
}

/** Whether an experiment may still have an arm promoted. */
export function canPromote(experiment: Experiment): boolean {
  return experiment.status !== 'draft' && experiment.promotedArm === null;
}

export type AllocationRow = { t: number } & Record<string, number>;

/** Bandit traffic shares over time as chart rows: arm i's share under `a<i>`. */
export function allocationRows(results: Pick<ExperimentResults, 'allocations'>, arms: number): AllocationRow[] {
  return results.allocations.map((a) => {
    const row = { t: a.t } as AllocationRow;
    for (let i = 0; i < arms; i++) row[`a${i}`] = a.shares[i] ?? 0;
    return row;
  });
}

/** Experiments as the list shows them: running first, then drafts, then stopped; newest first within each. */
export function sortExperiments(experiments: readonly Experiment[]): Experiment[] {
  const rank = { running: 0, draft: 1, stopped: 2 } as const;
  return [...experiments].sort((a, b) => rank[a.status] - rank[b.status] || b.createdAt - a.createdAt);
}

/** What the detail says about a running experiment's arm intent models: the failed ones first (nobody is in it until fixed), else those still loading; null when all are loaded. */
export type ArmModelNotice = { kind: 'failed'; version: string; error: string } | { kind: 'loading'; versions: string[] };

export function armModelNotice(results: Pick<ExperimentResults, 'experiment' | 'armModels'>): ArmModelNotice | null {
  if (results.experiment.status !== 'running' || !results.armModels) return null;
  const failed = results.armModels.find((m) => m.state === 'failed');
  if (failed) return { kind: 'failed', version: failed.version, error: failed.error ?? '' };
  const loading = results.armModels.filter((m) => m.state === 'loading').map((m) => m.version);
  return loading.length ? { kind: 'loading', versions: loading } : null;
}
