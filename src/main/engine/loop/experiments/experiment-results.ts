import type { ArmResult, Comparison, Estimate, Experiment, ExperimentResults, LoopCounts, MetricName } from '../../../../shared/contract';
import { metricsOf } from '../metrics/loop-metrics';
import { DEFAULT_PLANNED_LISTS } from './always-valid-interval';
import { compareArm, periodPairs } from './arm-comparison';
import { checkGuardrail } from './guardrail';
import { drawSeed, REWARD_METRIC } from './reward-metric';
import { armLabel, confidenceWords, formatCount, formatRange, formatSize, METRIC_WORDS, possessive } from './result-wording';
import { probabilityBest, rewardPosteriors } from './thompson-allocation';

export interface ResultInputs {
  experiment: Experiment;
  /** Counts of each arm, in `experiment.arms` order. */
  counts: readonly LoopCounts[];
  allocations: { t: number; shares: number[] }[];
  /** The same counts split into periods of fixed shares (allocation-periods), when a bandit moved them: arms are compared within periods. */
  periods?: readonly (readonly LoopCounts[])[];
  plannedLists?: number;
  draws?: number;
}

/** What an experiment shows now: each arm's metrics, its differences from control, the verdict in one sentence. */
export function experimentResults(r: ResultInputs): ExperimentResults {
  const { experiment } = r;
  const planned = r.plannedLists ?? DEFAULT_PLANNED_LISTS;
  const settings = { alpha: experiment.alpha, arms: experiment.arms.length, plannedLists: planned };
  const control = r.counts[0];
  const pBest =
    experiment.mode === 'bandit' ? probabilityBest(rewardPosteriors(r.counts, experiment.reward), { seed: drawSeed(experiment.experimentId, r.counts), ...(r.draws ? { draws: r.draws } : {}) }) : null;
  const arms: ArmResult[] = experiment.arms.map((arm, i) => {
    const counts = r.counts[i] as LoopCounts;
    return {
      armId: arm.armId,
      name: arm.name,
      share: experiment.shares[i] ?? arm.share,
      counts,
      metrics: metricsOf(counts),
      vsControl: i === 0 || !control ? [] : compareArm(control, counts, settings, periodPairs(r.periods, i)),
      probabilityBest: pBest ? (pBest[i] ?? 0) : null,
    };
  });
  const guard = experiment.stoppedBy === 'guardrail' ? { status: 'tripped' as const, message: experiment.stopReason ?? 'Stopped by the guardrail.' } : checkGuardrail(experiment, r.counts, planned, r.periods);
  const metric = REWARD_METRIC[experiment.reward];
  const lead = leadingArm(arms, metric);
  return {
    experiment,
    arms,
    statement: statementOf(experiment, arms, metric, lead),
    method: methodOf(experiment, planned),
    guardrail: { status: guard.status, message: guard.message },
    allocations: r.allocations,
    primary: lead ? comparisonEstimate(lead.comparison) : null,
  };
}

interface Lead {
  arm: ArmResult;
  comparison: Comparison;
}

/**
 * The arm the statement is about: the best-supported 'better' arm (highest low end), else the
 * clearest 'worse' one (lowest high end), else the largest difference either way.
 */
function leadingArm(arms: readonly ArmResult[], metric: MetricName): Lead | undefined {
  const rows = arms.slice(1).flatMap((arm) => {
    const comparison = arm.vsControl.find((c) => c.metric === metric);
    return comparison && comparison.difference !== null ? [{ arm, comparison }] : [];
  });
  const better = rows.filter((r) => r.comparison.verdict === 'better').sort((a, b) => (b.comparison.low ?? 0) - (a.comparison.low ?? 0));
  if (better[0]) return better[0];
  const worse = rows.filter((r) => r.comparison.verdict === 'worse').sort((a, b) => (a.comparison.high ?? 0) - (b.comparison.high ?? 0));
  if (worse[0]) return worse[0];
  return rows.sort((a, b) => Math.abs(b.comparison.difference ?? 0) - Math.abs(a.comparison.difference ?? 0))[0];
}

function comparisonEstimate(c: Comparison): Estimate {
  return { value: c.difference, low: c.low, high: c.high };
}

function statementOf(experiment: Experiment, arms: readonly ArmResult[], metric: MetricName, lead: Lead | undefined): string {
  const words = METRIC_WORDS[metric];
  if (experiment.status === 'draft') return 'Not started yet: no shopper has seen this experiment.';
  const lists = arms.reduce((s, a) => s + a.counts.lists, 0);
  if (lists === 0) return 'No lists served yet: the experiment has nothing to compare.';
  const conf = confidenceWords(experiment.alpha);
  if (!lead || lead.comparison.difference === null) return `Not enough evidence yet: the arms have not served enough lists (${formatCount(lists)} so far) to compare their ${words}.`;
  const c = lead.comparison;
  const label = armLabel(lead.arm.name);
  const difference = c.difference ?? 0;
  const interval = c.low !== null && c.high !== null ? ` (always-valid ${conf} interval ${formatRange(metric, c.low, c.high)})` : '';
  if (c.verdict === 'better' || c.verdict === 'worse') {
    const direction = c.verdict === 'better' ? 'higher' : 'lower';
    return `${possessive(label)} ${words} is ${direction} than control's by ${formatSize(metric, difference)}${interval}: a real difference.`;
  }
  const sign = difference >= 0 ? '+' : '-';
  return `Not enough evidence yet: ${possessive(label)} ${words} differs from control's by ${sign}${formatSize(metric, difference)}${interval}, which is still compatible with no difference.`;
}

function methodOf(experiment: Experiment, planned: number): string {
  const comparisons = Math.max(1, experiment.arms.length - 1);
  const text =
    `Always-valid ${confidenceWords(experiment.alpha)} intervals from a normal-mixture sequential test (mSPRT; Johari et al. 2017, Howard et al. 2021), ` +
    `tightest at ${formatCount(planned)} lists per arm, with α split over ${comparisons} comparison${comparisons > 1 ? 's' : ''} with control (Bonferroni): ` +
    'they stay valid however often the results are looked at.';
  if (experiment.mode !== 'bandit') return text;
  return `${text} Traffic follows Thompson sampling on ${METRIC_WORDS[REWARD_METRIC[experiment.reward]]}, each arm keeping at least ${(experiment.floor * 100).toFixed(1)} %.`;
}
