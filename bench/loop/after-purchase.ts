/**
 * What leaving out substitutes of a recent purchase (recommend/after-purchase.ts) does to simulated
 * shoppers: the same seeded sessions (the simulator's batch runner, through the contract) on two
 * copies of the simulated shop of `bench -- policy`, one with the policy off and one with the
 * defaults, under two truths of the simulator: the plain one (tastes do not change, so a shopper
 * who bought a helmet buys another as readily) and one with satiation (after buying from a shelf,
 * P(purchase | cart) there x `factor` for 7 days: the assumption the policy is built on). Each
 * seed's sessions are the same draws on both sides; the figures are purchases and revenue on / off
 * per seed, with their mean and standard deviation over seeds.
 */
import type { BenchFigures } from '../main';
import { runSessions, type Satiation } from '../../src/main/simulator';
import { shopTemplate } from '../policy';
import { SimulatedShop } from '../policy/simulated-log';
import { round } from '../bench-util';
import { AFTER_PURCHASE_SUGGESTED_DAYS } from '../../src/main/engine/recommend/after-purchase';

const RATE_PER_MINUTE = 60;

interface Side {
  purchases: number;
  revenue: number;
  lists: number;
}

async function run(template: string, afterPurchase: boolean, satiation: Satiation | undefined, seed: number, sessions: number, shoppers: number, startTs: number): Promise<Side> {
  const shop = await SimulatedShop.open(template, { shoppers, engine: { afterPurchase: { days: afterPurchase ? AFTER_PURCHASE_SUGGESTED_DAYS : 0 } }, ...(satiation ? { satiation } : {}) });
  try {
    const report = await runSessions(shop.client, shop.truth, sessions, { seed, startTs, ratePerMinute: RATE_PER_MINUTE });
    return { purchases: report.counters.purchases, revenue: report.counters.revenue, lists: report.counters.lists };
  } finally {
    await shop.close();
  }
}

function meanSd(xs: readonly number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, sd };
}

export async function afterPurchaseEffect(seeds: number, sessions: number, shoppers: number, factor: number): Promise<BenchFigures> {
  const template = await shopTemplate();
  const figures: BenchFigures = { after_purchase_sessions_per_side: sessions, after_purchase_seeds: seeds, after_purchase_shoppers: shoppers, after_purchase_satiation_factor: factor };
  for (const [name, satiation] of [['plain', undefined], ['satiation', { days: AFTER_PURCHASE_SUGGESTED_DAYS, factor }]] as const) {
    const purchaseRatios: number[] = [];
    const revenueRatios: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      // Simulated time ends about now, as live traffic would (the engine's clock is the real one).
      const startTs = Date.now() - (sessions / RATE_PER_MINUTE) * 60_000;
      const off = await run(template, false, satiation, seed, sessions, shoppers, startTs);
      const on = await run(template, true, satiation, seed, sessions, shoppers, startTs);
      process.stderr.write(`after-purchase ${name} seed ${seed}: purchases ${off.purchases} -> ${on.purchases}, revenue ${round(off.revenue, 0)} -> ${round(on.revenue, 0)}, lists ${off.lists} / ${on.lists}\n`);
      purchaseRatios.push(on.purchases / Math.max(1, off.purchases));
      revenueRatios.push(on.revenue / Math.max(1e-9, off.revenue));
    }
    const p = meanSd(purchaseRatios);
    const r = meanSd(revenueRatios);
    figures[`after_purchase_purchases_ratio_${name}`] = round(p.mean);
    figures[`after_purchase_purchases_ratio_${name}_sd`] = round(p.sd);
    figures[`after_purchase_revenue_ratio_${name}`] = round(r.mean);
    figures[`after_purchase_revenue_ratio_${name}_sd`] = round(r.sd);
  }
  return figures;
}
