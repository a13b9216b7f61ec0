import type { GuardFigure, Rule } from '../transport/contract';
import type { DialogAction } from './guardStore';
import { formatDecimal, formatPercent, formatSigned } from '../i18n/format';

/** A figure's value: four decimals, since replayed NDCG and conversion rates both live well below 1. */
export function formatFigure(value: number | null): string | null {
  return value === null ? null : formatDecimal(value, 4);
}

/** The change against serving, with its relative size when known: `−0.0123 (−8.4%)`. */
export function formatFigureDifference(figure: Pick<GuardFigure, 'difference' | 'relative'>): string | null {
  if (figure.difference === null) return null;
  const absolute = formatSigned(figure.difference, 4);
  if (figure.relative === null) return absolute;
  const relative = figure.relative > 0 ? `+${formatPercent(figure.relative)}` : figure.relative < 0 ? `−${formatPercent(-figure.relative)}` : formatPercent(0);
  return `${absolute} (${relative})`;
}

export function formatFigureInterval(figure: Pick<GuardFigure, 'low' | 'high'>): string | null {
  return figure.low !== null && figure.high !== null ? `${formatDecimal(figure.low, 4)} – ${formatDecimal(figure.high, 4)}` : null;
}

/** A stored rule as the guard and `rules.update` read it, switched on. */
export function enabledRuleFields(rule: Rule): Record<string, unknown> {
  return {
    kind: rule.kind,
    target: rule.target,
    strength: rule.strength,
    ...(rule.position !== undefined ? { position: rule.position } : {}),
    slot: rule.slot,
    startsAt: rule.startsAt,
    endsAt: rule.endsAt,
    enabled: true,
    note: rule.note,
  };
}

/** Words that name what a guarded action touches, for the dialog's title. */
export function actionSubject(action: DialogAction): Record<string, string | number> {
  switch (action.action) {
    case 'weights.rollback':
      return { version: action.version };
    case 'models.promote':
    case 'policies.promote':
      return { version: action.version };
    case 'rules.save':
      return { id: action.ruleId ?? '' };
    case 'experiments.stop':
      return { id: action.experimentId };
    case 'experiments.promote':
      return { id: action.experimentId, arm: action.armId };
    case 'shoppers.erase':
      return { shopper: action.shopperId };
    case 'retention.set':
      return action.rawDataDays === null ? {} : { days: action.rawDataDays };
    case 'afterPurchase.set':
      return { days: action.days };
    default:
      return {};
  }
}
