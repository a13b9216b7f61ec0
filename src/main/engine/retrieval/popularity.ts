/**
 * Popular (long half-life) and trending (short half-life) items, overall and per category node
 * for cold start, updated by each ingested event. Scores are decayed event weights as of the
 * newest event seen.
 */
import type { StoredEvent } from '../../../shared/contract';
import { categoryNodes } from './category-path';
import { type DecayedScore, DecayedCounts } from './decayed-counts';
import { DAY_MS, eventWeight, HOUR_MS } from './event-weights';

export interface PopularityOptions {
  popularHalfLifeMs: number;
  trendingHalfLifeMs: number;
  /** Length of the kept top lists: the most `popular`/`trending` can return. */
  topSize: number;
  categoryTopSize: number;
}

export const DEFAULT_POPULARITY: PopularityOptions = {
  popularHalfLifeMs: 7 * DAY_MS,
  trendingHalfLifeMs: 6 * HOUR_MS,
  topSize: 1000,
  categoryTopSize: 200,
};

/** Looks up an item's category path (undefined for an unknown item). */
export type CategoryLookup = (itemId: string) => string | null | undefined;

export class Popularity {
  private readonly options: PopularityOptions;
  private readonly popularCounts: DecayedCounts;
  private readonly trendingCounts: DecayedCounts;
  private readonly byCategory = new Map<string, DecayedCounts>();

  constructor(
    private readonly categoryOf: CategoryLookup,
    options: Partial<PopularityOptions> = {},
  ) {
    this.options = { ...DEFAULT_POPULARITY, ...options };
    this.popularCounts = new DecayedCounts(this.options.popularHalfLifeMs, this.options.topSize);
    this.trendingCounts = new DecayedCounts(this.options.trendingHalfLifeMs, this.options.topSize);
  }

  observe(event: Pick<StoredEvent, 'type' | 'itemId' | 'ts'>): void {
    const weight = eventWeight(event.type);
    if (weight <= 0 || event.itemId === null) return;
    this.popularCounts.add(event.itemId, weight, event.ts);
    this.trendingCounts.add(event.itemId, weight, event.ts);
    for (const node of categoryNodes(this.categoryOf(event.itemId))) {
      let counts = this.byCategory.get(node);
      if (counts === undefined) {
        counts = new DecayedCounts(this.options.popularHalfLifeMs, this.options.categoryTopSize);
        this.byCategory.set(node, counts);
      }
      counts.add(event.itemId, weight, event.ts);
    }
  }

  /** Most popular items, overall or within a category node (and everything below it). */
  popular(k: number, category?: string): DecayedScore[] {
    if (category === undefined) return this.popularCounts.top(k);
    return this.byCategory.get(categoryNodes(category).at(-1) ?? '')?.top(k) ?? [];
  }

  trending(k: number): DecayedScore[] {
    return this.trendingCounts.top(k);
  }

  popularityOf(itemId: string): number {
    return this.popularCounts.score(itemId);
  }

  clear(): void {
    this.popularCounts.clear();
    this.trendingCounts.clear();
    this.byCategory.clear();
  }
}
