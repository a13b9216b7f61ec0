/**
 * Past queries for the type-ahead bench: `n` distinct queries of 1–3 catalogue title words (seeded),
 * each clicked by 1 or more shoppers (mean about 2.5: many below the distinct-shopper threshold, as
 * in a real log), 1–2 clicks each, some cart adds and purchases, spread over the last 90 days. They
 * enter the engine's suggestion index through `QuerySuggestions.observe`, the path the loop's
 * committed rewards take (the store is not written: the bench store stays as other benches expect it).
 */
import { seededRandom } from '../../src/main/engine/datasets/seeded-random';
import type { QuerySuggestions, SuggestionReward } from '../../src/main/engine/retrieval/query-suggestions/query-suggestions';

const DAY_MS = 86_400_000;

export function pastQueries(titles: readonly (readonly string[])[], n: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const usable = titles.filter((t) => t.length > 0);
  const out = new Set<string>();
  for (let tries = 0; out.size < n && tries < n * 50; tries++) {
    const title = pick(usable);
    const start = Math.floor(random() * title.length);
    const len = 1 + Math.floor(random() * 3);
    const words = title.slice(start, start + len);
    // Half also take a word of another title (queries mix words the titles do not hold together).
    if (random() < 0.5) words.push(pick(pick(usable)));
    out.add(words.join(' '));
  }
  return [...out];
}

/** Adds the queries' rewards to `suggestions`; returns how many rewards were added. */
export function fillPastQueries(suggestions: QuerySuggestions, queries: readonly string[], opts: { seed: number; shoppers: number; now: number }): number {
  const random = seededRandom(opts.seed);
  const batch: SuggestionReward[] = [];
  let added = 0;
  const flush = (): void => {
    suggestions.observe(batch);
    added += batch.length;
    batch.length = 0;
  };
  for (const query of queries) {
    const clickers = 1 + Math.floor(-Math.log(1 - random()) * 1.5);
    for (let c = 0; c < clickers; c++) {
      const list = { slot: 'search', query, shopperId: `bench-shopper-${Math.floor(random() * opts.shoppers)}`, sessionId: null };
      const clicks = 1 + (random() < 0.3 ? 1 : 0);
      for (let k = 0; k < clicks; k++) {
        const ts = opts.now - Math.floor(random() * 90 * DAY_MS);
        batch.push({ reward: { type: 'click', ts, firstForItem: true, impressionId: 'bench' }, list });
        if (random() < 0.1) batch.push({ reward: { type: 'add_to_cart', ts, firstForItem: true, impressionId: 'bench' }, list });
        if (random() < 0.03) batch.push({ reward: { type: 'purchase', ts, firstForItem: true, impressionId: 'bench' }, list });
      }
    }
    if (batch.length >= 1000) flush();
  }
  flush();
  return added;
}
