/**
 * The generated store of `npm run bench -- finetune --100k` (issue 18): the demo catalogue
 * generator's items (titles, brands, category paths, prices: what the fine-tune job's attributes
 * read) and shoppers whose sessions have the structure a next-item model can learn and a
 * popularity list cannot: each shopper keeps to one or two favourite categories (chosen by the
 * categories' size), a session starts at a popular item of one and mostly walks "onwards" in
 * that category (the next few items of the category's fixed order: a path many shoppers share,
 * like a series or an outfit), sometimes jumps to another popular item of the category, rarely
 * to another category; views, re-views (which collapse), add-to-carts and purchases, seconds to
 * minutes apart, sessions days apart. Shoppers are generated and inserted a block at a time, so
 * the generator never holds the store's events (its own peak stays small).
 */
import type { Database } from 'better-sqlite3';
import { generateCatalog } from '../src/main/engine/demo';
import { Random } from '../src/main/engine/demo/random';
import { CatalogRepository, EventRepository } from '../src/main/engine/store';
import type { EventInput } from '../src/shared/contract';

export interface GeneratedStore {
  items: number;
  shoppers: number;
  events: number;
  categories: number;
  seconds: number;
}

/** Cumulative weights -> index by binary search (draws from large discrete distributions). */
function sampler(weights: readonly number[]): (u: number) => number {
  const cum = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => (cum[i] = s += w));
  return (u) => {
    const x = u * s;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function generateLargeStore(db: Database, options: { items: number; shoppers: number; seed: number; endTs: number; days: number; log?: (line: string) => void }): GeneratedStore {
  const started = performance.now();
  const catalog = generateCatalog({ seed: options.seed, count: options.items });
  const catalogue = new CatalogRepository(db);
  for (let i = 0; i < catalog.length; i += 5000) catalogue.upsertItems(catalog.slice(i, i + 5000));
  // Categories (leaf paths) in a fixed order of their items; popularity is Zipf-like within each.
  const byCategory = new Map<string, string[]>();
  for (const item of catalog) {
    const key = item.category ?? '';
    const list = byCategory.get(key);
    if (list) list.push(item.itemId);
    else byCategory.set(key, [item.itemId]);
  }
  const categories = [...byCategory.values()];
  const pickCategory = sampler(categories.map((c) => c.length));
  const rankPick = new Map<number, (u: number) => number>();
  const popularIn = (size: number): ((u: number) => number) => {
    let f = rankPick.get(size);
    if (f === undefined) {
      f = sampler(Array.from({ length: size }, (_, r) => 1 / (r + 1) ** 0.9));
      rankPick.set(size, f);
    }
    return f;
  };
  // Each category's popularity order is a seeded shuffle of its items (popular items sit anywhere on the walk).
  const orderRng = Random.stream(options.seed, 'popularity-order');
  const popularity = categories.map((c) => {
    const idx = Array.from(c.keys());
    for (let i = idx.length - 1; i > 0; i -= 1) {
      const j = orderRng.int(0, i);
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    return idx;
  });
  const events = new EventRepository(db);
  const startTs = options.endTs - options.days * 86_400_000;
  let total = 0;
  const block = 5000;
  for (let from = 1; from <= options.shoppers; from += block) {
    const batch: EventInput[] = [];
    for (let n = from; n < Math.min(options.shoppers + 1, from + block); n += 1) {
      const rng = Random.stream(options.seed, `shopper:${n}`);
      const shopperId = `S${String(n).padStart(7, '0')}`;
      const favourites = [pickCategory(rng.next())];
      if (rng.chance(0.4)) favourites.push(pickCategory(rng.next()));
      const sessions = 1 + rng.geometric(0.45);
      let ts = startTs + Math.floor(rng.next() * options.days * 0.7 * 86_400_000);
      for (let s = 0; s < sessions && ts < options.endTs; s += 1) {
        const c = favourites[rng.int(0, favourites.length - 1)]!;
        const items = categories[c]!;
        let at = popularity[c]![popularIn(items.length)(rng.next())]!;
        const steps = 2 + rng.geometric(0.25);
        for (let k = 0; k < steps && ts < options.endTs; k += 1) {
          const itemId = items[at]!;
          batch.push({ type: 'view', shopperId, itemId, ts });
          ts += 5_000 + Math.floor(rng.next() * 120_000);
          if (rng.chance(0.15)) {
            batch.push({ type: 'click', shopperId, itemId, ts });
            ts += 2_000 + Math.floor(rng.next() * 30_000);
          }
          if (rng.chance(0.08)) {
            batch.push({ type: 'add_to_cart', shopperId, itemId, ts });
            ts += 3_000 + Math.floor(rng.next() * 60_000);
            if (rng.chance(0.4)) {
              batch.push({ type: 'purchase', shopperId, itemId, ts });
              ts += 10_000 + Math.floor(rng.next() * 60_000);
            }
          }
          const u = rng.next();
          if (u < 0.65) at = (at + 1 + rng.geometric(0.6)) % items.length;
          else if (u < 0.9) at = popularity[c]![popularIn(items.length)(rng.next())]!;
          else {
            const other = pickCategory(rng.next());
            at = popularity[other]![popularIn(categories[other]!.length)(rng.next())]!;
            // A jump ends the walk in this category: the rest of the session is in the other one.
            const jumped = categories[other]!;
            batch.push({ type: 'view', shopperId, itemId: jumped[at]!, ts });
            ts += 5_000 + Math.floor(rng.next() * 120_000);
            break;
          }
        }
        ts += Math.floor((0.5 + rng.next() * 6) * 86_400_000);
      }
    }
    events.insertEvents(batch, { rejectWholeBatch: true, history: true });
    total += batch.length;
    if ((from - 1) % 50_000 === 0) options.log?.(`generated ${Math.min(options.shoppers, from + block - 1)} shoppers, ${total} events`);
  }
  return { items: catalog.length, shoppers: options.shoppers, events: total, categories: categories.length, seconds: (performance.now() - started) / 1000 };
}
