import type { ExperimentReward, LoopCounts, MetricName } from '../../../../shared/contract';
import { unitHash } from './unit-hash';

/** The metric each bandit reward is read as in the results. */
export const REWARD_METRIC: Readonly<Record<ExperimentReward, MetricName>> = {
  ctr: 'ctr',
  conversion: 'conversionRate',
  revenue: 'revenuePerMille',
};

/**
 * The seed of the Monte-Carlo draws for P(best): fixed by the experiment and its counts, so the
 * results view and the bandit's allocation agree on the same data, and a refresh without new data
 * shows the same figures.
 */
export function drawSeed(experimentId: string, counts: readonly Readonly<LoopCounts>[]): number {
  return unitHash(`${experimentId}:${counts.map((c) => `${c.lists}/${c.items}/${c.clickedItems}/${c.purchasedLists}/${c.revenue}/${c.revenueSqLists}`).join(',')}`);
}
