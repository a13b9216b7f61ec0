import type { RewardSpec } from '../../../../shared/contract';
import type { OpeDataset } from './ope-dataset';

/** The outcomes a list's window slot records; a reward spec weighs them, the business figures read one each. */
export type OutcomeName = 'clicks' | 'carts' | 'purchases' | 'revenue';

/** One outcome per window slot. */
export function outcomePerSlot(d: OpeDataset, outcome: OutcomeName): Float64Array {
  return Float64Array.from(d[outcome]);
}

/**
 * The reward each window slot earned under a reward spec: click x clicks + cart x cart adds +
 * purchase x purchases (each counted once per item and list), or the revenue of its purchases.
 */
export function rewardPerSlot(d: OpeDataset, reward: RewardSpec): Float64Array {
  if (reward.kind === 'revenue') return Float64Array.from(d.revenue);
  const out = new Float64Array(d.clicks.length);
  for (let s = 0; s < out.length; s++) out[s] = reward.click * (d.clicks[s] as number) + reward.cart * (d.carts[s] as number) + reward.purchase * (d.purchases[s] as number);
  return out;
}
