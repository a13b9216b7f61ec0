import type { Experiment, LoopCounts } from '../../../../shared/contract';
import { compareMetric, periodPairs } from './arm-comparison';
import { armLabel, confidenceWords, formatCount, formatLevel, formatRange, formatSize, possessive } from './result-wording';

export type GuardrailStatus = 'ok' | 'waiting' | 'tripped' | 'off';

export interface GuardrailCheck {
  status: GuardrailStatus;
  message: string;
  /** When tripped: the arm that tripped it and the figures. */
  trip?: { armId: string; difference: number; low: number; high: number; armLists: number; controlLists: number };
}

/**
 * The conversion guardrail: once an arm and the control have each served `minLists` lists, the
 * experiment is stopped when the always-valid interval of (arm conversion − control conversion)
 * lies entirely below −margin, i.e. the arm is worse by more than the margin with confidence
 * 1 − α (Bonferroni across arms), however often it has been checked. Holdout arms are left out:
 * they are meant to be worse, to measure what the system adds. `counts` follow `experiment.arms`;
 * `periods`, when a bandit moved the shares, are the same counts split into periods of fixed shares
 * (allocation-periods): the difference is then taken within periods, so that a conversion rate
 * falling over the day while the bandit moves traffic is not read as an arm being worse.
 */
export function checkGuardrail(
  experiment: Experiment,
  counts: readonly Readonly<LoopCounts>[],
  plannedLists?: number,
  periods?: readonly (readonly Readonly<LoopCounts>[])[],
): GuardrailCheck {
  const g = experiment.guardrail;
  if (!g.enabled) return { status: 'off', message: 'The guardrail is off for this experiment.' };
  const control = counts[0];
  const controlArm = experiment.arms[0];
  if (!control || !controlArm) return { status: 'waiting', message: 'No arms to compare.' };
  const margin = `${(g.margin * 100).toFixed(2)}-point margin`;
  const settings = { alpha: experiment.alpha, arms: experiment.arms.length, ...(plannedLists ? { plannedLists } : {}) };
  let worst: GuardrailCheck['trip'];
  const waitingFor: string[] = [];
  experiment.arms.forEach((arm, i) => {
    const c = counts[i];
    if (i === 0 || arm.policy.holdout || !c) return;
    if (c.lists < g.minLists || control.lists < g.minLists) {
      waitingFor.push(`${armLabel(arm.name)} ${formatCount(c.lists)}`);
      return;
    }
    const cmp = compareMetric(control, c, 'conversionRate', settings, periodPairs(periods, i));
    if (cmp.difference === null || cmp.low === null || cmp.high === null) return;
    if (cmp.high < -g.margin && (!worst || cmp.high < worst.high)) {
      worst = { armId: arm.armId, difference: cmp.difference, low: cmp.low, high: cmp.high, armLists: c.lists, controlLists: control.lists };
    }
  });
  if (worst) {
    const arm = experiment.arms.find((a) => a.armId === worst?.armId);
    const label = armLabel(arm?.name ?? worst.armId);
    const armRate = worst.difference + (control.lists > 0 ? control.purchasedLists / control.lists : 0);
    const message =
      `Stopped by the guardrail: ${possessive(label)} conversion (${formatLevel('conversionRate', armRate)}) is below control's ` +
      `(${formatLevel('conversionRate', control.purchasedLists / control.lists)}) by ${formatSize('conversionRate', worst.difference)} ` +
      `(always-valid ${confidenceWords(experiment.alpha)} interval ${formatRange('conversionRate', worst.low, worst.high)} points), more than the ${margin}, ` +
      `after ${formatCount(worst.armLists)} lists of ${label} and ${formatCount(worst.controlLists)} of control.`;
    return { status: 'tripped', message, trip: worst };
  }
  if (waitingFor.length > 0) {
    return {
      status: 'waiting',
      message: `Waiting for ${formatCount(g.minLists)} lists per arm before checking conversion against the ${margin} (control ${formatCount(control.lists)}, ${waitingFor.join(', ')}).`,
    };
  }
  return { status: 'ok', message: `No arm's conversion is below control's by more than the ${margin} with confidence.` };
}
