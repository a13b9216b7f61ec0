import type { Estimate, OpeEstimate, OpeEstimatorName, RewardSpec } from '../../../../shared/contract';
import { bootstrap, type BootstrapOptions } from './bootstrap';
import { examinationStatistic, relativeExamination } from './examination';
import { itemPositionWeights, type WeightSummary } from './importance-weights';
import { drStatistic, ipsStatistic, servingStatistic, snipsStatistic } from './item-position-estimators';
import { combineStatistics, splitOutputs } from './list-statistic';
import { outcomePerSlot, rewardPerSlot } from './list-rewards';
import { poolSizeOf, type OpeDataset } from './ope-dataset';
import { pbmStatistic, pbmWeightSummary } from './pbm-estimator';
import { fitRewardModel, type RewardModelOptions } from './reward-model';
import { nextTurn } from '../../workers/time-slices';

/** The business figures every estimate also gives (besides the reward). */
export const FIGURE_OUTCOMES = ['clicks', 'purchases', 'revenue'] as const;
export type FigureOutcome = (typeof FIGURE_OUTCOMES)[number];

export interface PolicyEstimateOptions {
  /** Importance weights above this are cut to it. */
  readonly clip: number;
  readonly bootstrap?: BootstrapOptions;
  readonly rewardModel?: RewardModelOptions;
}

export interface PolicyEstimate {
  /** Per estimator: the target's expected reward per list within the window, with its weights' summary. */
  readonly estimates: OpeEstimate[];
  /** Per estimator: its importance weights' summary (ESS, clipping, non-zero weights). */
  readonly weights: Record<OpeEstimatorName, WeightSummary>;
  /** Per estimator: clicks, purchases and revenue per list within the window. */
  readonly outcomes: Record<OpeEstimatorName, Record<FigureOutcome, Estimate>>;
  /** Serving's on-policy means over the lists that kept the ranked order. */
  readonly serving: Estimate;
  readonly servingOutcomes: Record<FigureOutcome, Estimate>;
  /** Share of the target's (item, position) choices the logging policy could have made (positive propensity). */
  readonly support: number | null;
  /** Share of the target's choices taken from the last quarter of the logged pool (a sign it would like items beyond it). */
  readonly poolEdgeShare: number | null;
  /** The examination curve (relative to the window's first position) the position-based and DR estimators used, by position (index p - 1). */
  readonly examination: readonly (number | null)[];
  readonly shuffledLists: number;
}

/**
 * Estimates a target's window arrangement (arrangeTarget) on a log with every estimator at once:
 * item-position IPS, SNIPS, DR and the position-based estimator, each for the reward and for
 * clicks, purchases and revenue, plus serving's on-policy mean, all with intervals from one seeded
 * bootstrap over lists (the same replicates for every figure).
 */
export async function estimatePolicy(d: OpeDataset, target: Int32Array, reward: RewardSpec, options: PolicyEstimateOptions): Promise<PolicyEstimate> {
  const outcomes = [rewardPerSlot(d, reward), ...FIGURE_OUTCOMES.map((o) => outcomePerSlot(d, o))];
  let P = 1;
  for (const p of d.windowPosition) P = Math.max(P, p);
  const exam = examinationStatistic(d, P);
  const examSums = new Float64Array(exam.length);
  let shuffledLists = 0;
  for (let i = 0; i < d.lists; i++) {
    exam.add(i, examSums, 0);
    shuffledLists += d.shuffled[i] as number;
  }
  const thetaByPosition = relativeExamination(examSums, 0, P, exam.firstPosition);
  const theta = (position: number): number => {
    const t = thetaByPosition[position - 1];
    return t === undefined || Number.isNaN(t) ? 1 : t;
  };

  // Each step below is a pass over the lists of a few tens of ms at 100k lists: the event loop gets a turn between them.
  await nextTurn();
  const { weight, summary: ipSummary } = itemPositionWeights(d, target, options.clip);
  await nextTurn();
  const model = fitRewardModel(d, outcomes, theta, options.rewardModel);
  await nextTurn();
  const parts = [
    ipsStatistic(d, weight, outcomes),
    snipsStatistic(d, weight, outcomes),
    drStatistic(d, weight, target, outcomes, model),
    pbmStatistic(d, target, outcomes, options.clip),
    servingStatistic(d, outcomes),
  ];
  const result = await bootstrap(d.lists, combineStatistics(parts), options.bootstrap);
  const [point, low, high] = [result.point, result.low, result.high].map((v) => splitOutputs(parts, v)) as [(number | null)[][], (number | null)[][], (number | null)[][]];
  const at = (part: number, o: number): Estimate => ({ value: point[part]?.[o] ?? null, low: low[part]?.[o] ?? null, high: high[part]?.[o] ?? null });
  const pbmSummary = thetaByPosition.some((t) => !Number.isNaN(t)) ? pbmWeightSummary(d, target, theta, options.clip) : ipSummary;
  await nextTurn();
  const names: OpeEstimatorName[] = ['ips', 'snips', 'dr', 'pbm'];
  const summaries: WeightSummary[] = [ipSummary, ipSummary, ipSummary, pbmSummary];
  const estimates: OpeEstimate[] = names.map((estimator, part) => {
    const s = summaries[part] as WeightSummary;
    return { estimator, ...at(part, 0), effectiveSampleSize: s.effectiveSampleSize, clipped: s.clipped, maxWeight: s.maxWeight };
  });
  const figures = (part: number): Record<FigureOutcome, Estimate> => ({ clicks: at(part, 1), purchases: at(part, 2), revenue: at(part, 3) });
  const { support, poolEdgeShare } = supportOf(d, target);
  return {
    estimates,
    weights: { ips: ipSummary, snips: ipSummary, dr: ipSummary, pbm: pbmSummary },
    outcomes: { ips: figures(0), snips: figures(1), dr: figures(2), pbm: figures(3) },
    serving: at(4, 0),
    servingOutcomes: figures(4),
    support,
    poolEdgeShare,
    examination: Array.from(thetaByPosition, (t) => (Number.isNaN(t) ? null : t)),
    shuffledLists,
  };
}

/** How much of the target's window the log can speak for. */
export function supportOf(d: OpeDataset, target: Int32Array): { support: number | null; poolEdgeShare: number | null } {
  let choices = 0;
  let supported = 0;
  let edge = 0;
  for (let i = 0; i < d.lists; i++) {
    const n = poolSizeOf(d, i);
    const m = (d.windowStart[i + 1] as number) - (d.windowStart[i] as number);
    for (let s = d.windowStart[i] as number; s < (d.windowStart[i + 1] as number); s++) {
      choices++;
      const j = target[s] as number;
      // Every pool item can be shown at every window slot (rate / |pool| > 0); a slot the target could not fill is unsupported.
      if (j >= 0 && (d.rate[i] as number) > 0) supported++;
      if (n > m && j >= Math.ceil(0.75 * n)) edge++;
    }
  }
  return { support: choices > 0 ? supported / choices : null, poolEdgeShare: choices > 0 ? edge / choices : null };
}
