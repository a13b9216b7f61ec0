import type { Database } from 'better-sqlite3';
import type { RewardSpec } from '../../../../shared/contract';
import { CHANNELS } from '../../../../shared/contract';
import { FEATURES_PER_ITEM } from '../../ranking';
import { policyFeatures, POLICY_FEATURES } from './policy-features';
import { RidgeAccumulator } from './ridge-fit';
import { boundedValue } from '../attribution/reward-value';

export interface PolicyTrainingOptions {
  readonly slot: string;
  readonly from: number;
  readonly to: number;
  readonly reward: RewardSpec;
  /** Examination probability by 1-based position (index 0 unused); positions without one are not learned from. */
  readonly examination: readonly (number | null)[];
  /** Ridge penalty on the channel coefficients. */
  readonly lambda: number;
  /** Lists read per chunk. */
  readonly chunk?: number;
}

export interface PolicyFit {
  coefficients: number[];
  lists: number;
  /** Shown items learned from (at positions with a known examination probability). */
  items: number;
  rewarded: number;
  meanReward: number;
}

interface ListRow {
  rowid: number;
  created_at: number;
  impression_id: string;
  purchase_intent: number;
  cold_start: number;
  shown: number;
  features: Buffer | null;
}

/** Fewer shown items than this (per coefficient) is too little to learn from. */
export const MIN_ITEMS = 50 * POLICY_FEATURES;

/** Examination probabilities below this are treated as this, so one rare click far down cannot dominate. */
const MIN_EXAMINATION = 0.05;

/**
 * Fits a ranking policy from logged lists and their rewards, correcting for position bias: a shown
 * item's expected reward is its position's examination probability times its attractiveness, and
 * attractiveness is linear in its policy features. Least squares on (theta_p x features, reward),
 * ridge-penalised, over every shown item at a position whose examination probability is known
 * (estimated from exploration). Reads the store in chunks; `onProgress` hears of each.
 */
export function fitPolicy(db: Database, o: PolicyTrainingOptions, onProgress: (done: number, total: number) => void = () => undefined): PolicyFit {
  const total = (db.prepare('SELECT count(*) AS n FROM impressions WHERE slot = ? AND created_at BETWEEN ? AND ? AND features IS NOT NULL').get(o.slot, o.from, o.to) as { n: number }).n;
  // Keyset pages in (created_at, rowid) order, so each page is a range of the created_at index (an OFFSET or a
  // rowid filter over a time range would make every page scan or sort what came before).
  const lists = db.prepare(`SELECT rowid, created_at, impression_id, purchase_intent, cold_start, json_array_length(items) AS shown, features FROM impressions
    WHERE slot = ? AND created_at <= ? AND (created_at > ? OR (created_at = ? AND rowid > ?)) AND created_at >= ? AND features IS NOT NULL
    ORDER BY created_at, rowid LIMIT ?`);
  const acc = new RidgeAccumulator(POLICY_FEATURES);
  const x = new Float64Array(POLICY_FEATURES);
  const chunk = o.chunk ?? 5000;
  let done = 0;
  let items = 0;
  let rewarded = 0;
  let rewardSum = 0;
  for (let at = { t: o.from - 1, rowid: 0 }; ; ) {
    const rows = lists.all(o.slot, o.to, at.t, at.t, at.rowid, o.from, chunk) as ListRow[];
    if (rows.length === 0) break;
    const last = rows.at(-1) as ListRow;
    at = { t: last.created_at, rowid: last.rowid };
    const rewards = rewardsOf(db, rows.map((r) => r.impression_id), o.reward);
    for (const row of rows) {
      const features = new Float32Array(row.features!.buffer, row.features!.byteOffset, row.features!.byteLength / 4);
      const shown = row.shown;
      const context = { slot: o.slot, purchaseIntent: row.purchase_intent, coldStart: row.cold_start === 1 };
      const got = rewards.get(row.impression_id);
      for (let p = 1; p <= shown; p++) {
        const theta = o.examination[p];
        if (theta === null || theta === undefined) continue;
        const t = Math.max(MIN_EXAMINATION, theta);
        policyFeatures(features.subarray((p - 1) * FEATURES_PER_ITEM, (p - 1) * FEATURES_PER_ITEM + CHANNELS.length), context, x);
        for (let j = 0; j < POLICY_FEATURES; j++) x[j] = (x[j] as number) * t;
        const y = got?.get(p) ?? 0;
        acc.add(x, y);
        items++;
        if (y !== 0) rewarded++;
        rewardSum += y;
      }
    }
    done += rows.length;
    onProgress(done, total);
  }
  if (items < MIN_ITEMS) throw new Error(`only ${items} shown items at positions with a known examination probability in slot ${o.slot}: too few to learn ${POLICY_FEATURES} coefficients (turn exploration on and let shoppers see more lists)`);
  if (rewarded === 0) throw new Error(`no rewarded item among the ${items} shown in slot ${o.slot}: nothing to learn from`);
  return { coefficients: acc.solve(o.lambda * items), lists: done, items, rewarded, meanReward: rewardSum / items };
}

/** Each list's reward by position: the reward spec applied to its attributed clicks, cart adds and purchases (each counted once per item). */
function rewardsOf(db: Database, impressionIds: readonly string[], spec: RewardSpec): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  if (impressionIds.length === 0) return out;
  const rows = db
    .prepare(`SELECT impression_id AS id, position, type, value, first_for_item AS first FROM rewards WHERE impression_id IN (${impressionIds.map(() => '?').join(',')}) AND position IS NOT NULL`)
    .all(...impressionIds) as { id: string; position: number; type: string; value: number; first: number }[];
  for (const r of rows) {
    const gain = spec.kind === 'revenue' ? boundedValue(r.value) : r.first !== 1 ? 0 : r.type === 'click' ? spec.click : r.type === 'add_to_cart' ? spec.cart : spec.purchase;
    if (gain === 0) continue;
    let byPosition = out.get(r.id);
    if (!byPosition) out.set(r.id, (byPosition = new Map()));
    byPosition.set(r.position, (byPosition.get(r.position) ?? 0) + gain);
  }
  return out;
}
