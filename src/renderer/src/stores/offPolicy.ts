import { ContractError, type Estimate, type OpeFigure, type OpeReport } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { formatDecimal, formatMoney, formatNumber, formatPercent, formatSigned } from '../i18n/format';

export type FigureName = OpeFigure['name'];

/** Clicks and purchases per 1,000 lists are counts (one decimal); revenue per 1,000 lists is money. */
export function formatFigureValue(name: FigureName, value: number): string {
  return name === 'revenue' ? formatMoney(value) : formatDecimal(value, 1);
}

export interface FigureText {
  value: string | null;
  interval: string | null;
}

export function formatFigureEstimate(name: FigureName, estimate: Estimate): FigureText {
  if (estimate.value === null) return { value: null, interval: null };
  const interval = estimate.low !== null && estimate.high !== null ? `${formatFigureValue(name, estimate.low)} – ${formatFigureValue(name, estimate.high)}` : null;
  return { value: formatFigureValue(name, estimate.value), interval };
}

export interface EffectRow {
  name: FigureName;
  estimator: OpeFigure['estimator'];
  target: Estimate;
  serving: Estimate;
  /** Target minus serving, per 1,000 lists; null without both values. */
  difference: number | null;
  /** difference / serving; null when serving is zero or unknown. */
  relative: number | null;
  /**
   * How the target's interval sits against serving's value: 'above' or 'below' when it leaves it out,
   * 'overlaps' when it holds it, null without an interval.
   */
  against: 'above' | 'below' | 'overlaps' | null;
}

/** The report's business figures in a fixed order (clicks, purchases, revenue), each against serving. */
export function effectRows(report: OpeReport): EffectRow[] {
  const order: FigureName[] = ['clicks', 'purchases', 'revenue'];
  return [...report.figures]
    .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))
    .map((f) => {
      const t = f.target.value;
      const s = f.serving.value;
      const difference = t !== null && s !== null ? t - s : null;
      const relative = difference !== null && s !== null && s !== 0 ? difference / s : null;
      let against: EffectRow['against'] = null;
      if (f.target.low !== null && f.target.high !== null && s !== null) against = f.target.low > s ? 'above' : f.target.high < s ? 'below' : 'overlaps';
      return { name: f.name, estimator: f.estimator, target: f.target, serving: f.serving, difference, relative, against };
    });
}

/** A difference per 1,000 lists with its sign and relative size: `+12.3 (+4.1%)`, money for revenue. */
export function formatEffectDifference(row: Pick<EffectRow, 'name' | 'difference' | 'relative'>): string | null {
  if (row.difference === null) return null;
  const sign = row.difference > 0 ? '+' : row.difference < 0 ? '−' : '';
  const absolute = row.name === 'revenue' ? `${sign}${formatMoney(Math.abs(row.difference))}` : formatSigned(row.difference, 1);
  if (row.relative === null) return absolute;
  const relative = row.relative === 0 ? formatPercent(0) : `${row.relative > 0 ? '+' : '−'}${formatPercent(Math.abs(row.relative))}`;
  return `${absolute} (${relative})`;
}

/** The estimator the figures come from (the engine recommends one per log). */
export function figureEstimator(report: OpeReport): OpeFigure['estimator'] | null {
  return report.figures[0]?.estimator ?? null;
}

/** "1,234 of 5,000 lists" style counts and the support as a percentage. */
export function supportText(support: number | null): string | null {
  return support === null ? null : formatPercent(support);
}

export function countText(n: number): string {
  return formatNumber(Math.round(n));
}

/**
 * Whether a slot has exploration settings at all (on now, or on once): only then can the log hold
 * randomised lists. A slot never set up cannot, so the console does not ask for an estimate the
 * engine would refuse.
 */
export async function everExplored(client: ApiClient, slot: string): Promise<boolean> {
  const settings = await client.call('exploration.settings', {});
  return settings.slots[slot] !== undefined;
}

/** The engine's refusal to estimate: the slot has no randomised lists (exploration off). */
export function isNoExploration(error: unknown): boolean {
  return error instanceof ContractError && error.code === 'conflict';
}

/** A per-list reward (the learned policies' held-out estimate): three decimals. */
export function formatReward(value: number | null | undefined): string | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : formatDecimal(value, 3);
}
