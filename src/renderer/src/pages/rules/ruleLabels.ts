import type { Rule, RuleSchedule, RuleTarget } from '../../transport/contract';
import { formatDateTime, formatDecimal } from '../../i18n/format';
import { t } from '../../i18n/translate';

export function targetLabel(target: RuleTarget): string {
  switch (target.type) {
    case 'item':
      return t('rules.target.item', { id: target.itemId });
    case 'brand':
      return t('rules.target.brand', { brand: target.brand });
    case 'category':
      return t('rules.target.category', { category: target.category });
    case 'attribute':
      return t('rules.target.attribute', { name: target.name, value: String(target.value) });
    case 'outOfStock':
      return t('rules.target.outOfStock');
    case 'all':
      return t('rules.target.all');
    case 'collection':
      return t('rules.target.collection', { collection: target.collection });
  }
}

/** The rule's query condition, category scope, segment and collection in words, '' when it has none. */
export function conditionLabel(rule: Pick<Rule, 'query' | 'category' | 'segment' | 'collection'>): string {
  const parts: string[] = [];
  if (rule.query) parts.push(t('rules.condition.query', { match: t(`rules.match.${rule.query.match}`), text: rule.query.text }));
  if (rule.category) parts.push(t('rules.condition.category', { category: rule.category }));
  if (rule.segment) parts.push(t('rules.condition.segment', { segment: rule.segment }));
  if (rule.collection) parts.push(t('rules.condition.collection', { collection: rule.collection }));
  return parts.join(' · ');
}

export function effectLabel(rule: Rule): string {
  if (rule.kind === 'pin') return t('rules.effect.position', { position: rule.position ?? 1 });
  if (rule.kind === 'filter') return t('common.none');
  if (rule.kind === 'redirect') return t('rules.effect.redirect', { url: rule.url ?? '' });
  return t('rules.effect.strength', { strength: formatDecimal(rule.strength, 2) });
}

export function scheduleLabel(rule: Pick<Rule, 'startsAt' | 'endsAt'>): string {
  const { startsAt, endsAt } = rule;
  if (startsAt === null && endsAt === null) return t('rules.schedule.always');
  if (endsAt === null) return t('rules.schedule.from', { start: formatDateTime(startsAt!) });
  if (startsAt === null) return t('rules.schedule.until', { end: formatDateTime(endsAt) });
  return t('rules.schedule.range', { start: formatDateTime(startsAt), end: formatDateTime(endsAt) });
}

export function slotLabel(slot: string): string {
  return slot === '*' ? t('rules.slot.all') : slot;
}

/** A collection as a picker shows it: `Summer sale (summer-sale)`; the handle alone when it is not known. */
export function collectionLabel(collectionId: string, known: readonly { collectionId: string; name: string }[]): string {
  const name = known.find((c) => c.collectionId === collectionId)?.name;
  return name ? `${name} (${collectionId})` : collectionId;
}

export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
/** A weekday's short name in the user's language, 0 = Sunday. */
export const weekdayName = (day: number): string => new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 0, 4 + day)));

/** A schedule's zone and weekly windows in words: `Europe/Berlin · Mon, Fri 09:00–17:00 · Sat 10:00–14:00`. */
export function windowsLabel(schedule: RuleSchedule): string {
  return [schedule.timeZone, ...schedule.windows.map((w) => `${w.days.map(weekdayName).join(', ')} ${w.from}–${w.to}`)].join(' · ');
}
