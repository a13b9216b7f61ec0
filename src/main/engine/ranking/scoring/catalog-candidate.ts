import type { StoredItem } from '../../../../shared/contract/catalog';
import { CHANNELS, type ChannelScores } from '../../../../shared/contract/recommendations';
import type { RankingCandidate } from './candidate';

/** A catalogue item as a candidate with no channel evidence (all scores 0); pins bring items in this way. */
export function catalogCandidate(item: StoredItem, sources: readonly string[] = ['pin']): RankingCandidate {
  return {
    itemId: item.itemId,
    title: item.title,
    ...(item.brand !== undefined ? { brand: item.brand } : {}),
    ...(item.category !== undefined ? { category: item.category } : {}),
    ...(item.price !== undefined ? { price: item.price } : {}),
    ...(item.attributes !== undefined ? { attributes: item.attributes } : {}),
    inStock: item.inStock,
    updatedAt: item.updatedAt,
    sources,
    scores: Object.fromEntries(CHANNELS.map((c) => [c, 0])) as ChannelScores,
  };
}
