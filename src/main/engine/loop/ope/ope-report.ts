import type { Estimate, OpeEstimate, OpeEstimatorName, OpeFigure, OpeReport, RewardSpec } from '../../../../shared/contract';
import type { OpeLog } from './log-reader';
import { FIGURE_OUTCOMES, type PolicyEstimate } from './policy-estimate';

/** The estimator whose figures the console shows (docs/OFF_POLICY.md says why). */
export const RECOMMENDED_ESTIMATOR: OpeEstimatorName = 'pbm';

/** Below these, an estimate carries a warning. */
export const WARN_BELOW = {
  randomisedLists: 1000,
  shuffledLists: 200,
  support: 0.95,
  /** Effective sample size, in lists, and as a share of the randomised lists. */
  effectiveSampleSize: 200,
  effectiveShare: 0.05,
} as const;
export const WARN_ABOVE = {
  /** Share of the non-zero weights cut by the clip. */
  clippedShare: 0.01,
  /** Share of the target's choices from the last quarter of the logged pool. */
  poolEdgeShare: 0.1,
} as const;

const per1000 = (e: Estimate): Estimate => ({ value: scale(e.value), low: scale(e.low), high: scale(e.high) });
const scale = (x: number | null): number | null => (x === null ? null : x * 1000);
const pct = (x: number): string => `${Math.round(x * 1000) / 10} %`;

/** An OpeReport from a log and a policy's estimate: the estimates, serving, per-1,000-list figures and the warnings. */
export function opeReport(log: OpeLog, estimate: PolicyEstimate, reward: RewardSpec, tookMs: number): OpeReport {
  const d = log.dataset;
  const figures: OpeFigure[] = FIGURE_OUTCOMES.map((name) => ({
    name,
    estimator: RECOMMENDED_ESTIMATOR,
    target: per1000(estimate.outcomes[RECOMMENDED_ESTIMATOR][name]),
    serving: per1000(estimate.servingOutcomes[name]),
  }));
  return {
    slot: log.query.slot,
    from: log.query.from,
    to: log.query.to,
    reward,
    lists: log.lists,
    randomisedLists: d.lists,
    support: estimate.support,
    estimates: estimate.estimates,
    serving: estimate.serving,
    figures,
    warnings: opeWarnings(log, estimate),
    tookMs,
  };
}

/** When the figures should not be trusted (docs/OFF_POLICY.md). */
export function opeWarnings(log: OpeLog, estimate: PolicyEstimate): string[] {
  const d = log.dataset;
  const warnings: string[] = [];
  const skipped = Object.entries(log.skipped);
  if (skipped.length > 0) warnings.push(`${skipped.reduce((n, [, c]) => n + c, 0)} randomised lists could not be read (${skipped.map(([r, c]) => `${r}: ${c}`).join(', ')}) and were left out.`);
  if (d.lists < WARN_BELOW.randomisedLists) warnings.push(`Only ${d.lists} randomised lists: intervals are wide and the estimate can move a lot; let exploration run longer.`);
  if (estimate.shuffledLists < WARN_BELOW.shuffledLists) warnings.push(`Only ${estimate.shuffledLists} shuffled lists: the examination curve, and the position-based and DR estimates that use it, rest on few clicks.`);
  if (estimate.support !== null && estimate.support < WARN_BELOW.support) warnings.push(`Low support: the log could have made only ${pct(estimate.support)} of the target's choices.`);
  if (estimate.poolEdgeShare !== null && estimate.poolEdgeShare > WARN_ABOVE.poolEdgeShare)
    warnings.push(`${pct(estimate.poolEdgeShare)} of the target's choices come from the end of the exploration pool: it probably prefers items beyond the pool, which no estimate can see; a larger poolSize would show them.`);
  const recommended = estimate.estimates.find((e) => e.estimator === RECOMMENDED_ESTIMATOR) as OpeEstimate;
  for (const e of estimate.estimates) {
    if (e.value === null) warnings.push(`${e.estimator.toUpperCase()}: no estimate (the log saw none of the target's choices at some position, or no shuffled clicks).`);
  }
  const clippedShare = recommended.clipped / Math.max(1, estimate.weights[RECOMMENDED_ESTIMATOR].nonZero);
  if (recommended.clipped > 0 && clippedShare > WARN_ABOVE.clippedShare) warnings.push(`Heavy clipping: ${recommended.clipped} importance weights (largest ${Math.round(recommended.maxWeight)}) were cut to the clip, which biases the estimate towards zero.`);
  const ess = recommended.effectiveSampleSize;
  if (ess < WARN_BELOW.effectiveSampleSize || ess < WARN_BELOW.effectiveShare * d.lists) warnings.push(`Tiny effective sample: the weights are worth about ${Math.round(ess)} on-policy lists of the ${d.lists} logged.`);
  return warnings;
}
