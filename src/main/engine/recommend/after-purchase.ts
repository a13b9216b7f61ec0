import type { Rule } from '../../../shared/contract';
import type { RecentEvent } from '../sessions/live-sessions';
import type { ItemCache } from './item-cache';

/**
 * How a recommendation list treats substitutes of something the shopper just bought: items in the
 * bought item's category (its leaf, "Cycling > Helmets", and below) are left out for `days` after the
 * purchase. A filter, not a bury: it does not depend on the weights, so a replay or an off-policy
 * estimate under other weights leaves out the very same items (a bury's effect is a share of the
 * list's score range, which other weights change). Complements are not affected: what shoppers view
 * after buying the item reaches the list through co-visitation as before. `days: 0` (the default)
 * turns it off: docs/RECOMMENDATION.md says why it is not on by default yet.
 */
export interface AfterPurchaseSettings {
  readonly days: number;
}

export const AFTER_PURCHASE_DEFAULTS: AfterPurchaseSettings = { days: 0 };

/** The window the loop bench measures (and a starting point for a shop that turns the policy on). */
export const AFTER_PURCHASE_SUGGESTED_DAYS = 7;

/** The id of every rule this makes: the console and the roll-ups show it like a rule (one row for the policy, not one per item). */
export const AFTER_PURCHASE_RULE = 'after-purchase';

const DAY_MS = 86_400_000;

/**
 * The shopper's own filter rules for one list: one per category bought from within the window,
 * active for this slot. Purchases of items the catalogue does not know, or that have no category,
 * leave nothing out. A purchase stamped a little ahead of the clock (skew ingest accepts) counts as just now.
 */
export function afterPurchaseRules(events: readonly RecentEvent[], now: number, slot: string, items: Pick<ItemCache, 'get'>, settings: AfterPurchaseSettings = AFTER_PURCHASE_DEFAULTS): Rule[] {
  if (!(settings.days > 0)) return [];
  const windowMs = settings.days * DAY_MS;
  const newest = new Map<string, { title: string; ts: number }>();
  for (const e of events) {
    if (e.type !== 'purchase' || e.itemId === null || now - e.ts >= windowMs) continue;
    const item = items.get(e.itemId);
    if (!item?.category) continue;
    const seen = newest.get(item.category);
    if (!seen || e.ts > seen.ts) newest.set(item.category, { title: item.title, ts: e.ts });
  }
  return [...newest].map(([category, bought]) => {
    const days = Math.floor(Math.max(0, now - bought.ts) / DAY_MS);
    return {
      ruleId: AFTER_PURCHASE_RULE,
      kind: 'filter',
      target: { type: 'category', category },
      strength: 0,
      slot,
      startsAt: null,
      endsAt: null,
      enabled: true,
      note: `substitute of "${bought.title}", bought ${days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`}`,
      createdAt: bought.ts,
      updatedAt: bought.ts,
    };
  });
}
