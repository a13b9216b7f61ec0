/**
 * One-off: what a search sorted by price or catalogue time costs against the same search by
 * relevance, on a store's catalogue (sorted searches read every keyword-matched item's key), and the
 * first prices each sorted search shows. Rounds interleave the three orders; medians of 15.
 * npx tsx bench/search/sorted-searches.ts <copy of the bench store>
 */
import { performance } from 'node:perf_hooks';
import { Engine } from '../../src/main/engine/engine';
import type { SearchSort } from '../../src/shared/contract';
import { median } from '../bench-util';

const QUERIES = ['with', 'black', 'white', 'desk', 'running shoe', 'lamp', 'laptop stand'];
const ORDERS: SearchSort[] = ['relevance', 'priceAsc', 'newest'];

async function main(): Promise<void> {
  const engine = new Engine({ dataDir: process.argv[2]!, host: 'bench', servingWorkers: 0 });
  await engine.start({ embedMissing: false });
  try {
    for (const query of QUERIES) for (const sort of ORDERS) await engine.dispatcher.call('search', { query, k: 20, sort });
    const out: Record<string, unknown> = {};
    for (const query of QUERIES) {
      const ms: Record<string, number[]> = Object.fromEntries(ORDERS.map((o) => [o, []]));
      let cheapest = '';
      let matched = 0;
      for (let round = 0; round < 15; round++) {
        for (const sort of ORDERS) {
          const t = performance.now();
          const result = await engine.dispatcher.call('search', { query, k: 20, sort });
          ms[sort]!.push(performance.now() - t);
          if (sort === 'priceAsc') {
            cheapest = result.items.slice(0, 5).map((i) => i.price).join(', ');
            matched = result.facets?.matched ?? 0;
          }
        }
      }
      out[query] = { matched, ...Object.fromEntries(ORDERS.map((o) => [`${o}_ms`, Number(median(ms[o]!).toFixed(2))])), first_prices_low_to_high: cheapest };
    }
    console.log(JSON.stringify(out, null, 1));
  } finally {
    await engine.close();
  }
}
void main();
