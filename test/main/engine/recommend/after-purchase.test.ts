import { describe, expect, it } from 'vitest';
import { AFTER_PURCHASE_RULE, afterPurchaseRules } from '../../../../src/main/engine/recommend/after-purchase';
import type { RecentEvent } from '../../../../src/main/engine/sessions/live-sessions';
import type { StoredItem } from '../../../../src/shared/contract';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20);
const items = new Map<string, Pick<StoredItem, 'itemId' | 'title' | 'category'>>([
  ['helmet-1', { itemId: 'helmet-1', title: 'Road helmet', category: 'Cycling > Helmets' }],
  ['helmet-2', { itemId: 'helmet-2', title: 'Trail helmet', category: 'Cycling > Helmets' }],
  ['light-1', { itemId: 'light-1', title: 'Front light', category: 'Cycling > Lights' }],
  ['mystery', { itemId: 'mystery', title: 'No category' }],
]);
const catalogue = { get: (id: string) => items.get(id) as StoredItem | undefined };

function event(type: string, itemId: string, daysAgo: number): RecentEvent {
  return { type, itemId, query: null, price: 10, ts: NOW - daysAgo * DAY, sessionId: 's' };
}

describe('afterPurchaseRules', () => {
  it('leaves out the category of each purchase within the window, one rule per category named after the newest purchase', () => {
    const rules = afterPurchaseRules([event('purchase', 'helmet-1', 5), event('purchase', 'helmet-2', 2), event('view', 'light-1', 0), event('purchase', 'light-1', 0)], NOW, 'home', catalogue, { days: 7 });
    expect(rules.map((r) => [r.ruleId, r.kind, r.target, r.slot, r.enabled])).toEqual([
      [AFTER_PURCHASE_RULE, 'filter', { type: 'category', category: 'Cycling > Helmets' }, 'home', true],
      [AFTER_PURCHASE_RULE, 'filter', { type: 'category', category: 'Cycling > Lights' }, 'home', true],
    ]);
    expect(rules[0]!.note).toBe('substitute of "Trail helmet", bought 2 days ago');
    expect(rules[1]!.note).toContain('today');
  });

  it('ignores views and cart adds, purchases as old as the window, and items without a known category', () => {
    const events = [event('view', 'helmet-1', 1), event('add_to_cart', 'helmet-1', 1), event('purchase', 'helmet-2', 7), event('purchase', 'mystery', 1), event('purchase', 'unknown', 1)];
    expect(afterPurchaseRules(events, NOW, 'home', catalogue, { days: 7 })).toEqual([]);
    expect(afterPurchaseRules([event('purchase', 'helmet-2', 6.9)], NOW, 'home', catalogue, { days: 7 })).toHaveLength(1);
  });

  it('counts a purchase stamped ahead of the clock (accepted skew) as just now', () => {
    const [rule] = afterPurchaseRules([event('purchase', 'light-1', -0.5)], NOW, 'home', catalogue, { days: 7 });
    expect(rule!.note).toContain('today');
  });

  it('is off with days 0, the default', () => {
    expect(afterPurchaseRules([event('purchase', 'helmet-1', 1)], NOW, 'home', catalogue, { days: 0 })).toEqual([]);
    expect(afterPurchaseRules([event('purchase', 'helmet-1', 1)], NOW, 'home', catalogue)).toEqual([]);
  });
});
