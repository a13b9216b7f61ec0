import type { GuardFigure, OpeReport, TargetPolicy } from '../../../../shared/contract';
import { ContractError } from '../../../../shared/contract';
import { compareFigure } from './guard-figures';

const DAY_MS = 86_400_000;
/** The guard estimates on the last two weeks of randomised lists. */
const RECENT_DAYS = 14;
const OUTCOME_WORDS = { clicks: 'Clicks', purchases: 'Purchases', revenue: 'Revenue' } as const;

export interface OffPolicyDeps {
  readonly estimate: (req: { target: TargetPolicy; slot: string; from: number; clip: number }) => Promise<OpeReport>;
  /** The slot a target is estimated on: a learned policy's own slot, else the home slot. */
  readonly slotOf: (target: TargetPolicy) => string;
  readonly clock?: () => number;
}

/**
 * The off-policy figures of a target against serving, for the publishing guard: the expected reward
 * per list (the recommended estimator, with its interval) and clicks, purchases and revenue per
 * 1,000 lists. Without randomised lists there is no valid estimate: it says so instead. Both sides
 * read the slot's lists outside experiments (the estimate's default): an arm's lists, a holdout's
 * included, would pull serving's value towards the arm's and let a worse target pass.
 */
export function offPolicyFigures(d: OffPolicyDeps): (target: TargetPolicy, thresholdRelative: number) => Promise<{ figures: GuardFigure[]; missing: string[] }> {
  return async (target, thresholdRelative) => {
    const slot = d.slotOf(target);
    let report: OpeReport;
    try {
      report = await d.estimate({ target, slot, from: (d.clock ?? Date.now)() - RECENT_DAYS * DAY_MS, clip: 50 });
    } catch (err) {
      if (err instanceof ContractError && err.code === 'conflict') return { figures: [], missing: [`Off-policy estimate: ${err.message}`] };
      throw err;
    }
    const main = report.estimates.find((e) => e.estimator === report.figures[0]?.estimator) ?? report.estimates[0];
    const figures: GuardFigure[] = [];
    if (main && main.value !== null) {
      figures.push(
        compareFigure(`Expected reward per list on '${slot}', off-policy ${main.estimator.toUpperCase()} (${report.randomisedLists} randomised lists)`, 'off-policy', report.serving.value, main.value, thresholdRelative, { low: main.low, high: main.high }),
      );
    }
    for (const f of report.figures) {
      if (f.target.value === null) continue;
      figures.push(compareFigure(`${OUTCOME_WORDS[f.name]} per 1,000 lists, off-policy`, 'off-policy', f.serving.value, f.target.value, thresholdRelative, { low: f.target.low, high: f.target.high }));
    }
    return { figures, missing: report.warnings.map((w) => `Off-policy estimate: ${w}`) };
  };
}
