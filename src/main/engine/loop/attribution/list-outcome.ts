/** What a list has earned so far: which items were clicked, carted and bought, and its revenue. */
export interface ListOutcome {
  readonly click: Set<string>;
  readonly add_to_cart: Set<string>;
  readonly purchase: Set<string>;
  revenue: number;
}

export type RewardType = 'click' | 'add_to_cart' | 'purchase';

export function emptyOutcome(): ListOutcome {
  return { click: new Set(), add_to_cart: new Set(), purchase: new Set(), revenue: 0 };
}

/** How a new reward counts against what the list had: the first of its type for the item and for the list. */
export interface RewardNovelty {
  readonly firstForItem: boolean;
  readonly firstForList: boolean;
  readonly listValueBefore: number;
}

/** Records a reward on the outcome and says how it counts. */
export function recordReward(outcome: ListOutcome, type: RewardType, itemId: string, value: number): RewardNovelty {
  const seen = outcome[type];
  const novelty = { firstForItem: !seen.has(itemId), firstForList: seen.size === 0, listValueBefore: outcome.revenue };
  seen.add(itemId);
  outcome.revenue += value;
  return novelty;
}
