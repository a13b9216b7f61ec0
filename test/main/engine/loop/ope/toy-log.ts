import { FEATURES_PER_ITEM } from '../../../../../src/main/engine/ranking';
import { seededRandom } from '../../../../../src/main/engine/ranking/intent/seeded-random';
import { OpeDatasetBuilder, type OpeDataset } from '../../../../../src/main/engine/loop/ope';

/**
 * A toy logged slot with an analytically known truth. Each list has a pool of `poolSize` items
 * whose features are drawn once per context seed: channel 0 ("text") carries the item's appeal,
 * channel 3 ("popularity") what the logging ranking sorts by. A shopper examines window slot k with
 * theta[k] and clicks an examined item with alpha = 0.05 + 0.4 x appeal; a click buys with
 * probability 0.3 at the item's price (channel 5 x 100). The logging policy is the engine's
 * exploration: with probability `rate` a uniformly random arrangement of the pool, else the pool's
 * first items in order (explore-window.ts).
 */
export interface ToyLogOptions {
  readonly lists: number;
  readonly poolSize: number;
  readonly theta: readonly number[];
  readonly rate: number;
  /** Seeds the contexts (pools and features): logs with the same contextSeed share their truth. */
  readonly contextSeed: number;
  /** Seeds the logging draws and the responses. */
  readonly seed: number;
  /** Reward at every window slot, overriding the clicks (for the self-normalisation check). */
  readonly constantClicks?: number;
}

export const BUY_PROBABILITY = 0.3;

export interface ToyItem {
  readonly appeal: number;
  readonly popularity: number;
  readonly price: number;
}

export function toyContexts(options: Pick<ToyLogOptions, 'lists' | 'poolSize' | 'contextSeed'>): ToyItem[][] {
  const random = seededRandom(options.contextSeed);
  return Array.from({ length: options.lists }, () => {
    const items = Array.from({ length: options.poolSize }, () => ({ appeal: random(), popularity: random(), price: 5 + Math.floor(random() * 20) }));
    // The pool is in the logging ranking's order (popularity, a little appeal).
    return items.sort((a, b) => b.popularity + 0.2 * b.appeal - (a.popularity + 0.2 * a.appeal));
  });
}

export const alphaOf = (item: ToyItem): number => 0.05 + 0.4 * item.appeal;

function features(item: ToyItem): number[] {
  const f = new Array<number>(FEATURES_PER_ITEM).fill(0);
  f[0] = item.appeal;
  f[3] = item.popularity;
  f[5] = item.price / 100;
  return f;
}

export function toyLog(options: ToyLogOptions, contexts: ToyItem[][] = toyContexts(options)): OpeDataset {
  const random = seededRandom(options.seed);
  const m = options.theta.length;
  const builder = new OpeDatasetBuilder('home');
  contexts.forEach((pool, i) => {
    const n = pool.length;
    const shuffled = random() < options.rate;
    const shown = Array.from({ length: n }, (_, j) => j);
    if (shuffled) {
      for (let k = 0; k < m; k++) {
        const j = k + Math.floor(random() * (n - k));
        [shown[k], shown[j]] = [shown[j] as number, shown[k] as number];
      }
    }
    const shownPool = shown.slice(0, m);
    const clicks: number[] = [];
    const purchases: number[] = [];
    const revenue: number[] = [];
    shownPool.forEach((j, k) => {
      const item = pool[j] as ToyItem;
      const click = options.constantClicks ?? (random() < (options.theta[k] as number) * alphaOf(item) ? 1 : 0);
      const bought = click > 0 && random() < BUY_PROBABILITY ? 1 : 0;
      clicks.push(click);
      purchases.push(bought);
      revenue.push(bought * item.price);
    });
    builder.add({
      impressionId: `toy-${i}`,
      createdAt: i,
      rate: options.rate,
      shuffled,
      purchaseIntent: 0.1,
      coldStart: false,
      pool: pool.map((_, j) => `i${i}-${j}`),
      poolCategories: pool.map(() => undefined),
      poolFeatures: Float32Array.from(pool.flatMap(features)),
      windowPositions: Array.from({ length: m }, (_, k) => k + 1),
      shownPool,
      clicks,
      carts: clicks,
      purchases,
      revenue,
    });
  });
  return builder.build();
}

/** The exact expected clicks, purchases and revenue per list of a target's window (pool indices per window slot). */
export function toyTruth(contexts: ToyItem[][], target: Int32Array, theta: readonly number[]): { clicks: number; purchases: number; revenue: number } {
  const m = theta.length;
  let clicks = 0;
  let purchases = 0;
  let revenue = 0;
  contexts.forEach((pool, i) => {
    for (let k = 0; k < m; k++) {
      const item = pool[target[i * m + k] as number] as ToyItem;
      const click = (theta[k] as number) * alphaOf(item);
      clicks += click;
      purchases += click * BUY_PROBABILITY;
      revenue += click * BUY_PROBABILITY * item.price;
    }
  });
  const n = contexts.length;
  return { clicks: clicks / n, purchases: purchases / n, revenue: revenue / n };
}
