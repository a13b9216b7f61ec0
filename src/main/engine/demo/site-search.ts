import type { Random } from './random';
import type { Shelf } from './shop-floor';
import type { ShopperIntent } from './shopper-intent';

/** A query a shopper typed, and the words the simulated site matches it by. */
export interface ShopperQuery {
  readonly text: string;
  /** The product word(s) every result title must contain. */
  readonly noun: string;
  readonly adjective: string | undefined;
  readonly brand: string | undefined;
}

/** Most results a simulated search shows (each becomes an impression). */
export const RESULTS_PER_PAGE = 8;
/** How many matching items the simulated site ranks per query. */
const RANKED_POOL = 30;

/**
 * A query shaped like real ones: "headphones", "wireless headphones",
 * "voltiq noise-cancelling over-ear headphones"; built from the category's own nouns
 * and adjectives, with a favourite brand when the shopper is brand-loyal.
 */
export function composeQuery(rng: Random, shelf: Shelf, intent: ShopperIntent): ShopperQuery {
  const fullNoun = rng.pick(shelf.queryNouns);
  const noun = rng.chance(0.3) ? (fullNoun.split(' ').pop() ?? fullNoun) : fullNoun;
  const nounWords = new Set(noun.split(' '));
  const adjectives = shelf.queryAdjectives.filter((a) => !a.split(' ').some((w) => nounWords.has(w)));
  const adjective = adjectives.length > 0 && rng.chance(0.45) ? rng.pick(adjectives) : undefined;
  const loyalBrands = shelf.brands.filter((b) => intent.favouriteBrands.has(b));
  const brand = loyalBrands.length > 0 && rng.chance(0.35 * intent.brandAffinity) ? rng.pick(loyalBrands) : undefined;
  const words = [brand?.toLowerCase(), adjective, noun].filter((w): w is string => w !== undefined);
  return { text: words.join(' '), noun, adjective, brand };
}

/**
 * The simulated site's result page: items on the shelf whose title contains the query's noun,
 * ranked by popularity and by matching the query's adjective and brand (not personalised: the
 * simulated site knows nothing of the shopper). Returns item indexes, best first.
 */
export function searchShelf(rng: Random, shelf: Shelf, query: ShopperQuery): number[] {
  const matching: number[] = [];
  for (let i = 0; i < shelf.searchableTitles.length; i++) {
    if ((shelf.searchableTitles[i] as string).includes(query.noun)) matching.push(i);
  }
  const pool = rng.sample(matching.length > 0 ? matching : shelf.items.map((_, i) => i), RANKED_POOL);
  const adjective = query.adjective;
  const score = (index: number): number => {
    const item = shelf.items[index];
    let s = shelf.popularity[index] ?? 1;
    if (adjective !== undefined && shelf.searchableTitles[index]?.includes(adjective) === true) s *= 3;
    if (query.brand !== undefined && item?.brand === query.brand) s *= 6;
    return s;
  };
  const scores = new Map(pool.map((i) => [i, score(i)]));
  return pool.sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0) || a - b).slice(0, RESULTS_PER_PAGE);
}
